/**
 * The contacts list's view — group-by, sort and filters — remembered per user across reloads (issue 11 item 6).
 * Kept in Office roaming settings with the other preferences (README "What the add-in stores where": the
 * mailbox, every Outlook client of the user, 32 KB for all settings), under a key of its own per mailbox user, so
 * a second mailbox opened in the same Outlook (or the demo's other users in one browser) keeps its own view.
 * Parsed defensively: a stored view from another version, or one naming a field since deleted, loses only the
 * parts that no longer make sense.
 */
import type { BuiltinColumn, ColumnRef, Condition, SortSpec } from "../domain/contactQuery";
import type { RoamingSettingsPort } from "../office";

export const CONTACT_LIST_VIEW_KEY_PREFIX = "contactListView:";
/** A view is a handful of conditions; cap it so a stored value can never eat the 32 KB roaming budget. */
export const MAX_STORED_FILTERS = 20;
/** A filter operand is a value typed in the filter bar (fields hold at most 255 characters). */
const MAX_OPERAND_LENGTH = 255;

export interface ContactListView {
  groupBy?: ColumnRef;
  sort: SortSpec;
  filters: Condition[];
}

export const DEFAULT_CONTACT_LIST_VIEW: ContactListView = { sort: { column: { builtin: "displayName" }, direction: "asc" }, filters: [] };

const BUILTINS: readonly BuiltinColumn[] = ["displayName", "givenName", "surname", "companyName", "jobTitle", "email", "categories"];
/** Stored property names are ASCII identifiers (src/domain/schema.ts); anything else is not a column. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function contactListViewKey(mailboxUser: string): string {
  return `${CONTACT_LIST_VIEW_KEY_PREFIX}${mailboxUser.trim().toLowerCase()}`;
}

function parseColumn(raw: unknown): ColumnRef | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.field === "string" && PROPERTY_NAME.test(r.field)) return { field: r.field };
  if (typeof r.builtin === "string" && (BUILTINS as readonly string[]).includes(r.builtin)) return { builtin: r.builtin as BuiltinColumn };
  return undefined;
}

const isOperand = (v: unknown): v is string => typeof v === "string" && v.length <= MAX_OPERAND_LENGTH;

/** The condition's shape only; whether its operator fits the field's kind is the query engine's to say (the hook drops what it refuses). */
function parseCondition(raw: unknown): Condition | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const column = parseColumn(r.column);
  if (!column) return undefined;
  switch (r.op) {
    case "eq":
    case "ne":
      return r.value === null || typeof r.value === "boolean" || (typeof r.value === "number" && Number.isFinite(r.value)) || isOperand(r.value)
        ? { column, op: r.op, value: r.value }
        : undefined;
    case "contains":
    case "hasKeyword":
    case "before":
    case "after":
    case "onOrBefore":
    case "onOrAfter":
      return isOperand(r.value) ? { column, op: r.op, value: r.value } : undefined;
    case "isEmpty":
    case "notEmpty":
      return { column, op: r.op };
    case "gt":
    case "lt":
    case "ge":
    case "le":
      return typeof r.value === "number" && Number.isFinite(r.value) ? { column, op: r.op, value: r.value } : undefined;
    default:
      return undefined;
  }
}

export function parseContactListView(raw: unknown): ContactListView {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const groupBy = parseColumn(r.groupBy);
  const s = (r.sort && typeof r.sort === "object" ? r.sort : {}) as Record<string, unknown>;
  const sortColumn = parseColumn(s.column);
  const sort: SortSpec = sortColumn ? { column: sortColumn, direction: s.direction === "desc" ? "desc" : "asc" } : DEFAULT_CONTACT_LIST_VIEW.sort;
  const filters = Array.isArray(r.filters)
    ? r.filters
        .slice(0, MAX_STORED_FILTERS)
        .map(parseCondition)
        .filter((c): c is Condition => c !== undefined)
    : [];
  return { ...(groupBy ? { groupBy } : {}), sort, filters };
}

/** The stored view of this mailbox user, or the default one (nothing stored, or unreadable). */
export async function loadContactListView(store: RoamingSettingsPort, mailboxUser: string): Promise<ContactListView> {
  return parseContactListView(await store.get<unknown>(contactListViewKey(mailboxUser)));
}

export async function saveContactListView(store: RoamingSettingsPort, mailboxUser: string, view: ContactListView): Promise<void> {
  const clean = parseContactListView(view);
  await store.set(contactListViewKey(mailboxUser), clean);
  await store.save();
}

export interface ContactListViewStore {
  load(): Promise<ContactListView>;
  save(view: ContactListView): Promise<void>;
}

/** The signed-in mailbox user's stored view, through the host's roaming settings (the task pane gets no Office access of its own). */
export function contactListViewStore(services: { office: { roamingSettings: RoamingSettingsPort }; environment: { user: { emailAddress: string } } }): ContactListViewStore {
  const store = services.office.roamingSettings;
  const user = services.environment.user.emailAddress;
  return {
    load: () => loadContactListView(store, user),
    save: (view) => saveContactListView(store, user, view),
  };
}
