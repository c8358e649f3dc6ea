/**
 * The manager reassigns a customer from one salesperson to another (issue 13 item 5).
 *
 * Two steps, each exactly once across retries, lost answers and interruptions:
 * 1. The decision, on the contact where it is (the current salesperson's shared folder): owner := the new
 *    salesperson with a claim stamp of now (like a claim, the new owner gets the full lapse period to make contact;
 *    "last contacted" stays as it was — a manager's decision is not a contact), and a history event "reassigned
 *    by 李娜 from 张伟 to 王芳" — one PATCH with If-Match of the version read (contact-update.md; 412 → re-read
 *    and decide again). When the contact already names the new owner, an earlier attempt made the decision and
 *    nothing is written again.
 * 2. The move into the new salesperson's folder: graph/moveContact (copy marked MovedFrom, looked up before any
 *    create; delete of the original with If-Match). An interrupted move is finished by the next attempt — or by
 *    the new salesperson's pool, which finishes moves of customers they own (createSalesService finishMoves).
 *
 * Writing in both salespeople's folders needs their Contacts folders shared with the manager with edit rights
 * and Contacts.ReadWrite.Shared, asked for here only (auth/scopes.ts "contactsSharedWrite").
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { claimStamp, responsibleFor } from "../../domain/claims";
import { appendEvent, serializeHistory, type HistoryEvent, type HistoryLog } from "../../domain/history";
import { displayNameOf, type Person } from "../../domain/people";
import { fieldByRole } from "../../domain/schema";
import { applyOps } from "../../domain/tagging";
import type { FieldOp, FieldSchema, FieldValues } from "../../domain/types";
import { ContactsRepository, mailboxRoot } from "../../graph/ContactsRepository";
import { toGraphClaimStamp, toGraphPatch, touchedFields } from "../../graph/extendedProperties";
import { seg } from "../../graph/filterBuilder";
import { GraphRequestError, toGraphRequestError } from "../../graph/GraphRequestError";
import { complaintsMarker, HISTORY_PROPERTY_ID, readHistory } from "../../graph/history";
import { moveContact } from "../../graph/moveContact";

/** The decision is re-read and retried after a 412 this many times (someone keeps writing the contact). */
const MAX_REASSIGN_ATTEMPTS = 3;

export type ReassignErrorCode = "sameOwner" | "notShared" | "gone" | "conflict" | "noOwnerField";

export class ReassignError extends Error {
  readonly code: ReassignErrorCode;
  constructor(code: ReassignErrorCode) {
    super(`Reassign refused: ${code}`);
    this.code = code;
  }
}

export interface ReassignInput {
  /** Contacts.ReadWrite.Shared client (both folders are other people's). */
  client: Client;
  /** The mailbox whose folder holds the customer now, and its id there. */
  mailbox: string;
  contactId: string;
  /** The holder's folder schema (its fields travel with the move). */
  schema: FieldSchema;
  /** The new salesperson. */
  to: Person;
  /** The manager doing it. */
  by: Person;
  /** Names for the event ("from 张伟"). */
  directory: ReadonlyMap<string, Person>;
  now: Date;
  /** The event id (caller-supplied: time + random). */
  eventId: string;
}

export interface ReassignResult {
  /** Where the customer is now: the new salesperson's folder and the id there. */
  mailbox: string;
  id: string;
  /** The event this call wrote, or undefined when an earlier attempt had already made the decision. */
  event?: HistoryEvent;
  /** Writes this call sent that changed something: decision PATCH, copy POST (false when an earlier attempt made it). */
  decided: boolean;
  copied: boolean;
}

const lower = (s: string) => s.trim().toLowerCase();

function pick(values: FieldValues, names: string[]): FieldValues {
  const out: FieldValues = {};
  for (const n of names) out[n] = values[n] ?? null;
  return out;
}

export async function reassignCustomer(input: ReassignInput): Promise<ReassignResult> {
  const holder = lower(input.mailbox);
  const to = lower(input.to.address);
  const root = mailboxRoot(holder);
  const repo = new ContactsRepository(input.client, { mailbox: holder });
  const ownerF = fieldByRole(input.schema, "owner");
  if (!ownerF) throw new ReassignError("noOwnerField");

  let event: HistoryEvent | undefined;
  let decided = false;
  for (let attempt = 1; ; attempt++) {
    if (attempt > MAX_REASSIGN_ATTEMPTS) throw new ReassignError("conflict");
    let fields: FieldValues;
    let log: HistoryLog;
    let etag: string | undefined;
    try {
      const read = await repo.getContacts([input.contactId], input.schema);
      const fresh = read.contacts.get(input.contactId);
      const err = read.errors.get(input.contactId);
      if (!fresh) {
        if (err?.status === 403) throw new ReassignError("notShared");
        // Gone from the holder's folder: an earlier attempt may have moved it already (the move looks it up).
        if (err?.status === 404 || !err) break;
        throw err;
      }
      fields = fresh.fields;
      // The history is read last and its etag guards the write: an entry appended in between is never lost.
      const h = await readHistory(input.client, root, input.contactId);
      log = h.log;
      etag = h.etag ?? fresh.etag;
    } catch (e) {
      if (e instanceof ReassignError) throw e;
      const err = toGraphRequestError(e);
      if (err.status === 403) throw new ReassignError("notShared");
      throw err;
    }
    const from = responsibleFor(fields, input.schema, holder);
    if (from === to) {
      // Already decided (by an earlier, interrupted attempt) — or the customer is theirs already.
      if (holder === to && !decided) throw new ReassignError("sameOwner");
      break;
    }
    const ev: HistoryEvent = {
      id: input.eventId,
      at: input.now.toISOString(),
      kind: "reassigned",
      by: lower(input.by.address),
      ...(input.by.name ? { byName: input.by.name } : {}),
      from,
      fromName: displayNameOf(input.directory, from),
      to,
      toName: input.to.name ?? displayNameOf(input.directory, to),
    };
    const next = appendEvent(log, ev);
    const ops: FieldOp[] = [{ op: "set", field: ownerF.propertyName, value: to }];
    const patch = toGraphPatch(pick(applyOps(fields, ops), touchedFields(ops)), input.schema);
    patch.singleValueExtendedProperties = [
      ...(patch.singleValueExtendedProperties ?? []),
      toGraphClaimStamp(claimStamp(to, input.now)),
      { id: HISTORY_PROPERTY_ID, value: serializeHistory(next) },
      complaintsMarker(next),
    ];
    try {
      let req = input.client.api(`${root}/contacts/${seg(input.contactId)}`);
      if (etag) req = req.header("If-Match", etag);
      await req.patch(patch);
      event = ev;
      decided = true;
      break;
    } catch (e) {
      const err = toGraphRequestError(e);
      // 412: written in between (or our own PATCH committed and its answer was lost): read again and decide again.
      if (err.status === 412) continue;
      if (err.status === 403) throw new ReassignError("notShared");
      if (err.status === 404) throw new ReassignError("gone");
      throw err;
    }
  }

  if (holder === to) return { mailbox: to, id: input.contactId, decided, copied: false, ...(event ? { event } : {}) };
  try {
    const moved = await moveContact({ source: input.client, sourceMailbox: holder, contactId: input.contactId, schema: input.schema, target: input.client, targetMailbox: to });
    return { mailbox: to, id: moved.id, decided, copied: moved.created, ...(event ? { event } : {}) };
  } catch (e) {
    const err = toGraphRequestError(e);
    if (err.status === 403) throw new ReassignError("notShared");
    if (err.status === 404 && err instanceof GraphRequestError && err.code === "notFound") throw new ReassignError("gone");
    throw err;
  }
}
