/**
 * The real ContactsService: Graph client (SDK chain) → ContactsRepository + BatchWriter → ContactStore with
 * the IndexedDB ContactCache. Only src/app wires these together (conventions.md "One composition root").
 */
import type { TokenProvider } from "../auth";
import { scopesFor, type Feature } from "../auth";
import type { Contact, FieldSchema, WriteResult } from "../domain/types";
import { BatchWriter, ContactsRepository, createGraphClient } from "../graph";
import { ContactCache, ContactStore, type StoreSnapshot } from "../store";
import {
  matchByEmail,
  toContactsError,
  type ContactsError,
  type ContactsReader,
  type ContactsService,
  type ContactsSnapshot,
  type CreateResult,
  type NewContactInput,
  type OpsSpec,
  type WriteProgress,
} from "./contacts";
import type { GraphEndpoint } from "./Services";

const EMPTY_SCHEMA: FieldSchema = { version: 1, fields: [] };

export interface ContactsServiceDeps {
  auth: TokenProvider;
  graph: GraphEndpoint;
  /** Defaults to the browser's IndexedDB (one database for every mailbox/folder, keyed by scope). */
  openCache?: () => Promise<ContactCache>;
  /** A fetch-style terminal (tests); default: the SDK's HTTPMessageHandler (fetch). */
  terminal?: (req: Request) => Promise<Response>;
}

function clientFor(deps: ContactsServiceDeps, feature: Feature) {
  return createGraphClient({
    authProvider: () => deps.auth.getToken(scopesFor(feature)),
    baseUrl: deps.graph.baseUrl,
    customHosts: deps.graph.customHosts,
    ...(deps.terminal ? { terminal: deps.terminal } : {}),
  });
}

function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

function onBrowserOnline(listener: () => void): () => void {
  if (typeof window === "undefined") return () => undefined;
  window.addEventListener("online", listener);
  return () => window.removeEventListener("online", listener);
}

/** ContactStore + status (loading / error) behind the src/app interface. */
class StoreContacts implements ContactsService {
  private store?: ContactStore;
  private storeReady?: Promise<ContactStore>;
  private loadOnce?: Promise<void>;
  private loading = false;
  private loaded = false;
  private error?: ContactsError;
  private cached?: ContactsSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly removedListeners = new Set<(ids: readonly string[]) => void>();

  constructor(
    readonly mailbox: string | undefined,
    private readonly makeStore: () => Promise<ContactStore>,
    private readonly repository: ContactsRepository,
  ) {}

  private getStore(): Promise<ContactStore> {
    this.storeReady ??= this.makeStore().then((s) => {
      this.store = s;
      s.subscribe(() => {
        if (s.snapshot().contacts.length || s.snapshot().schema.fields.length) this.loaded = true;
        this.emit();
      });
      s.onRemoved((ids) => {
        for (const l of [...this.removedListeners]) l(ids);
      });
      return s;
    });
    return this.storeReady;
  }

  snapshot = (): ContactsSnapshot => {
    if (this.cached) return this.cached;
    const s: StoreSnapshot | undefined = this.store?.snapshot();
    this.cached = {
      contacts: s?.contacts ?? [],
      schema: s?.schema ?? EMPTY_SCHEMA,
      pending: s?.pending ?? [],
      failed: s?.failed ?? [],
      ...(s?.progress ? { progress: s.progress } : {}),
      ...(s?.nextAttemptAt ? { nextAttemptAt: s.nextAttemptAt } : {}),
      loading: this.loading,
      loaded: this.loaded,
      ...(this.error ? { error: this.error } : {}),
    };
    return this.cached;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onRemoved = (listener: (ids: readonly string[]) => void): (() => void) => {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  };

  private emit(): void {
    this.cached = undefined;
    for (const l of [...this.listeners]) l();
  }

  private async run(task: (s: ContactStore) => Promise<unknown>): Promise<void> {
    this.loading = true;
    this.error = undefined;
    this.emit();
    try {
      const store = await this.getStore();
      await task(store);
      this.loaded = true;
    } catch (e) {
      this.error = toContactsError(e);
    } finally {
      this.loading = false;
      this.emit();
    }
  }

  load = (): Promise<void> => this.run((s) => s.load());

  /** A failed first load is not cached: the next caller (another view, a retry) tries again. */
  ensureLoaded = (): Promise<void> =>
    (this.loadOnce ??= this.load().then(() => {
      if (!this.loaded) this.loadOnce = undefined;
    }));

  /** Delta refresh, then the queue goes out too ("Try again" after a lost connection sends the pending writes). */
  refresh = (): Promise<void> =>
    this.run(async (s) => {
      await s.refresh();
      if (s.pending().length) await s.flush();
    });

  applyOps = async (contactIds: readonly string[], ops: OpsSpec, onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]> =>
    (await this.getStore()).applyOps([...contactIds], ops, onProgress);

  retry = async (clientIds?: readonly string[]): Promise<WriteResult[]> => (await this.getStore()).retry(clientIds ? [...clientIds] : undefined);

  saveSchema = async (schema: FieldSchema): Promise<void> => (await this.getStore()).saveSchema(schema);

  findByEmail = async (addresses: readonly string[]): Promise<Contact[]> => {
    const snap = this.snapshot();
    if (this.loaded) return matchByEmail(snap.contacts, addresses);
    const store = await this.getStore();
    await this.ensureLoaded();
    if (this.loaded) return matchByEmail(this.snapshot().contacts, addresses);
    return this.repository.findByEmail([...addresses], store.snapshot().schema);
  };

  createContacts = async (inputs: readonly NewContactInput[], opts: { refresh?: boolean; onProgress?: () => void } = {}): Promise<CreateResult[]> => {
    const store = await this.getStore();
    await this.ensureLoaded();
    const schema = store.snapshot().schema;
    // $batches of 20 POSTs, throttled ones retried per sub-request (ContactsRepository.createContacts).
    let results: CreateResult[];
    try {
      let seen = 0;
      const out = await this.repository.createContacts(inputs, schema, undefined, (p) => {
        for (; seen < p.done; seen++) opts.onProgress?.();
      });
      // The created contacts (with their changeKeys) go into the store at once: the delta refresh then skips them.
      await store.adoptCreated(out.results.flatMap((r) => (r.status === "created" ? [r.contact] : [])));
      results = out.results.map((r): CreateResult => (r.status === "created" ? r : { status: "failed", code: r.code, reason: r.reason }));
    } catch (e) {
      const err = toContactsError(e);
      results = inputs.map(() => ({ status: "failed", code: err.code, reason: err.message }));
    }
    // The new contacts reach the list (with their server etags) through delta; one refresh for all of them.
    if (opts.refresh !== false && results.some((r) => r.status === "created")) await this.refresh();
    return results;
  };
}

export interface ContactsWiring {
  contacts: ContactsService;
  openMailboxFolder: (upn: string, folderId?: string) => ContactsReader;
}

/** Builds the user's ContactsService and the factory for colleagues' shared folders (read). */
export function createContactsWiring(deps: ContactsServiceDeps): ContactsWiring {
  let cache: Promise<ContactCache> | undefined;
  const openCache = () => (cache ??= (deps.openCache ?? (() => ContactCache.open()))());
  const own = clientFor(deps, "base");
  const ownRepo = new ContactsRepository(own);
  const contacts = new StoreContacts(
    undefined,
    async () =>
      new ContactStore({ repository: ownRepo, writer: new BatchWriter(own), cache: await openCache(), isOnline: browserOnline, onOnline: onBrowserOnline }),
    ownRepo,
  );
  let teamClient: ReturnType<typeof clientFor> | undefined;
  const readers = new Map<string, ContactsReader>();
  const openMailboxFolder = (upn: string, folderId?: string): ContactsReader => {
    const key = `${upn.toLowerCase()}|${folderId ?? ""}`;
    const known = readers.get(key);
    if (known) return known;
    teamClient ??= clientFor(deps, "teamView");
    const client = teamClient;
    const repo = new ContactsRepository(client, { mailbox: upn });
    const reader = new StoreContacts(
      upn,
      async () =>
        new ContactStore({
          repository: repo,
          writer: new BatchWriter(client, { mailbox: upn }),
          cache: await openCache(),
          isOnline: browserOnline,
          ...(folderId ? { folderId } : {}),
        }),
      repo,
    );
    // Read access only: the Team view gets no write methods.
    const readOnly: ContactsReader = {
      mailbox: upn,
      snapshot: reader.snapshot,
      subscribe: reader.subscribe,
      load: reader.load,
      ensureLoaded: reader.ensureLoaded,
      refresh: reader.refresh,
    };
    readers.set(key, readOnly);
    return readOnly;
  };
  return { contacts, openMailboxFolder };
}
