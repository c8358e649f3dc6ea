/**
 * Reliability (issue 4 "Must show" 2): throttling + conflicts, two concurrent clients, offline queue + reload.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import fc from "fast-check";
import { createDefaultSchema } from "../src/domain/schema";
import type { FieldOp } from "../src/domain/types";
import { BatchWriter } from "../src/graph/BatchWriter";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { ContactCache } from "../src/store/ContactCache";
import { ContactStore } from "../src/store/ContactStore";
import { createTestGraph, fastSleep, graphContacts, PROP, WANG, ZHANG } from "./builders";
import { until, WriteCounter } from "./writeCounter";
import { createEmulator, DEMO_FACTS } from "../emulator/index";
import { createContactsWiring } from "../src/app/createContactsService";
import { createSalesService } from "../src/app/sales/createSalesService";
import { createStaticTokenProvider } from "../src/auth";
import { createGraphClient } from "../src/graph/createGraphClient";
import { listThreadMessages } from "../src/graph/messages";

const schema = createDefaultSchema();

describe("reliability", () => {
  it("tags 1,000 contacts with 20% injected 429/503 and concurrent edits: every change applied exactly once", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(1000, "r", () => ({ multiValueExtendedProperties: [] })));
    const repo = new ContactsRepository(g.client);
    const folderId = await repo.getDefaultFolderId();
    const { contacts } = await repo.listContacts(folderId, schema);

    // Another client edits 200 of them after we read them: our etags go stale → 412.
    const other = g.clientFor(ZHANG);
    const otherWriter = new BatchWriter(other, { sleep: fastSleep, retryDelaySeconds: 0.01 });
    const otherItems = contacts.slice(0, 200).map((c) => ({ contact: c, ops: [{ op: "addKeyword", field: "IntendedProducts", value: "Gizmo" }] as FieldOp[] }));
    await otherWriter.write(otherItems, schema);

    g.emulator.setFaults({ errorRate: 0.2, errorStatuses: [429, 503], retryAfterSeconds: 0.01, randomSeed: 7 });
    g.emulator.resetStats();
    const writer = new BatchWriter(g.client, { sleep: fastSleep, retryDelaySeconds: 0.01, maxAttempts: 20 });
    const progress: number[] = [];
    const [mine, theirs] = await Promise.all([
      writer.write(
        contacts.map((c) => ({
          contact: c,
          ops: [
            { op: "addKeyword", field: "IntendedProducts", value: "Widget" },
            { op: "set", field: "CustomerTier", value: "key" },
          ] as FieldOp[],
        })),
        schema,
        (p) => progress.push(p.done),
      ),
      // …and keeps editing concurrently (its own stale copies → 412s on its side too).
      otherWriter.write(
        contacts.slice(500, 600).map((c) => ({ contact: c, ops: [{ op: "set", field: "Owner", value: "wang.fang@contoso.com" }] as FieldOp[] })),
        schema,
      ),
    ]);
    g.emulator.setFaults({ errorRate: 0 });
    expect(mine.results.filter((r) => r.status !== "written")).toEqual([]);
    expect(theirs.results.filter((r) => r.status !== "written")).toEqual([]);
    expect(progress[progress.length - 1]).toBe(1000);
    expect(g.emulator.stats().throttled).toBeGreaterThan(0);

    const final = (await repo.listContacts(folderId, schema)).contacts;
    expect(final).toHaveLength(1000);
    const byId = new Map(final.map((c) => [c.id, c]));
    contacts.forEach((c, i) => {
      const f = byId.get(c.id)!.fields;
      expect(f.CustomerTier).toBe("key");
      expect(f.IntendedProducts).toEqual(i < 200 ? ["Gizmo", "Widget"] : ["Widget"]);
      if (i >= 500 && i < 600) expect(f.Owner).toBe("wang.fang@contoso.com");
    });
  }, 120_000);

  it("two clients editing the same contacts in random interleavings lose no field write", async () => {
    const fields = ["Owner", "CustomerTier"] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ client: fc.integer({ min: 0, max: 1 }), contact: fc.integer({ min: 0, max: 3 }), kw: fc.boolean(), stale: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 1000 }),
        async (steps, seed) => {
          const g = createTestGraph();
          g.emulator.admin.insertContacts(ZHANG, graphContacts(4, "p"));
          g.emulator.setFaults({ errorRate: 0.2, retryAfterSeconds: 0.001, randomSeed: seed });
          const clients = [g.client, g.clientFor(ZHANG)].map((client) => ({
            repo: new ContactsRepository(client, { sleep: fastSleep, retryDelaySeconds: 0.001, maxAttempts: 30 }),
            writer: new BatchWriter(client, { sleep: fastSleep, retryDelaySeconds: 0.001, maxAttempts: 30 }),
          }));
          const folderId = g.emulator.admin.defaultFolderId(ZHANG);
          const snapshots = await Promise.all(clients.map((c) => c.repo.listContacts(folderId, schema).then((r) => r.contacts)));
          const expectedKw = new Map<number, Set<string>>();
          // `${contact}|${field}` → values written by the latest round touching it (concurrent writes: either may win)
          const lastSet = new Map<string, Set<string>>();
          // Steps run in pairs concurrently (random interleaving); `stale` keeps using the first read copy.
          for (let i = 0; i < steps.length; i += 2) {
            const pair = steps.slice(i, i + 2);
            const roundSets = new Map<string, Set<string>>();
            const runs = pair.map(async (s, j) => {
              const cl = clients[s.client]!;
              const contact = s.stale ? snapshots[s.client]![s.contact]! : (await cl.repo.getContacts([snapshots[0]![s.contact]!.id], schema)).contacts.values().next().value!;
              const value = `c${s.client}-s${i + j}`;
              const op: FieldOp = s.kw
                ? { op: "addKeyword", field: "IntendedProducts", value }
                : { op: "set", field: fields[s.client]!, value: s.client === 1 ? "key" : value };
              const out = await cl.writer.write([{ contact, ops: [op] }], schema);
              expect(out.results[0]!.status).toBe("written");
              if (s.kw) expectedKw.set(s.contact, (expectedKw.get(s.contact) ?? new Set()).add(value));
              else {
                const k = `${s.contact}|${fields[s.client]}`;
                roundSets.set(k, (roundSets.get(k) ?? new Set()).add(s.client === 1 ? "key" : value));
              }
            });
            await Promise.all(runs);
            for (const [k, v] of roundSets) lastSet.set(k, v);
          }
          g.emulator.setFaults({ errorRate: 0 });
          const final = (await clients[0]!.repo.listContacts(folderId, schema)).contacts;
          const byId = new Map(final.map((c) => [c.id, c]));
          snapshots[0]!.forEach((c, idx) => {
            const f = byId.get(c.id)!.fields;
            expect(new Set((f.IntendedProducts as string[] | null) ?? [])).toEqual(expectedKw.get(idx) ?? new Set<string>());
            for (const field of fields) {
              const want = lastSet.get(`${idx}|${field}`);
              if (want !== undefined) expect(want.has(f[field] as string)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it("a write queued offline survives a reload and is replayed exactly once", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(5, "o"));
    const idb = new IDBFactory();
    let online = true;
    const listeners: (() => void)[] = [];
    const makeStore = async () =>
      new ContactStore({
        repository: new ContactsRepository(g.client),
        writer: new BatchWriter(g.client, { sleep: fastSleep }),
        cache: await ContactCache.open({ indexedDB: idb, name: "t" }),
        isOnline: () => online,
        onOnline: (l) => {
          listeners.push(l);
          return () => listeners.splice(listeners.indexOf(l), 1);
        },
      });
    const s1 = await makeStore();
    await s1.load();
    const target = s1.contacts()[2]!;
    online = false;
    const before = g.log.length;
    await s1.applyOps([target.id], [{ op: "addKeyword", field: "IntendedProducts", value: "离线" }, { op: "set", field: "NeedsRecontact", value: true }]);
    expect(g.log.length).toBe(before); // nothing sent while offline
    expect(s1.pending()).toHaveLength(1);
    expect(s1.contact(target.id)!.fields.IntendedProducts).toEqual(["离线"]); // optimistic
    s1.dispose();

    // "Reload": a new engine over the same IndexedDB, still offline → cached copy and the pending write.
    const s2 = await makeStore();
    await s2.load();
    expect(s2.pending()).toHaveLength(1);
    expect(s2.contact(target.id)!.fields.NeedsRecontact).toBe(true);
    g.emulator.resetStats();
    online = true;
    listeners.forEach((l) => l());
    await s2.flush();
    expect(g.emulator.stats().batchSubRequests).toBe(1);
    expect(s2.pending()).toHaveLength(0);
    s2.dispose();

    // A third reload replays nothing.
    g.emulator.resetStats();
    const s3 = await makeStore();
    await s3.load();
    expect(s3.pending()).toHaveLength(0);
    expect(g.emulator.stats().byMethod.PATCH ?? 0).toBe(0);
    expect(g.emulator.stats().batchSubRequests).toBe(0);
    const repo = new ContactsRepository(g.client);
    const [fresh] = (await repo.findByEmail([target.emailAddresses[0]!.address], schema));
    expect(fresh!.fields).toMatchObject({ IntendedProducts: ["离线"], NeedsRecontact: true });
  });
});

describe("exactly once (issue 10)", () => {
  const storeOver = async (client: ReturnType<typeof createTestGraph>["client"], idb: IDBFactory) =>
    new ContactStore({
      repository: new ContactsRepository(client, { sleep: fastSleep }),
      writer: new BatchWriter(client, { sleep: fastSleep, retryDelaySeconds: 0.01 }),
      cache: await ContactCache.open({ indexedDB: idb, name: "exactly-once" }),
    });
  const tierOf = async (g: ReturnType<typeof createTestGraph>) => {
    const repo = new ContactsRepository(g.client);
    const { contacts } = await repo.listContacts(await repo.getDefaultFolderId(), schema);
    return new Map(contacts.map((c) => [c.id, c.fields.CustomerTier]));
  };

  it("pane killed after the first confirmed batch of a 78-contact bulk edit: reopened, no contact is written twice and a teammate's later edit survives", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(78, "k"));
    const idb = new IDBFactory();
    const counter = new WriteCounter(g.emulator);
    // The first write batch is answered; the second reaches the server (and commits), then the pane dies.
    counter.killAfter = (n) => n === 1;
    const s1 = await storeOver(counter.client(ZHANG), idb);
    await s1.load();
    await s1.whenLinked();
    const ids = s1.contacts().map((c) => c.id);
    void s1.applyOps(ids, [{ op: "set", field: "CustomerTier", value: "key" }]); // never settles: the pane is killed
    await until(() => counter.killed);
    await new Promise((r) => setTimeout(r, 20)); // IndexedDB settles (nothing more can arrive)

    // While the pane is closed a teammate changes a contact we had written (batch 1) and one we never sent.
    const teammate = g.clientFor(ZHANG);
    await teammate.api(`/me/contacts/${ids[3]}`).patch({ singleValueExtendedProperties: [{ id: PROP.tier, value: "regular" }] });
    await teammate.api(`/me/contacts/${ids[60]}`).patch({ singleValueExtendedProperties: [{ id: PROP.tier, value: "potential" }] });

    // Reopened: a new store over the same IndexedDB replays what is left.
    const counter2 = new WriteCounter(g.emulator);
    const s2 = await storeOver(counter2.client(ZHANG), idb);
    await s2.load();
    await s2.flush();

    ids.forEach((id, i) => {
      const total = counter.effectivePatches(id) + counter2.effectivePatches(id);
      // The killed batch (20–39) committed on the server although its answer was lost.
      const committedUnseen = i >= 20 && i < 40 ? 1 : 0;
      expect({ i, writes: total + committedUnseen }).toEqual({ i, writes: i === 60 ? 0 : 1 });
    });
    // The confirmed batch is never sent again; the lost one is re-checked by etag, not re-written.
    for (const id of ids.slice(0, 20)) expect(counter2.sentPatches(id)).toBe(0);
    for (const id of ids.slice(20, 40)) expect(counter2.effectivePatches(id)).toBe(0);

    const tiers = await tierOf(g);
    expect(tiers.get(ids[3]!)).toBe("regular"); // the teammate's edit after our confirmed write survives
    expect(tiers.get(ids[60]!)).toBe("potential"); // … and so does the one made after our (unsent) edit
    expect(ids.filter((id, i) => i !== 3 && i !== 60 && tiers.get(id) !== "key")).toEqual([]);
    // The refused replay is surfaced as a conflict, shown with the teammate's value, not silently dropped.
    expect(s2.pending()).toHaveLength(0);
    expect(s2.failed().map((f) => [f.contactId, f.code])).toEqual([[ids[60], "conflict"]]);
    expect(s2.contact(ids[60]!)!.fields.CustomerTier).toBe("potential");
    s2.dispose();
  }, 30_000);

  it("edits made while a save runs are sent once: one flush loop, the other callers wait on it", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(6, "cf"));
    const counter = new WriteCounter(g.emulator);
    const store = await storeOver(counter.client(ZHANG), new IDBFactory());
    await store.load();
    await store.whenLinked();
    const [a, b, c] = store.contacts();
    g.emulator.setFaults({ latencyMs: 40 });
    const first = store.applyOps([a!.id], [{ op: "set", field: "CustomerTier", value: "key" }]);
    await until(() => [...counter.patches.keys()].length > 0 || counter.batches > 0, 5_000).catch(() => undefined);
    // Three more saves while the first is in flight: two other contacts, and the same contact again.
    const more = await Promise.all([
      first,
      store.applyOps([b!.id], [{ op: "set", field: "CustomerTier", value: "regular" }]),
      store.applyOps([c!.id], [{ op: "set", field: "CustomerTier", value: "potential" }]),
      store.applyOps([a!.id], [{ op: "set", field: "Owner", value: WANG }]),
    ]);
    g.emulator.setFaults({ latencyMs: 0 });
    expect(more.flat().map((r) => r.status)).toEqual(["written", "written", "written", "written"]);
    expect(counter.sentPatches(b!.id)).toBe(1);
    expect(counter.sentPatches(c!.id)).toBe(1);
    // Two edits of one contact: two PATCHes, the second based on the etag the first produced (no 412 round).
    expect(counter.patches.get(a!.id)).toEqual([200, 200]);
    expect(store.pending()).toHaveLength(0);
    const repo = new ContactsRepository(g.client);
    const fresh = (await repo.getContacts([a!.id, b!.id, c!.id], schema)).contacts;
    expect(fresh.get(a!.id)!.fields).toMatchObject({ CustomerTier: "key", Owner: WANG });
    expect(fresh.get(b!.id)!.fields.CustomerTier).toBe("regular");
    expect(fresh.get(c!.id)!.fields.CustomerTier).toBe("potential");
    store.dispose();
  });
});

describe("creations after an ambiguous failure (issue 10 item 3)", () => {
  const inputs = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ displayName: `${prefix} ${i}`, emailAddresses: [{ address: `${prefix}${i}@example.org` }], fields: { CustomerTier: "potential" } }));

  it.each(["request", "batch"] as const)(
    "creations answered 504 after the server committed them (lost per %s): 40 inputs → exactly 40 contacts, looked up not re-posted",
    async (scope) => {
      const g = createTestGraph();
      const counter = new WriteCounter(g.emulator);
      const repo = new ContactsRepository(counter.client(ZHANG), { sleep: fastSleep, retryDelaySeconds: 0.01, maxAttempts: 20 });
      g.emulator.setFaults({ lostResponseRate: scope === "request" ? 0.25 : 0.5, lostResponseScope: scope, randomSeed: 3 });
      const { results } = await repo.createContacts(inputs(40, `amb-${scope}-`), schema);
      g.emulator.setFaults({ lostResponseRate: 0 });

      expect(results.filter((r) => r.status !== "created")).toEqual([]);
      // The fault did hit: some creations were answered 504 although the server had created them.
      const lost = [...counter.creates.values()].filter((s) => s.includes(504)).length;
      expect(lost).toBeGreaterThan(0);
      // …and none of those was POSTed again (the SDK RetryHandler must not retry them either).
      for (const statuses of counter.creates.values()) expect(statuses).toHaveLength(1);
      const { contacts } = await new ContactsRepository(g.client).listContacts(g.emulator.admin.defaultFolderId(ZHANG), schema);
      const mine = contacts.filter((c) => c.emailAddresses[0]?.address.startsWith(`amb-${scope}-`));
      expect(mine).toHaveLength(40);
      expect(new Set(mine.map((c) => c.emailAddresses[0]!.address)).size).toBe(40);
      // Every result is the contact that exists on the server (the looked-up ones included).
      expect(new Set(results.map((r) => (r.status === "created" ? r.contact.id : "")))).toEqual(new Set(mine.map((c) => c.id)));
    },
  );
});

describe("one concurrency budget per mailbox for the whole app (issue 10 item 4)", () => {
  it("a bulk edit, the sales service and the tagging service working at once on /me never exceed 4 requests: no ApplicationThrottled", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const terminal = (req: Request) => emulator.handler(req);
    const auth = createStaticTokenProvider(ZHANG);
    const graph = { baseUrl: "https://graph.microsoft.com", customHosts: [] };
    // The app's wiring: each service builds its own client (its feature's scopes), as in src/app.
    const { contacts } = createContactsWiring({ auth, graph, openCache: () => ContactCache.open({ indexedDB: new IDBFactory(), name: "budget" }), terminal });
    const clientFor = () => createGraphClient({ authProvider: (scopes) => auth.getToken(scopes ?? []), ...graph, terminal });
    const sales = createSalesService({
      contacts,
      teamMembers: async () => [],
      me: ZHANG,
      displayName: "Zhang Wei",
      demo: true,
      office: {} as Parameters<typeof createSalesService>[0]["office"],
      clientFor,
    });
    const tagging = clientFor();
    await contacts.ensureLoaded();
    const list = contacts.snapshot().contacts.slice(0, 60);
    emulator.setFaults({ latencyMs: 25 });
    emulator.resetStats();
    const [written] = await Promise.all([
      contacts.applyOps(
        list.map((c) => c.id),
        [{ op: "set", field: "CustomerTier", value: "key" }],
      ),
      ...list.slice(0, 6).map((c) => sales.latestMailWith(c)),
      ...[0, 1, 2].map(() => listThreadMessages(tagging, DEMO_FACTS.wellKnownThread.conversationId)),
    ]);
    const stats = emulator.stats();
    emulator.close();
    expect(written.filter((r) => r.status !== "written")).toEqual([]);
    expect(stats.throttled).toBe(0);
    expect(stats.maxConcurrency).toBeLessThanOrEqual(4);
    expect(stats.maxConcurrency).toBeGreaterThan(1); // …while still using the budget
  }, 30_000);
});
