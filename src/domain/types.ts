/**
 * The domain model shared by every layer. Pure types: no office-js, Graph, React, fetch or clock here.
 * Other layers map to and from these shapes (graph: fromGraphContact/toGraphPatch; taskpane: views).
 */

/** The kinds of custom field a user can create (design.md §2). */
export type FieldKind = "text" | "number" | "yesno" | "date" | "keywords" | "choice";

export type Locale = "zh-CN" | "en-US";
export const LOCALES: readonly Locale[] = ["zh-CN", "en-US"];

/** A label in both languages the product ships. */
export type LocalizedText = Record<Locale, string>;

export interface ChoiceOption {
  /** Stored value: stable, never shown directly (e.g. "key"). */
  value: string;
  label: LocalizedText;
  /** Unknown keys written by a newer version survive a round trip. */
  [extra: string]: unknown;
}

/**
 * Semantic roles let features find "the needs re-contact field" without depending on labels,
 * which the user may rename. At most one field per role.
 */
export type FieldRole =
  | "products"
  | "needsRecontact"
  | "tier"
  | "owner"
  | "lastContacted"
  | "nextContact"
  | "outcomeNote";

export interface FieldDefinition {
  /**
   * The MAPI named-property name in PS_PUBLIC_STRINGS. Fixed at creation, ASCII, never derived from
   * user data (named properties are a finite mailbox resource — graph-reference.md §2).
   */
  propertyName: string;
  kind: FieldKind;
  label: LocalizedText;
  /** Only for kind "choice". */
  choices?: ChoiceOption[];
  hidden?: boolean;
  role?: FieldRole;
  /** Unknown keys written by a newer version survive a round trip. */
  [extra: string]: unknown;
}

export interface FieldSchema {
  version: number;
  fields: FieldDefinition[];
  [extra: string]: unknown;
}

/**
 * A field's value in the domain:
 * - text / choice: string
 * - number: number
 * - yesno: boolean
 * - date: ISO 8601 UTC instant string, e.g. "2026-11-26T00:00:00.000Z"
 * - keywords: string[]
 * - null: empty (stored on the contact as the kind's explicit empty sentinel)
 */
export type FieldValue = string | number | boolean | string[] | null;

export type FieldValues = Record<string, FieldValue>;

export interface EmailAddress {
  name?: string;
  address: string;
}

/** A postal address as Graph's physicalAddress resource (contact businessAddress/homeAddress/otherAddress). */
export interface PostalAddress {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  countryOrRegion?: string;
}

export interface Contact {
  /** Graph immutable id. */
  id: string;
  /** Graph @odata.etag of the version this copy reflects (sent as If-Match on writes). */
  etag?: string;
  changeKey?: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  companyName?: string;
  jobTitle?: string;
  businessPhones?: string[];
  mobilePhone?: string;
  businessAddress?: string;
  /** The business address's city alone: the default area of a planned visit (每日访问计划表). */
  businessCity?: string;
  emailAddresses: EmailAddress[];
  categories: string[];
  /** Custom field values keyed by FieldDefinition.propertyName. Missing key = empty. */
  fields: FieldValues;
  /** Where the contact lives: the mailbox (UPN) and folder id. */
  mailbox?: string;
  folderId?: string;
  lastModifiedDateTime?: string;
  /**
   * The last claim recorded on the contact (a salesperson's claim from the pool, or a manager's reassignment):
   * add-in bookkeeping beside the fields, not a field, because a claim is not a contact (issue 10).
   */
  claimed?: ClaimStamp;
}

/** Whom a claim made the owner, and when (ISO instant). It keeps the claim alive; it never counts as a contact. */
export interface ClaimStamp {
  owner: string;
  at: string;
}

/** A field-level change. Keyword ops merge into arrays instead of overwriting them. */
export type FieldOp =
  | { op: "set"; field: string; value: FieldValue }
  | { op: "clear"; field: string }
  /** `before`: put the value in front of this keyword when the list has it (undo of a removal keeps the order), else last. */
  | { op: "addKeyword"; field: string; value: string; before?: string }
  | { op: "removeKeyword"; field: string; value: string };

/** Per-contact outcome of a write, as the UI shows it. */
export type WriteResult =
  | { contactId: string; status: "written"; etag?: string }
  | { contactId: string; status: "failed"; reason: string; code?: string };
