/**
 * The field schema: default fields, forward-compatible parsing, and the designer's operations.
 * Every operation is pure and returns a new schema; invalid requests throw SchemaError with a code.
 */
import { SchemaError } from "./errors";
import type { ChoiceOption, FieldDefinition, FieldKind, FieldRole, FieldSchema, Locale, LocalizedText } from "./types";

/** Bump when the stored JSON changes meaning; older readers keep unknown keys (see parseSchema). */
export const SCHEMA_VERSION = 1;

/**
 * Named properties are a finite, mailbox-wide resource: every new (GUID, name) pair takes a slot for ever
 * (graph-reference.md §2 "Named-property quota", [S9]). 32 custom fields is far more than the handbook's
 * workflow needs and keeps us well clear of the quota.
 */
export const MAX_FIELDS = 32;
/** Long enough for any sensible column header in either language; Outlook's Field Chooser is narrower. */
export const MAX_LABEL_LENGTH = 64;
/** Choice lists are picked from a drop-down; more than this is a text field in disguise. */
export const MAX_CHOICES = 50;
/** Generated property names: "CF" + an ASCII id supplied by the caller (random or counter). */
export const FIELD_ID_PATTERN = /^[A-Za-z0-9]{1,24}$/;
const PROPERTY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CHOICE_VALUE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const FIELD_KINDS: readonly FieldKind[] = ["text", "number", "yesno", "date", "keywords", "choice"];
export const FIELD_ROLES: readonly FieldRole[] = [
  "products",
  "needsRecontact",
  "tier",
  "owner",
  "lastContacted",
  "nextContact",
  "outcomeNote",
];

/**
 * Names a custom field must never take, compared case-insensitively. "Keywords" is PidNameKeywords — the
 * item's categories in PS_PUBLIC_STRINGS (graph-reference.md §2, [S37 pidnamekeywords]); the rest are
 * Outlook's own contact fields, which a classic user would confuse with ours in the Field Chooser.
 */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set(
  [
    "Keywords", "Categories", "FileAs", "FullName", "FirstName", "MiddleName", "LastName", "GivenName", "Surname",
    "DisplayName", "Nickname", "Initials", "Title", "Suffix", "CompanyName", "Company", "Department", "JobTitle",
    "OfficeLocation", "Profession", "ManagerName", "AssistantName", "Spouse", "Children", "Birthday",
    "Anniversary", "Email1Address", "Email2Address", "Email3Address", "EmailAddresses", "IMAddress",
    "BusinessTelephoneNumber", "Business2TelephoneNumber", "HomeTelephoneNumber", "MobileTelephoneNumber",
    "BusinessFaxNumber", "BusinessAddress", "HomeAddress", "OtherAddress", "MailingAddress", "WebPage",
    "BusinessHomePage", "Body", "Notes", "PersonalNotes", "Subject", "Importance", "Sensitivity", "Private",
    "Mileage", "BillingInformation", "User1", "User2", "User3", "User4", "FlagStatus", "FlagRequest",
    "ReminderTime", "ReminderSet", "LastModificationTime", "CreationTime", "EntryID", "MessageClass",
    "Companies", "Contacts", "Links",
  ].map((n) => n.toLowerCase()),
);

const label = (zh: string, en: string): LocalizedText => ({ "zh-CN": zh, "en-US": en });

/** The default schema (docs/contracts.md): property names are fixed and shared with the emulator seed. */
export const DEFAULT_SCHEMA: FieldSchema = deepFreeze({
  version: SCHEMA_VERSION,
  fields: [
    { propertyName: "IntendedProducts", kind: "keywords", role: "products", label: label("有意向采购的产品", "Intended products") },
    { propertyName: "NeedsRecontact", kind: "yesno", role: "needsRecontact", label: label("是否需要再次联系", "Needs re-contact") },
    {
      propertyName: "CustomerTier",
      kind: "choice",
      role: "tier",
      label: label("客户类别", "Customer tier"),
      choices: [
        { value: "key", label: label("重点客户", "Key") },
        { value: "regular", label: label("一般客户", "Regular") },
        { value: "potential", label: label("潜在客户", "Potential") },
      ],
    },
    { propertyName: "Owner", kind: "text", role: "owner", label: label("负责业务员", "Owner") },
    { propertyName: "LastContacted", kind: "date", role: "lastContacted", label: label("最后联系日期", "Last contacted") },
    { propertyName: "NextContact", kind: "date", role: "nextContact", label: label("下次联系日期", "Next contact") },
  ],
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** A mutable copy of the default schema (what the add-in uses when the folder holds none). */
export function createDefaultSchema(): FieldSchema {
  return structuredClone(DEFAULT_SCHEMA) as FieldSchema;
}

/**
 * Fields this version cannot understand (unknown kind, malformed entry) are kept verbatim, with their
 * position, under this key so that serializeSchema writes them back unchanged. The key is ours, not stored.
 */
export const UNSUPPORTED_FIELDS_KEY = "$unsupportedFields";
interface UnsupportedField {
  index: number;
  raw: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses the schema JSON stored on the contacts folder. Forward-compatible: unknown keys on the schema,
 * on fields and on choices are kept; fields of unknown kind are kept aside and written back by
 * serializeSchema. Throws SchemaError only when nothing usable is there (not JSON, not an object).
 */
export function parseSchema(json: string): FieldSchema {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new SchemaError("schemaInvalidJson");
  }
  if (!isRecord(data)) throw new SchemaError("schemaNotAnObject");
  const rawFields = data.fields ?? [];
  if (!Array.isArray(rawFields)) throw new SchemaError("schemaFieldsNotArray");

  const fields: FieldDefinition[] = [];
  const unsupported: UnsupportedField[] = [];
  const seen = new Set<string>();
  const roles = new Set<string>();
  rawFields.forEach((raw, index) => {
    const field = parseField(raw);
    const key = field?.propertyName.toLowerCase();
    if (!field || key === undefined || seen.has(key)) {
      unsupported.push({ index, raw });
      return;
    }
    seen.add(key);
    if (field.role !== undefined) {
      // At most one field per role: a second claimant keeps its data but loses the role.
      if (roles.has(field.role)) delete field.role;
      else roles.add(field.role);
    }
    fields.push(field);
  });

  const version = typeof data.version === "number" && Number.isInteger(data.version) ? data.version : SCHEMA_VERSION;
  const schema: FieldSchema = { ...data, version, fields };
  if (unsupported.length > 0) schema[UNSUPPORTED_FIELDS_KEY] = unsupported;
  else delete schema[UNSUPPORTED_FIELDS_KEY];
  return schema;
}

function parseLocalized(v: unknown, fallback: string): LocalizedText | undefined {
  if (typeof v === "string") return { "zh-CN": v, "en-US": v };
  if (!isRecord(v)) return undefined;
  const zh = typeof v["zh-CN"] === "string" ? v["zh-CN"] : undefined;
  const en = typeof v["en-US"] === "string" ? v["en-US"] : undefined;
  if (zh === undefined && en === undefined && !fallback) return undefined;
  return { ...v, "zh-CN": zh ?? en ?? fallback, "en-US": en ?? zh ?? fallback } as LocalizedText;
}

function parseField(raw: unknown): FieldDefinition | undefined {
  if (!isRecord(raw)) return undefined;
  const { propertyName, kind } = raw;
  if (typeof propertyName !== "string" || !PROPERTY_NAME_PATTERN.test(propertyName)) return undefined;
  if (typeof kind !== "string" || !(FIELD_KINDS as readonly string[]).includes(kind)) return undefined;
  const lbl = parseLocalized(raw.label, propertyName);
  if (!lbl) return undefined;
  const field: FieldDefinition = { ...raw, propertyName, kind: kind as FieldKind, label: lbl };
  if (kind === "choice") {
    const choices: ChoiceOption[] = [];
    if (Array.isArray(raw.choices)) {
      for (const c of raw.choices) {
        if (!isRecord(c) || typeof c.value !== "string" || c.value === "") continue;
        if (choices.some((x) => x.value === c.value)) continue;
        choices.push({ ...c, value: c.value, label: parseLocalized(c.label, c.value) ?? label(c.value, c.value) });
      }
    }
    field.choices = choices;
  }
  if (raw.hidden !== undefined && typeof raw.hidden !== "boolean") delete field.hidden;
  if (raw.role !== undefined && !(typeof raw.role === "string" && (FIELD_ROLES as readonly string[]).includes(raw.role))) {
    // An unknown role from a newer version: keep it under another key so it round-trips.
    delete field.role;
    field.$unknownRole = raw.role;
  }
  return field;
}

/** JSON for the folder's extended property. Unsupported fields go back to their original positions. */
export function serializeSchema(schema: FieldSchema): string {
  const { [UNSUPPORTED_FIELDS_KEY]: unsupportedRaw, fields, ...rest } = schema;
  const out: unknown[] = fields.map((f) => {
    const { $unknownRole, ...field } = f;
    return $unknownRole !== undefined && field.role === undefined ? { ...field, role: $unknownRole } : field;
  });
  const unsupported = (Array.isArray(unsupportedRaw) ? (unsupportedRaw as UnsupportedField[]) : []).slice();
  unsupported.sort((a, b) => a.index - b.index);
  for (const u of unsupported) out.splice(Math.min(u.index, out.length), 0, u.raw);
  return JSON.stringify({ ...rest, version: Math.max(schema.version, SCHEMA_VERSION), fields: out });
}

// ---------------------------------------------------------------------------------------------------
// Look-ups

export function getField(schema: FieldSchema, propertyName: string): FieldDefinition | undefined {
  return schema.fields.find((f) => f.propertyName === propertyName);
}

export function requireField(schema: FieldSchema, propertyName: string): FieldDefinition {
  const f = getField(schema, propertyName);
  if (!f) throw new SchemaError("fieldNotFound", { propertyName });
  return f;
}

export function fieldByRole(schema: FieldSchema, role: FieldRole): FieldDefinition | undefined {
  return schema.fields.find((f) => f.role === role);
}

export function visibleFields(schema: FieldSchema): FieldDefinition[] {
  return schema.fields.filter((f) => !f.hidden);
}

/** Label of a choice value in a locale; an unknown value (written by someone else) shows as itself. */
export function choiceLabel(field: FieldDefinition, value: string, locale: Locale): string {
  const c = field.choices?.find((x) => x.value === value);
  return c ? c.label[locale] : value;
}

// ---------------------------------------------------------------------------------------------------
// Validation

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators and bidi-override
// controls' cousins that break single-line headers. (Bidi marks themselves are legitimate in RTL text.)
const LABEL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type LabelProblem = "labelEmpty" | "labelTooLong" | "labelControlChars";

/** Returns the problem with a label, or null if it is fine (after trimming). */
export function validateLabel(text: string): LabelProblem | null {
  const t = text.trim();
  if (t === "") return "labelEmpty";
  if ([...t].length > MAX_LABEL_LENGTH) return "labelTooLong";
  if (LABEL_CONTROL.test(t)) return "labelControlChars";
  return null;
}

function checkedLabel(text: string, locale?: Locale): string {
  const problem = validateLabel(text);
  if (problem) throw new SchemaError(problem, { max: MAX_LABEL_LENGTH, ...(locale ? { locale } : {}) });
  return text.trim().normalize("NFC");
}

function checkedLocalized(l: Partial<LocalizedText>): LocalizedText {
  const zh = l["zh-CN"]?.trim() ? l["zh-CN"] : l["en-US"];
  const en = l["en-US"]?.trim() ? l["en-US"] : l["zh-CN"];
  return { "zh-CN": checkedLabel(zh ?? "", "zh-CN"), "en-US": checkedLabel(en ?? "", "en-US") };
}

/** Outlook's named-property names compare case-insensitively, so clashes do too. */
export function checkPropertyName(schema: FieldSchema, propertyName: string): void {
  if (!PROPERTY_NAME_PATTERN.test(propertyName)) throw new SchemaError("propertyNameInvalid", { propertyName });
  if (RESERVED_PROPERTY_NAMES.has(propertyName.toLowerCase())) throw new SchemaError("propertyNameReserved", { propertyName });
  const lower = propertyName.toLowerCase();
  const unsupported = (schema[UNSUPPORTED_FIELDS_KEY] as UnsupportedField[] | undefined) ?? [];
  const taken =
    schema.fields.some((f) => f.propertyName.toLowerCase() === lower) ||
    unsupported.some((u) => isRecord(u.raw) && typeof u.raw.propertyName === "string" && u.raw.propertyName.toLowerCase() === lower);
  if (taken) throw new SchemaError("propertyNameTaken", { propertyName });
}

// ---------------------------------------------------------------------------------------------------
// Designer operations

/**
 * A field id from random bytes (pass `crypto.getRandomValues(new Uint8Array(6))`): 12 hex digits, so two
 * users adding a field at the same moment do not pick the same property name.
 */
export function fieldIdFromBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => (b & 0xff).toString(16).padStart(2, "0")).join("").slice(0, 24);
}

export interface NewFieldInput {
  kind: FieldKind;
  label: Partial<LocalizedText>;
  /** For kind "choice": options with caller-generated stable values. */
  choices?: { value: string; label: Partial<LocalizedText> }[];
  role?: FieldRole;
}

/**
 * Adds a field. The property name is "CF" + `fieldId`, where `fieldId` is a short ASCII id the caller
 * generates (crypto random or a counter) — never the label, so user data never names a MAPI property.
 */
export function addField(schema: FieldSchema, input: NewFieldInput, fieldId: string): { schema: FieldSchema; field: FieldDefinition } {
  const unsupportedCount = ((schema[UNSUPPORTED_FIELDS_KEY] as unknown[] | undefined) ?? []).length;
  if (schema.fields.length + unsupportedCount >= MAX_FIELDS) throw new SchemaError("schemaTooManyFields", { max: MAX_FIELDS });
  if (!FIELD_ID_PATTERN.test(fieldId)) throw new SchemaError("propertyNameInvalid", { propertyName: `CF${fieldId}` });
  const propertyName = `CF${fieldId}`;
  checkPropertyName(schema, propertyName);
  if (input.role && fieldByRole(schema, input.role)) throw new SchemaError("roleTaken", { role: input.role });
  if (input.choices && input.kind !== "choice") throw new SchemaError("choicesOnlyForChoiceKind");
  const field: FieldDefinition = { propertyName, kind: input.kind, label: checkedLocalized(input.label) };
  if (input.role) field.role = input.role;
  if (input.kind === "choice") {
    field.choices = [];
    for (const c of input.choices ?? []) field.choices = withChoiceAdded(field, c.value, c.label);
  }
  return { schema: { ...schema, fields: [...schema.fields, field] }, field };
}

function updateField(schema: FieldSchema, propertyName: string, update: (f: FieldDefinition) => FieldDefinition): FieldSchema {
  requireField(schema, propertyName);
  return { ...schema, fields: schema.fields.map((f) => (f.propertyName === propertyName ? update(f) : f)) };
}

/** Renames a label; the stored property name (and therefore every value) is untouched. */
export function renameLabel(schema: FieldSchema, propertyName: string, locale: Locale, text: string): FieldSchema {
  const t = checkedLabel(text, locale);
  return updateField(schema, propertyName, (f) => ({ ...f, label: { ...f.label, [locale]: t } }));
}

export function setHidden(schema: FieldSchema, propertyName: string, hidden: boolean): FieldSchema {
  return updateField(schema, propertyName, (f) => {
    const next = { ...f };
    if (hidden) next.hidden = true;
    else delete next.hidden;
    return next;
  });
}

/** Moves one field to a new index (clamped). */
export function moveField(schema: FieldSchema, propertyName: string, toIndex: number): FieldSchema {
  const field = requireField(schema, propertyName);
  const rest = schema.fields.filter((f) => f !== field);
  const at = Math.max(0, Math.min(rest.length, Math.trunc(toIndex)));
  rest.splice(at, 0, field);
  return { ...schema, fields: rest };
}

/** Sets the full order; must name every field exactly once. */
export function reorderFields(schema: FieldSchema, order: readonly string[]): FieldSchema {
  const names = new Set(order);
  if (names.size !== order.length || order.length !== schema.fields.length || !order.every((n) => getField(schema, n))) {
    throw new SchemaError("orderMismatch");
  }
  return { ...schema, fields: order.map((n) => requireField(schema, n)) };
}

function withChoiceAdded(field: FieldDefinition, value: string, lbl: Partial<LocalizedText>): ChoiceOption[] {
  const choices = field.choices ?? [];
  if (!CHOICE_VALUE_PATTERN.test(value)) throw new SchemaError("choiceValueInvalid", { value });
  if (choices.some((c) => c.value === value)) throw new SchemaError("choiceValueTaken", { value });
  if (choices.length >= MAX_CHOICES) throw new SchemaError("tooManyChoices", { max: MAX_CHOICES });
  return [...choices, { value, label: checkedLocalized(lbl) }];
}

function requireChoiceField(schema: FieldSchema, propertyName: string): FieldDefinition {
  const f = requireField(schema, propertyName);
  if (f.kind !== "choice") throw new SchemaError("choicesOnlyForChoiceKind", { propertyName });
  return f;
}

/** Adds an option. `value` is a caller-generated stable ASCII id, stored on contacts; the label is free. */
export function addChoice(schema: FieldSchema, propertyName: string, value: string, lbl: Partial<LocalizedText>): FieldSchema {
  const f = requireChoiceField(schema, propertyName);
  const choices = withChoiceAdded(f, value, lbl);
  return updateField(schema, propertyName, (x) => ({ ...x, choices }));
}

export function renameChoice(schema: FieldSchema, propertyName: string, value: string, locale: Locale, text: string): FieldSchema {
  const f = requireChoiceField(schema, propertyName);
  if (!f.choices?.some((c) => c.value === value)) throw new SchemaError("choiceNotFound", { value });
  const t = checkedLabel(text, locale);
  return updateField(schema, propertyName, (x) => ({
    ...x,
    choices: (x.choices ?? []).map((c) => (c.value === value ? { ...c, label: { ...c.label, [locale]: t } } : c)),
  }));
}

/**
 * Removes an option from the list. Contacts that hold the value keep it (nothing is rewritten) and show
 * the raw value until someone changes it.
 */
export function removeChoice(schema: FieldSchema, propertyName: string, value: string): FieldSchema {
  const f = requireChoiceField(schema, propertyName);
  if (!f.choices?.some((c) => c.value === value)) throw new SchemaError("choiceNotFound", { value });
  return updateField(schema, propertyName, (x) => ({ ...x, choices: (x.choices ?? []).filter((c) => c.value !== value) }));
}

export function reorderChoices(schema: FieldSchema, propertyName: string, order: readonly string[]): FieldSchema {
  const f = requireChoiceField(schema, propertyName);
  const choices = f.choices ?? [];
  if (new Set(order).size !== order.length || order.length !== choices.length || !order.every((v) => choices.some((c) => c.value === v))) {
    throw new SchemaError("orderMismatch");
  }
  return updateField(schema, propertyName, (x) => ({
    ...x,
    choices: order.map((v) => (x.choices ?? []).find((c) => c.value === v) as ChoiceOption),
  }));
}
