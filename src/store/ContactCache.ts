/**
 * The local cache per mailbox + folder ("scope"): server copies of contacts, the schema, the deltaLink and
 * the queue of pending writes. The queue is ordered (auto-increment seq) and an entry leaves it only once
 * its result is known.
 */
import type { Contact, FieldOp, FieldSchema, FieldValues } from "../domain/types";
import { openDatabase, request, STORES, withTransaction } from "./idb";

export const DEFAULT_DB_NAME = "customer-follow-up";

export interface ScopeMeta {
  scope: string;
  schema?: FieldSchema;
  deltaLink?: string;
  folderId?: string;
  loadedAt?: string;
}

export type QueuedWriteState = "pending" | "failed";

export interface QueuedWrite {
  seq?: number;
  scope: string;
  /** Client-generated id of this user action (stable across reloads). */
  clientId: string;
  contactId: string;
  ops: FieldOp[];
  enqueuedAt: string;
  state: QueuedWriteState;
  reason?: string;
  code?: string;
  /**
   * The etag of the server copy the edit was made on (rebased when our own earlier write of the contact lands):
   * a replay sends it as If-Match, so a change made after the edit is re-checked, never overwritten.
   */
  baseEtag?: string;
  /** Values of the set/cleared fields as the user saw them when editing (the three-way merge's base). */
  base?: FieldValues;
}

export function scopeKey(mailbox: string | undefined, folderId: string): string {
  return `${(mailbox ?? "me").toLowerCase()}|${folderId}`;
}

export class ContactCache {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(opts: { indexedDB?: IDBFactory; name?: string } = {}): Promise<ContactCache> {
    const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) throw new Error("IndexedDB is not available");
    return new ContactCache(await openDatabase(factory, opts.name ?? DEFAULT_DB_NAME));
  }

  close(): void {
    this.db.close();
  }

  async getMeta(scope: string): Promise<ScopeMeta | undefined> {
    return withTransaction(this.db, [STORES.meta], "readonly", (tx) => request<ScopeMeta | undefined>(tx.objectStore(STORES.meta).get(scope)));
  }

  async setMeta(meta: ScopeMeta): Promise<void> {
    const prev = await this.getMeta(meta.scope);
    await withTransaction(this.db, [STORES.meta], "readwrite", (tx) => request(tx.objectStore(STORES.meta).put({ ...prev, ...meta })));
  }

  async getContacts(scope: string): Promise<Contact[]> {
    const rows = await withTransaction(this.db, [STORES.contacts], "readonly", (tx) =>
      request<{ contact: Contact }[]>(tx.objectStore(STORES.contacts).index("scope").getAll(scope)),
    );
    return rows.map((r) => r.contact);
  }

  /** Replaces the scope's contacts (a full load). */
  async replaceContacts(scope: string, contacts: Contact[]): Promise<void> {
    await withTransaction(this.db, [STORES.contacts], "readwrite", async (tx) => {
      const store = tx.objectStore(STORES.contacts);
      const keys = await request(store.index("scope").getAllKeys(scope));
      for (const k of keys) store.delete(k);
      for (const c of contacts) store.put({ scope, id: c.id, contact: c });
    });
  }

  async putContacts(scope: string, contacts: Contact[], removeIds: string[] = []): Promise<void> {
    if (!contacts.length && !removeIds.length) return;
    await withTransaction(this.db, [STORES.contacts], "readwrite", (tx) => {
      const store = tx.objectStore(STORES.contacts);
      for (const c of contacts) store.put({ scope, id: c.id, contact: c });
      for (const id of removeIds) store.delete([scope, id]);
    });
  }

  async enqueue(entries: Omit<QueuedWrite, "seq">[]): Promise<QueuedWrite[]> {
    return withTransaction(this.db, [STORES.queue], "readwrite", async (tx) => {
      const store = tx.objectStore(STORES.queue);
      const out: QueuedWrite[] = [];
      for (const e of entries) {
        const seq = (await request(store.add(e))) as number;
        out.push({ ...e, seq });
      }
      return out;
    });
  }

  /** Queue entries of a scope in the order they were enqueued. */
  async queued(scope: string): Promise<QueuedWrite[]> {
    const rows = await withTransaction(this.db, [STORES.queue], "readonly", (tx) =>
      request<QueuedWrite[]>(tx.objectStore(STORES.queue).index("scope").getAll(scope)),
    );
    return rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  async updateQueued(entries: QueuedWrite[]): Promise<void> {
    if (!entries.length) return;
    await withTransaction(this.db, [STORES.queue], "readwrite", (tx) => {
      for (const e of entries) tx.objectStore(STORES.queue).put(e);
    });
  }

  /**
   * Removes finished writes and stores the contacts' new server state in one transaction, so a crash cannot
   * leave a write both applied to the cache and still queued (which would be harmless anyway: ops are idempotent).
   */
  async completeWrites(scope: string, seqs: number[], contacts: Contact[]): Promise<void> {
    await withTransaction(this.db, [STORES.queue, STORES.contacts], "readwrite", (tx) => {
      for (const s of seqs) tx.objectStore(STORES.queue).delete(s);
      for (const c of contacts) tx.objectStore(STORES.contacts).put({ scope, id: c.id, contact: c });
    });
  }
}
