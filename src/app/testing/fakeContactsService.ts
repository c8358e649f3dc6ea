/**
 * An in-memory ContactsService for component tests: same interface and snapshot semantics as the real one
 * (optimistic apply, pending → written / failed, retry), with knobs for the states views must show.
 */
import { DEFAULT_SCHEMA } from "../../domain/schema";
import { applyOps as applyFieldOps } from "../../domain/tagging";
import type { Contact, FieldSchema, WriteResult } from "../../domain/types";
import {
  matchByEmail,
  type ContactsError,
  type ContactsReader,
  type ContactsService,
  type ContactsSnapshot,
  type CreateResult,
  type NewContactInput,
  type OpsSpec,
  type PendingWrite,
  type WriteProgress,
} from "../contacts";

export interface FakeContactsOptions {
  contacts?: Contact[];
  schema?: FieldSchema;
  mailbox?: string;
  /** load() fails with this error (until `loadError` is cleared with setLoadError). */
  loadError?: ContactsError;
  /** load() never resolves (the loading state). */
  neverLoad?: boolean;
  /** Decides each write's outcome; default: written. */
  writeOutcome?: (contactId: string) => "written" | { code: string; reason: string } | "hold";
}

export interface FakeContactsService extends ContactsService {
  /** Every applyOps/saveSchema/createContacts call, for assertions. */
  readonly calls: { method: string; args: unknown[] }[];
  setLoadError(e: ContactsError | undefined): void;
  setWriteOutcome(f: FakeContactsOptions["writeOutcome"]): void;
  /** Completes writes held with "hold" (as written). */
  releaseHeld(): void;
}

let ids = 0;

export function createFakeContactsService(o: FakeContactsOptions = {}): FakeContactsService {
  let server = new Map<string, Contact>((o.contacts ?? []).map((c) => [c.id, c]));
  let order = (o.contacts ?? []).map((c) => c.id);
  // JSON copy, not createDefaultSchema(): jsdom has no structuredClone.
  let schema: FieldSchema = o.schema ?? (JSON.parse(JSON.stringify(DEFAULT_SCHEMA)) as FieldSchema);
  let queue: PendingWrite[] = [];
  let loading = false;
  let loaded = false;
  let error: ContactsError | undefined;
  let loadError = o.loadError;
  let writeOutcome = o.writeOutcome;
  let progress: WriteProgress | undefined;
  let nextAttemptAt: string | undefined;
  let cached: ContactsSnapshot | undefined;
  let loadOnce: Promise<void> | undefined;
  const held: (() => void)[] = [];
  const listeners = new Set<() => void>();
  const calls: { method: string; args: unknown[] }[] = [];

  const emit = () => {
    cached = undefined;
    for (const l of [...listeners]) l();
  };

  const snapshot = (): ContactsSnapshot => {
    if (cached) return cached;
    const opsById = new Map<string, PendingWrite["ops"]>();
    for (const q of queue) if (q.state === "pending") opsById.set(q.contactId, [...(opsById.get(q.contactId) ?? []), ...q.ops]);
    cached = {
      contacts: loaded ? order.map((id) => {
        const c = server.get(id)!;
        const ops = opsById.get(id);
        return ops ? { ...c, fields: applyFieldOps(c.fields, ops) } : c;
      }) : [],
      schema: loaded ? schema : { version: 1, fields: [] },
      pending: queue.filter((q) => q.state === "pending"),
      failed: queue.filter((q) => q.state === "failed"),
      ...(progress ? { progress } : {}),
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
      loading,
      loaded,
      ...(error ? { error } : {}),
    };
    return cached;
  };

  const load = async () => {
    loading = true;
    error = undefined;
    emit();
    if (o.neverLoad) return new Promise<void>(() => undefined);
    await Promise.resolve();
    if (loadError) error = loadError;
    else loaded = true;
    loading = false;
    emit();
  };

  const flush = async (entries: PendingWrite[], onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]> => {
    const results: WriteResult[] = [];
    let done = 0;
    for (const e of entries) {
      const outcome = writeOutcome?.(e.contactId) ?? "written";
      if (outcome === "hold") {
        await new Promise<void>((resolve) => held.push(resolve));
      }
      if (typeof outcome === "object" && outcome.code === "network") {
        // Could not reach Graph: stays pending, tried again later (like the real store's back-off timer).
        nextAttemptAt = new Date(Date.now() + 5_000).toISOString();
        results.push({ contactId: e.contactId, status: "failed", code: outcome.code, reason: outcome.reason });
      } else if (outcome === "written" || outcome === "hold") {
        const c = server.get(e.contactId)!;
        server.set(e.contactId, { ...c, fields: applyFieldOps(c.fields, e.ops) });
        queue = queue.filter((q) => q !== e);
        results.push({ contactId: e.contactId, status: "written" });
      } else {
        Object.assign(e, { state: "failed", code: outcome.code, reason: outcome.reason });
        queue = [...queue];
        results.push({ contactId: e.contactId, status: "failed", code: outcome.code, reason: outcome.reason });
      }
      progress = { done: ++done, total: entries.length };
      onProgress?.(progress);
      emit();
    }
    progress = undefined;
    emit();
    return results;
  };

  const service: FakeContactsService = {
    mailbox: o.mailbox,
    calls,
    snapshot,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    load,
    ensureLoaded: () => (loadOnce ??= load()),
    refresh: load,
    applyOps: async (contactIds, ops: OpsSpec, onProgress) => {
      calls.push({ method: "applyOps", args: [contactIds, ops] });
      const current = new Map(snapshot().contacts.map((c) => [c.id, c]));
      const entries: PendingWrite[] = [];
      for (const id of new Set(contactIds)) {
        const c = current.get(id);
        if (!c) throw Object.assign(new Error("Unknown contact"), { code: "notFound" });
        const list = typeof ops === "function" ? ops(c) : Array.isArray(ops) ? ops : (ops[id] ?? []);
        if (list.length) entries.push({ clientId: `w${++ids}`, contactId: id, ops: list, enqueuedAt: new Date().toISOString(), state: "pending" });
      }
      queue = [...queue, ...entries];
      emit();
      return flush(entries, onProgress);
    },
    retry: async (clientIds) => {
      calls.push({ method: "retry", args: [clientIds] });
      const which = queue.filter((q) => (q.state === "failed" || nextAttemptAt !== undefined) && (!clientIds || clientIds.includes(q.clientId)));
      nextAttemptAt = undefined;
      for (const q of which) {
        q.state = "pending";
        delete q.code;
        delete q.reason;
      }
      queue = [...queue];
      emit();
      return flush(which);
    },
    saveSchema: async (s) => {
      calls.push({ method: "saveSchema", args: [s] });
      schema = s;
      emit();
    },
    findByEmail: async (addresses) => matchByEmail([...server.values()], addresses),
    createContacts: async (inputs: readonly NewContactInput[]) => {
      calls.push({ method: "createContacts", args: [inputs] });
      const out: CreateResult[] = inputs.map((input) => {
        const contact: Contact = {
          id: `new-${++ids}`,
          displayName: input.displayName ?? input.emailAddresses[0]?.address ?? "",
          ...(input.companyName ? { companyName: input.companyName } : {}),
          emailAddresses: input.emailAddresses,
          categories: input.categories ?? [],
          fields: input.fields ?? {},
        };
        server = new Map(server).set(contact.id, contact);
        order = [...order, contact.id];
        return { status: "created", contact };
      });
      emit();
      return out;
    },
    setLoadError: (e) => {
      loadError = e;
    },
    setWriteOutcome: (f) => {
      writeOutcome = f;
    },
    releaseHeld: () => {
      for (const r of held.splice(0)) r();
    },
  };
  return service;
}

/** openMailboxFolder for tests: readers over the given per-upn fakes (an empty folder for unknown upns). */
export function createFakeMailboxFolders(byUpn: Record<string, FakeContactsOptions> = {}): (upn: string, folderId?: string) => ContactsReader {
  const made = new Map<string, ContactsReader>();
  return (upn) => {
    const key = upn.toLowerCase();
    let r = made.get(key);
    if (!r) {
      r = createFakeContactsService({ mailbox: upn, ...(byUpn[key] ?? byUpn[upn] ?? {}) });
      made.set(key, r);
    }
    return r;
  };
}
