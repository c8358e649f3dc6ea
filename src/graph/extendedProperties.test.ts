import { DEFAULT_SCHEMA } from "../domain/schema";
import type { FieldDefinition, FieldSchema } from "../domain/types";
import {
  buildExpand,
  CLAIMED_PROPERTY_ID,
  decodeValue,
  EMPTY_DATE,
  encodeValue,
  fromGraphContact,
  MAX_STRING_PROPERTY_LENGTH,
  normalizePropertyId,
  propertyId,
  toGraphClaimStamp,
  toGraphPatch,
} from "./extendedProperties";
import { GraphRequestError } from "./GraphRequestError";

const f = (kind: FieldDefinition["kind"], propertyName = "F"): FieldDefinition => ({ kind, propertyName, label: { "zh-CN": "x", "en-US": "x" } });

describe("extended-property codec", () => {
  it("maps each kind to its Outlook type in PS_PUBLIC_STRINGS", () => {
    expect(propertyId(f("text", "A"))).toBe("String {00020329-0000-0000-C000-000000000046} Name A");
    expect(propertyId(f("choice", "A"))).toMatch(/^String /);
    expect(propertyId(f("number", "A"))).toMatch(/^Double /);
    expect(propertyId(f("yesno", "A"))).toMatch(/^Boolean /);
    expect(propertyId(f("date", "A"))).toMatch(/^SystemTime /);
    expect(propertyId(f("keywords", "A"))).toMatch(/^StringArray /);
    expect(() => propertyId(f("text", "Keywords"))).toThrow(GraphRequestError);
    expect(() => propertyId(f("text", "a b"))).toThrow(GraphRequestError);
  });

  it.each([
    ["text", "客户 A", "客户 A"],
    ["choice", "key", "key"],
    ["number", 12.5, "12.5"],
    ["number", -3, "-3"],
    ["yesno", true, "true"],
    ["yesno", false, "false"],
    ["date", "2026-11-26T09:30:00.000Z", "2026-11-26T09:30:00Z"],
    ["keywords", ["a", "b"], ["a", "b"]],
  ] as const)("round trips %s %p", (kind, value, wire) => {
    const field = f(kind);
    const encoded = encodeValue(field, value as never);
    expect(encoded).toEqual(wire);
    expect(decodeValue(field, encoded)).toEqual(value);
  });

  it("writes an explicit empty per type and reads it back as empty", () => {
    expect(encodeValue(f("text"), null)).toBe("");
    expect(encodeValue(f("yesno"), null)).toBe("false");
    expect(encodeValue(f("date"), null)).toBe(EMPTY_DATE);
    expect(encodeValue(f("keywords"), null)).toEqual([]);
    for (const kind of ["text", "choice", "number", "date", "keywords"] as const) {
      expect(decodeValue(f(kind), encodeValue(f(kind), null))).toBeNull();
    }
    expect(decodeValue(f("yesno"), "false")).toBe(false); // Yes/No has no third state in Outlook
    expect(decodeValue(f("number"), undefined)).toBeNull();
  });

  it("refuses values the storage cannot hold, before anything is sent", () => {
    expect(() => encodeValue(f("text"), "x".repeat(MAX_STRING_PROPERTY_LENGTH + 1))).toThrow(expect.objectContaining({ code: "valueTooLong" }));
    expect(() => encodeValue(f("number"), Number.NaN)).toThrow(expect.objectContaining({ code: "invalidInput" }));
    expect(() => encodeValue(f("number"), -Number.MAX_VALUE)).toThrow(GraphRequestError);
    expect(() => encodeValue(f("date"), "not a date")).toThrow(GraphRequestError);
    expect(() => toGraphPatch({ Nope: "x" }, DEFAULT_SCHEMA)).toThrow(/Unknown field/);
  });

  it("builds one $expand naming every field id", () => {
    const expand = buildExpand(DEFAULT_SCHEMA);
    expect(expand).toMatch(/^singleValueExtendedProperties\(\$filter=id eq 'Boolean \{00020329-0000-0000-C000-000000000046\} Name NeedsRecontact' or /);
    expect(expand).toContain(",multiValueExtendedProperties($filter=id eq 'StringArray {00020329-0000-0000-C000-000000000046} Name IntendedProducts')");
    // Every field, and the claim stamp (the schema has an owner): a claim is read wherever the fields are.
    expect(expand.match(/ id eq |\(\$filter=id eq /g)?.length).toBe(DEFAULT_SCHEMA.fields.length + 1);
    expect(expand).toContain(` or id eq '${CLAIMED_PROPERTY_ID}'`);
    // No owner field, no claims: nothing more than the fields; an extra id given twice is named once.
    expect(buildExpand({ version: 1, fields: [f("text", "A")] })).toBe("singleValueExtendedProperties($filter=id eq 'String {00020329-0000-0000-C000-000000000046} Name A')");
    expect(buildExpand({ version: 1, fields: [] }, [CLAIMED_PROPERTY_ID, CLAIMED_PROPERTY_ID])).toBe(`singleValueExtendedProperties($filter=id eq '${CLAIMED_PROPERTY_ID}')`);
  });

  it("reads the claim stamp beside the fields (not a field), whatever the schema; an unreadable one is no claim", () => {
    const g = (value: string) => ({ id: "1", singleValueExtendedProperties: [{ id: CLAIMED_PROPERTY_ID.replace("6e3a1c52", "6E3A1C52"), value }] });
    const stamp = { owner: "wang.fang@contoso.com", at: "2026-03-02T01:00:00.000Z" };
    const c = fromGraphContact(g(toGraphClaimStamp(stamp).value), DEFAULT_SCHEMA);
    expect(c.claimed).toEqual(stamp);
    expect(c.fields).not.toHaveProperty("ClaimedAt");
    expect(fromGraphContact(g("garbage"), DEFAULT_SCHEMA)).not.toHaveProperty("claimed");
  });

  it("matches ids whatever the case of type and GUID, but not of the name", () => {
    expect(normalizePropertyId("String {00020329-0000-0000-c000-000000000046} Name Tier")).toBe(
      normalizePropertyId("string {00020329-0000-0000-C000-000000000046} Name Tier"),
    );
    expect(normalizePropertyId("String {x} Name Tier")).not.toBe(normalizePropertyId("String {x} Name tier"));
  });

  it("maps a Graph contact to the domain, ignoring properties outside the schema", () => {
    const schema: FieldSchema = { version: 1, fields: [f("choice", "CustomerTier"), f("keywords", "IntendedProducts")] };
    const c = fromGraphContact(
      {
        id: "1",
        "@odata.etag": 'W/"x"',
        displayName: "张伟",
        emailAddresses: [{ name: "Z", address: "z@x.cn" }, { address: null }],
        categories: null,
        singleValueExtendedProperties: [
          { id: "String {00020329-0000-0000-c000-000000000046} Name CustomerTier", value: "key" },
          { id: "String {00020329-0000-0000-c000-000000000046} Name SomethingElse", value: "kept on the server" },
        ],
        multiValueExtendedProperties: [{ id: "StringArray {00020329-0000-0000-C000-000000000046} Name IntendedProducts", value: ["A"] }],
      },
      schema,
    );
    expect(c).toMatchObject({ id: "1", etag: 'W/"x"', displayName: "张伟", categories: [], emailAddresses: [{ name: "Z", address: "z@x.cn" }] });
    expect(c.fields).toEqual({ CustomerTier: "key", IntendedProducts: ["A"] });
  });
});
