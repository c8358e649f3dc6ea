/**
 * The manager reassigns a customer (issue 13 item 5) against the in-process emulator (demo seed, where each
 * salesperson's folder is shared with li.na with edit rights): the writes are counted per contact — one decision
 * PATCH, one copy POST, one DELETE of the original — including an answer lost after the server committed (the
 * emulator's lostResponse fault, emulator/lostResponse.test.ts) and a move interrupted half-way.
 */
import { createEmulator, type Emulator } from "../../../emulator/index";
import { createStaticTokenProvider } from "../../auth";
import { appendEntry, createEntry, EMPTY_HISTORY, parseHistory, serializeHistory, type HistoryLog } from "../../domain/history";
import { claimInfo } from "../../domain/claims";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { ContactsRepository, createGraphClient } from "../../graph";
import { CLAIMED_PROPERTY_ID } from "../../graph/extendedProperties";
import { COMPLAINTS_PROPERTY_ID, HISTORY_PROPERTY_ID } from "../../graph/history";
import { MOVED_FROM_PROPERTY_ID } from "../../graph/moveContact";
import { createTeamService, teamDirectory, teamPeople, DEMO_TEAM_ENTRIES } from "../team";
import { createFakeServices } from "../testing/fakeServices";
import { ReassignError } from "./reassign";

const NOW = new Date("2026-03-02T01:00:00Z");
const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const LI = "li.na@contoso.com";
const schema = DEFAULT_SCHEMA as FieldSchema;
const WANG_P = { address: WANG, name: "王芳" };

let em: Emulator;
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
});
afterEach(() => em.close());

const clientAs = (upn: string) => createGraphClient({ authProvider: async () => `dev:${upn}`, terminal: (r) => em.handler(r), retry: { delaySeconds: 0, maxRetries: 2 } });

/** Every request sent, as "METHOD /path" ($batch sub-requests included). */
function recording(log: string[], inner: (r: Request) => Promise<Response> = (r) => em.handler(r)) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/$batch")) {
      const body = (await req.clone().json()) as { requests: { method: string; url: string }[] };
      for (const r of body.requests) log.push(`${r.method} ${r.url.split("?")[0]}`);
    } else log.push(`${req.method} ${decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ""))}`);
    return inner(req);
  };
}
const writesOf = (log: string[]) => log.filter((l) => !l.startsWith("GET"));

function managerTeam(terminal: (r: Request) => Promise<Response>) {
  const base = createFakeServices({ user: { emailAddress: LI, displayName: "李娜" } });
  return createTeamService({ ...base, auth: createStaticTokenProvider(LI), graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] } }, { terminal, retry: { delaySeconds: 0, maxRetries: 2 } });
}
const directory = teamDirectory(DEMO_TEAM_ENTRIES);

/** A customer of zhang.wei's with an open complaint recorded by him. */
async function zhangsCustomerWithComplaint(): Promise<Contact> {
  const repo = new ContactsRepository(clientAs(ZHANG));
  const folderId = await repo.getDefaultFolderId();
  const { contacts } = await repo.listContacts(folderId, schema);
  const c = contacts.find((x) => x.fields.Owner === ZHANG && x.emailAddresses.length > 0)!;
  const entry = createEntry({ at: NOW.toISOString(), channel: "call", purpose: "complaint", outcome: "货物破损" }, { id: "c1", now: NOW, by: ZHANG, byName: "张伟" });
  const log = appendEntry(EMPTY_HISTORY, entry);
  await clientAs(ZHANG)
    .api(`/me/contacts/${c.id}`)
    .patch({ singleValueExtendedProperties: [{ id: HISTORY_PROPERTY_ID, value: serializeHistory(log) }, { id: COMPLAINTS_PROPERTY_ID, value: "open" }] });
  return { ...c, mailbox: ZHANG };
}

/** The contacts in `upn`'s default folder with this address, with history and marker. */
async function copiesIn(upn: string, address: string): Promise<{ id: string; owner: unknown; log: HistoryLog; movedFrom?: string; complaints?: string }[]> {
  const found = await new ContactsRepository(clientAs(upn)).findByEmail([address], schema);
  const out = [];
  for (const c of found) {
    const raw = (await clientAs(upn)
      .api(`/me/contacts/${c.id}?$expand=singleValueExtendedProperties($filter=id eq '${HISTORY_PROPERTY_ID}' or id eq '${MOVED_FROM_PROPERTY_ID}' or id eq '${COMPLAINTS_PROPERTY_ID}')`)
      .get()) as { singleValueExtendedProperties?: { id: string; value: string }[] };
    const prop = (id: string) => raw.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
    out.push({ id: c.id, owner: c.fields.Owner, log: parseHistory(prop(HISTORY_PROPERTY_ID)), ...(prop(MOVED_FROM_PROPERTY_ID) ? { movedFrom: prop(MOVED_FROM_PROPERTY_ID)! } : {}), ...(prop(COMPLAINTS_PROPERTY_ID) ? { complaints: prop(COMPLAINTS_PROPERTY_ID)! } : {}) });
  }
  return out;
}

test("reassigns 张伟's customer to 王芳: one PATCH, one POST, one DELETE; the copy carries owner, history, complaint and the event", async () => {
  const c = await zhangsCustomerWithComplaint();
  const address = c.emailAddresses[0]!.address;
  const log: string[] = [];
  const res = await managerTeam(recording(log)).reassign!({ contact: c, schema, to: WANG_P, directory });

  expect(writesOf(log)).toEqual([`PATCH /users/${ZHANG}/contacts/${c.id}`, `POST /users/${WANG}/contacts`, `DELETE /users/${ZHANG}/contacts/${c.id}`]);
  expect(res).toMatchObject({ mailbox: WANG, decided: true, copied: true });
  expect(await copiesIn(ZHANG, address)).toEqual([]);
  const [copy, ...more] = await copiesIn(WANG, address);
  expect(more).toEqual([]);
  expect(copy!.id).toBe(res.id);
  expect(copy!.owner).toBe(WANG);
  expect(copy!.complaints).toBe("open");
  expect(copy!.log.entries.map((e) => [e.purpose, e.outcome])).toEqual([["complaint", "货物破损"]]);
  expect(copy!.log.events?.map((e) => [e.by, e.byName, e.from, e.fromName, e.to, e.toName])).toEqual([[LI, "李娜", ZHANG, "张伟", WANG, "王芳"]]);
});

test("a reassignment is not a contact: last contacted stays as it was; the new salesperson gets a fresh claim of 7 days (issue 10)", async () => {
  const c = await zhangsCustomerWithComplaint();
  const patches: string[] = [];
  const capture = async (req: Request): Promise<Response> => {
    if (req.method === "PATCH") patches.push(await req.clone().text());
    return em.handler(req);
  };
  const before = Date.now();
  await managerTeam(capture).reassign!({ contact: c, schema, to: WANG_P, directory });
  const after = Date.now();
  expect(patches).toHaveLength(1);
  expect(patches[0]!.match(/LastContacted/gi)).toBeNull();
  expect(patches[0]).toContain(CLAIMED_PROPERTY_ID);
  const [copy] = await new ContactsRepository(clientAs(WANG)).findByEmail([c.emailAddresses[0]!.address], schema);
  expect(copy!.fields.LastContacted).toBe(c.fields.LastContacted);
  // The team service stamps the decision with the wall clock (not the emulator's NOW).
  const at = Date.parse(copy!.claimed!.at);
  expect(copy!.claimed!.owner).toBe(WANG);
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(after);
  const week = new Date(at + 7 * 86_400_000);
  expect(claimInfo(copy!, schema, new Date(at))).toMatchObject({ state: "active", owner: WANG, lapsesAt: week.toISOString() });
  expect(claimInfo(copy!, schema, week).state).toBe("lapsed");
});

test("a POST whose answer is lost after the server created the copy (504): looked up by its marker, never posted again", async () => {
  const c = await zhangsCustomerWithComplaint();
  em.setFaults({ lostResponseRate: 1, lostResponseMethods: ["POST"] });
  const log: string[] = [];
  await managerTeam(recording(log)).reassign!({ contact: c, schema, to: WANG_P, directory });
  em.setFaults({ lostResponseRate: 0 });
  expect(writesOf(log).filter((l) => l.startsWith("POST"))).toHaveLength(1);
  expect(writesOf(log).filter((l) => l.startsWith("DELETE"))).toHaveLength(1);
  expect(await copiesIn(ZHANG, c.emailAddresses[0]!.address)).toEqual([]);
  expect(await copiesIn(WANG, c.emailAddresses[0]!.address)).toHaveLength(1);
});

test("a decision PATCH whose answer is lost (504, committed): the retry is refused by If-Match, the re-read sees it decided — one event", async () => {
  const c = await zhangsCustomerWithComplaint();
  em.setFaults({ lostResponseRate: 1, lostResponseMethods: ["PATCH"] });
  const log: string[] = [];
  const res = await managerTeam(recording(log)).reassign!({ contact: c, schema, to: WANG_P, directory });
  em.setFaults({ lostResponseRate: 0 });
  // The SDK retried the 504; that second PATCH met 412 (the first had committed) and wrote nothing.
  expect(writesOf(log)).toEqual([`PATCH /users/${ZHANG}/contacts/${c.id}`, `PATCH /users/${ZHANG}/contacts/${c.id}`, `POST /users/${WANG}/contacts`, `DELETE /users/${ZHANG}/contacts/${c.id}`]);
  expect(res.decided).toBe(false);
  const [copy, ...more] = await copiesIn(WANG, c.emailAddresses[0]!.address);
  expect(more).toEqual([]);
  expect(copy!.log.events).toHaveLength(1);
  expect(copy!.owner).toBe(WANG);
});

test("a move interrupted after the copy (the DELETE never arrives): the next attempt deletes and writes nothing else", async () => {
  const c = await zhangsCustomerWithComplaint();
  const address = c.emailAddresses[0]!.address;
  const log: string[] = [];
  let cut = true;
  const flaky = recording(log, (r) => {
    if (cut && r.method === "DELETE") {
      cut = false;
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    return em.handler(r);
  });
  const team = managerTeam(flaky);
  await expect(team.reassign!({ contact: c, schema, to: WANG_P, directory })).rejects.toBeTruthy();
  // Half-way: decided in 张伟's folder (owner 王芳), copied into 王芳's.
  expect((await copiesIn(ZHANG, address)).map((x) => x.owner)).toEqual([WANG]);
  expect(await copiesIn(WANG, address)).toHaveLength(1);
  log.length = 0;
  const again = await team.reassign!({ contact: c, schema, to: WANG_P, directory });
  expect(writesOf(log)).toEqual([`DELETE /users/${ZHANG}/contacts/${c.id}`]);
  expect(again).toMatchObject({ decided: false, copied: false });
  expect(await copiesIn(ZHANG, address)).toEqual([]);
  const [copy, ...more] = await copiesIn(WANG, address);
  expect(more).toEqual([]);
  expect(copy!.log.events).toHaveLength(1);
});

test("refused with a clear code and nothing written: to the customer's own salesperson; without edit rights on the folder", async () => {
  const c = await zhangsCustomerWithComplaint();
  const log: string[] = [];
  const team = managerTeam(recording(log));
  await expect(team.reassign!({ contact: c, schema, to: { address: ZHANG, name: "张伟" }, directory })).rejects.toMatchObject({ code: "sameOwner" });
  expect(writesOf(log)).toEqual([]);
  em.admin.share(ZHANG, LI, { role: "read" });
  const err = await team.reassign!({ contact: c, schema, to: WANG_P, directory }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReassignError);
  expect((err as ReassignError).code).toBe("notShared");
  expect(writesOf(log)).toEqual([`PATCH /users/${ZHANG}/contacts/${c.id}`]); // answered 403, nothing written
  expect((await copiesIn(ZHANG, c.emailAddresses[0]!.address)).map((x) => [x.owner, x.log.events ?? []])).toEqual([[ZHANG, []]]);
});

test("the complaints look-up finds the open complaint by its marker with one filtered read, wherever the customer moved", async () => {
  const c = await zhangsCustomerWithComplaint();
  const team = managerTeam((r) => em.handler(r));
  const before = await team.loadComplaintHistories!(ZHANG, undefined, []);
  expect([...before.keys()]).toEqual([c.id]);
  const moved = await team.reassign!({ contact: c, schema, to: WANG_P, directory });
  expect([...(await team.loadComplaintHistories!(ZHANG, undefined, [])).keys()]).toEqual([]);
  const after = await team.loadComplaintHistories!(WANG, undefined, []);
  expect([...after.keys()]).toEqual([moved.id]);
  expect(after.get(moved.id)!.entries[0]!.outcome).toBe("货物破损");
  expect(teamPeople(DEMO_TEAM_ENTRIES).map((p) => p.name)).toEqual(["张伟", "王芳", "陈杰", "周美玲"]);
});
