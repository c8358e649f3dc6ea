/**
 * The sync engine the UI uses: repository (reads) + BatchWriter (writes) + ContactCache (IndexedDB).
 *
 * State model: `server` holds the last known server copy of each contact (with its etag); the visible
 * snapshot is the server copy with every pending write's ops applied in queue order (optimistic). A queued
 * write leaves the queue (memory and IndexedDB) as soon as its batch's result is known: written → removed;
 * failed (permanent, or a conflict with a newer change) → kept as "failed" for retry(); unknown (network) → stays
 * pending and is replayed on a back-off timer. A replay sends If-Match with the etag the edit was based on and is
 * re-checked field by field (BatchWriter three-way merge): it never overwrites a change made after the edit, and a
 * write that had landed is not sent again.
 */
import type { Contact, FieldOp, FieldSchema, FieldValues, WriteResult } from "../domain/types";
import { CONFLICT_CODE, type BatchWriter, type WriteItem, type WriteProgress } from "../graph/BatchWriter";
import type { ContactsRepository, DeltaResult } from "../graph/ContactsRepository";
import { applyFieldOps } from "../graph/fieldOps";
import { GraphRequestError } from "../graph/GraphRequestError";
import { scopeKey, type ContactCache, type QueuedWrite } from "./ContactCache";

export interface ContactStoreOptions {
  repository: ContactsRepository;
  writer: BatchWriter;
  cache: ContactCache;
  /** Folder to sync; default: the mailbox's default contacts folder. */
  folderId?: string;
  isOnline?: () => boolean;
  /** Subscribe to "back online"; returns an unsubscribe function. */
  onOnline?: (listener: () => void) => () => void;
  newClientId?: () => string;
  /** Delay before the n-th automatic retry of writes that could not reach Graph (default: back-off 5 s … 5 min). */
  retryDelayMs?: (failures: number) => number;
  /** Injected for tests. */
  timers?: Timers;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Back-off for writes that failed to reach Graph: 5 s, 10 s, 20 s … capped at 5 minutes (throttling.md: no tight loops). */
export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;
export function defaultRetryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

export interface StoreSnapshot {
  contacts: readonly Contact[];
  schema: FieldSchema;
  pending: readonly QueuedWrite[];
  failed: readonly QueuedWrite[];
  /** Progress of the write in flight, if any. */
  progress?: WriteProgress;
  /** When pending writes that could not reach Graph are tried again (ISO instant), if scheduled. */
  nextAttemptAt?: string;
}

export type OpsSpec = FieldOp[] | Record<string, FieldOp[]> | ((contact: Contact) => FieldOp[]);

export interface RefreshResult {
  requests: number;
  changed: number;
  removed: number;
}

let counter = 0;
const defaultClientId = () => `w-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class ContactStore {
  private readonly repo: ContactsRepository;
  private readonly writer: BatchWriter;
  private readonly cache: ContactCache;
  private readonly isOnline: () => boolean;
  private readonly newClientId: () => string;
  private readonly unsubscribeOnline?: () => void;
  private folderId?: string;
  private scope?: string;
  private server = new Map<string, Contact>();
  private order: string[] = [];
  private queue: QueuedWrite[] = [];
  private currentSchema?: FieldSchema;
  private deltaLink?: string;
  private listeners = new Set<(s: StoreSnapshot) => void>();
  private removedListeners = new Set<(ids: readonly string[]) => void>();
  private snapshotCache?: StoreSnapshot;
  private progress?: WriteProgress;
  private linking?: Promise<number>;
  private loop?: Promise<WriteResult[]>;
  private passRequested = false;
  private readonly progressListeners = new Set<(p: WriteProgress) => void>();
  private networkFailures = 0;
  private retryAt?: string;
  private retryTimer?: unknown;
  private disposed = false;
  private readonly retryDelayMs: (failures: number) => number;
  private readonly timers: Timers;

  constructor(opts: ContactStoreOptions) {
    this.repo = opts.repository;
    this.writer = opts.writer;
    this.cache = opts.cache;
    this.folderId = opts.folderId;
    this.isOnline = opts.isOnline ?? (() => true);
    this.newClientId = opts.newClientId ?? defaultClientId;
    this.retryDelayMs = opts.retryDelayMs ?? defaultRetryDelayMs;
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.unsubscribeOnline = opts.onOnline?.(() => void this.flush().catch(() => undefined));
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetryTimer();
    this.unsubscribeOnline?.();
    this.listeners.clear();
    this.removedListeners.clear();
  }

  // ---- reading ----------------------------------------------------------------------------------

  /**
   * Shows the cached copy at once (if any), then — when online — refreshes through delta (or does a full
   * load when nothing is cached) and replays pending writes.
   */
  async load(): Promise<void> {
    const mailboxDefaultKey = scopeKey(this.repo.mailbox, "@default");
    if (!this.folderId) {
      const known = await this.cache.getMeta(mailboxDefaultKey);
      if (known?.folderId) this.folderId = known.folderId;
      else {
        this.folderId = await this.repo.getDefaultFolderId();
        await this.cache.setMeta({ scope: mailboxDefaultKey, folderId: this.folderId });
      }
    }
    this.scope = scopeKey(this.repo.mailbox, this.folderId);
    const meta = await this.cache.getMeta(this.scope);
    const cached = await this.cache.getContacts(this.scope);
    this.queue = await this.cache.queued(this.scope);
    if (meta?.schema && meta.deltaLink) {
      this.currentSchema = meta.schema;
      this.deltaLink = meta.deltaLink;
      this.setServer(cached, true);
      this.emit();
      if (this.isOnline()) {
        await this.refresh();
        await this.flush();
      }
      return;
    }
    if (!this.isOnline()) throw new GraphRequestError("network", -1, "Offline and nothing cached yet");
    await this.fullLoad({ background: true });
    await this.flush();
  }

  /**
   * Full load: schema and every contact, shown at once; the delta round that yields the deltaLink (for
   * 10,000 contacts ≈ 10 more pages of ids) runs afterwards in the background, so the first paint waits only
   * for the list. Changes that fall between the listing and the delta round are not lost: the initial delta
   * round reports every contact's changeKey, and those that differ from the listed copy are re-read (and ids
   * no longer present are dropped). `whenLinked()` resolves when the link is known; refresh() waits for it.
   * `background: false` awaits the link too (the request count then includes it).
   */
  async fullLoad(opts: { background?: boolean } = {}): Promise<{ requests: number }> {
    const folderId = this.requireFolder();
    const schema = await this.repo.loadSchema(folderId);
    const { contacts, requests } = await this.repo.listContacts(folderId, schema);
    this.currentSchema = schema;
    this.deltaLink = undefined;
    this.setServer(contacts, true);
    this.emit();
    await this.cache.replaceContacts(this.scope!, contacts);
    // No deltaLink in the meta until the delta round completes: a reload before then does a full load again.
    await this.cache.setMeta({ scope: this.scope!, schema, deltaLink: undefined, folderId, loadedAt: new Date().toISOString() });
    const linking = this.linkAfterList(folderId, new Set(contacts.map((c) => c.id)));
    this.linking = linking;
    void linking.finally(() => {
      if (this.linking === linking) this.linking = undefined;
    }).catch(() => undefined);
    if (opts.background) {
      linking.catch(() => undefined); // reported by whenLinked()/refresh(), never an unhandled rejection
      return { requests: 1 + requests };
    }
    return { requests: 1 + requests + (await linking) };
  }

  /** Resolves once the background delta round of the last full load has finished (rejects if it failed). */
  async whenLinked(): Promise<void> {
    if (this.linking) await this.linking;
  }

  private async linkAfterList(folderId: string, listed: Set<string>): Promise<number> {
    const delta = await this.repo.startDelta(folderId);
    const inDelta = new Set(delta.changedIds);
    const removed = new Set([...listed].filter((id) => !inDelta.has(id)));
    const { requests } = await this.applyDelta(delta, removed);
    return requests;
  }

  /**
   * Applies one delta round on top of the contacts known so far: re-reads the changed contacts whose changeKey we
   * do not have yet (e.g. not our own writes), 20 per $batch; drops `alsoRemoved`, the delta's removals and the
   * contacts that are gone (404) by the time they are read; stores the delta link and updates the cache.
   */
  private async applyDelta(delta: DeltaResult, alsoRemoved: Set<string> = new Set()): Promise<RefreshResult> {
    let requests = delta.requests;
    const toRead = delta.changedIds.filter((id) => {
      const ck = delta.changeKeys.get(id);
      return !ck || this.server.get(id)?.changeKey !== ck;
    });
    const removed = new Set(alsoRemoved);
    for (const id of delta.removedIds) removed.add(id);
    const fresh: Contact[] = [];
    if (toRead.length) {
      const r = await this.repo.getContacts(toRead, this.schema());
      requests += r.requests;
      for (const c of r.contacts.values()) fresh.push({ ...c, folderId: this.folderId });
      for (const [id, err] of r.errors) if (err.status === 404) removed.add(id);
    }
    for (const c of fresh) this.upsertServer(c);
    for (const id of removed) this.server.delete(id);
    if (removed.size) this.order = this.order.filter((id) => !removed.has(id));
    this.deltaLink = delta.deltaLink;
    await this.cache.putContacts(this.scope!, fresh, [...removed]);
    await this.cache.setMeta({ scope: this.scope!, deltaLink: delta.deltaLink });
    if (fresh.length || removed.size) this.emit();
    if (removed.size) for (const l of [...this.removedListeners]) l([...removed]);
    return { requests, changed: fresh.length, removed: removed.size };
  }

  /** Delta refresh: one request when nothing changed; changed contacts re-read with their fields, 20 per $batch. */
  async refresh(): Promise<RefreshResult> {
    if (this.linking) await this.linking.catch(() => undefined);
    if (!this.deltaLink) {
      const { requests } = await this.fullLoad();
      return { requests, changed: this.server.size, removed: 0 };
    }
    let delta;
    try {
      delta = await this.repo.delta(this.deltaLink);
    } catch (e) {
      // S15: an expired/invalid token (410 Gone, syncStateNotFound) means a full resync.
      if (e instanceof GraphRequestError && (e.status === 410 || e.code === "syncStateNotFound")) {
        const { requests } = await this.fullLoad();
        return { requests, changed: this.server.size, removed: 0 };
      }
      throw e;
    }
    return this.applyDelta(delta);
  }

  /** Contacts we just created (from the POST answers): shown at once and cached; a delta round then skips them. */
  async adoptCreated(contacts: Contact[]): Promise<void> {
    if (!contacts.length || !this.scope) return;
    const mine = contacts.map((c) => ({ ...c, folderId: this.folderId }));
    for (const c of mine) this.upsertServer(c);
    await this.cache.putContacts(this.scope, mine);
    this.emit();
  }

  schema(): FieldSchema {
    if (!this.currentSchema) throw new Error("ContactStore.load() has not run");
    return this.currentSchema;
  }

  /** Saves a new schema (e.g. a renamed label) on the folder; values are untouched (property names never change). */
  async saveSchema(schema: FieldSchema): Promise<void> {
    await this.repo.saveSchema(this.requireFolder(), schema);
    this.currentSchema = schema;
    await this.cache.setMeta({ scope: this.scope!, schema });
    this.emit();
  }

  contacts(): readonly Contact[] {
    return this.snapshot().contacts;
  }

  contact(id: string): Contact | undefined {
    return this.snapshot().contacts.find((c) => c.id === id);
  }

  pending(): readonly QueuedWrite[] {
    return this.queue.filter((q) => q.state === "pending");
  }

  failed(): readonly QueuedWrite[] {
    return this.queue.filter((q) => q.state === "failed");
  }

  snapshot(): StoreSnapshot {
    if (this.snapshotCache) return this.snapshotCache;
    const opsById = new Map<string, FieldOp[]>();
    for (const q of this.queue) if (q.state === "pending") opsById.set(q.contactId, [...(opsById.get(q.contactId) ?? []), ...q.ops]);
    const contacts = this.order.map((id) => {
      const c = this.server.get(id)!;
      const ops = opsById.get(id);
      return ops ? { ...c, fields: applyFieldOps(c.fields, ops) } : c;
    });
    this.snapshotCache = {
      contacts,
      schema: this.currentSchema ?? { version: 1, fields: [] },
      pending: this.pending(),
      failed: this.failed(),
      ...(this.progress ? { progress: this.progress } : {}),
      ...(this.retryAt ? { nextAttemptAt: this.retryAt } : {}),
    };
    return this.snapshotCache;
  }

  /**
   * Contacts the server no longer has in the folder (deleted, or moved away by a teammate's claim), as delta rounds
   * report them — also the ones removed while the pane was closed, reported by the first round after the cache.
   */
  onRemoved(listener: (ids: readonly string[]) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  subscribe(listener: (s: StoreSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- writing ----------------------------------------------------------------------------------

  /**
   * Applies field-level ops to contacts: validated first (nothing is queued or sent on invalid input),
   * applied optimistically, queued durably (with the etag and the values the edit was based on), then flushed
   * when online. Resolves with the results of this flush (contacts still pending, e.g. offline, have no result yet).
   */
  async applyOps(contactIds: string[], ops: OpsSpec, onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]> {
    const schema = this.schema();
    const items: WriteItem[] = [];
    for (const id of new Set(contactIds)) {
      const contact = this.server.get(id);
      if (!contact) throw new GraphRequestError("notFound", 404, "Unknown contact");
      const list = typeof ops === "function" ? ops(this.contact(id) ?? contact) : Array.isArray(ops) ? ops : (ops[id] ?? []);
      if (list.length) items.push({ contact, ops: list });
    }
    const valid = this.writer.validate(items, schema);
    const now = new Date().toISOString();
    const entries = await this.cache.enqueue(
      valid.map((it) => {
        // What the user saw: the optimistic copy (server copy + writes still queued ahead of this one).
        const seen = this.contact(it.contact.id) ?? it.contact;
        const base: FieldValues = {};
        for (const o of it.ops) if ((o.op === "set" || o.op === "clear") && !(o.field in base)) base[o.field] = seen.fields[o.field] ?? null;
        return {
          scope: this.scope!,
          clientId: this.newClientId(),
          contactId: it.contact.id,
          ops: it.ops,
          enqueuedAt: now,
          state: "pending" as const,
          ...(it.contact.etag ? { baseEtag: it.contact.etag } : {}),
          base,
        };
      }),
    );
    this.queue.push(...entries);
    this.emit();
    if (!this.isOnline()) return [];
    const results = await this.flush(onProgress);
    const mine = new Set(valid.map((v) => v.contact.id));
    return results.filter((r) => mine.has(r.contactId));
  }

  /**
   * Sends the queue now (the "Try again" of the sync status): failed writes are put back (a write refused as a
   * conflict is re-based on the current server copy — the user chose to apply it over the other change) and
   * pending ones waiting for their next attempt go at once.
   */
  async retry(clientIds?: string[]): Promise<WriteResult[]> {
    const which = this.queue.filter((q) => q.state === "failed" && (!clientIds || clientIds.includes(q.clientId)));
    for (const q of which) {
      if (q.code === CONFLICT_CODE) {
        const current = this.server.get(q.contactId);
        if (current?.etag) q.baseEtag = current.etag;
        if (current && q.base) for (const f of Object.keys(q.base)) q.base[f] = current.fields[f] ?? null;
      }
      q.state = "pending";
      delete q.reason;
      delete q.code;
    }
    await this.cache.updateQueued(which);
    this.networkFailures = 0;
    this.clearRetryTimer();
    this.emit();
    return this.flush();
  }

  /** When the next automatic attempt for writes that failed to reach Graph is due (ISO instant), if one is scheduled. */
  nextAttemptAt(): string | undefined {
    return this.retryAt;
  }

  /**
   * Sends every pending write (in queue order, one item per contact). One flush loop per store (= per mailbox
   * folder): a call while the loop runs asks it for one more pass and waits for it, so entries are never taken by
   * two passes at once (issue 10 item 2). Resolves with every result of the loop run, latest per contact.
   */
  flush(onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]> {
    if (!this.isOnline() || !this.scope) return Promise.resolve([]);
    if (onProgress) this.progressListeners.add(onProgress);
    this.passRequested = true;
    if (!this.loop) {
      const loop = this.runLoop();
      this.loop = loop;
      void loop.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        if (this.loop === loop) this.loop = undefined;
      });
    }
    return this.loop;
  }

  private async runLoop(): Promise<WriteResult[]> {
    const all = new Map<string, WriteResult>();
    try {
      while (this.passRequested && this.isOnline()) {
        this.passRequested = false;
        this.clearRetryTimer();
        const { results, unsent } = await this.flushOnce();
        for (const r of results) all.set(r.contactId, r);
        if (unsent) this.networkFailures++;
        else this.networkFailures = 0;
      }
    } finally {
      this.progressListeners.clear();
      this.loop = undefined;
      this.scheduleRetry();
    }
    return [...all.values()];
  }

  /** Pending writes that could not reach Graph are tried again on a back-off timer (issue 10 item 5). */
  private scheduleRetry(): void {
    this.clearRetryTimer();
    if (this.disposed || this.networkFailures === 0 || !this.pending().length || !this.isOnline()) {
      if (this.retryAt) {
        this.retryAt = undefined;
        this.emit();
      }
      return;
    }
    const delay = this.retryDelayMs(this.networkFailures);
    this.retryAt = new Date(Date.now() + delay).toISOString();
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = undefined;
      void this.flush().catch(() => undefined);
    }, delay);
    this.emit();
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== undefined) this.timers.clear(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** One pass over the pending writes; each batch's results are stored as soon as they are known. */
  private async flushOnce(): Promise<{ results: WriteResult[]; unsent: boolean }> {
    const batch = this.queue.filter((q) => q.state === "pending");
    if (!batch.length) return { results: [], unsent: false };
    const byContact = new Map<string, QueuedWrite[]>();
    for (const q of batch) byContact.set(q.contactId, [...(byContact.get(q.contactId) ?? []), q]);
    const items: WriteItem[] = [];
    const missing: QueuedWrite[] = [];
    for (const [id, entries] of byContact) {
      const contact = this.server.get(id);
      if (!contact) {
        missing.push(...entries);
        continue;
      }
      // The first entry's etag; per field the value seen by the first entry touching it (later entries saw ours).
      const expect: FieldValues = {};
      let recorded = true;
      for (const e of entries) {
        if (!e.base) recorded = false;
        for (const [f, v] of Object.entries(e.base ?? {})) if (!(f in expect)) expect[f] = v;
      }
      const first = entries[0]!;
      items.push({
        contact,
        ops: entries.flatMap((e) => e.ops),
        ...(first.baseEtag ? { ifMatch: first.baseEtag } : {}),
        ...(recorded ? { expect } : {}),
      });
    }
    for (const m of missing) Object.assign(m, { state: "failed", reason: "The contact no longer exists", code: "notFound" });
    if (missing.length) await this.cache.updateQueued(missing);
    let unsent = false;
    const outcome = await this.writer.write(items, this.schema(), {
      onProgress: (p) => {
        this.progress = p;
        for (const l of this.progressListeners) l(p);
        this.emit();
      },
      onSettled: async (settled) => {
        const done: QueuedWrite[] = [];
        const changed: QueuedWrite[] = [];
        const contacts: Contact[] = [];
        for (const { result: r, contact } of settled) {
          const entries = byContact.get(r.contactId) ?? [];
          if (contact) {
            const c = { ...contact, folderId: this.folderId };
            this.upsertServer(c);
            contacts.push(c);
          }
          if (r.status === "written") {
            done.push(...entries);
            // Writes of this contact queued while this one flew were based on our optimistic copy: re-base them on
            // the etag our write produced, so their replay's If-Match is not refused by our own change.
            const etag = contact?.etag ?? r.etag;
            for (const q of this.queue) {
              if (q.contactId === r.contactId && q.state === "pending" && !entries.includes(q) && etag) {
                q.baseEtag = etag;
                changed.push(q);
              }
            }
          } else if (r.code === "network") {
            unsent = true; // outcome unknown: stays pending, replayed later (If-Match + three-way check)
          } else {
            for (const e of entries) Object.assign(e, { state: "failed", reason: r.reason, code: r.code });
            changed.push(...entries);
          }
        }
        const doneSeqs = new Set(done.map((e) => e.seq!));
        this.queue = this.queue.filter((q) => !doneSeqs.has(q.seq!));
        // One transaction: the confirmed entries leave IndexedDB together with the contacts' new server state.
        await this.cache.completeWrites(this.scope!, [...doneSeqs], contacts);
        await this.cache.updateQueued(changed.filter((q) => !doneSeqs.has(q.seq!)));
        this.emit();
      },
    });
    this.progress = undefined;
    this.emit();
    return { results: outcome.results, unsent };
  }

  // ---- internals --------------------------------------------------------------------------------

  private requireFolder(): string {
    if (!this.folderId || !this.scope) throw new Error("ContactStore.load() has not run");
    return this.folderId;
  }

  private setServer(contacts: Contact[], replace: boolean): void {
    if (replace) {
      this.server = new Map();
      this.order = [];
    }
    for (const c of contacts) this.upsertServer(c);
  }

  private upsertServer(c: Contact): void {
    if (!this.server.has(c.id)) this.order.push(c.id);
    this.server.set(c.id, c);
  }

  private emit(): void {
    this.snapshotCache = undefined;
    if (!this.listeners.size) return;
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}
