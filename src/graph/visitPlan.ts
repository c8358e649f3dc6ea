/**
 * Where the visit plan lives (issue 13 item 2, docs/process-records.md "Visit plan"): on each customer's contact,
 * two String extended properties in the add-in's own property set:
 *   - `CustomerVisitPlan`: the JSON plan of that customer (src/domain/visitPlan.ts), within the String budget;
 *   - `VisitPlanOpen`: "open" while a visit is still to do (or a cancelled one's calendar event is still to delete),
 *     "none" afterwards (extended properties cannot be deleted, graph-reference.md §2) — the server-side index.
 *
 * Why not in the contact list's `$expand`: the list reads every contact's fields in pages of 1000 with one `$expand`
 * naming each property (graph-reference.md §2); the plan concerns a handful of customers a day, so it is read apart:
 * `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…VisitPlanOpen' and ep/value eq 'open')` lists those
 * customers' ids (String `eq` on contacts: singlevaluelegacyextendedproperty-get.md, S6), then their plans are read
 * 20 per `$batch` with the same `$expand` the history uses. Two round trips for a normal day, whatever the folder size,
 * and the manager reads a salesperson's plans the same way through the shared folder (Contacts.Read.Shared, S4).
 *
 * Writes are read-modify-write of the whole value with If-Match; a 412 re-reads and applies the change again
 * (graph-reference.md §7), so two devices editing the plan at once both keep their change.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { hasOpenVisits, parseVisitPlan, serializeVisitPlan, type VisitPlan } from "../domain/visitPlanCodec";
import { contactPath, propertyExpand, readPropertyOfMany, type RawPropertyContact } from "./contactProperty";
import { ADDIN_PROPERTY_SET, readSingleValue } from "./extendedProperties";
import { buildQuery, singleValuePropertyEquals } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

export const VISIT_PLAN_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CustomerVisitPlan`;
export const VISIT_PLAN_OPEN_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name VisitPlanOpen`;
const OPEN = "open";
const NONE = "none";
/** A write re-reads and retries after a 412 this many times (another writer keeps winning) before failing. */
const MAX_WRITE_ATTEMPTS = 4;
/** Ids per page of the index query (the Outlook page ceiling, user-list-messages.md). */
const PAGE = 1000;

const planExpand = propertyExpand(VISIT_PLAN_PROPERTY_ID);
type RawContact = RawPropertyContact;

export interface StoredPlan {
  plan: VisitPlan;
  etag?: string;
}

export async function readVisitPlan(client: Client, root: string, contactId: string): Promise<StoredPlan> {
  try {
    const raw: RawContact = await client.api(`${contactPath(root, contactId)}?${buildQuery({ $select: "id", $expand: planExpand })}`).get();
    const out: StoredPlan = { plan: parseVisitPlan(readSingleValue(raw, VISIT_PLAN_PROPERTY_ID)) };
    if (raw["@odata.etag"]) out.etag = raw["@odata.etag"];
    return out;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

/**
 * The plans of every customer with an open visit in a mailbox's default folder (root "/me" or "/users/{upn}").
 * `requests` counts round trips: 1 for the index (+1 per further 1000 ids), 1 per 20 plans.
 */
export async function readOpenVisitPlans(client: Client, root: string): Promise<{ plans: Map<string, VisitPlan>; requests: number }> {
  let requests = 0;
  const ids: string[] = [];
  let url: string | undefined = `${root}/contacts?${buildQuery({ $filter: singleValuePropertyEquals(VISIT_PLAN_OPEN_PROPERTY_ID, OPEN), $select: "id", $top: PAGE })}`;
  try {
    while (url) {
      const page: { value?: { id: string }[]; "@odata.nextLink"?: string } = await client.api(url).get();
      requests++;
      for (const c of page.value ?? []) ids.push(c.id);
      url = page["@odata.nextLink"];
    }
  } catch (e) {
    throw toGraphRequestError(e);
  }
  const read = await readPropertyOfMany(client, root, ids, VISIT_PLAN_PROPERTY_ID);
  const plans = new Map([...read.values].map(([id, v]) => [id, parseVisitPlan(v)]));
  return { plans, requests: requests + read.requests };
}

/**
 * Changes one customer's plan: `change` gets the current plan and returns the next one (the same object = nothing
 * to write). `known` (a plan and etag just written) skips the first read. The index property is written in the
 * same PATCH. Errors thrown by `change` (a VisitError) propagate and nothing is written.
 */
export async function updateVisitPlan(
  client: Client,
  root: string,
  contactId: string,
  change: (plan: VisitPlan) => VisitPlan,
  known?: StoredPlan,
): Promise<StoredPlan & { requests: number; changed: boolean }> {
  let requests = 0;
  // A known plan without an etag cannot guard its write (If-Match): read it again.
  let current = known?.etag ? known : undefined;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    if (!current) {
      current = await readVisitPlan(client, root, contactId);
      requests++;
    }
    const next = change(current.plan);
    if (next === current.plan) return { ...current, requests, changed: false };
    const props = [
      { id: VISIT_PLAN_PROPERTY_ID, value: serializeVisitPlan(next) },
      { id: VISIT_PLAN_OPEN_PROPERTY_ID, value: hasOpenVisits(next) ? OPEN : NONE },
    ];
    try {
      let req = client.api(contactPath(root, contactId));
      if (current.etag) req = req.header("If-Match", current.etag);
      const written: RawContact | undefined = await req.patch({ singleValueExtendedProperties: props });
      requests++;
      const out: StoredPlan & { requests: number; changed: boolean } = { plan: next, requests, changed: true };
      if (written?.["@odata.etag"]) out.etag = written["@odata.etag"];
      return out;
    } catch (e) {
      requests++;
      const err = toGraphRequestError(e);
      if (err.status !== 412) throw err;
      current = undefined; // someone wrote in between: read again and re-apply the change
    }
  }
  throw new GraphRequestError("conflict", 412, "The visit plan kept changing while it was being written");
}
