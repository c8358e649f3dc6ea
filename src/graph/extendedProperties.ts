/**
 * The extended-property codec: FieldDefinition ↔ MAPI named property in PS_PUBLIC_STRINGS, with the Outlook
 * type of the field (design.md §4, graph-reference.md §2, contracts.md). Values on the wire are JSON strings
 * (multi-value: arrays of strings).
 *
 * Graph cannot delete an extended property (graph-reference.md §2, gotcha 3), so "empty" is an explicit
 * value per type:
 *   text / choice → String ""
 *   yes/no        → Boolean "false" (an Outlook Yes/No field has no third state; empty reads back as false)
 *   date          → SystemTime "1601-01-01T00:00:00Z" (MAPI's zero FILETIME, which Outlook shows as "None")
 *   number        → Double "-1.7976931348623157e+308" (−Number.MAX_VALUE; a value no user types, refused on input)
 *   keywords      → StringArray [] (the whole array is one MAPI value)
 */
import { parseClaimStamp, serializeClaimStamp } from "../domain/claimStampCodec";
import type { ClaimStamp, Contact, FieldDefinition, FieldKind, FieldOp, FieldSchema, FieldValue, FieldValues } from "../domain/types";
import { GraphRequestError } from "./GraphRequestError";

export const PS_PUBLIC_STRINGS = "{00020329-0000-0000-C000-000000000046}";
/** Our own property set for add-in bookkeeping that is not a user field (contracts.md). */
export const ADDIN_PROPERTY_SET = "{6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60}";
export const SCHEMA_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CustomerFollowUpSchema`;
export const FOLLOW_UP_TASK_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name FollowUpTaskId`;
/**
 * A client-generated id stamped on every contact we create: after an ambiguous failure (504, lost connection) the
 * creation is looked up by it ($filter on a single-value extended property, S6) instead of being blindly retried.
 */
export const CREATION_ID_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CreationId`;
/**
 * When the current owner claimed the contact (domain Contact.claimed, JSON `{ v, owner, at }`): a salesperson's
 * claim from the pool or a manager's reassignment. A claim is not a contact, so it is not written into the
 * "last contacted" field (issue 10). An add-in property rather than a schema field with a new role, because the
 * schema is stored per folder: folders whose stored schema predates the role (every existing one, and teammates'
 * folders the claimant cannot re-save) would have had nowhere to keep it and a claim would lapse at once. This
 * property works on every folder as it is, is read with the fields (buildExpand) and travels with a moved contact
 * (graph/moveContact copies every property it read). Not a user field: no column, no field cap, never in the
 * designer.
 */
export const CLAIMED_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name ClaimedAt`;

export const EMPTY_DATE = "1601-01-01T00:00:00Z";
const EMPTY_DATE_MS = Date.parse(EMPTY_DATE);
export const EMPTY_NUMBER = -Number.MAX_VALUE;
export const EMPTY_BOOLEAN = "false";

/**
 * Longest String we write into one property. MAPI PT_UNICODE values above ~32 KB must be streamed and are
 * not reliably settable through Graph's JSON; 16,000 UTF-16 code units keeps a value under 32 KB.
 * The field-value validation (domain) has its own, smaller limits; this is the storage's hard stop.
 */
export const MAX_STRING_PROPERTY_LENGTH = 16_000;

/** Outlook user-defined field type per field kind (S37 folder-fields-stream-structures). */
export const MAPI_TYPE: Record<FieldKind, "String" | "Double" | "Boolean" | "SystemTime" | "StringArray"> = {
  text: "String",
  choice: "String",
  number: "Double",
  yesno: "Boolean",
  date: "SystemTime",
  keywords: "StringArray",
};

export interface SingleValueProperty {
  id: string;
  value: string;
}
export interface MultiValueProperty {
  id: string;
  value: string[];
}
export interface GraphContactPatch {
  displayName?: string;
  singleValueExtendedProperties?: SingleValueProperty[];
  multiValueExtendedProperties?: MultiValueProperty[];
}

/** A property name is fixed at creation: ASCII, no spaces, never "Keywords" (that is the categories property). */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function propertyId(field: Pick<FieldDefinition, "kind" | "propertyName">): string {
  if (!PROPERTY_NAME.test(field.propertyName) || field.propertyName.toLowerCase() === "keywords") {
    throw new GraphRequestError("invalidInput", 0, `Invalid property name for field (must be ASCII letters/digits, not "Keywords")`);
  }
  const type = MAPI_TYPE[field.kind];
  if (!type) throw new GraphRequestError("invalidInput", 0, `Unknown field kind`);
  return `${type} ${PS_PUBLIC_STRINGS} Name ${field.propertyName}`;
}

export function isMultiValue(kind: FieldKind): boolean {
  return kind === "keywords";
}

/**
 * Graph may return the type and GUID part of an id in another case (GUIDs lower-cased); the name part is
 * case-sensitive (S6). Key ids so that both spellings match.
 */
export function normalizePropertyId(id: string): string {
  // Memoized: every contact of a page carries the same few ids (10,000 contacts × 6 properties per load).
  let n = normalizedIds.get(id);
  if (n === undefined) {
    const m = /^(\S+)\s+(\{[^}]+\})\s+(Name|Id)\s+(.*)$/i.exec(id.trim());
    if (!m) n = id;
    else {
      const [, type, guid, kind, name] = m as unknown as [string, string, string, string, string];
      n = `${type.toLowerCase()} ${guid.toLowerCase()} ${kind.toLowerCase()} ${kind.toLowerCase() === "id" ? name.toLowerCase() : name}`;
    }
    if (normalizedIds.size >= NORMALIZED_ID_LIMIT) normalizedIds.clear();
    normalizedIds.set(id, n);
  }
  return n;
}
const normalizedIds = new Map<string, string>();
/** Ids are bounded by the field cap in practice; the bound only guards against odd input. */
const NORMALIZED_ID_LIMIT = 1000;

function toSystemTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new GraphRequestError("invalidInput", 0, "Invalid date value");
  // contracts.md: SystemTime values are YYYY-MM-DDTHH:mm:ssZ (second precision).
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function checkString(s: string): string {
  if (s.length > MAX_STRING_PROPERTY_LENGTH) {
    throw new GraphRequestError("valueTooLong", 0, `Value longer than ${MAX_STRING_PROPERTY_LENGTH} characters cannot be stored`);
  }
  return s;
}

/** Encodes one value for the wire. Throws GraphRequestError("invalidInput"/"valueTooLong") before anything is sent. */
export function encodeValue(field: FieldDefinition, value: FieldValue): string | string[] {
  switch (field.kind) {
    case "text":
    case "choice":
      if (value === null) return "";
      if (typeof value !== "string") throw new GraphRequestError("invalidInput", 0, "Expected text");
      return checkString(value);
    case "number":
      if (value === null) return String(EMPTY_NUMBER);
      if (typeof value !== "number" || !Number.isFinite(value) || value === EMPTY_NUMBER) {
        throw new GraphRequestError("invalidInput", 0, "Expected a finite number");
      }
      return String(value);
    case "yesno":
      if (value === null) return EMPTY_BOOLEAN;
      if (typeof value !== "boolean") throw new GraphRequestError("invalidInput", 0, "Expected yes/no");
      return value ? "true" : "false";
    case "date":
      if (value === null) return EMPTY_DATE;
      if (typeof value !== "string") throw new GraphRequestError("invalidInput", 0, "Expected a date");
      return toSystemTime(value);
    case "keywords":
      if (value === null) return [];
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw new GraphRequestError("invalidInput", 0, "Expected a list of keywords");
      }
      return value.map(checkString);
    default:
      throw new GraphRequestError("invalidInput", 0, "Unknown field kind");
  }
}

/** Decodes a wire value; unreadable values read as empty (null) rather than failing the whole list. */
export function decodeValue(field: FieldDefinition, raw: string | string[] | undefined | null): FieldValue {
  if (raw === undefined || raw === null) return field.kind === "keywords" ? null : null;
  switch (field.kind) {
    case "text":
    case "choice":
      return typeof raw === "string" && raw !== "" ? raw : null;
    case "number": {
      if (typeof raw !== "string") return null;
      const n = Number(raw);
      return Number.isFinite(n) && n !== EMPTY_NUMBER ? n : null;
    }
    case "yesno":
      return typeof raw === "string" ? raw.toLowerCase() === "true" : null;
    case "date": {
      if (typeof raw !== "string") return null;
      const t = Date.parse(raw);
      if (Number.isNaN(t) || t <= EMPTY_DATE_MS) return null;
      return new Date(t).toISOString();
    }
    case "keywords":
      return Array.isArray(raw) && raw.length > 0 ? raw.map(String) : null;
    default:
      return null;
  }
}

/**
 * `$expand` value naming every field id (graph-reference.md §2: properties must be named, there is no "get all"),
 * and the claim stamp when the schema has an owner (claims need one).
 */
export function buildExpand(schema: FieldSchema, extraSingleIds: string[] = []): string {
  const single: string[] = [];
  const multi: string[] = [];
  for (const f of schema.fields) (isMultiValue(f.kind) ? multi : single).push(propertyId(f));
  if (schema.fields.some((f) => f.role === "owner")) single.push(CLAIMED_PROPERTY_ID);
  for (const id of extraSingleIds) if (!single.includes(id)) single.push(id);
  const q = (id: string) => `id eq '${id.replace(/'/g, "''")}'`;
  const parts: string[] = [];
  if (single.length) parts.push(`singleValueExtendedProperties($filter=${single.map(q).join(" or ")})`);
  if (multi.length) parts.push(`multiValueExtendedProperties($filter=${multi.map(q).join(" or ")})`);
  return parts.join(",");
}

function fieldByName(schema: FieldSchema): Map<string, FieldDefinition> {
  return new Map(schema.fields.map((f) => [f.propertyName, f]));
}

/**
 * The PATCH body for a set of new field values (only the fields given are sent: PATCH keeps everything else,
 * S3). Unknown fields (not in the schema) are refused.
 */
export function toGraphPatch(values: FieldValues, schema: FieldSchema): GraphContactPatch {
  const byName = fieldByName(schema);
  const single: SingleValueProperty[] = [];
  const multi: MultiValueProperty[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = byName.get(name);
    if (!field) throw new GraphRequestError("invalidInput", 0, `Unknown field "${name.slice(0, 64)}"`);
    const encoded = encodeValue(field, value);
    if (Array.isArray(encoded)) multi.push({ id: propertyId(field), value: encoded });
    else single.push({ id: propertyId(field), value: encoded });
  }
  const patch: GraphContactPatch = {};
  if (single.length) patch.singleValueExtendedProperties = single;
  if (multi.length) patch.multiValueExtendedProperties = multi;
  return patch;
}

/** The claim stamp as the single-value property a claim's (or a reassignment's) PATCH adds beside the fields. */
export function toGraphClaimStamp(stamp: ClaimStamp): SingleValueProperty {
  return { id: CLAIMED_PROPERTY_ID, value: serializeClaimStamp(stamp) };
}

/** Field names an op list touches (only those are written). */
export function touchedFields(ops: FieldOp[]): string[] {
  return [...new Set(ops.map((o) => o.field))];
}

/** The raw Graph contact shape we read (graph-reference.md §1). */
export interface GraphContact {
  id: string;
  "@odata.etag"?: string;
  "@removed"?: { reason: string };
  changeKey?: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
  businessAddress?: { street?: string; city?: string; state?: string; postalCode?: string; countryOrRegion?: string } | null;
  emailAddresses?: { name?: string | null; address?: string | null }[] | null;
  categories?: string[] | null;
  parentFolderId?: string;
  lastModifiedDateTime?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  multiValueExtendedProperties?: { id: string; value: string[] }[];
}

/** The contact properties the UI needs (`$select`; extended properties come through `$expand`). */
export const CONTACT_SELECT = [
  "id",
  "changeKey",
  "displayName",
  "givenName",
  "surname",
  "companyName",
  "jobTitle",
  "businessPhones",
  "mobilePhone",
  "businessAddress",
  "emailAddresses",
  "categories",
  "parentFolderId",
  "lastModifiedDateTime",
] as const;

function formatAddress(a: GraphContact["businessAddress"]): string | undefined {
  if (!a) return undefined;
  const s = [a.street, a.city, a.state, a.postalCode, a.countryOrRegion].filter((x) => x && x.trim()).join(", ");
  return s || undefined;
}

/**
 * Maps a Graph contact to the domain Contact. Every schema field gets a value (null when absent or empty);
 * extended properties that are not in the schema are ignored here and never written back (PATCH sends only
 * touched fields), so they survive untouched.
 */
type FieldId = { field: FieldDefinition; id: string; multi: boolean };
/**
 * Per schema object: each addressable field with its normalized id (a page of contacts shares one schema).
 * Re-derived if the schema's field list was replaced or grew in place.
 */
const schemaIds = new WeakMap<FieldSchema, { fields: FieldSchema["fields"]; length: number; ids: FieldId[] }>();
function fieldIds(schema: FieldSchema): FieldId[] {
  const hit = schemaIds.get(schema);
  if (hit && hit.fields === schema.fields && hit.length === schema.fields.length) return hit.ids;
  const ids: FieldId[] = [];
  for (const f of schema.fields) {
    try {
      ids.push({ field: f, id: normalizePropertyId(propertyId(f)), multi: isMultiValue(f.kind) });
    } catch {
      // a schema from a newer version with a name we cannot address: leave it alone
    }
  }
  schemaIds.set(schema, { fields: schema.fields, length: schema.fields.length, ids });
  return ids;
}

const CLAIMED_ID_NORMALIZED = normalizePropertyId(CLAIMED_PROPERTY_ID);

export function fromGraphContact(g: GraphContact, schema: FieldSchema, where?: { mailbox?: string; folderId?: string }): Contact {
  const singles = new Map<string, string>();
  for (const p of g.singleValueExtendedProperties ?? []) singles.set(normalizePropertyId(p.id), p.value);
  const multis = new Map<string, string[]>();
  for (const p of g.multiValueExtendedProperties ?? []) multis.set(normalizePropertyId(p.id), p.value);
  const fields: FieldValues = {};
  for (const { field: f, id, multi } of fieldIds(schema)) {
    fields[f.propertyName] = decodeValue(f, multi ? multis.get(id) : singles.get(id));
  }
  const c: Contact = {
    id: g.id,
    displayName: g.displayName ?? "",
    emailAddresses: (g.emailAddresses ?? [])
      .filter((e) => e && e.address)
      .map((e) => (e.name ? { name: e.name, address: e.address as string } : { address: e.address as string })),
    categories: g.categories ?? [],
    fields,
  };
  if (g["@odata.etag"]) c.etag = g["@odata.etag"];
  if (g.changeKey) c.changeKey = g.changeKey;
  if (g.givenName) c.givenName = g.givenName;
  if (g.surname) c.surname = g.surname;
  if (g.companyName) c.companyName = g.companyName;
  if (g.jobTitle) c.jobTitle = g.jobTitle;
  if (g.businessPhones?.length) c.businessPhones = g.businessPhones;
  if (g.mobilePhone) c.mobilePhone = g.mobilePhone;
  const addr = formatAddress(g.businessAddress);
  if (addr) c.businessAddress = addr;
  const city = g.businessAddress?.city?.trim();
  if (city) c.businessCity = city;
  if (g.lastModifiedDateTime) c.lastModifiedDateTime = g.lastModifiedDateTime;
  const claimed = parseClaimStamp(singles.get(CLAIMED_ID_NORMALIZED));
  if (claimed) c.claimed = claimed;
  const folderId = where?.folderId ?? g.parentFolderId;
  if (folderId) c.folderId = folderId;
  if (where?.mailbox) c.mailbox = where.mailbox;
  return c;
}

/** Reads one raw single-value property by id from a Graph object (e.g. the schema on a folder). */
export function readSingleValue(obj: { singleValueExtendedProperties?: { id: string; value: string }[] }, id: string): string | undefined {
  const key = normalizePropertyId(id);
  return obj.singleValueExtendedProperties?.find((p) => normalizePropertyId(p.id) === key)?.value;
}
