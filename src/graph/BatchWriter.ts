/**
 * The write engine (design.md §4, graph-reference.md §5/§7/§8):
 * - per-contact field-level ops → one PATCH with `If-Match: <etag>` each, in $batches of up to 20;
 * - one batch in flight per mailbox (Graph fans an unordered batch out 4 at a time per mailbox, S14);
 * - sub-requests that fail with 429/503/504 are retried in a later batch after the longest Retry-After
 *   (the SDK retries whole requests only, never items inside a 200 batch — S13);
 * - 412 (stale etag): re-read the contact (batched GET with $expand), re-apply the ops to the fresh values
 *   (keywords merged, never overwritten), retry with the new etag;
 * - bounded attempts; a WriteResult per contact; progress callback.
 * - an item may carry the etag and the field values the user's edit was based on (`ifMatch`, `expect`): the
 *   write is then a three-way merge — a field someone else changed since the edit is never overwritten (the item
 *   fails with code "conflict", their value stays), a field that already holds the edit's value is not written
 *   again (a replay of a write that landed costs no PATCH), keyword adds/removes always merge;
 * - `onSettled` hears each batch's results as soon as they are known (the store drops confirmed queue entries
 *   at once, so a pane killed mid-run never replays a confirmed batch).
 * Everything is validated and encoded before the first request: invalid input writes nothing.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { assertFieldValue } from "../domain/fieldValues";
import type { Contact, FieldDefinition, FieldOp, FieldSchema, FieldValue, FieldValues, WriteResult } from "../domain/types";
import { chunk, mailboxLockKey, MAX_BATCH_SIZE, retryAfterSeconds, sendBatch, withMailboxLock, type BatchSubRequest } from "./batch";
import { ContactsRepository, mailboxRoot } from "./ContactsRepository";
import { toGraphPatch, touchedFields, type GraphContact } from "./extendedProperties";
import { applyFieldOps } from "./fieldOps";
import { seg } from "./filterBuilder";
import { fromBatchError, GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { backoffSeconds, DEFAULT_RETRY_DELAY_SECONDS, isRetryable, MAX_RETRY_DELAY_SECONDS } from "./retryPolicy";

/** Attempts per contact (transient failures and conflicts together) before it is reported failed. */
export const MAX_WRITE_ATTEMPTS = 8;

export interface WriteItem {
  /** The contact as last read from Graph (its etag goes into If-Match; its fields are the base for the ops). */
  contact: Contact;
  ops: FieldOp[];
  /**
   * The etag of the copy the user's edit was based on: sent as If-Match on the first attempt instead of
   * `contact.etag`, so a change made after the edit (a teammate's, or our own write that landed before the pane
   * was closed) answers 412 and is re-checked instead of being overwritten.
   */
  ifMatch?: string;
  /** Values of the set/cleared fields as the user saw them when editing (three-way merge, see above). */
  expect?: FieldValues;
}

/** A per-contact result as soon as its batch answered, with the contact's latest known server copy. */
export interface SettledWrite {
  result: WriteResult;
  contact?: Contact;
}

export interface WriteProgress {
  done: number;
  total: number;
}

export interface BatchWriterOptions {
  /** UPN for a shared mailbox; undefined = /me. */
  mailbox?: string;
  maxAttempts?: number;
  /** Back-off base when a retryable response has no Retry-After (SDK default 3 s). */
  retryDelaySeconds?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WriteCallbacks {
  onProgress?: (p: WriteProgress) => void;
  /** Awaited before the next batch is sent: the caller persists results as they arrive. */
  onSettled?: (settled: SettledWrite[]) => Promise<void> | void;
}

/** Code of a write refused because the contact changed since the edit (the other change is kept). */
export const CONFLICT_CODE = "conflict";

/** Field values compared as stored: dates by instant, keyword lists as sets (case-insensitive), empty = null. */
export function sameFieldValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const na = a === undefined || a === "" ? null : a;
  const nb = b === undefined || b === "" ? null : b;
  if (na === null || nb === null) return na === nb || (Array.isArray(na) && !na.length) || (Array.isArray(nb) && !nb.length);
  if (Array.isArray(na) || Array.isArray(nb)) {
    if (!Array.isArray(na) || !Array.isArray(nb) || na.length !== nb.length) return false;
    const set = new Set(na.map((v) => v.toLowerCase()));
    return nb.every((v) => set.has(v.toLowerCase()));
  }
  if (typeof na === "string" && typeof nb === "string" && ISO_INSTANT.test(na) && ISO_INSTANT.test(nb)) return Date.parse(na) === Date.parse(nb);
  return na === nb;
}
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface WriteOutcome {
  results: WriteResult[];
  /** Latest known server state per contact: after a successful write, or the fresh copy read on a conflict. */
  contacts: Map<string, Contact>;
  /** HTTP round trips made (write batches + re-read batches). */
  requests: number;
}

/** Validates ops against the schema and normalizes values (domain rules). Throws before anything is sent. */
export function validateOps(ops: FieldOp[], schema: FieldSchema): FieldOp[] {
  const byName = new Map<string, FieldDefinition>(schema.fields.map((f) => [f.propertyName, f]));
  return ops.map((op) => {
    const field = byName.get(op.field);
    if (!field) throw new GraphRequestError("invalidInput", 0, `Unknown field "${String(op.field).slice(0, 64)}"`);
    switch (op.op) {
      case "set":
        return { ...op, value: assertFieldValue(field, op.value) };
      case "clear":
        return op;
      case "addKeyword":
      case "removeKeyword": {
        if (field.kind !== "keywords") throw new GraphRequestError("invalidInput", 0, `Field "${field.propertyName}" holds no keywords`);
        const v = assertFieldValue(field, [op.value]);
        const kw = Array.isArray(v) ? v[0] : undefined;
        if (typeof kw !== "string") throw new GraphRequestError("invalidInput", 0, "Empty keyword");
        return { ...op, value: kw };
      }
      default:
        throw new GraphRequestError("invalidInput", 0, "Unknown operation");
    }
  });
}

interface ItemState {
  index: number;
  id: string;
  base: Contact;
  ops: FieldOp[];
  ifMatch?: string;
  expect?: FieldValues;
  attempts: number;
  lastError?: GraphRequestError;
  needsReread: boolean;
  result?: WriteResult;
}

export class BatchWriter {
  private readonly mailbox?: string;
  private readonly maxAttempts: number;
  private readonly retryDelaySeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly repository: ContactsRepository;

  constructor(
    private readonly client: Client,
    opts: BatchWriterOptions = {},
  ) {
    this.mailbox = opts.mailbox;
    this.maxAttempts = opts.maxAttempts ?? MAX_WRITE_ATTEMPTS;
    this.retryDelaySeconds = opts.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.repository = new ContactsRepository(client, { mailbox: this.mailbox, maxAttempts: this.maxAttempts, retryDelaySeconds: this.retryDelaySeconds, sleep: this.sleep });
  }

  /** Validates, normalizes and encodes every item; throws (FieldValueError / GraphRequestError) on the first bad one. */
  validate(items: WriteItem[], schema: FieldSchema): WriteItem[] {
    return items.map((it) => {
      const ops = validateOps(it.ops, schema);
      this.patchFor(it.contact, ops, schema); // throws on values the storage cannot hold
      return { ...it, ops };
    });
  }

  async write(items: WriteItem[], schema: FieldSchema, callbacks: WriteCallbacks | ((p: WriteProgress) => void) = {}): Promise<WriteOutcome> {
    const { onProgress, onSettled } = typeof callbacks === "function" ? { onProgress: callbacks, onSettled: undefined } : callbacks;
    // 1. Validate and encode everything first: a single invalid value means nothing is written.
    const states: ItemState[] = this.validate(items, schema).map((it, index) => ({
      index,
      id: it.contact.id,
      base: it.contact,
      ops: it.ops,
      ...(it.ifMatch ? { ifMatch: it.ifMatch } : {}),
      ...(it.expect ? { expect: it.expect } : {}),
      attempts: 0,
      needsReread: !it.contact.etag && !it.ifMatch,
    }));
    if (new Set(states.map((s) => s.id)).size !== states.length) {
      throw new GraphRequestError("invalidInput", 0, "One write per contact: merge the ops of a contact into one item");
    }
    const total = states.length;
    let done = 0;
    let requests = 0;
    const contacts = new Map<string, Contact>();
    let settled: SettledWrite[] = [];
    const finish = (s: ItemState, r: WriteResult) => {
      s.result = r;
      done++;
      settled.push({ result: r, ...(contacts.has(s.id) ? { contact: contacts.get(s.id) } : {}) });
      onProgress?.({ done, total });
    };
    const report = async () => {
      if (!settled.length || !onSettled) return;
      const now = settled;
      settled = [];
      await onSettled(now);
    };
    const fail = (s: ItemState, e: GraphRequestError) => finish(s, { contactId: s.id, status: "failed", reason: e.message, code: e.code });

    onProgress?.({ done, total });
    let queue = states.slice();
    let pendingDelaySeconds = 0;

    while (queue.some((s) => !s.result)) {
      await report();
      queue = queue.filter((s) => !s.result);
      // 2. Re-read conflicting (or etag-less) contacts, 20 per $batch.
      const reread = queue.filter((s) => s.needsReread);
      if (reread.length) {
        try {
          const { contacts: fresh, errors, requests: n } = await withMailboxLock(this.client, this.lockKey, () =>
            this.repository.getContacts(
              reread.map((s) => s.id),
              schema,
            ),
          );
          requests += n;
          for (const s of reread) {
            const c = fresh.get(s.id);
            if (c) {
              s.base = c;
              s.needsReread = false;
              delete s.ifMatch; // from now on the fresh copy's etag (its values are re-checked against `expect`)
              contacts.set(s.id, c);
            } else {
              const e = errors.get(s.id) ?? new GraphRequestError("notFound", 404, "Contact not found");
              if (isRetryable(e.status) && s.attempts < this.maxAttempts) {
                s.attempts++;
                pendingDelaySeconds = Math.max(pendingDelaySeconds, backoffSeconds(s.attempts, this.retryDelaySeconds));
              } else fail(s, e);
            }
          }
        } catch (e) {
          for (const s of reread) if (!s.result) fail(s, toGraphRequestError(e));
        }
        queue = queue.filter((s) => !s.result);
      }

      // 3. Send one batch of up to 20 writes (retries first: they are at the front of the queue).
      const ready = queue.filter((s) => !s.needsReread).slice(0, MAX_BATCH_SIZE);
      if (!ready.length) {
        if (pendingDelaySeconds > 0) await this.sleep(pendingDelaySeconds * 1000);
        pendingDelaySeconds = 0;
        continue;
      }
      if (pendingDelaySeconds > 0) {
        await this.sleep(Math.min(pendingDelaySeconds, MAX_RETRY_DELAY_SECONDS) * 1000);
        pendingDelaySeconds = 0;
      }
      const subs: BatchSubRequest[] = [];
      const sent: { s: ItemState; fields: Contact["fields"] }[] = [];
      for (const s of ready) {
        try {
          const merge = this.mergeCheck(s);
          if (merge === "conflict") {
            fail(s, new GraphRequestError(CONFLICT_CODE, 412, "Someone else changed this contact after your edit; their change was kept"));
            continue;
          }
          if (merge === "applied") {
            // Every field already holds the edit's value (e.g. a replayed write that had landed): nothing to send.
            contacts.set(s.id, s.base);
            finish(s, { contactId: s.id, status: "written", ...(s.base.etag ? { etag: s.base.etag } : {}) });
            continue;
          }
          const { body, fields } = this.patchFor(s.base, s.ops, schema);
          subs.push({
            id: String(s.index),
            method: "PATCH",
            url: `${mailboxRoot(this.mailbox)}/contacts/${seg(s.id)}`,
            headers: { "Content-Type": "application/json", "If-Match": (s.ifMatch ?? s.base.etag) as string },
            body,
          });
          sent.push({ s, fields });
        } catch (e) {
          // e.g. a merged keyword list now exceeds the limit: a clear per-contact failure.
          fail(s, toGraphRequestError(e instanceof GraphRequestError ? e : new GraphRequestError("invalidInput", 0, e instanceof Error ? e.message : "Invalid value")));
        }
      }
      if (!subs.length) continue;
      // The first attempt's If-Match is the edit's etag; later attempts use the copy they re-read.
      for (const { s } of sent) delete s.ifMatch;
      let responses;
      try {
        responses = await withMailboxLock(this.client, this.lockKey, () => sendBatch(this.client, subs));
        requests++;
      } catch (e) {
        const err = toGraphRequestError(e);
        requests++;
        if (err.status !== -1 && (isRetryable(err.status) || err.status === 429)) {
          // The whole envelope was throttled: retry every item of it later.
          for (const { s } of sent) {
            s.attempts++;
            s.lastError = err;
            if (s.attempts >= this.maxAttempts) fail(s, err);
          }
          pendingDelaySeconds = Math.max(pendingDelaySeconds, backoffSeconds(sent[0]?.s.attempts ?? 1, this.retryDelaySeconds));
          continue;
        }
        // Network failure or a malformed batch: the outcome of these writes is unknown. Report them (code
        // "network" means "unknown, safe to replay": the ops are idempotent) and stop.
        for (const st of queue) if (!st.result) fail(st, err);
        break;
      }
      const retried: ItemState[] = [];
      for (const { s, fields } of sent) {
        const r = responses.get(String(s.index));
        const status = r?.status ?? 0;
        if (status >= 200 && status < 300) {
          const g = (r?.body ?? {}) as GraphContact;
          const updated: Contact = {
            ...s.base,
            fields,
            etag: g["@odata.etag"] ?? s.base.etag,
            ...(g.changeKey ? { changeKey: g.changeKey } : {}),
            ...(g.lastModifiedDateTime ? { lastModifiedDateTime: g.lastModifiedDateTime } : {}),
          };
          contacts.set(s.id, updated);
          finish(s, { contactId: s.id, status: "written", ...(updated.etag ? { etag: updated.etag } : {}) });
          continue;
        }
        const err = r ? fromBatchError(status, r.body) : new GraphRequestError("malformedResponse", 0, "No response for a sub-request");
        s.lastError = err;
        if (status === 412) {
          s.attempts++;
          if (s.attempts >= this.maxAttempts) fail(s, new GraphRequestError("preconditionFailed", 412, "The contact kept changing while it was written"));
          else s.needsReread = true;
        } else if (isRetryable(status)) {
          s.attempts++;
          if (s.attempts >= this.maxAttempts) fail(s, err);
          else {
            retried.push(s);
            pendingDelaySeconds = Math.max(pendingDelaySeconds, retryAfterSeconds(r!) ?? backoffSeconds(s.attempts, this.retryDelaySeconds));
          }
        } else if (status === 403) {
          fail(s, new GraphRequestError("forbidden", 403, "No permission to change this contact (the folder is shared read-only)", err.requestId));
        } else if (status === 404) {
          fail(s, new GraphRequestError("notFound", 404, "The contact no longer exists", err.requestId));
        } else {
          fail(s, err);
        }
      }
      // Retried items go to the front so that the next batch carries them first, in their original order.
      const rest = queue.filter((s) => !s.result && !retried.includes(s));
      queue = [...retried, ...rest];
    }
    await report();
    const results = states.map((s) => s.result as WriteResult);
    return { results, contacts, requests };
  }

  /**
   * Three-way check of an item against its base copy (only when the item says what the user saw, `expect`):
   * "conflict" when a set/cleared field now holds a value that is neither what the user saw nor what the edit
   * sets (someone changed it after the edit), "applied" when every touched field already holds the edit's
   * value, else "write". Keyword adds/removes merge with any value, so they never conflict.
   */
  private mergeCheck(s: ItemState): "conflict" | "applied" | "write" {
    const target = applyFieldOps(s.base.fields, s.ops);
    let applied = true;
    for (const name of touchedFields(s.ops)) {
      const cur: FieldValue | undefined = s.base.fields[name];
      if (sameFieldValue(cur, target[name])) continue;
      applied = false;
      const keywordsOnly = s.ops.every((o) => o.field !== name || o.op === "addKeyword" || o.op === "removeKeyword");
      if (s.expect && name in s.expect && !keywordsOnly && !sameFieldValue(cur, s.expect[name])) return "conflict";
    }
    return applied && s.expect ? "applied" : "write";
  }

  private get lockKey(): string {
    return mailboxLockKey(this.mailbox);
  }

  /** The PATCH body for a contact: the touched fields after applying the ops, plus displayName (see below). */
  private patchFor(base: Contact, ops: FieldOp[], schema: FieldSchema): { body: Record<string, unknown>; fields: Contact["fields"] } {
    const fields = applyFieldOps(base.fields, ops);
    const touched: Contact["fields"] = {};
    const byName = new Map(schema.fields.map((f) => [f.propertyName, f]));
    for (const name of touchedFields(ops)) {
      const f = byName.get(name);
      // Re-validate the merged value (e.g. keyword count after merging with another writer's keywords).
      touched[name] = f ? assertFieldValue(f, fields[name] ?? null) : (fields[name] ?? null);
    }
    const body: Record<string, unknown> = { ...toGraphPatch(touched, schema) };
    // graph-reference.md §1: Outlook may regenerate displayName when other properties change; resend the one
    // we read. Safe under If-Match: if someone renamed the contact meanwhile we get 412, re-read, resend theirs.
    if (base.displayName) body.displayName = base.displayName;
    return { body, fields };
  }
}

export { chunk };
