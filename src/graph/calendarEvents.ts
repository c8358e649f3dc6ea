/**
 * Planned visits on the salesperson's Outlook calendar (issue 13 item 2), so a reminder rings on every client and
 * phone. Delegated Calendars.ReadWrite, asked for only once the user turns the calendar on (src/auth/scopes.ts).
 *
 * Each event carries two single-value extended properties in the add-in's property set
 * (api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties.md: created with the event):
 * `VisitId` (the visit it mirrors) and `CustomerContactId` (the customer's contact). The visit id finds the event
 * again with `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…VisitId' and ep/value eq '…')`, the form
 * singlevaluelegacyextendedproperty-get.md documents for events.
 *
 * Exactly once: a POST is not retried blindly — a 503/504 or a lost answer may come after Exchange created the
 * event (the SDK's RetryHandler never repeats a POST, retryPolicy.ts) — the event is looked up by its visit id and
 * created again only when it is not there. PATCH (api/event-update.md) and DELETE (api/event-delete.md) are
 * idempotent; a DELETE answered 404 means the event is already gone.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { VisitEventContent } from "../domain/visitPlan";
import { ADDIN_PROPERTY_SET } from "./extendedProperties";
import { buildQuery, seg, singleValuePropertyEquals } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

export const VISIT_EVENT_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name VisitId`;
export const VISIT_CONTACT_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name CustomerContactId`;
/** A create whose outcome stays unknown is looked up and re-sent at most this many times. */
const MAX_CREATE_ATTEMPTS = 3;

export interface CalendarEvent {
  id: string;
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
}

/** 5xx, no answer (network) or a timeout: the server may have done the work. */
const ambiguous = (e: GraphRequestError) => e.status === -1 || e.status === 0 || e.status === 500 || e.status === 502 || e.status === 503 || e.status === 504;

/** The event of a visit, when one exists. */
export async function findVisitEvent(client: Client, visitId: string): Promise<CalendarEvent | undefined> {
  try {
    const res: { value?: CalendarEvent[] } = await client.api(`/me/events?${buildQuery({ $filter: singleValuePropertyEquals(VISIT_EVENT_PROPERTY_ID, visitId), $select: "id,start,end", $top: 1 })}`).get();
    return res.value?.[0];
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

/**
 * Creates the visit's event exactly once. `lookFirst`: the event may exist already (an earlier attempt whose link
 * was not saved), so look before the first POST.
 */
export async function createVisitEvent(
  client: Client,
  content: VisitEventContent,
  link: { visitId: string; contactId: string },
  opts: { lookFirst?: boolean } = {},
): Promise<{ event: CalendarEvent; created: boolean }> {
  if (opts.lookFirst) {
    const found = await findVisitEvent(client, link.visitId);
    if (found) return { event: found, created: false };
  }
  const body = {
    ...content,
    singleValueExtendedProperties: [
      { id: VISIT_EVENT_PROPERTY_ID, value: link.visitId },
      { id: VISIT_CONTACT_PROPERTY_ID, value: link.contactId },
    ],
  };
  let last: GraphRequestError | undefined;
  for (let attempt = 1; attempt <= MAX_CREATE_ATTEMPTS; attempt++) {
    if (attempt > 1) {
      // The previous POST may have been committed before its answer was lost: look before sending again.
      const found = await findVisitEvent(client, link.visitId);
      if (found) return { event: found, created: true };
    }
    try {
      const event = (await client.api("/me/events").post(body)) as CalendarEvent;
      return { event, created: true };
    } catch (e) {
      last = toGraphRequestError(e);
      if (!ambiguous(last)) throw last;
    }
  }
  throw last ?? new GraphRequestError("network", -1, "The calendar event could not be created");
}

/** Moves the event (one PATCH). Resolves false when the event no longer exists (deleted in Outlook). */
export async function moveVisitEvent(client: Client, eventId: string, content: Pick<VisitEventContent, "start" | "end">): Promise<boolean> {
  try {
    await client.api(`/me/events/${seg(eventId)}`).patch({ start: content.start, end: content.end });
    return true;
  } catch (e) {
    const err = toGraphRequestError(e);
    if (err.status === 404) return false;
    throw err;
  }
}

/** Deletes the event; one that is already gone counts as deleted. */
export async function deleteVisitEvent(client: Client, eventId: string): Promise<void> {
  try {
    await client.api(`/me/events/${seg(eventId)}`).delete();
  } catch (e) {
    const err = toGraphRequestError(e);
    if (err.status !== 404) throw err;
  }
}
