/**
 * The daily visit plan through the real sales service against the in-process emulator (issue 13 item 2): plans on
 * the contacts, read back in time order and by the manager; the calendar option keeps one event per visit — each
 * visit's POST / PATCH / DELETE on /me/events counted, also when the answer to a POST is lost after the commit.
 */
import { createEmulator, type Emulator } from "../../../emulator/index";
import { buildAgenda, VisitError, VISIT_STATUSES } from "../../domain/visitPlan";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { ContactsRepository, createGraphClient } from "../../graph";
import { VISIT_EVENT_PROPERTY_ID } from "../../graph/calendarEvents";
import { readVisitPlan, updateVisitPlan } from "../../graph/visitPlan";
import { addVisit, createVisit } from "../../domain/visitPlan";
import { createFakeOfficeHost } from "../testing/fakeServices";
import { createFakeContactsService } from "../testing/fakeContactsService";
import type { Feature } from "../../auth/scopes";
import { createSalesService } from "./createSalesService";
import { defaultSalesSettings } from "./salesSettings";

// 2026-03-02 09:00 in Shanghai.
const NOW = new Date("2026-03-02T01:00:00Z");
const TZ = "Asia/Shanghai";
const ZHANG = "zhang.wei@contoso.com";
const LI = "li.na@contoso.com";
const schema = DEFAULT_SCHEMA as FieldSchema;
const settings = defaultSalesSettings({ demo: true, me: ZHANG });
const ON = { calendarOn: true, locale: "zh-CN" as const };
const OFF = { calendarOn: false, locale: "zh-CN" as const };

let em: Emulator;
/** Every request on the wire, "METHOD /path" (no query), top level. */
let wire: string[];
let features: Feature[];
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
  wire = [];
  features = [];
});
afterEach(() => em.close());

const clientAs = (upn: string) =>
  createGraphClient({
    authProvider: async () => `dev:${upn}`,
    terminal: (r) => {
      wire.push(`${r.method} ${new URL(r.url).pathname.replace(/^\/v1\.0/, "")}`);
      return em.handler(r);
    },
    retry: { delaySeconds: 0, maxRetries: 1 },
  });

async function setup(addresses: string[], as = ZHANG) {
  const repo = new ContactsRepository(clientAs(ZHANG));
  const found = await repo.findByEmail(addresses, schema);
  const contacts: Contact[] = addresses.map((a) => ({ ...found.find((c) => c.emailAddresses.some((e) => e.address === a))!, mailbox: ZHANG }));
  const store = createFakeContactsService({ contacts, schema });
  await store.load();
  const sales = createSalesService({
    contacts: store,
    teamMembers: async () => [],
    me: as,
    displayName: as === ZHANG ? "张伟" : "李娜",
    demo: true,
    office: createFakeOfficeHost(),
    clientFor: (f) => {
      features.push(f);
      return clientAs(as);
    },
    now: () => NOW,
    timeZone: TZ,
  });
  wire = [];
  return { sales, contacts };
}

const count = (re: RegExp) => wire.filter((w) => re.test(w)).length;
const events = async () =>
  ((await clientAs(ZHANG).api(`/me/events?$top=100&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${VISIT_EVENT_PROPERTY_ID}')`)}`).get()) as {
    value: { id: string; subject: string; start: { dateTime: string }; location: { displayName: string }; reminderMinutesBeforeStart: number; singleValueExtendedProperties?: { value: string }[] }[];
  }).value;

const A = "liu.yang@huaxin-tech.cn";
const B = "james.miller@fabrikam.com";
/** A third customer of zhang.wei's (the seed's first contact that is neither A nor B). */
const third = async (): Promise<string> => {
  const res = (await clientAs(ZHANG).api("/me/contacts?$top=5&$select=emailAddresses").get()) as { value: { emailAddresses: { address: string }[] }[] };
  return res.value.map((c) => c.emailAddresses[0]!.address).find((x) => x !== A && x !== B)!;
};

test("three visits today and one tomorrow: stored on the contacts (2 requests each, no calendar), read back in time order, and by the manager through the shared folder", async () => {
  const { sales, contacts } = await setup([A, B, await third()]);
  const [a, b, c] = contacts as [Contact, Contact, Contact];
  await sales.visits.plan(a, { date: "2026-03-02", time: "15:00", endTime: "16:00", purpose: "collection", area: "浦东" }, OFF);
  await sales.visits.plan(b, { date: "2026-03-02", time: "10:30", purpose: "newCustomer", area: "Seattle" }, OFF);
  await sales.visits.plan(c, { date: "2026-03-02", time: "13:00", purpose: "service" }, OFF);
  await sales.visits.plan(a, { date: "2026-03-03", time: "09:00", purpose: "order", area: "浦东" }, OFF);
  expect(wire).toEqual(Array.from({ length: 4 }, (_, i) => [`GET /me/contacts/${[a, b, c, a][i]!.id}`, `PATCH /me/contacts/${[a, b, c, a][i]!.id}`]).flat());
  expect(features).not.toContain("calendar");
  expect(await events()).toEqual([]);

  wire = [];
  const plans = await sales.visits.loadPlans();
  // One index query, one $batch for the three plans.
  expect(wire).toEqual(["GET /me/contacts", "POST /$batch"]);
  const today = buildAgenda(contacts, plans, { day: "2026-03-02", timeZone: TZ });
  expect(today.map((x) => [x.time, x.endTime ?? "", x.contact.id, x.visit.purpose, x.visit.area])).toEqual([
    ["10:30", "", b.id, "newCustomer", "Seattle"],
    ["13:00", "", c.id, "service", ""],
    ["15:00", "16:00", a.id, "collection", "浦东"],
  ]);
  expect(buildAgenda(contacts, plans, { day: "2026-03-03", timeZone: TZ }).map((x) => [x.time, x.contact.id, x.visit.purpose])).toEqual([["09:00", a.id, "order"]]);

  const { sales: manager } = await setup([A], LI);
  const theirs = await manager.visits.loadPlans(ZHANG);
  expect([...theirs.values()].flatMap((p) => p.visits).length).toBe(4);
});

test("bad input gets a VisitError and writes nothing", async () => {
  const { sales, contacts } = await setup([A]);
  await expect(sales.visits.plan(contacts[0]!, { date: "2026-03-01", time: "10:00", purpose: "order" }, ON)).rejects.toEqual(new VisitError("past"));
  await expect(sales.visits.plan(contacts[0]!, { date: "2026-03-02", time: "10:00", endTime: "09:00", purpose: "order" }, ON)).rejects.toBeInstanceOf(VisitError);
  await expect(sales.visits.plan(contacts[0]!, { date: "2026-03-02", time: "10:00", purpose: "lunch" }, ON)).rejects.toBeInstanceOf(VisitError);
  expect(wire).toEqual([]);
});

test("calendar on: each visit becomes one event (subject, local time, area, reminder, linked by visit id); a move PATCHes it once, a cancel DELETEs it once, recording the visit marks it done", async () => {
  const { sales, contacts } = await setup([A, B]);
  const [a, b] = contacts as [Contact, Contact];
  const v1 = await sales.visits.plan(a, { date: "2026-03-02", time: "15:00", endTime: "16:30", purpose: "collection", area: "浦东" }, ON);
  const v2 = await sales.visits.plan(b, { date: "2026-03-02", time: "10:30", purpose: "newCustomer", area: "Seattle" }, ON);
  expect([v1.calendar, v2.calendar]).toEqual(["ok", "ok"]);
  expect(features).toContain("calendar");
  // Per visit: GET + PATCH the plan, POST the event, PATCH the link (If-Match with the etag just written: no re-read).
  expect(wire.slice(0, 4)).toEqual([`GET /me/contacts/${a.id}`, `PATCH /me/contacts/${a.id}`, "POST /me/events", `PATCH /me/contacts/${a.id}`]);
  expect(count(/^POST \/me\/events$/)).toBe(2);
  let evs = await events();
  expect(evs.map((e) => [e.subject, e.start.dateTime, e.location.displayName, e.reminderMinutesBeforeStart, e.singleValueExtendedProperties?.[0]?.value])).toEqual([
    [`拜访 ${a.displayName}（收款）`, "2026-03-02T07:00:00.0000000", "浦东", 30, v1.visit.id],
    [`拜访 ${b.displayName}（开发新客户）`, "2026-03-02T02:30:00.0000000", "Seattle", 30, v2.visit.id],
  ]);
  expect(v1.visit.event?.id).toBe(evs[0]!.id);

  wire = [];
  const moved = await sales.visits.move(a, v1.visit.id, { date: "2026-03-03", time: "09:00" }, ON);
  expect(count(/^PATCH \/me\/events\//)).toBe(1);
  expect(count(/^POST \/me\/events/)).toBe(0);
  expect(moved.visit.event).toMatchObject({ id: evs[0]!.id, start: "2026-03-03T01:00:00.000Z" });
  evs = await events();
  expect(evs[0]!.start.dateTime).toBe("2026-03-03T01:00:00.0000000");

  wire = [];
  const recorded = await sales.markContacted(b, schema, settings, { channel: "visit", purpose: "newCustomer", outcome: "见了采购", visitId: v2.visit.id });
  expect(recorded.visit).toMatchObject({ id: v2.visit.id, status: "done", entryId: recorded.entry!.id });
  expect(count(/\/me\/events/)).toBe(0); // the event stays: the visit happened

  wire = [];
  await sales.visits.cancel(a, v1.visit.id, ON);
  expect(count(/^DELETE \/me\/events\//)).toBe(1);
  expect((await events()).map((e) => e.id)).toEqual([evs[1]!.id]);
  // The cancelled visit no longer holds an event, so nothing is left to do and the customer leaves the index.
  const plans = await sales.visits.loadPlans();
  expect(plans.has(a.id)).toBe(false);
  expect((await readVisitPlan(clientAs(ZHANG), "/me", a.id)).plan.visits[0]).toMatchObject({ status: "cancelled" });
  expect(VISIT_STATUSES).toContain("cancelled");
});

test("turning the calendar on later: the open future visits get one event each, looked up first; a second sync writes nothing", async () => {
  const { sales, contacts } = await setup([A, B]);
  const [a, b] = contacts as [Contact, Contact];
  await sales.visits.plan(a, { date: "2026-03-02", time: "08:00", purpose: "service" }, OFF); // already over at 09:00
  await sales.visits.plan(a, { date: "2026-03-02", time: "15:00", purpose: "collection" }, OFF);
  await sales.visits.plan(b, { date: "2026-03-03", time: "10:00", purpose: "order" }, OFF);
  const plans = await sales.visits.loadPlans();
  wire = [];
  const r = await sales.visits.syncCalendar(contacts, plans, ON);
  expect([r.written, r.failed]).toEqual([2, 0]);
  expect(count(/^POST \/me\/events$/)).toBe(2);
  expect(count(/^GET \/me\/events$/)).toBe(2); // the look-up before each create
  expect((await events()).length).toBe(2);
  wire = [];
  const again = await sales.visits.syncCalendar(contacts, r.plans, ON);
  expect([again.written, wire.length]).toEqual([0, 0]);
});

test("exactly once: the answer to the event POST is lost after the commit (504) — the event is found by its visit id, not created twice", async () => {
  const { sales, contacts } = await setup([A]);
  em.setFaults({ lostResponseRate: 1, lostResponseMethods: ["POST"] });
  const r = await sales.visits.plan(contacts[0]!, { date: "2026-03-02", time: "15:00", purpose: "collection" }, ON);
  em.setFaults({ lostResponseRate: 0 });
  expect(r.calendar).toBe("ok");
  expect(count(/^POST \/me\/events$/)).toBe(1);
  expect(count(/^GET \/me\/events$/)).toBe(1);
  const evs = await events();
  expect(evs).toHaveLength(1);
  expect(r.visit.event?.id).toBe(evs[0]!.id);
});

test("a lost answer on the DELETE of an event: retried (idempotent), the event is gone once", async () => {
  const { sales, contacts } = await setup([A]);
  const v = await sales.visits.plan(contacts[0]!, { date: "2026-03-02", time: "15:00", purpose: "collection" }, ON);
  em.setFaults({ lostResponseRate: 1, lostResponseMethods: ["DELETE"] });
  wire = [];
  const c = await sales.visits.cancel(contacts[0]!, v.visit.id, ON);
  em.setFaults({ lostResponseRate: 0 });
  // The first DELETE ran and lost its answer, the retry found nothing to delete (404 = gone).
  expect(count(/^DELETE \/me\/events\//)).toBe(2);
  expect(c.calendar).toBe("ok");
  expect(await events()).toEqual([]);
  expect(c.visit.event).toBeUndefined();
});

test("calendar refused (consent declined, offline): the plan is kept, the visit waits for the next sync", async () => {
  const { sales, contacts } = await setup([A]);
  em.setFaults({ errorRate: 1, errorStatuses: [503] });
  const orig = sales.visits;
  // Only the calendar fails: plan first with the calendar off, then sync while the server refuses everything.
  const v = await orig.plan(contacts[0]!, { date: "2026-03-02", time: "15:00", purpose: "collection" }, OFF).catch(() => undefined);
  expect(v).toBeUndefined(); // the plan write itself failed: nothing half-written
  em.setFaults({ errorRate: 0 });
  const ok = await orig.plan(contacts[0]!, { date: "2026-03-02", time: "15:00", purpose: "collection" }, OFF);
  em.setFaults({ errorRate: 1, errorStatuses: [503] });
  const r = await orig.syncCalendar(contacts, new Map([[contacts[0]!.id, ok.plan]]), ON);
  em.setFaults({ errorRate: 0 });
  expect(r.failed).toBe(1);
  expect(await events()).toEqual([]);
  const later = await orig.syncCalendar(contacts, await orig.loadPlans(), ON);
  expect([later.written, (await events()).length]).toEqual([1, 1]);
});

test("two devices writing one customer's plan at once both keep their visit (412 → re-read → re-apply)", async () => {
  const { sales, contacts } = await setup([A]);
  const a = contacts[0]!;
  const client = clientAs(ZHANG);
  const stale = await readVisitPlan(client, "/me", a.id);
  await sales.visits.plan(a, { date: "2026-03-02", time: "15:00", purpose: "collection" }, OFF); // device B
  const mine = createVisit({ date: "2026-03-02", time: "17:00", purpose: "order" }, { id: "device-a", now: NOW, timeZone: TZ, by: ZHANG });
  wire = [];
  await updateVisitPlan(client, "/me", a.id, (p) => addVisit(p, mine, NOW), stale);
  expect(wire).toEqual([`PATCH /me/contacts/${a.id}`, `GET /me/contacts/${a.id}`, `PATCH /me/contacts/${a.id}`]);
  expect((await readVisitPlan(client, "/me", a.id)).plan.visits.map((v) => v.purpose)).toEqual(["collection", "order"]);
});
