/**
 * The history property against the in-process emulator (demo seed): append, read back through the manager's
 * read share, two writers at once (412 → re-read → both entries kept), many histories in one $batch.
 */
import { createEmulator, type Emulator } from "../emulator/index";
import { createEntry, type HistoryEntry } from "../src/domain/history";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import type { FieldSchema } from "../src/domain/types";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { createGraphClient } from "../src/graph/createGraphClient";
import { appendHistory, HISTORY_PROPERTY_ID, readHistories, readHistory } from "../src/graph/history";

const NOW = new Date("2026-03-02T01:00:00Z");
const ZHANG = "zhang.wei@contoso.com";
const LI = "li.na@contoso.com";
let em: Emulator;
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
});
afterEach(() => em.close());

const clientAs = (upn: string, terminal: (r: Request) => Promise<Response> = (r) => em.handler(r)) =>
  createGraphClient({ authProvider: async () => `dev:${upn}`, terminal, retry: { delaySeconds: 0, maxRetries: 1 } });

let n = 0;
const mk = (outcome: string, at = NOW.toISOString()): HistoryEntry =>
  createEntry({ at, channel: "visit", purpose: "order", outcome }, { id: `t${++n}`, now: NOW, by: ZHANG, byName: "张伟" });

async function someContactIds(count: number): Promise<string[]> {
  const repo = new ContactsRepository(clientAs(ZHANG));
  const folder = await repo.getDefaultFolderId();
  const { contacts } = await repo.listContacts(folder, DEFAULT_SCHEMA as FieldSchema);
  return contacts.slice(0, count).map((c) => c.id);
}

test("an appended entry is on the contact, and the manager reads it through the shared folder", async () => {
  const [id] = await someContactIds(1);
  const me = clientAs(ZHANG);
  expect((await readHistory(me, "/me", id!)).log.entries).toEqual([]);
  const e = mk("签了 100 台");
  const r = await appendHistory(me, "/me", id!, e);
  expect(r.requests).toBe(2); // one read, one PATCH
  const asManager = await readHistory(clientAs(LI), `/users/${ZHANG}`, id!);
  expect(asManager.log.entries).toEqual([e]);
});

test("two people record at once: the second write gets 412, re-reads and keeps both entries", async () => {
  const [id] = await someContactIds(1);
  const first = mk("张伟的记录");
  const second = mk("同事的记录");
  let raced = false;
  const terminal = async (req: Request): Promise<Response> => {
    if (req.method === "PATCH" && !raced) {
      raced = true;
      await appendHistory(clientAs(ZHANG), "/me", id!, second);
    }
    return em.handler(req);
  };
  let patches = 0;
  const counting = async (req: Request) => {
    if (req.method === "PATCH") patches++;
    return terminal(req);
  };
  const r = await appendHistory(clientAs(ZHANG, counting), "/me", id!, first);
  expect(raced).toBe(true);
  expect(patches).toBe(2); // the refused one and the retry
  expect(r.log.entries.map((x) => x.outcome).sort()).toEqual(["同事的记录", "张伟的记录"].sort());
  expect((await readHistory(clientAs(ZHANG), "/me", id!)).log.entries).toHaveLength(2);
});

test("a retried append of the same entry writes nothing the second time", async () => {
  const [id] = await someContactIds(1);
  const e = mk("once");
  await appendHistory(clientAs(ZHANG), "/me", id!, e);
  const again = await appendHistory(clientAs(ZHANG), "/me", id!, e);
  expect(again.requests).toBe(1);
  expect(again.log.entries).toHaveLength(1);
});

test("histories of 25 contacts come in two $batch requests; the property id is the add-in's own set", async () => {
  const ids = await someContactIds(25);
  await appendHistory(clientAs(ZHANG), "/me", ids[24]!, mk("last one"));
  const { logs, requests } = await readHistories(clientAs(LI), `/users/${ZHANG}`, ids);
  expect(requests).toBe(2);
  expect(logs.size).toBe(25);
  expect(logs.get(ids[24]!)?.entries[0]?.outcome).toBe("last one");
  expect(HISTORY_PROPERTY_ID).toBe("String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name CustomerFollowUpHistory");
});
