/**
 * Creating many contacts: POSTs in $batches of 20 through the real SDK chain with the emulator as terminal
 * (ContactsRepository.createContacts), and src/app's createContacts using it.
 */
import { IDBFactory } from "fake-indexeddb";
import { createEmulator } from "../emulator/index";
import { createContactsWiring } from "../src/app/createContactsService";
import { createStaticTokenProvider } from "../src/auth";
import { createDefaultSchema } from "../src/domain/schema";
import { ContactsRepository, type NewContact } from "../src/graph/ContactsRepository";
import { ContactCache } from "../src/store/ContactCache";
import { createTestGraph, fastSleep, ZHANG } from "./builders";

const schema = createDefaultSchema();

function newContacts(n: number, prefix: string): NewContact[] {
  return Array.from({ length: n }, (_, i) => ({
    displayName: `${prefix} ${i}`,
    emailAddresses: [{ address: `${prefix}${i}@example.org` }],
    fields: { CustomerTier: "potential", IntendedProducts: ["Widget"] },
  }));
}

/** How many contacts of the folder carry each address (exactly-once check). */
async function countByAddress(repo: ContactsRepository, prefix: string): Promise<Map<string, number>> {
  const folderId = await repo.getDefaultFolderId();
  const { contacts } = await repo.listContacts(folderId, schema);
  const counts = new Map<string, number>();
  for (const c of contacts) for (const e of c.emailAddresses) if (e.address.startsWith(prefix)) counts.set(e.address, (counts.get(e.address) ?? 0) + 1);
  return counts;
}

describe("ContactsRepository.createContacts (emulator, real SDK)", () => {
  it("creates 45 contacts in 3 $batch round trips of POSTs with Content-Type", async () => {
    const g = createTestGraph({ seed: "demo" });
    const repo = new ContactsRepository(g.client, { sleep: fastSleep, retryDelaySeconds: 0.01 });
    g.log.length = 0;
    g.emulator.resetStats();
    const progress: number[] = [];
    const { results, requests } = await repo.createContacts(newContacts(45, "batch"), schema, undefined, (p) => progress.push(p.done));

    expect(requests).toBe(3);
    expect(g.log.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.batchSize ?? ""}`)).toEqual([
      "POST /v1.0/$batch 20",
      "POST /v1.0/$batch 20",
      "POST /v1.0/$batch 5",
    ]);
    expect(g.emulator.stats().byMethod.POST).toBe(45 + 3);
    expect(results).toHaveLength(45);
    results.forEach((r, i) => {
      expect(r.status).toBe("created");
      if (r.status !== "created") return;
      expect(r.contact.displayName).toBe(`batch ${i}`);
      expect(r.contact.id).toBeTruthy();
      expect(r.contact.fields.CustomerTier).toBe("potential");
    });
    expect(progress[progress.length - 1]).toBe(45);

    const counts = await countByAddress(repo, "batch");
    expect(counts.size).toBe(45);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // The fields were stored (read back from Graph, not from the input).
    const folderId = await repo.getDefaultFolderId();
    const stored = (await repo.listContacts(folderId, schema)).contacts.find((c) => c.displayName === "batch 44");
    expect(stored?.fields).toMatchObject({ CustomerTier: "potential", IntendedProducts: ["Widget"] });
    g.emulator.close();
  });

  it("with injected 429s creates every contact exactly once, retrying only the throttled sub-requests", async () => {
    const g = createTestGraph({ seed: "demo" });
    const sleeps: number[] = [];
    const repo = new ContactsRepository(g.client, {
      sleep: (ms) => (sleeps.push(ms), fastSleep(ms)),
      retryDelaySeconds: 0.01,
      maxAttempts: 20,
    });
    g.emulator.setFaults({ errorRate: 0.3, errorStatuses: [429], retryAfterSeconds: 0.25, randomSeed: 11 });
    g.emulator.resetStats();
    const { results, requests } = await repo.createContacts(newContacts(45, "thr"), schema);
    const throttled = g.emulator.stats().throttled;
    g.emulator.setFaults({ errorRate: 0 });

    expect(throttled).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(3);
    expect(results.filter((r) => r.status !== "created")).toEqual([]);
    // Waited the Retry-After the throttled sub-responses carried.
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms === 250)).toBe(true);
    const counts = await countByAddress(repo, "thr");
    expect(counts.size).toBe(45);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    g.emulator.close();
  });

  it("reports invalid inputs per contact without sending them, and still creates the others", async () => {
    const g = createTestGraph({ seed: "demo" });
    const repo = new ContactsRepository(g.client, { sleep: fastSleep });
    const inputs = newContacts(3, "mixed");
    inputs[1] = { ...inputs[1]!, displayName: "bad\u0001name" };
    g.log.length = 0;
    const { results, requests } = await repo.createContacts(inputs, schema);
    expect(results.map((r) => r.status)).toEqual(["created", "failed", "created"]);
    expect(results[1]).toMatchObject({ status: "failed", code: "invalidInput" });
    expect(requests).toBe(1);
    expect(g.log[0]?.batchSize).toBe(2);
    g.emulator.close();
  });

  it("reports a permanent per-contact failure (403 on a read-only shared folder) without retrying it", async () => {
    const g = createTestGraph({ seed: "demo" });
    // A mailbox the caller cannot write to: every sub-request fails, each with its own result.
    const repo = new ContactsRepository(g.client, { mailbox: "li.na@contoso.com", sleep: fastSleep });
    const { results, requests } = await repo.createContacts(newContacts(2, "ro"), schema);
    expect(requests).toBe(1);
    for (const r of results) {
      expect(r.status).toBe("failed");
      if (r.status === "failed") expect(r.httpStatus).toBeGreaterThanOrEqual(400);
    }
    g.emulator.close();
  });
});

describe("src/app createContacts uses the batched create", () => {
  it("45 new contacts → 3 $batch round trips, each created once and listed after one refresh", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const calls: string[] = [];
    const { contacts } = createContactsWiring({
      auth: createStaticTokenProvider(ZHANG),
      graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] },
      openCache: () => ContactCache.open({ indexedDB: new IDBFactory(), name: "app" }),
      terminal: async (req) => {
        const u = new URL(req.url);
        if (u.pathname.endsWith("/$batch")) {
          const body = (await req.clone().json()) as { requests: { method: string }[] };
          calls.push(`$batch ${body.requests.map((r) => r.method).join(",")}`);
        } else calls.push(`${req.method} ${u.pathname}`);
        return emulator.handler(req);
      },
    });
    await contacts.ensureLoaded();
    const before = contacts.snapshot().contacts.length;
    calls.length = 0;
    const results = await contacts.createContacts(newContacts(45, "app"));
    expect(results.filter((r) => r.status !== "created")).toEqual([]);
    // The POST batches, then the one refresh.
    const batches = calls.filter((c) => c.startsWith("$batch POST"));
    expect(batches).toEqual([`$batch ${Array(20).fill("POST").join(",")}`, `$batch ${Array(20).fill("POST").join(",")}`, `$batch ${Array(5).fill("POST").join(",")}`]);
    // No single POST /contacts per contact any more; the writes come before the refresh reads.
    expect(calls.filter((c) => /^POST .*\/contacts$/.test(c))).toEqual([]);
    // The one refresh after them is a delta round only: the created contacts are already in the store (issue 10 item 6).
    const after = calls.slice(calls.lastIndexOf(batches[2]!) + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((c) => /^GET .*\/contacts\/delta$/.test(c))).toBe(true);
    const snap = contacts.snapshot().contacts;
    expect(snap.length).toBe(before + 45);
    expect(snap.filter((c) => c.emailAddresses.some((e) => e.address.startsWith("app"))).length).toBe(45);
    emulator.close();
  });
});
