/**
 * The capability probe (src/graph/capabilities.ts) against the emulator in each strict profile
 * (emulator/strict.ts): it detects exactly the refused behaviour, and the repository's read paths then give the
 * same contacts and fields as on the lenient emulator, without ever sending the refused request.
 */
import { createEmulator, STRICT_PROFILES, type StrictProfile } from "../emulator/index";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import type { Contact } from "../src/domain/types";
import { BatchWriter } from "../src/graph/BatchWriter";
import { ASSUME_DOCUMENTED, ASSUMED_CAPABILITIES, probeCapabilities, ProbingCapabilitySource, setDefaultCapabilitySource, type CapabilityCache, type CapabilityKey, type ProbeReport } from "../src/graph/capabilities";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { moveContact } from "../src/graph/moveContact";
import { createTestGraph, fastSleep, graphContacts, PROP, WANG, ZHANG } from "./builders";

const N = 45;

function seeded(strict: StrictProfile[] = []) {
  const emulator = createEmulator({ seed: "empty", strict });
  emulator.admin.insertContacts(
    ZHANG,
    graphContacts(N, "c", (i) => ({
      singleValueExtendedProperties: [{ id: PROP.tier, value: i % 2 ? "key" : "regular" }, { id: PROP.owner, value: `owner${i}` }],
      multiValueExtendedProperties: i % 3 ? [{ id: PROP.products, value: [`p${i}`, "x"] }] : [],
    })),
  );
  return withRefusals(createTestGraph({ emulator }));
}

/** Counts 400 answers (top level and inside $batch): every strict refusal is one. */
function withRefusals<T extends { emulator: ReturnType<typeof createEmulator> }>(g: T): T & { refusals: () => number; patches: Map<string, number> } {
  let n = 0;
  const patches = new Map<string, number>();
  const handler = g.emulator.handler.bind(g.emulator);
  g.emulator.handler = async (req: Request) => {
    const count = (method: string, url: string) => {
      if (method === "PATCH") patches.set(url.replace(/^.*\/contacts\//, ""), (patches.get(url.replace(/^.*\/contacts\//, "")) ?? 0) + 1);
    };
    if (new URL(req.url).pathname.endsWith("/$batch")) for (const r of ((await req.clone().json()) as { requests: { method: string; url: string }[] }).requests) count(r.method, r.url);
    else count(req.method, new URL(req.url).pathname);
    const res = await handler(req);
    if (res.status === 400) n++;
    if (new URL(req.url).pathname.endsWith("/$batch") && res.status === 200) {
      const body = (await res.clone().json()) as { responses: { status: number }[] };
      n += body.responses.filter((r) => r.status === 400).length;
    }
    return res;
  };
  return Object.assign(g, { refusals: () => n, patches });
}

const EXPECTED_REFUSAL: Record<StrictProfile, CapabilityKey> = {
  "expand-collections": "expandOnCollections",
  "expand-both": "expandBothCollections",
  "edm-cast": "edmCastInFilter",
  "delta-page-size": "deltaHonoursMaxPageSize",
  "if-match": "ifMatch",
  "contacts-folder-name": "wellKnownContactsFolder",
};

function memoryCache(): CapabilityCache & { data: Map<string, ProbeReport> } {
  const data = new Map<string, ProbeReport>();
  return { data, load: (k) => data.get(k), save: (k, r) => void data.set(k, r), remove: (k) => void data.delete(k) };
}

/** What a user sees of a contact: names, addresses and field values (ids differ between emulators). */
const view = (cs: Iterable<Contact>) =>
  [...cs].map((c) => ({ name: c.displayName, email: c.emailAddresses[0]?.address, fields: c.fields })).sort((a, b) => String(a.email).localeCompare(String(b.email)));

let reference: ReturnType<typeof view>;
beforeAll(async () => {
  const g = seeded();
  const repo = new ContactsRepository(g.client, { capabilities: ASSUME_DOCUMENTED });
  const folder = await repo.getDefaultFolderId();
  reference = view((await repo.listContacts(folder, DEFAULT_SCHEMA)).contacts);
  expect(reference).toHaveLength(N);
  expect(reference.filter((c) => (c.fields.IntendedProducts as string[] | null)?.length)).toHaveLength(30);
});

test("on the lenient emulator every behaviour is supported, and the If-Match probe writes nothing", async () => {
  const g = seeded();
  const before = g.emulator.admin.store.folderContacts(g.emulator.admin.defaultFolderId(ZHANG)).map((r) => r.doc.changeKey);
  const report = await probeCapabilities(g.client);
  expect(report.results.map((r) => [r.behaviour, r.outcome])).toEqual([
    ["expandOnCollections", "supported"],
    ["expandBothCollections", "supported"],
    ["edmCastInFilter", "supported"],
    ["wellKnownContactsFolder", "supported"],
    ["deltaHonoursMaxPageSize", "supported"],
    ["ifMatch", "supported"],
  ]);
  expect(report.capabilities).toEqual(ASSUMED_CAPABILITIES);
  expect(report.complete).toBe(true);
  expect(report.requests).toBeLessThanOrEqual(8);
  const after = g.emulator.admin.store.folderContacts(g.emulator.admin.defaultFolderId(ZHANG)).map((r) => r.doc.changeKey);
  expect(after).toEqual(before);
});

describe.each(STRICT_PROFILES.map((p) => [p]))("strict profile %s", (profile) => {
  test("the probe reports exactly that behaviour as not supported", async () => {
    const g = seeded([profile]);
    const report = await probeCapabilities(g.client);
    const notSupported = report.results.filter((r) => r.outcome !== "supported").map((r) => r.behaviour);
    expect(notSupported).toEqual([EXPECTED_REFUSAL[profile]]);
    expect(report.capabilities[EXPECTED_REFUSAL[profile]]).toBe(false);
    expect(report.complete).toBe(true);
  });

  test("loading, re-reading by id, finding by email and delta give what the lenient emulator gives", async () => {
    const g = seeded([profile]);
    const source = new ProbingCapabilitySource(memoryCache());
    const repo = new ContactsRepository(g.client, { capabilities: source, sleep: fastSleep });
    await source.get(g.client, "/me"); // the probe, as at first use
    const folder = await repo.getDefaultFolderId();
    const refusedByProbe = g.refusals();
    // delta-page-size is ignored, not refused: no 400 at all.
    expect(refusedByProbe > 0).toBe(profile !== "delta-page-size");
    const { contacts } = await repo.listContacts(folder, DEFAULT_SCHEMA);
    expect(view(contacts)).toEqual(reference);
    const some = contacts.slice(0, 25).map((c) => c.id);
    const byId = await repo.getContacts(some, DEFAULT_SCHEMA);
    expect(byId.errors.size).toBe(0);
    expect(view(byId.contacts.values())).toEqual(view(contacts.filter((c) => some.includes(c.id))));
    const found = await repo.findByEmail(["c3@example.com", "C4@example.com", "nobody@example.com"], DEFAULT_SCHEMA);
    expect(view(found)).toEqual(reference.filter((c) => c.email === "c3@example.com" || c.email === "c4@example.com"));
    const delta = await repo.startDelta(folder);
    expect(delta.changedIds).toHaveLength(N);
    // Nothing the tenant refuses was sent after the probe.
    expect(g.refusals()).toBe(refusedByProbe);
  });
});

test("expand-collections: the fallback reads per contact in $batches of at most 20, ceil(N/20) of them", async () => {
  const g = seeded(["expand-collections"]);
  const source = new ProbingCapabilitySource();
  await source.get(g.client, "/me");
  const repo = new ContactsRepository(g.client, { capabilities: source, sleep: fastSleep });
  const folder = await repo.getDefaultFolderId();
  const probeRequests = g.log.length;
  const { contacts, requests } = await repo.listContacts(folder, DEFAULT_SCHEMA);
  expect(view(contacts)).toEqual(reference);
  const load = g.log.slice(probeRequests);
  const batches = load.filter((r) => r.url.endsWith("/$batch"));
  expect(batches.every((b) => (b.batchSize ?? 0) <= 20)).toBe(true);
  expect(batches).toHaveLength(Math.ceil(N / 20));
  expect(load.filter((r) => !r.url.endsWith("/$batch") && /\$expand/.test(decodeURIComponent(r.url)))).toEqual([]);
  expect(requests).toBe(load.length);
});

test("expand-both: two passes of the collection (one per extended-property collection), none naming both", async () => {
  const g = seeded(["expand-both"]);
  const source = new ProbingCapabilitySource();
  await source.get(g.client, "/me");
  const repo = new ContactsRepository(g.client, { capabilities: source, sleep: fastSleep });
  const folder = await repo.getDefaultFolderId();
  const start = g.log.length;
  const { contacts, requests } = await repo.listContacts(folder, DEFAULT_SCHEMA);
  expect(view(contacts)).toEqual(reference);
  expect(requests).toBe(2);
  const urls = g.log.slice(start).map((r) => decodeURIComponent(r.url));
  expect(urls.filter((u) => u.includes("singleValueExtendedProperties") && u.includes("multiValueExtendedProperties"))).toEqual([]);
});

test("contacts-folder-name: an empty mailbox finds its default folder through a child folder's parentFolderId", async () => {
  const emulator = createEmulator({ seed: "empty", strict: ["contacts-folder-name"] });
  const g = createTestGraph({ emulator });
  await g.client.api("/me/contactFolders").post({ displayName: "Suppliers" });
  const repo = new ContactsRepository(g.client, { capabilities: new ProbingCapabilitySource() });
  await expect(repo.getDefaultFolderId()).resolves.toBe(emulator.admin.defaultFolderId(ZHANG));
});

test("delta-page-size: delta follows the server's pages of 10 and stops asking for 1000", async () => {
  const g = seeded(["delta-page-size"]);
  const repo = new ContactsRepository(g.client, { capabilities: new ProbingCapabilitySource() });
  const folder = await repo.getDefaultFolderId();
  const d = await repo.startDelta(folder);
  expect(d.changedIds).toHaveLength(N);
  expect(d.requests).toBe(Math.ceil(N / 10));
});

test("the probe runs once per mailbox, is cached, and is re-run when the chosen path is refused later", async () => {
  const emulator = createEmulator({ seed: "empty" });
  emulator.admin.insertContacts(ZHANG, graphContacts(5));
  const g = createTestGraph({ emulator });
  const cache = memoryCache();
  const source = new ProbingCapabilitySource(cache);
  const repoA = new ContactsRepository(g.client, { capabilities: source });
  const repoB = new ContactsRepository(g.client, { capabilities: source });
  const folder = await repoA.getDefaultFolderId();
  await Promise.all([repoA.listContacts(folder, DEFAULT_SCHEMA), repoB.listContacts(folder, DEFAULT_SCHEMA)]);
  const probes = () => g.log.filter((r) => r.method === "PATCH").length; // one stale-If-Match PATCH per probe
  expect(probes()).toBe(1);
  expect(cache.data.get("/me")?.capabilities.expandOnCollections).toBe(true);
  // A new session with the cached report: no probe.
  const repoC = new ContactsRepository(g.client, { capabilities: new ProbingCapabilitySource(cache) });
  await repoC.listContacts(folder, DEFAULT_SCHEMA);
  expect(probes()).toBe(1);
  // The tenant stops expanding on collections: the load is refused once, probed again, and succeeds.
  emulator.setStrict(["expand-collections"]);
  const { contacts } = await repoC.listContacts(folder, DEFAULT_SCHEMA);
  expect(contacts).toHaveLength(5);
  expect(probes()).toBe(2);
  expect(cache.data.get("/me")?.capabilities.expandOnCollections).toBe(false);
});

describe("if-match: conditional writes emulated when the tenant refuses If-Match", () => {
  afterEach(() => setDefaultCapabilitySource(ASSUME_DOCUMENTED));

  test("a current copy is written once without If-Match; a stale one gets 412, is re-read, and the other edit survives", async () => {
    const g = seeded(["if-match"]);
    const source = new ProbingCapabilitySource();
    setDefaultCapabilitySource(source);
    await source.get(g.client, "/me");
    const repo = new ContactsRepository(g.client, { sleep: fastSleep });
    const folder = await repo.getDefaultFolderId();
    const { contacts } = await repo.listContacts(folder, DEFAULT_SCHEMA);
    const [a, b] = contacts.filter((c) => c.fields.CustomerTier === "regular");
    // Someone else edits b after we read it: our copy of b is stale.
    await g.client.api(`/me/contacts/${b!.id}`).patch({ singleValueExtendedProperties: [{ id: PROP.owner, value: "someone else" }] });
    const refusalsBefore = g.refusals();
    const writer = new BatchWriter(g.client, { sleep: fastSleep, retryDelaySeconds: 0.01 });
    g.patches.clear();
    const out = await writer.write(
      [a!, b!].map((c) => ({ contact: c, ops: [{ op: "set" as const, field: "CustomerTier", value: "key" }] })),
      DEFAULT_SCHEMA,
    );
    expect(out.results.map((r) => r.status)).toEqual(["written", "written"]);
    expect(g.refusals()).toBe(refusalsBefore); // no If-Match reached the server
    const after = (await repo.getContacts([a!.id, b!.id], DEFAULT_SCHEMA)).contacts;
    expect(after.get(a!.id)?.fields.CustomerTier).toBe("key");
    expect(after.get(b!.id)?.fields.CustomerTier).toBe("key");
    expect(after.get(b!.id)?.fields.Owner).toBe("someone else");
    // Exactly one PATCH reached the server per contact (the stale one only after its re-read).
    expect([...g.patches.keys()].sort()).toEqual([a!.id, b!.id].sort());
    expect([...g.patches.values()]).toEqual([1, 1]);
  });

  test("on the lenient emulator the fallback stays off: writes carry If-Match", async () => {
    const g = seeded();
    const source = new ProbingCapabilitySource();
    setDefaultCapabilitySource(source);
    await source.get(g.client, "/me");
    const repo = new ContactsRepository(g.client);
    const { contacts } = await repo.listContacts(await repo.getDefaultFolderId(), DEFAULT_SCHEMA);
    const writer = new BatchWriter(g.client, { sleep: fastSleep });
    const stale = { ...contacts[0]!, etag: 'W/"stale"' };
    const out = await writer.write([{ contact: stale, ops: [{ op: "set", field: "Owner", value: "me" }] }], DEFAULT_SCHEMA);
    expect(out.results[0]?.status).toBe("written");
    expect(g.refusals()).toBe(0);
  });
});

test("an inconclusive probe (Graph unreachable) takes the fallbacks, is not cached, and is retried after a minute", async () => {
  const emulator = createEmulator({ seed: "empty" });
  emulator.admin.insertContacts(ZHANG, graphContacts(3));
  const g = createTestGraph({ emulator });
  let offline = true;
  const handler = emulator.handler.bind(emulator);
  emulator.handler = (req: Request) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : handler(req));
  let now = new Date("2026-03-02T09:00:00Z");
  const cache = memoryCache();
  const source = new ProbingCapabilitySource(cache, { now: () => now });
  const first = await source.get(g.client, "/me");
  expect(first.expandOnCollections).toBe(false);
  expect(cache.data.size).toBe(0);
  offline = false;
  now = new Date(now.getTime() + 30_000);
  expect((await source.get(g.client, "/me")).expandOnCollections).toBe(false); // still within the minute
  now = new Date(now.getTime() + 31_000);
  expect(await source.get(g.client, "/me")).toEqual(ASSUMED_CAPABILITIES);
  expect(cache.data.get("/me")?.complete).toBe(true);
});

test("expand-both: moving a teammate's customer reads its fields in two passes and copies every field", async () => {
  const emulator = createEmulator({ seed: "empty", strict: ["expand-both"] });
  const [id] = emulator.admin.insertContacts(WANG, [
    {
      displayName: "James Miller",
      emailAddresses: [{ address: "james@fabrikam.com" }],
      singleValueExtendedProperties: [{ id: PROP.tier, value: "key" }],
      multiValueExtendedProperties: [{ id: PROP.products, value: ["Widget", "Gizmo"] }],
    },
  ]);
  emulator.admin.share(WANG, ZHANG, { role: "write" });
  const g = withRefusals(createTestGraph({ emulator }));
  const source = new ProbingCapabilitySource();
  setDefaultCapabilitySource(source);
  try {
    await source.get(g.client, "/me");
    const refused = g.refusals();
    const moved = await moveContact({ source: g.client, sourceMailbox: WANG, contactId: id!, schema: DEFAULT_SCHEMA, target: g.client });
    expect(g.refusals()).toBe(refused);
    const copy = (await new ContactsRepository(g.client).getContacts([moved.id], DEFAULT_SCHEMA)).contacts.get(moved.id);
    expect(copy?.fields).toMatchObject({ CustomerTier: "key", IntendedProducts: ["Widget", "Gizmo"] });
  } finally {
    setDefaultCapabilitySource(ASSUME_DOCUMENTED);
  }
});
