import { SchemaError } from "./errors";
import {
  addChoice, addField, createDefaultSchema, DEFAULT_SCHEMA, fieldByRole, MAX_FIELDS, MAX_LABEL_LENGTH, moveField,
  parseSchema, removeChoice, renameChoice, renameLabel, reorderChoices, reorderFields, SCHEMA_VERSION, serializeSchema,
  setHidden, validateLabel,
} from "./schema";

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof SchemaError ? e.code : `not a SchemaError: ${String(e)}`;
  }
  return undefined;
};

describe("default schema", () => {
  it("has the contract's property names, kinds and bilingual labels", () => {
    expect(DEFAULT_SCHEMA.fields.map((f) => [f.propertyName, f.kind, f.role])).toEqual([
      ["IntendedProducts", "keywords", "products"],
      ["NeedsRecontact", "yesno", "needsRecontact"],
      ["CustomerTier", "choice", "tier"],
      ["Owner", "text", "owner"],
      ["LastContacted", "date", "lastContacted"],
      ["NextContact", "date", "nextContact"],
    ]);
    expect(fieldByRole(DEFAULT_SCHEMA, "products")?.label).toEqual({ "zh-CN": "有意向采购的产品", "en-US": "Intended products" });
    expect(fieldByRole(DEFAULT_SCHEMA, "tier")?.choices?.map((c) => [c.value, c.label["zh-CN"]])).toEqual([
      ["key", "重点客户"],
      ["regular", "一般客户"],
      ["potential", "潜在客户"],
    ]);
  });
  it("cannot be mutated by accident; createDefaultSchema gives an editable copy", () => {
    expect(() => (DEFAULT_SCHEMA.fields as unknown[]).push({})).toThrow();
    const s = createDefaultSchema();
    s.fields.pop();
    expect(DEFAULT_SCHEMA.fields).toHaveLength(6);
  });
});

describe("parseSchema / serializeSchema", () => {
  it("round-trips the default schema", () => {
    expect(parseSchema(serializeSchema(DEFAULT_SCHEMA))).toEqual({ ...DEFAULT_SCHEMA, version: SCHEMA_VERSION });
  });

  it("keeps unknown keys, unknown field kinds and unknown roles from a newer version, in place", () => {
    const newer = {
      version: 7,
      layout: { columns: 3 },
      fields: [
        { propertyName: "Owner", kind: "text", label: { "zh-CN": "负责人", "en-US": "Owner", "fr-FR": "Responsable" }, width: 120 },
        { propertyName: "CFgeo", kind: "geoPoint", label: { "en-US": "Where" }, precision: 5 },
        { propertyName: "CFx1", kind: "choice", role: "priority", label: "P", choices: [{ value: "a", label: { "en-US": "A" }, color: "red" }] },
      ],
    };
    const parsed = parseSchema(JSON.stringify(newer));
    expect(parsed.fields.map((f) => f.propertyName)).toEqual(["Owner", "CFx1"]);
    expect(parsed.fields[0]?.width).toBe(120);
    const back = JSON.parse(serializeSchema(parsed));
    expect(back).toEqual({
      ...newer,
      fields: [
        newer.fields[0],
        newer.fields[1],
        { ...newer.fields[2], label: { "zh-CN": "P", "en-US": "P" }, choices: [{ value: "a", label: { "zh-CN": "A", "en-US": "A" }, color: "red" }] },
      ],
    });
  });

  it("survives an edit by this version without losing the unknown parts", () => {
    const json = JSON.stringify({ version: 1, extra: 1, fields: [{ propertyName: "CFgeo", kind: "geo", label: "G" }, { propertyName: "Owner", kind: "text", label: "O" }] });
    const edited = renameLabel(parseSchema(json), "Owner", "en-US", "Salesperson");
    const back = JSON.parse(serializeSchema(edited));
    expect(back.extra).toBe(1);
    expect(back.fields[0]).toEqual({ propertyName: "CFgeo", kind: "geo", label: "G" });
    expect(back.fields[1].label["en-US"]).toBe("Salesperson");
  });

  it.each([
    ["not json {", "schemaInvalidJson"],
    ["", "schemaInvalidJson"],
    ["[]", "schemaNotAnObject"],
    ["null", "schemaNotAnObject"],
    ['"text"', "schemaNotAnObject"],
    ['{"fields": 3}', "schemaFieldsNotArray"],
  ])("refuses garbage %j with %s", (json, code) => {
    expect(codeOf(() => parseSchema(json))).toBe(code);
  });

  it("drops nothing silently: malformed and duplicate fields are set aside and written back", () => {
    const json = JSON.stringify({ version: 1, fields: [42, { propertyName: "A1", kind: "text", label: "a" }, { propertyName: "a1", kind: "text", label: "dup" }] });
    const s = parseSchema(json);
    expect(s.fields.map((f) => f.propertyName)).toEqual(["A1"]);
    expect(JSON.parse(serializeSchema(s)).fields).toEqual(JSON.parse(json).fields.map((f: unknown, i: number) => (i === 1 ? { propertyName: "A1", kind: "text", label: { "zh-CN": "a", "en-US": "a" } } : f)));
  });

  it("keeps one field per role", () => {
    const s = parseSchema(JSON.stringify({ version: 1, fields: [{ propertyName: "A", kind: "text", label: "a", role: "owner" }, { propertyName: "B", kind: "text", label: "b", role: "owner" }] }));
    expect(fieldByRole(s, "owner")?.propertyName).toBe("A");
    expect(s.fields[1]?.role).toBeUndefined();
  });
});

describe("designer operations", () => {
  it("adds a field with a generated ASCII property name, never the label", () => {
    const { schema, field } = addField(DEFAULT_SCHEMA, { kind: "text", label: { "zh-CN": "微信号", "en-US": "WeChat" } }, "7f3a9c");
    expect(field.propertyName).toBe("CF7f3a9c");
    expect(schema.fields).toHaveLength(7);
    expect(DEFAULT_SCHEMA.fields).toHaveLength(6);
  });

  it("fills a missing language from the other one", () => {
    const { field } = addField(DEFAULT_SCHEMA, { kind: "number", label: { "zh-CN": "预算" } }, "b1");
    expect(field.label).toEqual({ "zh-CN": "预算", "en-US": "预算" });
  });

  it("refuses ids that are not short ASCII, and names already taken (case-insensitive)", () => {
    expect(codeOf(() => addField(DEFAULT_SCHEMA, { kind: "text", label: { "en-US": "x" } }, "产品"))).toBe("propertyNameInvalid");
    expect(codeOf(() => addField(DEFAULT_SCHEMA, { kind: "text", label: { "en-US": "x" } }, ""))).toBe("propertyNameInvalid");
    const once = addField(DEFAULT_SCHEMA, { kind: "text", label: { "en-US": "x" } }, "ab").schema;
    expect(codeOf(() => addField(once, { kind: "text", label: { "en-US": "y" } }, "AB"))).toBe("propertyNameTaken");
  });

  it("refuses the categories property name and Outlook's own fields", async () => {
    const { checkPropertyName } = await import("./schema");
    expect(codeOf(() => checkPropertyName(DEFAULT_SCHEMA, "Keywords"))).toBe("propertyNameReserved");
    expect(codeOf(() => checkPropertyName(DEFAULT_SCHEMA, "keywords"))).toBe("propertyNameReserved");
    expect(codeOf(() => checkPropertyName(DEFAULT_SCHEMA, "CompanyName"))).toBe("propertyNameReserved");
    expect(codeOf(() => checkPropertyName(DEFAULT_SCHEMA, "CFok"))).toBeUndefined();
  });

  it(`caps the number of fields at ${MAX_FIELDS}`, () => {
    let s = DEFAULT_SCHEMA;
    for (let i = s.fields.length; i < MAX_FIELDS; i++) s = addField(s, { kind: "text", label: { "en-US": `f${i}` } }, `n${i}`).schema;
    expect(s.fields).toHaveLength(MAX_FIELDS);
    expect(codeOf(() => addField(s, { kind: "text", label: { "en-US": "one too many" } }, "last"))).toBe("schemaTooManyFields");
  });

  it("renames a label without touching the property name", () => {
    const s = renameLabel(DEFAULT_SCHEMA, "CustomerTier", "zh-CN", "  客户等级 ");
    expect(s.fields[2]?.propertyName).toBe("CustomerTier");
    expect(s.fields[2]?.label).toEqual({ "zh-CN": "客户等级", "en-US": "Customer tier" });
  });

  it("validates labels: non-empty, at most 64 characters (emoji count once), no control characters", () => {
    expect(validateLabel("   ")).toBe("labelEmpty");
    expect(validateLabel("a".repeat(MAX_LABEL_LENGTH))).toBeNull();
    expect(validateLabel("a".repeat(MAX_LABEL_LENGTH + 1))).toBe("labelTooLong");
    expect(validateLabel("😀".repeat(MAX_LABEL_LENGTH))).toBeNull();
    expect(validateLabel("a\u0000b")).toBe("labelControlChars");
    expect(validateLabel("line\nbreak")).toBe("labelControlChars");
    expect(validateLabel("<b>#&+%</b> שלום")).toBeNull();
    expect(codeOf(() => renameLabel(DEFAULT_SCHEMA, "Owner", "en-US", ""))).toBe("labelEmpty");
    expect(codeOf(() => renameLabel(DEFAULT_SCHEMA, "Nope", "en-US", "x"))).toBe("fieldNotFound");
  });

  it("moves, reorders, hides and shows fields", () => {
    expect(moveField(DEFAULT_SCHEMA, "NextContact", 0).fields[0]?.propertyName).toBe("NextContact");
    expect(moveField(DEFAULT_SCHEMA, "IntendedProducts", 99).fields[5]?.propertyName).toBe("IntendedProducts");
    const order = ["Owner", "CustomerTier", "IntendedProducts", "NeedsRecontact", "LastContacted", "NextContact"];
    expect(reorderFields(DEFAULT_SCHEMA, order).fields.map((f) => f.propertyName)).toEqual(order);
    expect(codeOf(() => reorderFields(DEFAULT_SCHEMA, order.slice(1)))).toBe("orderMismatch");
    const hidden = setHidden(DEFAULT_SCHEMA, "Owner", true);
    expect(hidden.fields[3]?.hidden).toBe(true);
    expect(setHidden(hidden, "Owner", false).fields[3]).not.toHaveProperty("hidden");
  });

  it("edits choices with stable values", () => {
    let s = addChoice(DEFAULT_SCHEMA, "CustomerTier", "vip", { "zh-CN": "战略客户", "en-US": "Strategic" });
    expect(s.fields[2]?.choices?.map((c) => c.value)).toEqual(["key", "regular", "potential", "vip"]);
    s = renameChoice(s, "CustomerTier", "key", "en-US", "Key account");
    expect(s.fields[2]?.choices?.[0]?.label["en-US"]).toBe("Key account");
    s = reorderChoices(s, "CustomerTier", ["vip", "key", "regular", "potential"]);
    expect(s.fields[2]?.choices?.[0]?.value).toBe("vip");
    s = removeChoice(s, "CustomerTier", "vip");
    expect(s.fields[2]?.choices).toHaveLength(3);
    expect(codeOf(() => addChoice(s, "CustomerTier", "key", { "en-US": "again" }))).toBe("choiceValueTaken");
    expect(codeOf(() => addChoice(s, "CustomerTier", "重点", { "en-US": "x" }))).toBe("choiceValueInvalid");
    expect(codeOf(() => addChoice(s, "Owner", "x", { "en-US": "x" }))).toBe("choicesOnlyForChoiceKind");
    expect(codeOf(() => removeChoice(s, "CustomerTier", "nope"))).toBe("choiceNotFound");
  });
});

it("fieldIdFromBytes makes an id addField accepts", async () => {
  const { fieldIdFromBytes } = await import("./schema");
  const id = fieldIdFromBytes([0, 255, 16, 171, 205, 239]);
  expect(id).toBe("00ff10abcdef");
  expect(addField(DEFAULT_SCHEMA, { kind: "text", label: { "en-US": "x" } }, id).field.propertyName).toBe("CF00ff10abcdef");
});
