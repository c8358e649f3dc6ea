/**
 * Validation, normalization and display of custom-field values. Limits follow the storage (design.md §4):
 * values are MAPI named properties written through Graph, read back by every Outlook client.
 */
import { dayKeyToNumber, formatDayKey, isDayKey, localDateKey, startOfLocalDay } from "./dates";
import { FieldValueError, type FieldValueErrorCode, type ErrorParams } from "./errors";
import { choiceLabel } from "./schema";
import type { FieldDefinition, FieldValue, Locale } from "./types";

/**
 * Outlook text fields and category names hold < 256 characters (graph-reference.md §10: PidNameKeywords
 * "each value < 256 chars" [S37]; §3: String extension values max 256). One limit for text and keywords
 * keeps values identical in classic Outlook's column and in the categories mirror.
 */
export const MAX_TEXT_LENGTH = 255;
export const MAX_KEYWORD_LENGTH = 255;
/** A multi-value property is one MAPI value read and written whole; 50 entries keeps it a tag list. */
export const MAX_KEYWORDS = 50;
/** FILETIME (SystemTime) starts at 1601-01-01; Outlook's date pickers stop at 9999-12-31 (4501-01-01 = "None"). */
export const MIN_DATE_MS = Date.UTC(1601, 0, 1);
export const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Text may hold tab and newline (multi-line notes); every other C0/C1 control and DEL is refused, because
// it would break CSV, HTML and Outlook's single-line cells. Lone surrogates are refused (not valid UTF-16 text).
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const KEYWORD_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type ValueResult = { ok: true; value: FieldValue } | { ok: false; code: FieldValueErrorCode; params: ErrorParams };

export interface NormalizeOptions {
  /** Zone in which a date-only input "YYYY-MM-DD" means local midnight. Default "UTC". */
  timeZone?: string;
}

const fail = (code: FieldValueErrorCode, params: ErrorParams = {}): ValueResult => ({ ok: false, code, params });

/**
 * Checks and normalizes a value for a field. `null`, `undefined`, "" and [] mean empty (→ null).
 * Text is trimmed and NFC-normalized; numbers may come as strings; dates become ISO UTC instants.
 */
export function normalizeFieldValue(field: FieldDefinition, input: unknown, opts: NormalizeOptions = {}): ValueResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  const params = { field: field.propertyName };
  switch (field.kind) {
    case "text": {
      if (typeof input !== "string") return fail("wrongType", { ...params, expected: "text" });
      const t = input.replace(/\r\n?/g, "\n").trim().normalize("NFC");
      if (t === "") return { ok: true, value: null };
      if (TEXT_FORBIDDEN.test(t)) return fail("textControlChars", params);
      if (t.length > MAX_TEXT_LENGTH) return fail("textTooLong", { ...params, max: MAX_TEXT_LENGTH, length: t.length });
      return { ok: true, value: t };
    }
    case "number": {
      let n: number;
      if (typeof input === "number") n = input;
      else if (typeof input === "string") {
        const t = input.trim().normalize("NFKC");
        if (t === "") return { ok: true, value: null };
        if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return fail("notANumber", params);
        n = Number(t);
      } else return fail("wrongType", { ...params, expected: "number" });
      if (Number.isNaN(n)) return fail("notANumber", params);
      // Double (PT_DOUBLE) holds every finite JS number; ±Infinity has no JSON or Graph form.
      if (!Number.isFinite(n)) return fail("numberOutOfRange", params);
      return { ok: true, value: Object.is(n, -0) ? 0 : n };
    }
    case "yesno": {
      if (typeof input === "boolean") return { ok: true, value: input };
      if (input === "true") return { ok: true, value: true };
      if (input === "false") return { ok: true, value: false };
      if (input === "") return { ok: true, value: null };
      return fail("notABoolean", params);
    }
    case "date": {
      let ms: number;
      if (input instanceof Date) ms = input.getTime();
      else if (typeof input === "string") {
        const t = input.trim();
        if (t === "") return { ok: true, value: null };
        if (isDayKey(t)) {
          try {
            dayKeyToNumber(t);
          } catch {
            return fail("dateInvalid", params);
          }
          const y = Number(t.slice(0, 4));
          if (y < 1601 || y > 9999) return fail("dateOutOfRange", { ...params, min: "1601-01-01", max: "9999-12-31" });
          ms = startOfLocalDay(t, opts.timeZone ?? "UTC").getTime();
        } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
          ms = Date.parse(t.replace(/(\.\d{3})\d+/, "$1"));
        } else return fail("dateInvalid", params);
      } else return fail("wrongType", { ...params, expected: "date" });
      if (!Number.isFinite(ms)) return fail("dateInvalid", params);
      if (ms < MIN_DATE_MS || ms > MAX_DATE_MS) return fail("dateOutOfRange", { ...params, min: "1601-01-01", max: "9999-12-31" });
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case "keywords": {
      const items = typeof input === "string" ? splitKeywords(input) : input;
      if (!Array.isArray(items)) return fail("wrongType", { ...params, expected: "keywords" });
      const out: string[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        if (typeof item !== "string") return fail("wrongType", { ...params, expected: "keywords" });
        const k = item.trim().normalize("NFC");
        if (k === "") continue;
        if (KEYWORD_FORBIDDEN.test(k)) return fail("keywordControlChars", params);
        if (k.length > MAX_KEYWORD_LENGTH) return fail("keywordTooLong", { ...params, max: MAX_KEYWORD_LENGTH, length: k.length });
        const fold = keywordKey(k);
        if (seen.has(fold)) continue;
        seen.add(fold);
        out.push(k);
      }
      if (out.length > MAX_KEYWORDS) return fail("tooManyKeywords", { ...params, max: MAX_KEYWORDS, count: out.length });
      return { ok: true, value: out.length === 0 ? null : out };
    }
    case "choice": {
      if (typeof input !== "string") return fail("wrongType", { ...params, expected: "choice" });
      if (input === "") return { ok: true, value: null };
      if (!field.choices?.some((c) => c.value === input)) return fail("notAChoice", { ...params, value: input });
      return { ok: true, value: input };
    }
  }
}

/** Like normalizeFieldValue but throws FieldValueError. */
export function assertFieldValue(field: FieldDefinition, input: unknown, opts?: NormalizeOptions): FieldValue {
  const r = normalizeFieldValue(field, input, opts);
  if (!r.ok) throw new FieldValueError(r.code, r.params);
  return r.value;
}

/**
 * What a person types into a keywords box, split on commas only — ASCII "," and full-width "，" — because that is
 * what the boxes' hints say ("Separate values with commas" / "多个值用逗号分隔"): "A; B" or "产品A、产品B" stays
 * one value, as written.
 */
export function splitKeywordInput(text: string): string[] {
  return text.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== "");
}

/** Splits imported keyword text (CSV cells) on ; , ； ， 、 and newlines, the separators found in exported lists. */
export function splitKeywords(text: string): string[] {
  return text.split(/[;,；，、\n]/).map((s) => s.trim()).filter((s) => s !== "");
}

/** Keywords match case-insensitively and width-insensitively (Ａ = A), as Outlook categories do. */
export function keywordKey(k: string): string {
  return k.normalize("NFKC").toLowerCase();
}

export function isEmptyValue(v: FieldValue | undefined): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

export function valuesEqual(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

export interface FormatOptions {
  locale: Locale;
  timeZone: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Display text for a value, per locale; empty → "". Unknown choice values show as themselves. */
export function formatFieldValue(field: FieldDefinition, value: FieldValue | undefined, { locale, timeZone }: FormatOptions): string {
  if (isEmptyValue(value) || value === undefined || value === null) return "";
  switch (field.kind) {
    case "yesno":
      return value === true ? (locale === "zh-CN" ? "是" : "Yes") : value === false ? (locale === "zh-CN" ? "否" : "No") : String(value);
    case "number": {
      if (typeof value !== "number") return String(value);
      let f = numberFormats.get(locale);
      if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 })));
      return f.format(value);
    }
    case "date": {
      const ms = typeof value === "string" ? Date.parse(value) : NaN;
      if (!Number.isFinite(ms)) return String(value);
      return formatDayKey(localDateKey(ms, timeZone), locale);
    }
    case "keywords":
      return Array.isArray(value) ? value.join(locale === "zh-CN" ? "、" : "; ") : String(value);
    case "choice":
      return typeof value === "string" ? choiceLabel(field, value, locale) : String(value);
    case "text":
      return String(value);
  }
}
