import { IDBFactory } from "fake-indexeddb";
import { BatchWriter } from "../src/graph/BatchWriter";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { ContactCache } from "../src/store/ContactCache";
import { ContactStore, type StoreSnapshot } from "../src/store/ContactStore";
import { createTestGraph, fastSleep, graphContacts, LI_NA, ZHANG } from "./builders";
import { until, WriteCounter } from "./writeCounter";

async function storeFor(g: ReturnType<typeof createTestGraph>, client = g.client, mailbox?: string, folderId?: string) {
  return new ContactStore({
    repository: new ContactsRepository(client, { mailbox, sleep: fastSleep }),
    writer: new BatchWriter(client, { mailbox, sleep: fastSleep, retryDelaySeconds: 0.01 }),
    cache: await ContactCache.open({ indexedDB: new IDBFactory(), name: "s" }),
    ...(folderId ? { folderId } : {}),
  });
}

describe("ContactStore", () => {
  it("applies ops optimistically, writes them, notifies subscribers and picks up others' changes by delta", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(3, "s"));
    const store = await storeFor(g);
    await store.load();
    const snaps: StoreSnapshot[] = [];
    store.subscribe((s) => snaps.push(s));
    const [a, b] = store.contacts();
    const progress: number[] = [];
    const results = await store.applyOps([a!.id, b!.id], [{ op: "set", field: "CustomerTier", value: "key" }], (p) => progress.push(p.done));
    expect(results.map((r) => r.status)).toEqual(["written", "written"]);
    expect(snaps[0]!.pending).toHaveLength(2);
    expect(snaps[0]!.contacts.find((c) => c.id === a!.id)!.fields.CustomerTier).toBe("key");
    expect(store.pending()).toHaveLength(0);
    expect(progress[progress.length - 1]).toBe(2);

    // Our own write does not cost a re-read; someone else's change does.
    g.log.length = 0;
    expect((await store.refresh()).requests).toBe(1);
    const other = await storeFor(g, g.clientFor(ZHANG));
    await other.load();
    await other.applyOps([b!.id], { [b!.id]: [{ op: "addKeyword", field: "IntendedProducts", value: "X" }] });
    const r = await store.refresh();
    expect(r.changed).toBe(1);
    expect(store.contact(b!.id)!.fields).toMatchObject({ CustomerTier: "key", IntendedProducts: ["X"] });
  });

  it("keeps a refused write as failed with its reason, and retry() sends it again", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(2, "f"));
    g.emulator.admin.share(ZHANG, LI_NA);
    const folderId = g.emulator.admin.defaultFolderId(ZHANG);
    const store = await storeFor(g, g.clientFor(LI_NA), ZHANG, folderId);
    await store.load();
    const [c] = store.contacts();
    const results = await store.applyOps([c!.id], [{ op: "set", field: "NeedsRecontact", value: true }]);
    expect(results[0]).toMatchObject({ status: "failed", code: "forbidden" });
    expect(store.failed()).toHaveLength(1);
    expect(store.contact(c!.id)!.fields.NeedsRecontact).not.toBe(true); // not shown as applied
    g.emulator.admin.share(ZHANG, LI_NA, { role: "write" });
    const again = await store.retry();
    expect(again[0]).toMatchObject({ status: "written" });
    expect(store.failed()).toHaveLength(0);
    expect(store.contact(c!.id)!.fields.NeedsRecontact).toBe(true);
  });
});

describe("ContactStore initial load", () => {
  it("shows the list before the delta round, gets the link in the background and loses no change made in between", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(5, "bg"));
    const store = await storeFor(g);
    const repo = (store as unknown as { repo: ContactsRepository }).repo;
    const startDelta = repo.startDelta.bind(repo);
    let listedBeforeDelta = -1;
    const other = await storeFor(g, g.clientFor(ZHANG));
    await other.load();
    await other.whenLinked();
    const changedId = other.contacts()[0]!.id;
    repo.startDelta = async (folderId: string) => {
      listedBeforeDelta = store.contacts().length;
      // Someone changes a contact after our listing and before our delta round.
      await other.applyOps([changedId], [{ op: "set", field: "CustomerTier", value: "potential" }]);
      return startDelta(folderId);
    };
    g.log.length = 0;
    await store.load();
    await store.whenLinked();
    expect(listedBeforeDelta).toBe(5);
    expect(store.contact(changedId)!.fields.CustomerTier).toBe("potential");
    expect((await store.refresh()).requests).toBe(1);
  });

  it("resyncs in full when the delta token has expired (410 syncStateNotFound), dropping deleted and updating changed contacts", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(4, "x"));
    const store = await storeFor(g);
    await store.load();
    await store.refresh(); // the delta link is in place
    const [gone, changed] = store.contacts();
    g.emulator.admin.expireDeltaTokens();
    const other = g.clientFor(ZHANG);
    await other.api(`/me/contacts/${gone!.id}`).delete();
    await other.api(`/me/contacts/${changed!.id}`).patch({ companyName: "Resynced Co" });

    const r = await store.refresh();
    expect(r.requests).toBeGreaterThan(1); // a full listing, not a delta page
    expect(store.contact(gone!.id)).toBeUndefined();
    expect(store.contacts()).toHaveLength(3);
    expect(store.contact(changed!.id)!.companyName).toBe("Resynced Co");
    // The new delta link works again: nothing changed → one request.
    expect((await store.refresh()).requests).toBe(1);
  });
});


describe("ContactStore writes that cannot reach Graph (issue 10 item 5)", () => {
  it("are retried on a back-off timer (5 s, then 10 s) shown as the next attempt, and written exactly once when the connection is back", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(2, "net"));
    const counter = new WriteCounter(g.emulator);
    let down = false;
    const client = counter.client(ZHANG, async (req) => {
      if (down) throw new TypeError("Failed to fetch");
      return counter.terminal(req);
    });
    const timers: { fn: () => void; ms: number }[] = [];
    const store = new ContactStore({
      repository: new ContactsRepository(client, { sleep: fastSleep }),
      writer: new BatchWriter(client, { sleep: fastSleep }),
      cache: await ContactCache.open({ indexedDB: new IDBFactory(), name: "net" }),
      timers: { set: (fn, ms) => timers.push({ fn, ms }), clear: () => undefined },
    });
    await store.load();
    await store.whenLinked();
    const [a] = store.contacts();
    down = true;
    const t0 = Date.now();
    const [r] = await store.applyOps([a!.id], [{ op: "set", field: "CustomerTier", value: "key" }]);
    expect(r).toMatchObject({ status: "failed", code: "network" });
    expect(store.pending()).toHaveLength(1); // kept, shown as applied
    expect(store.contact(a!.id)!.fields.CustomerTier).toBe("key");
    expect(timers.map((t) => t.ms)).toEqual([5_000]);
    const at = Date.parse(store.snapshot().nextAttemptAt!);
    expect(at - t0).toBeGreaterThanOrEqual(5_000);
    expect(at - Date.now()).toBeLessThanOrEqual(5_000);

    timers[0]!.fn(); // still down: the next attempt backs off
    await until(() => timers.length === 2);
    expect(timers[1]!.ms).toBe(10_000);
    expect(store.pending()).toHaveLength(1);

    down = false;
    timers[1]!.fn();
    await until(() => store.pending().length === 0 && !store.snapshot().nextAttemptAt);
    expect(counter.sentPatches(a!.id)).toBe(1);
    expect(counter.effectivePatches(a!.id)).toBe(1);
    expect(store.snapshot().nextAttemptAt).toBeUndefined();
    store.dispose();
  });

  it("retry() (the sync status's 'Try now') sends waiting writes at once", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(1, "now"));
    const counter = new WriteCounter(g.emulator);
    let down = false;
    const client = counter.client(ZHANG, async (req) => {
      if (down) throw new TypeError("Failed to fetch");
      return counter.terminal(req);
    });
    const store = new ContactStore({
      repository: new ContactsRepository(client, { sleep: fastSleep }),
      writer: new BatchWriter(client, { sleep: fastSleep }),
      cache: await ContactCache.open({ indexedDB: new IDBFactory(), name: "now" }),
      timers: { set: () => 0, clear: () => undefined },
    });
    await store.load();
    await store.whenLinked();
    const [a] = store.contacts();
    down = true;
    await store.applyOps([a!.id], [{ op: "set", field: "NeedsRecontact", value: true }]);
    expect(store.snapshot().nextAttemptAt).toBeDefined();
    down = false;
    const [r] = await store.retry();
    expect(r).toMatchObject({ status: "written" });
    expect(store.pending()).toHaveLength(0);
    expect(counter.effectivePatches(a!.id)).toBe(1);
    store.dispose();
  });
});
