/**
 * What the task pane may know about contacts: an interface defined here (src/app), so views never touch
 * src/graph or src/store. Built by createContactsService (real: Graph + IndexedDB) or by
 * testing/fakeContactsService (in memory).
 */
import type { Contact, FieldOp, FieldSchema, WriteResult } from "../domain/types";
import type { NewContact } from "../graph";

/** A queued write as the UI shows it (pending → gone when written; failed → kept for retry). */
export interface PendingWrite {
  /** Stable id of the user action (what retry() takes). */
  clientId: string;
  contactId: string;
  ops: FieldOp[];
  enqueuedAt: string;
  state: "pending" | "failed";
  reason?: string;
  /** GraphRequestError code (e.g. "forbidden", "valueTooLong"); the UI maps it to a message. */
  code?: string;
}

export interface WriteProgress {
  done: number;
  total: number;
}

/** A load/refresh failure: a code the UI maps to a message (never a parsed body). */
export interface ContactsError {
  code: string;
  message: string;
}

export interface ContactsSnapshot {
  contacts: readonly Contact[];
  /** The folder's field schema (the default schema when the folder stores none). */
  schema: FieldSchema;
  pending: readonly PendingWrite[];
  failed: readonly PendingWrite[];
  /** The write in flight, if any. */
  progress?: WriteProgress;
  /** Pending writes could not reach Graph: when they are tried again on their own (ISO instant). */
  nextAttemptAt?: string;
  /** True while the first load (or a refresh) runs. */
  loading: boolean;
  /** True once contacts are shown (from the cache or from Graph). */
  loaded: boolean;
  error?: ContactsError;
}

/** Ops for every contact, per contact id, or computed from each contact's current (optimistic) copy. */
export type OpsSpec = FieldOp[] | Record<string, FieldOp[]> | ((contact: Contact) => FieldOp[]);

/** A contact to create: the repository's own shape (one definition for app, import and Graph body). */
export type NewContactInput = NewContact;

export type CreateResult =
  | { status: "created"; contact: Contact }
  | { status: "failed"; code: string; reason: string };

/** Read access to one contacts folder (another salesperson's shared folder for the Team view). */
export interface ContactsReader {
  /** UPN of the mailbox; undefined = the signed-in user. */
  readonly mailbox?: string;
  snapshot(): ContactsSnapshot;
  /** For useSyncExternalStore: the listener is called after every snapshot change. */
  subscribe(listener: () => void): () => void;
  /** Cached copy first (if any), then refresh from Graph. Errors land in snapshot().error, never thrown. */
  load(): Promise<void>;
  /** load() once; later calls return the same promise. */
  ensureLoaded(): Promise<void>;
  /** Delta refresh (one request when nothing changed). Errors land in snapshot().error. */
  refresh(): Promise<void>;
}

/** The signed-in user's own default Contacts folder: read and write. */
export interface ContactsService extends ContactsReader {
  /**
   * Field-level changes, validated first (throws FieldValueError / a coded error before anything is queued),
   * applied optimistically, queued durably, written in $batch. Resolves with per-contact results.
   */
  applyOps(contactIds: readonly string[], ops: OpsSpec, onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]>;
  /** Sends failed writes again (all, or those with these clientIds), and pending ones waiting for their next attempt. */
  retry(clientIds?: readonly string[]): Promise<WriteResult[]>;
  /** Stores the schema on the folder (every device and teammate reading the folder sees it). */
  saveSchema(schema: FieldSchema): Promise<void>;
  /** Contacts with one of these addresses (case-insensitive): from the loaded list, or Graph when not loaded. */
  findByEmail(addresses: readonly string[]): Promise<Contact[]>;
  /**
   * Creates contacts in the folder ($batches of 20, each created exactly once); each appears in the snapshot once
   * created. `refresh: false` skips the refresh that follows (an import refreshes once at its end); `onProgress`
   * is called as each contact's result is known.
   */
  createContacts(inputs: readonly NewContactInput[], opts?: { refresh?: boolean; onProgress?: () => void }): Promise<CreateResult[]>;
  /**
   * Called with the ids of contacts that left the folder on the server (deleted, or moved into a teammate's folder
   * by their claim), including removals made while the pane was closed. Optional: in-memory fakes have no server.
   */
  onRemoved?(listener: (ids: readonly string[]) => void): () => void;
}

/** Opens another mailbox's contacts folder (shared with the user) for reading; default folder when no id. */
export type OpenMailboxFolder = (upn: string, folderId?: string) => ContactsReader;

/** Error → { code, message } without bodies or personal data. */
export function toContactsError(e: unknown): ContactsError {
  if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return { code: (e as { code: string }).code, message: e instanceof Error ? e.message : String((e as { code: string }).code) };
  }
  return { code: "unknown", message: e instanceof Error ? e.message : "Unknown error" };
}

/** Case-insensitive address match over a loaded list. */
export function matchByEmail(contacts: readonly Contact[], addresses: readonly string[]): Contact[] {
  const wanted = new Set(addresses.filter(Boolean).map((a) => a.trim().toLowerCase()));
  return contacts.filter((c) => c.emailAddresses.some((e) => wanted.has(e.address.trim().toLowerCase())));
}
