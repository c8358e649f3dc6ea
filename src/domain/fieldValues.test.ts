import { FieldValueError } from "./errors";
import { assertFieldValue, formatFieldValue, MAX_KEYWORDS, MAX_TEXT_LENGTH, normalizeFieldValue } from "./fieldValues";
import { addField, DEFAULT_SCHEMA, requireField } from "./schema";
import { HOSTILE } from "./testContacts";
import type { FieldDefinition } from "./types";

const f = (name: string): FieldDefinition => requireField(DEFAULT_SCHEMA, name);
const num = addField(DEFAULT_SCHEMA, { kind: "number", label: { "en-US": "Budget" } }, "num").field;
const code = (field: FieldDefinition, v: unknown): string | null => {
  const r = normalizeFieldValue(field, v);
  return r.ok ? null : r.code;
};
const value = (field: FieldDefinition, v: unknown, tz?: string) => {
  const r = normalizeFieldValue(field, v, tz ? { timeZone: tz } : {});
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe("text", () => {
  it(`accepts up to ${MAX_TEXT_LENGTH} characters (Outlook text values < 256) and refuses one more`, () => {
    expect(value(f("Owner"), "a".repeat(MAX_TEXT_LENGTH))).toHaveLength(255);
    expect(code(f("Owner"), "a".repeat(MAX_TEXT_LENGTH + 1))).toBe("textTooLong");
    expect(normalizeFieldValue(f("Owner"), "a".repeat(10_000))).toEqual({ ok: false, code: "textTooLong", params: { field: "Owner", max: 255, length: 10_000 } });
  });
  it("trims, keeps tabs and newlines, refuses other control characters", () => {
    expect(value(f("Owner"), "  zhang.wei@contoso.com \n")).toBe("zhang.wei@contoso.com");
    expect(value(f("Owner"), "line1\r\nline2\tx")).toBe("line1\nline2\tx");
    expect(code(f("Owner"), "bell\u0007")).toBe("textControlChars");
    expect(code(f("Owner"), "nul\u0000")).toBe("textControlChars");
    expect(code(f("Owner"), "lone \ud800 surrogate")).toBe("textControlChars");
  });
  it("round-trips hostile but printable strings exactly", () => {
    for (const s of HOSTILE.filter((x) => x.length <= 255)) expect(value(f("Owner"), s)).toBe(s.trim());
  });
  it("treats empty as null and refuses a wrong type", () => {
    expect(value(f("Owner"), "   ")).toBeNull();
    expect(value(f("Owner"), undefined)).toBeNull();
    expect(code(f("Owner"), 5)).toBe("wrongType");
  });
});

describe("number", () => {
  it("accepts finite numbers and numeric strings (full-width digits too)", () => {
    expect(value(num, 1.5e308)).toBe(1.5e308);
    expect(value(num, " -12.5 ")).toBe(-12.5);
    expect(value(num, "１２")).toBe(12);
    expect(value(num, -0)).toBe(0);
  });
  it("refuses NaN, infinities and junk", () => {
    expect(code(num, NaN)).toBe("notANumber");
    expect(code(num, Infinity)).toBe("numberOutOfRange");
    expect(code(num, "1e999")).toBe("numberOutOfRange");
    expect(code(num, "12abc")).toBe("notANumber");
    expect(code(num, "0x10")).toBe("notANumber");
  });
});

describe("yes/no", () => {
  it("accepts booleans and the stored strings only", () => {
    expect(value(f("NeedsRecontact"), true)).toBe(true);
    expect(value(f("NeedsRecontact"), "false")).toBe(false);
    expect(code(f("NeedsRecontact"), "yes")).toBe("notABoolean");
    expect(code(f("NeedsRecontact"), 1)).toBe("notABoolean");
  });
});

describe("date", () => {
  it("normalizes instants to ISO UTC", () => {
    expect(value(f("NextContact"), "2026-11-26T08:00:00+08:00")).toBe("2026-11-26T00:00:00.000Z");
    expect(value(f("NextContact"), new Date(Date.UTC(2026, 0, 1)))).toBe("2026-01-01T00:00:00.000Z");
  });
  it("reads a picked calendar date as local midnight in the user's zone", () => {
    expect(value(f("NextContact"), "2026-11-26", "Asia/Shanghai")).toBe("2026-11-25T16:00:00.000Z");
    expect(value(f("NextContact"), "2026-11-26", "America/Los_Angeles")).toBe("2026-11-26T08:00:00.000Z");
    expect(value(f("NextContact"), "2026-07-01", "America/Los_Angeles")).toBe("2026-07-01T07:00:00.000Z");
  });
  it("keeps dates within SystemTime's 1601–9999 range", () => {
    expect(value(f("NextContact"), "1601-01-01T00:00:00Z")).toBe("1601-01-01T00:00:00.000Z");
    expect(code(f("NextContact"), "1600-12-31T23:59:59Z")).toBe("dateOutOfRange");
    expect(code(f("NextContact"), "9999-12-31")).toBeNull();
    expect(code(f("NextContact"), new Date(Date.UTC(10000, 0, 1)))).toBe("dateOutOfRange");
  });
  it("refuses impossible and free-form dates", () => {
    expect(code(f("NextContact"), "2026-02-30")).toBe("dateInvalid");
    expect(code(f("NextContact"), "next tuesday")).toBe("dateInvalid");
    expect(code(f("NextContact"), "2026-13-01T00:00:00Z")).toBe("dateInvalid");
    expect(code(f("NextContact"), new Date(NaN))).toBe("dateInvalid");
  });
});

describe("keywords", () => {
  it("trims, drops empties and case-insensitive duplicates, keeps the first spelling", () => {
    expect(value(f("IntendedProducts"), [" Widget ", "widget", "", "服务器", "ＷＩＤＧＥＴ"])).toEqual(["Widget", "服务器"]);
    expect(value(f("IntendedProducts"), "打印机；Router, 显示器")).toEqual(["打印机", "Router", "显示器"]);
    expect(value(f("IntendedProducts"), [])).toBeNull();
  });
  it(`allows ${MAX_KEYWORDS} values of up to 255 characters`, () => {
    const many = Array.from({ length: MAX_KEYWORDS }, (_, i) => `p${i}`);
    expect(value(f("IntendedProducts"), many)).toHaveLength(MAX_KEYWORDS);
    expect(code(f("IntendedProducts"), [...many, "one more"])).toBe("tooManyKeywords");
    expect(code(f("IntendedProducts"), ["x".repeat(256)])).toBe("keywordTooLong");
    expect(code(f("IntendedProducts"), ["tab\there"])).toBe("keywordControlChars");
    expect(code(f("IntendedProducts"), [1])).toBe("wrongType");
  });
});

describe("choice", () => {
  it("accepts only the defined values", () => {
    expect(value(f("CustomerTier"), "key")).toBe("key");
    expect(code(f("CustomerTier"), "重点客户")).toBe("notAChoice");
    expect(code(f("CustomerTier"), "KEY")).toBe("notAChoice");
    expect(value(f("CustomerTier"), "")).toBeNull();
  });
});

it("assertFieldValue throws a FieldValueError with the code and params", () => {
  expect(() => assertFieldValue(f("CustomerTier"), "gold")).toThrow(FieldValueError);
  try {
    assertFieldValue(f("CustomerTier"), "gold");
  } catch (e) {
    expect((e as FieldValueError).code).toBe("notAChoice");
    expect((e as FieldValueError).params).toEqual({ field: "CustomerTier", value: "gold" });
  }
});

describe("formatFieldValue", () => {
  const zh = { locale: "zh-CN" as const, timeZone: "Asia/Shanghai" };
  const en = { locale: "en-US" as const, timeZone: "America/Los_Angeles" };
  it("shows labels, yes/no and keywords in the user's language", () => {
    expect(formatFieldValue(f("CustomerTier"), "key", zh)).toBe("重点客户");
    expect(formatFieldValue(f("CustomerTier"), "key", en)).toBe("Key");
    expect(formatFieldValue(f("CustomerTier"), "retired", en)).toBe("retired");
    expect(formatFieldValue(f("NeedsRecontact"), true, zh)).toBe("是");
    expect(formatFieldValue(f("NeedsRecontact"), false, en)).toBe("No");
    expect(formatFieldValue(f("IntendedProducts"), ["A", "B"], zh)).toBe("A、B");
    expect(formatFieldValue(f("IntendedProducts"), ["A", "B"], en)).toBe("A; B");
    expect(formatFieldValue(f("Owner"), null, en)).toBe("");
    expect(formatFieldValue(num, 1234.5, en)).toBe("1,234.5");
  });
  it("shows the local calendar date: the same instant is a different day in Shanghai and Los Angeles", () => {
    const instant = "2026-11-26T02:00:00.000Z"; // 10:00 on the 26th in Shanghai, 18:00 on the 25th in LA
    expect(formatFieldValue(f("NextContact"), instant, zh)).toBe("2026/11/26");
    expect(formatFieldValue(f("NextContact"), instant, en)).toBe("Nov 25, 2026"); // the medium date, as every English date in the pane (QA round 2: not 11/25/2026)
  });
});
