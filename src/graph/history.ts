/**
 * Where the contact history lives (issue 13): one JSON String extended property,
 * `String {6e3a1c52-…} Name CustomerFollowUpHistory`, in the add-in's own property set on the contact.
 *
 * Why a property on the contact and not Outlook items (calendar events, notes): the history then travels with
 * the customer — a manager reading the salesperson's shared Contacts folder (Contacts.Read.Shared, S4) reads it
 * with the same `$expand` as the fields, a contact moved or exported keeps it, and it needs no extra scope.
 * Extended properties are documented on contacts and must be named in `$expand` to be read (S5, S6,
 * singlevaluelegacyextendedproperty-get.md); one fixed name costs one named-property slot per mailbox (S9).
 * Size: see src/domain/history.ts (HISTORY_MAX_CHARS, the storage's String limit in extendedProperties.ts).
 *
 * Writes are read-modify-write of the whole value: GET with `$expand` (the etag), append in the domain, PATCH
 * with `If-Match`; a 412 (someone wrote in between, S7 / graph-reference.md §7) re-reads and appends again, so
 * two people recording at once both keep their entries. The entry id makes a retried append idempotent.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { appendEntry, openComplaints, parseHistory, serializeHistory, type HistoryEntry, type HistoryLog } from "../domain/history";
import { contactPath, propertyExpand, readPropertyOfMany, type RawPropertyContact } from "./contactProperty";
import { ADDIN_PROPERTY_SET, readSingleValue, type SingleValueProperty } from "./extendedProperties";
import { buildQuery } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

export const HISTORY_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CustomerFollowUpHistory`;
/**
 * Whether the customer has an open complaint (客诉处理, issue 13 item 6): "open" or "none", written in the same
 * PATCH as the history on every write, so the manager finds the open complaints of a whole folder with one
 * `$filter` on the server (singlevaluelegacyextendedproperty-get.md: `singleValueExtendedProperties/Any(ep: ep/id
 * eq … and ep/value eq …)`) instead of reading every customer's history. A history written before this marker
 * existed gets it at its next append.
 */
export const COMPLAINTS_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CustomerFollowUpComplaints`;
export const COMPLAINTS_OPEN = "open";

/** The complaint marker that goes with a log (single-value properties cannot be deleted through Graph: "none", not absent). */
export function complaintsMarker(log: HistoryLog): SingleValueProperty {
  return { id: COMPLAINTS_PROPERTY_ID, value: openComplaints(log).length ? COMPLAINTS_OPEN : "none" };
}
/** An append re-reads and retries after a 412 this many times (another writer keeps winning) before failing. */
const MAX_APPEND_ATTEMPTS = 4;

const historyExpand = propertyExpand(HISTORY_PROPERTY_ID);
type RawContact = RawPropertyContact;

export interface StoredHistory {
  log: HistoryLog;
  etag?: string;
}

/** One contact's history (root: "/me" or "/users/{upn}"). A contact without history reads as an empty log. */
export async function readHistory(client: Client, root: string, contactId: string): Promise<StoredHistory> {
  try {
    const raw: RawContact = await client.api(`${contactPath(root, contactId)}?${buildQuery({ $select: "id", $expand: historyExpand })}`).get();
    const out: StoredHistory = { log: parseHistory(readSingleValue(raw, HISTORY_PROPERTY_ID)) };
    if (raw["@odata.etag"]) out.etag = raw["@odata.etag"];
    return out;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

/** Histories of many contacts, 20 GETs per $batch (S12). Contacts that cannot be read are left out. */
export async function readHistories(client: Client, root: string, contactIds: readonly string[]): Promise<{ logs: Map<string, HistoryLog>; requests: number }> {
  const { values, requests } = await readPropertyOfMany(client, root, contactIds, HISTORY_PROPERTY_ID);
  return { logs: new Map([...values].map(([id, v]) => [id, parseHistory(v)])), requests };
}

/**
 * Appends one entry. `alsoSet` are further single-value properties written in the same PATCH (e.g. the
 * last-contacted field derived from the new log), computed from the fresh log on every attempt.
 */
export async function appendHistory(
  client: Client,
  root: string,
  contactId: string,
  entry: HistoryEntry,
  alsoSet?: (log: HistoryLog) => SingleValueProperty[],
): Promise<{ log: HistoryLog; requests: number }> {
  let requests = 0;
  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
    const { log, etag } = await readHistory(client, root, contactId);
    requests++;
    const next = appendEntry(log, entry);
    if (next === log) return { log, requests }; // already there (a retried write)
    const props: SingleValueProperty[] = [{ id: HISTORY_PROPERTY_ID, value: serializeHistory(next) }, complaintsMarker(next), ...(alsoSet?.(next) ?? [])];
    try {
      let req = client.api(contactPath(root, contactId));
      if (etag) req = req.header("If-Match", etag);
      await req.patch({ singleValueExtendedProperties: props });
      requests++;
      return { log: next, requests };
    } catch (e) {
      requests++;
      const err = toGraphRequestError(e);
      if (err.status !== 412) throw err;
    }
  }
  throw new GraphRequestError("conflict", 412, "The history kept changing while it was being written");
}
