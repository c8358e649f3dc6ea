/**
 * Recording contacts (issue 13) through the real sales service against the in-process emulator: the history
 * entry lands on the contact, last contacted derives from it (a backdated entry older than the latest moves
 * nothing), bad input writes nothing, and the manager reads the history through the shared folder.
 */
import { createEmulator, type Emulator } from "../../../emulator/index";
import { EntryError } from "../../domain/history";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { ContactsRepository, createGraphClient } from "../../graph";
import { createFakeOfficeHost } from "../testing/fakeServices";
import { createFakeContactsService } from "../testing/fakeContactsService";
import { createSalesService } from "./createSalesService";
import { defaultSalesSettings } from "./salesSettings";

const NOW = new Date("2026-03-02T01:00:00Z");
const ZHANG = "zhang.wei@contoso.com";
const LI = "li.na@contoso.com";
const schema = DEFAULT_SCHEMA as FieldSchema;
const settings = defaultSalesSettings({ demo: true, me: ZHANG });

let em: Emulator;
let writes: string[];
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
  writes = [];
});
afterEach(() => em.close());

const clientAs = (upn: string) =>
  createGraphClient({
    authProvider: async () => `dev:${upn}`,
    terminal: (r) => {
      if (r.method !== "GET") writes.push(`${r.method} ${new URL(r.url).pathname}`);
      return em.handler(r);
    },
    retry: { delaySeconds: 0, maxRetries: 1 },
  });

async function setup(address: string, as = ZHANG) {
  const repo = new ContactsRepository(clientAs(ZHANG));
  const [c] = await repo.findByEmail([address], schema);
  const contact: Contact = { ...c!, mailbox: ZHANG };
  const contacts = createFakeContactsService({ contacts: [contact], schema });
  await contacts.load();
  const sales = createSalesService({
    contacts,
    teamMembers: async () => [],
    me: as,
    displayName: as === ZHANG ? "张伟" : "李娜",
    demo: true,
    office: createFakeOfficeHost(),
    clientFor: () => clientAs(as),
    now: () => NOW,
    timeZone: "Asia/Shanghai",
  });
  return { sales, contact, contacts };
}

test("three contacts of different purposes, one backdated: all in the history, newest first for the manager; last contacted is the latest", async () => {
  const { sales, contact, contacts } = await setup("liu.yang@huaxin-tech.cn");
  const a = await sales.markContacted(contact, schema, settings, { channel: "visit", purpose: "newCustomer", outcome: "初次拜访" });
  const b = await sales.markContacted(a.contact, schema, settings, { channel: "call", purpose: "collection", outcome: "收回货款 2 万" });
  const backdated = await sales.markContacted(b.contact, schema, settings, { at: "2026-02-27T03:00:00Z", channel: "meeting", purpose: "complaint", outcome: "包装破损" });
  expect(backdated.entry?.recordedAt).toBe(NOW.toISOString());
  // The backdated entry is older than the latest: last contacted stays at now.
  expect(contacts.snapshot().contacts[0]!.fields.LastContacted).toBe(NOW.toISOString());

  const { sales: manager } = await setup("liu.yang@huaxin-tech.cn", LI);
  const log = await manager.loadHistory({ id: contact.id, mailbox: ZHANG });
  expect(log.entries.map((e) => [e.purpose, e.channel, e.outcome, e.by])).toEqual([
    ["newCustomer", "visit", "初次拜访", ZHANG],
    ["collection", "call", "收回货款 2 万", ZHANG],
    ["complaint", "meeting", "包装破损", ZHANG],
  ]);
});

test("a backdated contact that is the latest one sets last contacted to when it happened, not when it was typed", async () => {
  const { sales, contact, contacts } = await setup("james.miller@fabrikam.com"); // seed: last contacted 9 days ago
  await sales.markContacted(contact, schema, settings, { at: "2026-02-28T06:30:00Z", channel: "visit", purpose: "service" });
  expect(contacts.snapshot().contacts[0]!.fields.LastContacted).toBe("2026-02-28T06:30:00.000Z");
  expect(contacts.snapshot().contacts[0]!.fields.NeedsRecontact).toBe(false);
});

test("a time in the future or more than 7 days back is refused before anything is written", async () => {
  const { sales, contact, contacts } = await setup("liu.yang@huaxin-tech.cn");
  const before = contacts.snapshot().contacts[0]!.fields.LastContacted;
  writes = [];
  for (const [at, code] of [["2026-03-02T05:00:00Z", "future"], ["2026-02-22T00:00:00Z", "tooOld"]] as const) {
    const err = await sales.markContacted(contact, schema, settings, { at }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntryError);
    expect((err as EntryError).code).toBe(code);
  }
  expect(writes).toEqual([]);
  expect(contacts.snapshot().contacts[0]!.fields.LastContacted).toBe(before);
  expect((await sales.loadHistory(contact)).entries).toEqual([]);
});

test("'Contacted' without details writes exactly one history PATCH and one entry (a call, purpose other)", async () => {
  const { sales, contact } = await setup("liu.yang@huaxin-tech.cn");
  writes = [];
  const r = await sales.markContacted(contact, schema, settings, { outcome: "要报价" });
  expect(writes.filter((w) => w.startsWith("PATCH")).length).toBe(1); // the field write goes through the (fake) store
  expect(r.history?.entries).toHaveLength(1);
  expect(r.entry).toMatchObject({ channel: "call", purpose: "other", outcome: "要报价", byName: "张伟" });
});

test("a complaint is closed by a later complaint entry; closing an unknown one is refused", async () => {
  const { sales, contact } = await setup("liu.yang@huaxin-tech.cn");
  const opened = await sales.markContacted(contact, schema, settings, { purpose: "complaint", outcome: "交货延迟" });
  const err = await sales.markContacted(opened.contact, schema, settings, { purpose: "complaint", closes: "nope" }).catch((e: unknown) => e);
  expect((err as EntryError).code).toBe("unknownComplaint");
  const closed = await sales.markContacted(opened.contact, schema, settings, { purpose: "complaint", closes: opened.entry!.id, outcome: "已补发" });
  expect(closed.history?.entries.map((e) => e.closes ?? null)).toEqual([null, opened.entry!.id]);
});

test("recording on a teammate's customer is refused (the manager reads, the owner records)", async () => {
  const { sales, contact } = await setup("liu.yang@huaxin-tech.cn", LI);
  const err = await sales.markContacted(contact, schema, settings).catch((e: unknown) => e);
  expect((err as EntryError).code).toBe("notMine");
});
