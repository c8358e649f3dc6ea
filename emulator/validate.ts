/**
 * Request-body typing in one place (issue 12 item 5): every writable property is checked against its EDM type
 * (Graph's v1.0 CSDL; see the types section below for which are vendored) before anything is written, with
 * the messages Graph's OData reader answers (all 400 `RequestBodyRead`, the code Outlook resources use for
 * body-read failures — msgraph-sdk-powershell #3159 "[RequestBodyRead] : Cannot convert the literal '…' to the
 * expected type 'Edm.Binary'", #3263 "Cannot convert the literal '911' to the expected type 'Edm.String'"):
 *  - a JSON value of the wrong primitive kind, or a string that is not a valid literal of the type:
 *    "Cannot convert the literal '{v}' to the expected type '{Edm.X}'."
 *  - Edm.DateTimeOffset needs a time zone (OData ABNF `dateTimeOffsetValue` … `( "Z" / sign hour ":" minute )`;
 *    OData/odata.net #2113: '2026-06-08T13:06:24' fails with that message).
 *  - an object/array where a primitive is expected, or the reverse: "An unexpected '{node}' node was found when
 *    reading from the JSON reader. A '{expected}' node was expected." (ODataLib's JSON reader).
 *  - null for a non-nullable property: "A null value was found for the property named '{p}', which has the
 *    expected type '{T}[Nullable=False]'. The expected type '{T}[Nullable=False]' does not allow null values."
 *  - an unknown enum member: "Requested value '{v}' was not found."
 */
import { GraphError } from "./errors";

export type Prim = "Edm.String" | "Edm.Boolean" | "Edm.DateTimeOffset" | "Edm.Int32" | "Edm.Double";
export interface EnumT { enum: string; members: readonly string[] }
export interface ComplexT { complex: string; props: Record<string, Prop> }
export interface Prop { type: Prim | EnumT | ComplexT; collection?: boolean; nullable?: boolean }

const fail = (message: string): GraphError => new GraphError(400, "RequestBodyRead", message);
const literal = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const node = (v: unknown): string => (Array.isArray(v) ? "StartArray" : v !== null && typeof v === "object" ? "StartObject" : "PrimitiveValue");
const typeName = (t: Prop["type"]): string => (typeof t === "string" ? t : "enum" in t ? `microsoft.graph.${t.enum}` : `microsoft.graph.${t.complex}`);

// OData ABNF dateTimeOffsetValue: year "-" month "-" day "T" hour ":" minute [":" second ["." fractionalSeconds]] ("Z" / sign hour ":" minute)
const DTO = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

function checkPrim(name: string, v: unknown, t: Prim): void {
  if (v !== null && typeof v === "object") throw fail(`An unexpected '${node(v)}' node was found for property named '${name}' when reading from the JSON reader. A 'PrimitiveValue' node was expected.`);
  const bad = (): GraphError => fail(`Cannot convert the literal '${literal(v)}' to the expected type '${t}'.`);
  switch (t) {
    case "Edm.String": if (typeof v !== "string") throw bad(); return;
    case "Edm.Boolean": if (typeof v !== "boolean") throw bad(); return;
    case "Edm.Int32": if (typeof v !== "number" || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw bad(); return;
    case "Edm.Double": if (typeof v !== "number") throw bad(); return;
    case "Edm.DateTimeOffset": {
      if (typeof v !== "string" || !DTO.test(v) || Number.isNaN(Date.parse(v))) {
        if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(v)) {
          throw fail(`The time zone information is missing on the DateTimeOffset value '${v}'. A DateTimeOffset value must contain the time zone information.`);
        }
        throw bad();
      }
      return;
    }
  }
}

/** Validate one property value (recursing into complex types and collections). */
export function checkValue(name: string, v: unknown, p: Prop): void {
  if (v === null) {
    if (p.nullable === false || p.collection) {
      const t = p.collection ? `Collection(${typeName(p.type)})` : typeName(p.type);
      throw fail(`A null value was found for the property named '${name}', which has the expected type '${t}[Nullable=False]'. The expected type '${t}[Nullable=False]' does not allow null values.`);
    }
    return;
  }
  if (p.collection) {
    if (!Array.isArray(v)) throw fail(`An unexpected '${node(v)}' node was found when reading from the JSON reader. A 'StartArray' node was expected.`);
    for (const x of v) {
      if (x === null) throw fail(`A null value was found with the expected type '${typeName(p.type)}[Nullable=False]'. The expected type '${typeName(p.type)}[Nullable=False]' does not allow null values.`);
      checkValue(name, x, { type: p.type });
    }
    return;
  }
  const t = p.type;
  if (typeof t === "string") return checkPrim(name, v, t);
  if ("enum" in t) {
    if (typeof v !== "string") throw fail(`Cannot convert the literal '${literal(v)}' to the expected type 'microsoft.graph.${t.enum}'.`);
    if (!t.members.some((m) => m.toLowerCase() === v.toLowerCase())) throw fail(`Requested value '${v}' was not found.`);
    return;
  }
  if (Array.isArray(v) || typeof v !== "object") throw fail(`An unexpected '${node(v)}' node was found when reading from the JSON reader. A 'StartObject' node was expected.`);
  checkObject(v as Record<string, unknown>, t);
}

/** Every key must be a property of the type (or an instance annotation) and of the right type. */
export function checkObject(o: Record<string, unknown>, t: ComplexT, skip: readonly string[] = []): void {
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith("@odata.") || k.includes("@") || skip.includes(k)) continue;
    const p = t.props[k];
    if (!p) {
      throw fail(`The property '${k}' does not exist on type 'microsoft.graph.${t.complex}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
    checkValue(k, v, p);
  }
}

/** Canonical enum member (members match case-insensitively, as Graph's enum parser does). */
export function enumValue(t: EnumT, v: string): string {
  return t.members.find((m) => m.toLowerCase() === v.toLowerCase()) ?? v;
}

// ---------------------------------------------------------------- types
// contact, contactFolder, physicalAddress, itemBody: EntityType/ComplexType of the vendored CSDL subset
// (test/csdl/graph-v1.0-subset.xml; test/csdl.contract.test.ts checks CONTACT against it). emailAddress, the To Do
// types, outlookCategory and dateTimeTimeZone follow the docs' resource pages (resources/emailaddress.md,
// todotask.md, todotasklist.md, linkedresource.md, outlookcategory.md, datetimetimezone.md); their Nullable="false"
// facets are from the v1.0 CSDL but not vendored here (not located in the stored copy) — a null there is refused,
// which is at worst stricter than Graph, never more lenient.
const S: Prop = { type: "Edm.String" };
const SC: Prop = { type: "Edm.String", collection: true };
const DTO_P: Prop = { type: "Edm.DateTimeOffset" };

export const EMAIL_ADDRESS: ComplexT = { complex: "emailAddress", props: { address: S, name: S } };
export const PHYSICAL_ADDRESS: ComplexT = { complex: "physicalAddress", props: { city: S, countryOrRegion: S, postalCode: S, state: S, street: S } };
export const BODY_TYPE: EnumT = { enum: "bodyType", members: ["text", "html"] };
export const ITEM_BODY: ComplexT = { complex: "itemBody", props: { content: S, contentType: { type: BODY_TYPE } } };
export const DATE_TIME_TIME_ZONE: ComplexT = { complex: "dateTimeTimeZone", props: { dateTime: { type: "Edm.String", nullable: false }, timeZone: S } };
export const TASK_STATUS: EnumT = { enum: "taskStatus", members: ["notStarted", "inProgress", "completed", "waitingOnOthers", "deferred"] };
export const IMPORTANCE: EnumT = { enum: "importance", members: ["low", "normal", "high"] };
export const CATEGORY_COLOR: EnumT = {
  enum: "categoryColor",
  members: ["none", ...Array.from({ length: 25 }, (_, i) => `preset${i}`)],
};

/** contact (outlookItem + contact properties; the extended-property navigations are checked in extprops.ts). */
export const CONTACT: ComplexT = {
  complex: "contact",
  props: {
    id: S, categories: SC, changeKey: S, createdDateTime: DTO_P, lastModifiedDateTime: DTO_P,
    assistantName: S, birthday: DTO_P, businessAddress: { type: PHYSICAL_ADDRESS }, businessHomePage: S, businessPhones: SC,
    children: SC, companyName: S, department: S, displayName: S, emailAddresses: { type: EMAIL_ADDRESS, collection: true },
    fileAs: S, generation: S, givenName: S, homeAddress: { type: PHYSICAL_ADDRESS }, homePhones: SC, imAddresses: SC,
    initials: S, jobTitle: S, manager: S, middleName: S, mobilePhone: S, nickName: S, officeLocation: S,
    otherAddress: { type: PHYSICAL_ADDRESS }, parentFolderId: S, personalNotes: S, profession: S, spouseName: S, surname: S,
    title: S, yomiCompanyName: S, yomiGivenName: S, yomiSurname: S,
  },
};
export const RECIPIENT: ComplexT = { complex: "recipient", props: { emailAddress: { type: EMAIL_ADDRESS } } };
/**
 * The message properties a sendMail request may set here (resources/message.md, writable ones); the other writable
 * ones (attachments, flag, internetMessageHeaders, from, …) are outside the subset and answered 501 by the handler.
 */
export const MESSAGE_TO_SEND: ComplexT = {
  complex: "message",
  props: {
    subject: S, body: { type: ITEM_BODY }, importance: { type: IMPORTANCE }, categories: SC,
    toRecipients: { type: RECIPIENT, collection: true }, ccRecipients: { type: RECIPIENT, collection: true },
    bccRecipients: { type: RECIPIENT, collection: true }, replyTo: { type: RECIPIENT, collection: true },
    isDeliveryReceiptRequested: { type: "Edm.Boolean" }, isReadReceiptRequested: { type: "Edm.Boolean" },
  },
};
export const CONTACT_FOLDER: ComplexT = { complex: "contactFolder", props: { id: S, displayName: S, parentFolderId: S } };
export const OUTLOOK_CATEGORY: ComplexT = { complex: "outlookCategory", props: { id: S, displayName: S, color: { type: CATEGORY_COLOR } } };
export const TODO_TASK_LIST: ComplexT = { complex: "todoTaskList", props: { id: S, displayName: S, isOwner: { type: "Edm.Boolean", nullable: false }, isShared: { type: "Edm.Boolean", nullable: false } } };
export const LINKED_RESOURCE: ComplexT = { complex: "linkedResource", props: { id: S, applicationName: S, displayName: S, externalId: S, webUrl: S } };
export const TODO_TASK: ComplexT = {
  complex: "todoTask",
  props: {
    id: S, body: { type: ITEM_BODY }, bodyLastModifiedDateTime: { type: "Edm.DateTimeOffset", nullable: false }, categories: SC,
    completedDateTime: { type: DATE_TIME_TIME_ZONE }, createdDateTime: { type: "Edm.DateTimeOffset", nullable: false },
    dueDateTime: { type: DATE_TIME_TIME_ZONE }, hasAttachments: { type: "Edm.Boolean" }, importance: { type: IMPORTANCE, nullable: false },
    isReminderOn: { type: "Edm.Boolean", nullable: false }, lastModifiedDateTime: { type: "Edm.DateTimeOffset", nullable: false },
    reminderDateTime: { type: DATE_TIME_TIME_ZONE }, startDateTime: { type: DATE_TIME_TIME_ZONE }, status: { type: TASK_STATUS, nullable: false },
    title: S, linkedResources: { type: LINKED_RESOURCE, collection: true },
  },
};
