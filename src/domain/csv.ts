/**
 * CSV export of the current view and import of Outlook's contact CSV export (papaparse does the quoting).
 *
 * Export: UTF-8 with a BOM so that Excel opens Chinese text correctly (design.md §2 Manager view); labels in
 * the chosen locale as headers; keywords joined with "; "; dates as local YYYY-MM-DD.
 * Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or tab / carriage return)
 * is prefixed with a single quote so Excel and LibreOffice show it as text instead of evaluating it.
 * Number fields are exempt — a finite number such as -5 is data, not a formula.
 */
import Papa from "papaparse";
import { createLocalDayFn, dayNumberToKey } from "./dates";
import { formatFieldValue, MAX_TEXT_LENGTH, normalizeFieldValue, splitKeywords } from "./fieldValues";
import type { FieldValueErrorCode } from "./errors";
import { getField, visibleFields } from "./schema";
import { createCsvRowStream } from "./csvStream";
import { isValidEmail, normalizeAddress, splitPersonName } from "./threadParticipants";
import type { Contact, FieldSchema, FieldValues, Locale, PostalAddress } from "./types";
import type { BuiltinColumn, ColumnRef } from "./contactQuery";

export const UTF8_BOM = "\uFEFF";

export const BUILTIN_LABELS: Record<BuiltinColumn, Record<Locale, string>> = {
  displayName: { "zh-CN": "姓名", "en-US": "Name" },
  givenName: { "zh-CN": "名", "en-US": "First Name" },
  surname: { "zh-CN": "姓", "en-US": "Last Name" },
  companyName: { "zh-CN": "单位", "en-US": "Company" },
  jobTitle: { "zh-CN": "职务", "en-US": "Job Title" },
  email: { "zh-CN": "电子邮件地址", "en-US": "E-mail Address" },
  categories: { "zh-CN": "类别", "en-US": "Categories" },
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralizes a cell that a spreadsheet would evaluate as a formula. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export interface CsvExportOptions {
  locale: Locale;
  timeZone: string;
  /** Defaults: name, company, e-mail, then the schema's visible fields. */
  columns?: ColumnRef[];
}

export function defaultExportColumns(schema: FieldSchema): ColumnRef[] {
  return [{ builtin: "displayName" }, { builtin: "companyName" }, { builtin: "email" }, ...visibleFields(schema).map((f) => ({ field: f.propertyName }))];
}

export function exportContactsCsv(rows: readonly Contact[], schema: FieldSchema, opts: CsvExportOptions): string {
  const columns = opts.columns ?? defaultExportColumns(schema);
  const dayOf = createLocalDayFn(opts.timeZone);
  const header = columns.map((c) => ("builtin" in c ? BUILTIN_LABELS[c.builtin][opts.locale] : (getField(schema, c.field)?.label[opts.locale] ?? c.field)));
  const data = rows.map((contact) =>
    columns.map((col) => {
      if ("builtin" in col) {
        const v =
          col.builtin === "email"
            ? (contact.emailAddresses[0]?.address ?? "")
            : col.builtin === "categories"
              ? contact.categories.join("; ")
              : (contact[col.builtin] ?? "");
        return guardFormula(v);
      }
      const f = getField(schema, col.field);
      const v = contact.fields[col.field];
      if (!f || v === null || v === undefined) return "";
      switch (f.kind) {
        case "number":
          return typeof v === "number" ? String(v) : guardFormula(String(v));
        case "date": {
          const ms = typeof v === "string" ? Date.parse(v) : NaN;
          return Number.isFinite(ms) ? dayNumberToKey(dayOf(ms)) : "";
        }
        case "keywords":
          return guardFormula(Array.isArray(v) ? v.join("; ") : String(v));
        default:
          return guardFormula(formatFieldValue(f, v, { locale: opts.locale, timeZone: opts.timeZone }));
      }
    }),
  );
  // CRLF line ends and quoting of every cell that needs it, as Excel writes CSV.
  return UTF8_BOM + Papa.unparse({ fields: header, data }, { newline: "\r\n", quotes: false });
}

// ---------------------------------------------------------------------------------------------------
// Import

export interface ParsedCsv {
  headers: string[];
  /** Data rows; each as long as `headers` (short rows padded with ""). Blank rows are left out. */
  rows: string[][];
  /** Record number of each row in the file, the header being 1 (the row number a user sees in Excel). */
  lines: number[];
  /** Malformed-CSV problems papaparse reported: record number (header = 1) and code. */
  problems: { line: number; code: string }[];
}

/**
 * Parses CSV text (BOM, CRLF/LF, quoted newlines) as Outlook writes it, all at once: for small texts and tests. A
 * file goes through createCsvRowStream piece by piece (the same rows and record numbers), never through this.
 */
export function parseOutlookCsv(text: string): ParsedCsv {
  const rows: string[][] = [];
  const lines: number[] = [];
  const stream = createCsvRowStream({
    onRows: (part) => {
      for (const r of part) {
        rows.push(r.cells);
        lines.push(r.line);
      }
    },
  });
  stream.push(text);
  stream.end();
  return { headers: [...(stream.headers ?? [])], rows, lines, problems: [...stream.problems] };
}

/** Where a CSV column goes. "field:<propertyName>" targets a custom field. */
export type ImportTarget =
  | "ignore"
  | "displayName"
  | "givenName"
  | "middleName"
  | "surname"
  | "companyName"
  | "jobTitle"
  | "email"
  | "email2"
  | "email3"
  | "businessPhone"
  | "mobilePhone"
  | "businessStreet"
  | "businessCity"
  | "businessState"
  | "businessPostalCode"
  | "businessCountry"
  | "categories"
  | `field:${string}`;

/** Outlook's export headers in English and Chinese (classic Outlook, File → Export → CSV). */
const KNOWN_HEADERS: Record<string, ImportTarget> = {
  "first name": "givenName", "名": "givenName",
  "middle name": "middleName", "中间名": "middleName",
  "last name": "surname", "姓": "surname",
  "name": "displayName", "full name": "displayName", "display name": "displayName", "姓名": "displayName",
  "company": "companyName", "单位": "companyName", "公司": "companyName",
  "job title": "jobTitle", "职务": "jobTitle",
  "e-mail address": "email", "email address": "email", "e-mail": "email", "email": "email", "电子邮件地址": "email", "电子邮件": "email",
  "e-mail 2 address": "email2", "电子邮件 2 地址": "email2",
  "e-mail 3 address": "email3", "电子邮件 3 地址": "email3",
  "business phone": "businessPhone", "商务电话": "businessPhone",
  "mobile phone": "mobilePhone", "移动电话": "mobilePhone", "手机": "mobilePhone",
  "business street": "businessStreet", "商务地址 街道": "businessStreet",
  "business city": "businessCity", "商务地址 市/县": "businessCity",
  "business state": "businessState", "商务地址 省/市/自治区": "businessState",
  "business postal code": "businessPostalCode", "商务地址 邮政编码": "businessPostalCode",
  "business country/region": "businessCountry", "商务地址 国家/地区": "businessCountry",
  "categories": "categories", "类别": "categories",
};

const headerKey = (h: string): string => h.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");

/** A suggested target per header (index-aligned); custom fields match their label in either language. */
export function suggestMapping(headers: readonly string[], schema: FieldSchema): ImportTarget[] {
  const used = new Set<ImportTarget>();
  return headers.map((h) => {
    const k = headerKey(h);
    let t: ImportTarget | undefined = KNOWN_HEADERS[k];
    if (!t) {
      const f = schema.fields.find((x) => headerKey(x.label["zh-CN"]) === k || headerKey(x.label["en-US"]) === k || x.propertyName.toLowerCase() === k);
      if (f) t = `field:${f.propertyName}`;
    }
    if (!t || used.has(t)) return "ignore";
    used.add(t);
    return t;
  });
}

export type ImportRowErrorCode = "invalidEmail" | "missingNameAndEmail" | "valueTooLong" | "controlCharacters" | "malformedRow" | FieldValueErrorCode;

/** A contact to create: the domain Contact plus the business address in parts (Graph's physicalAddress). */
export interface ImportDraft extends Omit<Contact, "id"> {
  businessAddressParts?: PostalAddress;
}

/** C0 control characters and DEL; a multi-line street keeps its line breaks (normalised to \n). */
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARS_MULTILINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

export interface ImportRowError {
  code: ImportRowErrorCode;
  /** Header of the offending column, when there is one. */
  column?: string;
  params?: Record<string, string | number>;
}

export type ImportRowStatus = "new" | "duplicateExisting" | "duplicateInFile" | "invalid";

export interface ImportPreviewRow {
  /** Record number in the file, the header being 1 (what a user sees as the row in Excel). */
  line: number;
  status: ImportRowStatus;
  draft: ImportDraft;
  errors: ImportRowError[];
  /** For duplicates: the existing contact's id, or the first line in the file with the same e-mail. */
  duplicateOf?: string | number;
}

export interface ImportPreview {
  rows: ImportPreviewRow[];
  counts: Record<ImportRowStatus, number>;
}

/** Validates rows one at a time (as they stream from the file), with duplicate detection across all rows seen. */
export interface ImportValidator {
  /** Counts of the rows checked so far. */
  readonly counts: Record<ImportRowStatus, number>;
  /**
   * Checks one data row (cells aligned with the headers) at its record number. `problem`: the CSV parser's code
   * when the row is not valid CSV (an unclosed quote) — such a row is invalid whatever its cells say. Writes nothing.
   */
  check(cells: readonly string[], line: number, problem?: string): ImportPreviewRow;
}

/**
 * Dry run, row by row: turns mapped rows into contact drafts with per-row errors and duplicate detection by e-mail
 * (case-insensitive) against existing contacts and earlier rows of the same file. Holds only the addresses seen.
 */
export function createImportValidator(
  headers: readonly string[],
  mapping: readonly ImportTarget[],
  schema: FieldSchema,
  existing: readonly Contact[],
  opts: { timeZone?: string } = {},
): ImportValidator {
  const existingByEmail = new Map<string, string>();
  for (const c of existing) for (const e of c.emailAddresses) if (!existingByEmail.has(normalizeAddress(e.address))) existingByEmail.set(normalizeAddress(e.address), c.id);
  const seenInFile = new Map<string, number>();
  const counts: Record<ImportRowStatus, number> = { new: 0, duplicateExisting: 0, duplicateInFile: 0, invalid: 0 };
  const csv = { headers };
  const check = (cells: readonly string[], line: number, problem?: string): ImportPreviewRow => {
    if (problem) {
      // The parser could not tell where its cells end (e.g. an unclosed quote swallowed the rows after it): one
      // clear error, and none of its cells taken for a name or an address.
      counts.invalid++;
      return { line, status: "invalid", draft: { displayName: "", emailAddresses: [], categories: [], fields: {} }, errors: [{ code: "malformedRow", params: { problem } }] };
    }
    const errors: ImportRowError[] = [];
    const get = (t: ImportTarget): { value: string; column: string } | undefined => {
      const i = mapping.indexOf(t);
      if (i < 0) return undefined;
      return { value: (cells[i] ?? "").trim(), column: csv.headers[i] ?? "" };
    };
    const text = (t: ImportTarget, multiline = false): string | undefined => {
      const v = get(t);
      if (!v || v.value === "") return undefined;
      if (multiline) v.value = v.value.replace(/\r\n?/g, "\n");
      if ((multiline ? CONTROL_CHARS_MULTILINE : CONTROL_CHARS).test(v.value)) {
        errors.push({ code: "controlCharacters", column: v.column });
        return undefined;
      }
      if (v.value.length > MAX_TEXT_LENGTH) {
        errors.push({ code: "valueTooLong", column: v.column, params: { max: MAX_TEXT_LENGTH, length: v.value.length } });
        return undefined;
      }
      return v.value;
    };
    const given = text("givenName");
    const middle = text("middleName");
    const surname = text("surname");
    let displayName = text("displayName");
    const emails: string[] = [];
    for (const t of ["email", "email2", "email3"] as const) {
      const v = get(t);
      if (!v || v.value === "") continue;
      if (!isValidEmail(v.value)) errors.push({ code: "invalidEmail", column: v.column, params: { value: v.value.slice(0, 100) } });
      else emails.push(v.value);
    }
    if (!displayName) {
      const isHan = (s?: string): boolean => !!s && /^[\u3400-\u9fff]+$/.test(s);
      // Chinese names are written surname first without a space (张伟); Western ones "First Middle Last".
      displayName = isHan(surname) || isHan(given) ? [surname, given].filter(Boolean).join("") : [given, middle, surname].filter(Boolean).join(" ");
    }
    const fields: FieldValues = {};
    mapping.forEach((t, i) => {
      if (!t.startsWith("field:")) return;
      const name = t.slice("field:".length);
      const f = getField(schema, name);
      const raw = (cells[i] ?? "").trim();
      if (!f || raw === "") return;
      let input: unknown = raw;
      if (f.kind === "choice") {
        const k = headerKey(raw);
        input = f.choices?.find((c) => c.value === raw || headerKey(c.label["zh-CN"]) === k || headerKey(c.label["en-US"]) === k)?.value ?? raw;
      } else if (f.kind === "yesno") {
        const k = headerKey(raw);
        input = ["true", "yes", "y", "1", "是", "真"].includes(k) ? true : ["false", "no", "n", "0", "否", "假"].includes(k) ? false : raw;
      } else if (f.kind === "keywords") input = splitKeywords(raw);
      const res = normalizeFieldValue(f, input, opts.timeZone ? { timeZone: opts.timeZone } : {});
      if (res.ok) fields[name] = res.value;
      else errors.push({ code: res.code, column: csv.headers[i] ?? name, params: res.params });
    });
    const addressParts: PostalAddress = {};
    const street = text("businessStreet", true);
    if (street) addressParts.street = street;
    const city = text("businessCity");
    if (city) addressParts.city = city;
    const state = text("businessState");
    if (state) addressParts.state = state;
    const postalCode = text("businessPostalCode");
    if (postalCode) addressParts.postalCode = postalCode;
    const country = text("businessCountry");
    if (country) addressParts.countryOrRegion = country;
    // The one-line form the contact list shows (the same order src/graph uses when reading businessAddress).
    const address = [street?.replace(/\n/g, " "), city, state, postalCode, country].filter(Boolean).join(", ");
    const categoriesRaw = get("categories")?.value ?? "";
    const draft: ImportDraft = {
      displayName: displayName || emails[0] || "",
      emailAddresses: emails.map((a) => ({ address: a, name: displayName || a })),
      categories: categoriesRaw ? categoriesRaw.split(";").map((s) => s.trim()).filter(Boolean) : [],
      fields,
    };
    if (given) draft.givenName = given;
    if (surname) draft.surname = surname;
    if (!given && !surname && displayName) {
      const parts = splitPersonName(displayName);
      if (parts.givenName) draft.givenName = parts.givenName;
      if (parts.surname) draft.surname = parts.surname;
    }
    const company = text("companyName");
    if (company) draft.companyName = company;
    const job = text("jobTitle");
    if (job) draft.jobTitle = job;
    const phone = text("businessPhone");
    if (phone) draft.businessPhones = [phone];
    const mobile = text("mobilePhone");
    if (mobile) draft.mobilePhone = mobile;
    if (address) {
      draft.businessAddress = address;
      draft.businessAddressParts = addressParts;
    }
    if (!displayName && emails.length === 0 && !errors.some((e) => e.code === "invalidEmail")) errors.push({ code: "missingNameAndEmail" });

    let status: ImportRowStatus = "new";
    let duplicateOf: string | number | undefined;
    if (errors.length > 0) status = "invalid";
    else {
      for (const a of emails.map(normalizeAddress)) {
        const ex = existingByEmail.get(a);
        if (ex !== undefined) {
          status = "duplicateExisting";
          duplicateOf = ex;
          break;
        }
        const prev = seenInFile.get(a);
        if (prev !== undefined) {
          status = "duplicateInFile";
          duplicateOf = prev;
          break;
        }
      }
      if (status === "new") for (const a of emails.map(normalizeAddress)) seenInFile.set(a, line);
    }
    counts[status]++;
    const row: ImportPreviewRow = { line, status, draft, errors };
    if (duplicateOf !== undefined) row.duplicateOf = duplicateOf;
    return row;
  };
  return { counts, check };
}

/** Dry run over parsed rows (parseOutlookCsv): createImportValidator applied to each row. */
export function applyMapping(csv: ParsedCsv, mapping: readonly ImportTarget[], schema: FieldSchema, existing: readonly Contact[], opts: { timeZone?: string } = {}): ImportPreview {
  const validator = createImportValidator(csv.headers, mapping, schema, existing, opts);
  const problemAt = new Map(csv.problems.map((p) => [p.line, p.code]));
  const rows = csv.rows.map((cells, r) => {
    const line = csv.lines[r] ?? r + 2;
    return validator.check(cells, line, problemAt.get(line));
  });
  return { rows, counts: { ...validator.counts } };
}
