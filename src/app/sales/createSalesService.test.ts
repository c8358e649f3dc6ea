/**
 * The claim command against the in-process emulator (demo seed): another salesperson claims a lapsed customer
 * in a shared folder; an active claim and a claim won by someone else in between (412) are refused; the shared
 * write scope is asked for by the claim alone.
 */
import { createEmulator, type Emulator } from "../../../emulator/index";
import type { Feature } from "../../auth/scopes";
import { claimInfo } from "../../domain/claims";
import { buildDailyReport } from "../../domain/dailyReport";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { ContactsRepository, createGraphClient } from "../../graph";
import { CLAIMED_PROPERTY_ID } from "../../graph/extendedProperties";
import { HISTORY_PROPERTY_ID } from "../../graph/history";
import { readOutlookFlag } from "../../graph/outlookFlag";
import { createFakeOfficeHost } from "../testing/fakeServices";
import { createFakeContactsService } from "../testing/fakeContactsService";
import { applyBulkChange, previewBulkChange, saveContactFields, setNeedsRecontact, undoBulkChange } from "../actions";
import { ClaimError, createSalesService, type SalesDeps } from "./createSalesService";
import type { ContactsService } from "../contacts";
import { createMemoryHistoryStore } from "./historyStore";
import { defaultSalesSettings } from "./salesSettings";

const NOW = new Date("2026-03-02T01:00:00Z");
const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const CHEN = "chen.jie@contoso.com";
const schema = DEFAULT_SCHEMA as FieldSchema;
const settings = defaultSalesSettings({ demo: true, me: WANG });

let em: Emulator;
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
});
afterEach(() => em.close());

function clientAs(upn: string, terminal: (r: Request) => Promise<Response> = (r) => em.handler(r), onToken?: () => void) {
  return createGraphClient({
    authProvider: async () => {
      onToken?.();
      return `dev:${upn}`;
    },
    terminal,
    retry: { delaySeconds: 0, maxRetries: 2 },
  });
}

function salesAs(upn: string, terminal?: (r: Request) => Promise<Response>) {
  const tokens: Feature[] = [];
  const sales = createSalesService({
    contacts: createFakeContactsService(),
    teamMembers: async () => [ZHANG, WANG, CHEN],
    me: upn,
    displayName: upn,
    demo: true,
    office: createFakeOfficeHost(),
    clientFor: (feature) => clientAs(upn, terminal, () => tokens.push(feature)),
    now: () => NOW,
    timeZone: "Asia/Shanghai",
  });
  return { sales, tokens };
}

/** zhang.wei's own sales service over `contacts` (his folder as the store holds it), in Shanghai at NOW. */
function zhangSales(contacts: ContactsService, clientFor: SalesDeps["clientFor"] = () => clientAs(ZHANG), extra: Partial<SalesDeps> = {}) {
  return createSalesService({ contacts, teamMembers: async () => [], me: ZHANG, displayName: "Zhang Wei", demo: true, office: createFakeOfficeHost(), clientFor, now: () => NOW, timeZone: "Asia/Shanghai", ...extra });
}
const noGraph = (): never => {
  throw new Error("no Graph client expected");
};

async function zhangsContact(address: string): Promise<Contact> {
  const repo = new ContactsRepository(clientAs(ZHANG), { mailbox: ZHANG });
  const [c] = await repo.findByEmail([address], schema);
  return { ...c!, mailbox: ZHANG };
}

async function contactsOf(upn: string, address: string): Promise<Contact[]> {
  return new ContactsRepository(clientAs(upn), { mailbox: upn }).findByEmail([address], schema);
}

/** Every request the add-in sent (sub-requests of a $batch included), as "METHOD /path". */
function recording(log: string[], inner: (r: Request) => Promise<Response> = (r) => em.handler(r)) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/$batch")) {
      const body = (await req.clone().json()) as { requests: { method: string; url: string }[] };
      for (const r of body.requests) log.push(`${r.method} ${r.url.split("?")[0]}`);
    } else log.push(`${req.method} ${url.pathname.replace(/^\/v1\.0/, "")}`);
    return inner(req);
  };
}
const writesOf = (log: string[]) => log.filter((l) => !l.startsWith("GET"));
/** The To Do list id the logged requests used. */
const todoListOf = (log: string[]) => /\/me\/todo\/lists\/([^/]+)\//.exec(log.find((l) => l.includes("/todo/lists/")) ?? "")?.[1];

describe("claiming moves the customer into the claimant's own folder (issue 10 item 10)", () => {
  test("wang.fang claims zhang.wei's lapsed customer: one copy in her folder with every property, the original deleted", async () => {
    const james = await zhangsContact("james.miller@fabrikam.com"); // seed: last contacted 9 days ago → lapsed
    const history = JSON.stringify({ v: 1, entries: [{ id: "e1", at: "2026-02-20T02:00:00Z", channel: "phone" }] });
    await clientAs(ZHANG).api(`/me/contacts/${james.id}`).patch({ singleValueExtendedProperties: [{ id: HISTORY_PROPERTY_ID, value: history }] });
    const before = (await clientAs(ZHANG).api(`/users/${ZHANG}/contacts/${james.id}`).get()) as Record<string, unknown>;
    const log: string[] = [];
    const { sales, tokens } = salesAs(WANG, recording(log));
    const claimed = await sales.claim(james, schema, settings);
    expect(claimed.mailbox).toBe(WANG);
    expect(claimed.id).not.toBe(james.id);
    expect(claimed.fields.Owner).toBe(WANG);

    expect(await contactsOf(ZHANG, "james.miller@fabrikam.com")).toEqual([]);
    const [mine, ...more] = await contactsOf(WANG, "james.miller@fabrikam.com");
    expect(more).toEqual([]);
    expect(mine!.id).toBe(claimed.id);
    expect(mine!.fields.Owner).toBe(WANG);
    // A claim is not a contact: last contacted travels as it was; the claim's stamp travels with it (issue 10).
    expect(mine!.fields.LastContacted).toBe(james.fields.LastContacted);
    expect(mine!.claimed).toEqual({ owner: WANG, at: NOW.toISOString() });
    // Everything else travels: the custom fields and the ordinary properties, notes included.
    for (const f of ["CustomerTier", "IntendedProducts", "NeedsRecontact", "NextContact"]) expect(mine!.fields[f]).toEqual(james.fields[f]);
    const after = (await clientAs(WANG).api(`/me/contacts/${mine!.id}`).get()) as Record<string, unknown>;
    for (const k of ["displayName", "givenName", "surname", "companyName", "jobTitle", "businessPhones", "mobilePhone", "businessAddress", "emailAddresses", "categories", "personalNotes"]) {
      expect([k, after[k]]).toEqual([k, before[k]]);
    }
    // The contact history travels too, as it was.
    const expandHistory = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${HISTORY_PROPERTY_ID}')`);
    const withHistory = (await clientAs(WANG).api(`/me/contacts/${mine!.id}?$expand=${expandHistory}`).get()) as { singleValueExtendedProperties?: { value: string }[] };
    expect(withHistory.singleValueExtendedProperties?.[0]?.value).toBe(history);
    // Exactly one effective write each: the claim (If-Match), one create, one delete.
    expect(writesOf(log)).toEqual([`PATCH /users/${encodeURIComponent(ZHANG)}/contacts/${james.id}`, "POST /me/contacts", `DELETE /users/${encodeURIComponent(ZHANG)}/contacts/${james.id}`]);
    expect(new Set(tokens)).toEqual(new Set(["contactsSharedWrite", "base"]));
  });

  test("a gateway timeout after the server created the copy: no second copy (looked up by its marker, never re-posted)", async () => {
    const james = await zhangsContact("james.miller@fabrikam.com");
    const log: string[] = [];
    const timeoutAfterCommit = async (req: Request): Promise<Response> => {
      const res = await em.handler(req);
      if (req.method === "POST" && new URL(req.url).pathname === "/v1.0/me/contacts") {
        return new Response(JSON.stringify({ error: { code: "GatewayTimeout", message: "timeout" } }), { status: 504, headers: { "Content-Type": "application/json" } });
      }
      return res;
    };
    const { sales } = salesAs(WANG, recording(log, timeoutAfterCommit));
    const claimed = await sales.claim(james, schema, settings);
    expect(claimed.mailbox).toBe(WANG);
    expect(await contactsOf(WANG, "james.miller@fabrikam.com")).toHaveLength(1);
    expect(await contactsOf(ZHANG, "james.miller@fabrikam.com")).toEqual([]);
    expect(log.filter((l) => l === "POST /me/contacts")).toHaveLength(1);
  });

  test("the pane dies between the copy and the delete: the next pool load finishes the move, still one copy", async () => {
    const james = await zhangsContact("james.miller@fabrikam.com");
    const log: string[] = [];
    const offlineOnDelete = async (req: Request): Promise<Response> => {
      if (req.method === "DELETE") throw new TypeError("Failed to fetch");
      return em.handler(req);
    };
    const first = salesAs(WANG, recording(log, offlineOnDelete));
    const claimed = await first.sales.claim(james, schema, settings);
    // Claimed (the owner is written where it is), but still in zhang.wei's folder.
    expect(claimed.mailbox).toBe(ZHANG);
    expect((await contactsOf(ZHANG, "james.miller@fabrikam.com"))[0]!.fields.Owner).toBe(WANG);
    expect(await contactsOf(WANG, "james.miller@fabrikam.com")).toHaveLength(1);

    const second = salesAs(WANG, recording(log));
    const folders = await second.sales.loadFolders();
    expect(folders.find((f) => f.mailbox === ZHANG)!.contacts.some((c) => c.id === james.id)).toBe(false);
    expect(await contactsOf(ZHANG, "james.miller@fabrikam.com")).toEqual([]);
    expect(await contactsOf(WANG, "james.miller@fabrikam.com")).toHaveLength(1);
    expect(log.filter((l) => l === "POST /me/contacts")).toHaveLength(1);
    expect(log.filter((l) => l.startsWith("DELETE")).length).toBe(2); // the lost one, then the one that landed
  });

  test("zhang.wei edits the customer between the copy and the delete: his edit is carried over, then the original goes", async () => {
    const james = await zhangsContact("james.miller@fabrikam.com");
    let edited = false;
    const log: string[] = [];
    const editBeforeDelete = async (req: Request): Promise<Response> => {
      if (req.method === "DELETE" && !edited) {
        edited = true;
        await clientAs(ZHANG).api(`/me/contacts/${james.id}`).patch({ mobilePhone: "+86 139 0000 1111" });
      }
      return em.handler(req);
    };
    const { sales } = salesAs(WANG, recording(log, editBeforeDelete));
    const claimed = await sales.claim(james, schema, settings);
    expect(edited).toBe(true);
    expect(claimed.mailbox).toBe(WANG);
    const after = (await clientAs(WANG).api(`/me/contacts/${claimed.id}`).get()) as Record<string, unknown>;
    expect(after.mobilePhone).toBe("+86 139 0000 1111");
    expect(await contactsOf(ZHANG, "james.miller@fabrikam.com")).toEqual([]);
    expect(writesOf(log).filter((l) => l.startsWith("PATCH /me/contacts/"))).toHaveLength(1);
  });
});

test("a claim is not a contact: last contacted is not written, the claim gets its 7 days, the day's report does not list it (issue 10)", async () => {
  const james = await zhangsContact("james.miller@fabrikam.com"); // seed: last contacted 9 days ago → lapsed
  expect(typeof james.fields.LastContacted).toBe("string");
  const patches: { url: string; body: string }[] = [];
  const log: string[] = [];
  const capture = async (req: Request): Promise<Response> => {
    if (req.method === "PATCH") patches.push({ url: new URL(req.url).pathname, body: await req.clone().text() });
    return em.handler(req);
  };
  const { sales } = salesAs(WANG, recording(log, capture));
  const claimed = await sales.claim(james, schema, settings);

  // Exactly one PATCH, the claim: the owner and the claim's stamp, no last contacted.
  expect(patches).toHaveLength(1);
  expect(patches[0]!.body.match(/LastContacted/gi)).toBeNull();
  const sent = JSON.parse(patches[0]!.body) as { singleValueExtendedProperties: { id: string; value: string }[] };
  expect(sent.singleValueExtendedProperties.map((p) => p.id)).toEqual(["String {00020329-0000-0000-C000-000000000046} Name Owner", CLAIMED_PROPERTY_ID]);

  // Read back from her folder: last contacted as it was; active for 7 days from the claim.
  const [mine] = await contactsOf(WANG, "james.miller@fabrikam.com");
  expect(mine!.id).toBe(claimed.id);
  expect(mine!.fields.LastContacted).toBe(james.fields.LastContacted);
  const week = new Date(NOW.getTime() + 7 * 86_400_000);
  expect(claimInfo(mine!, schema, NOW)).toMatchObject({ state: "active", owner: WANG, lapsesAt: week.toISOString() });
  expect(claimInfo(mine!, schema, new Date(week.getTime() - 1)).state).toBe("lapsing");
  expect(claimInfo(mine!, schema, week).state).toBe("lapsed");

  // The day's report: Today's "contacted today" list and the drafted report leave him out, and his history is not
  // even read for the draft (only customers contacted today are).
  const folder = new ContactsRepository(clientAs(WANG));
  const { contacts } = await folder.listContacts(await folder.getDefaultFolderId(), schema);
  expect(contacts.some((c) => c.id === mine!.id)).toBe(true);
  const today = buildDailyReport(contacts, schema, { now: NOW, timeZone: "Asia/Shanghai", salesperson: WANG, owner: WANG });
  expect(today.rows.map((r) => r.name)).not.toContain("James Miller");
  log.length = 0;
  const draft = await sales.draftDailyReport({ contacts, schema, outcomes: {}, locale: "en-US", settings });
  expect(draft.htmlBody).not.toContain("James Miller");
  expect(log.filter((l) => l.includes(mine!.id))).toEqual([]);
});

test("my own lapsed customer cannot be renewed by claiming it again: nothing written (issue 10 item 11)", async () => {
  const james = await zhangsContact("james.miller@fabrikam.com"); // zhang.wei's, lapsed
  const log: string[] = [];
  const { sales } = salesAs(ZHANG, recording(log));
  const err = await sales.claim(james, schema, defaultSalesSettings({ demo: true, me: ZHANG })).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ClaimError);
  expect((err as ClaimError).code).toBe("renewNeedsContact");
  expect(writesOf(log)).toEqual([]);
  expect((await zhangsContact("james.miller@fabrikam.com")).fields.LastContacted).toBe(james.fields.LastContacted);
});

test("a customer still actively claimed is refused with the owner", async () => {
  const liu = await zhangsContact("liu.yang@huaxin-tech.cn"); // seed: 2 days ago → active
  const { sales } = salesAs(WANG);
  const err = await sales.claim(liu, schema, settings).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ClaimError);
  expect((err as ClaimError).code).toBe("claimedBySomeoneElse");
  expect((err as ClaimError).owner).toBe(ZHANG);
});

test("someone else claims in between (412 on If-Match): re-read and refuse, naming the new owner", async () => {
  const james = await zhangsContact("james.miller@fabrikam.com");
  let raced = false;
  const terminal = async (req: Request): Promise<Response> => {
    if (req.method === "PATCH" && !raced) {
      raced = true;
      // chen.jie's claim lands between wang.fang's re-read and her write.
      await clientAs(CHEN)
        .api(`/users/${ZHANG}/contacts/${james.id}`)
        .patch({
          singleValueExtendedProperties: [
            { id: "String {00020329-0000-0000-C000-000000000046} Name Owner", value: CHEN },
            { id: "SystemTime {00020329-0000-0000-C000-000000000046} Name LastContacted", value: "2026-03-02T00:59:00Z" },
          ],
        });
    }
    return em.handler(req);
  };
  const { sales } = salesAs(WANG, terminal);
  const err = await sales.claim(james, schema, settings).catch((e: unknown) => e);
  expect(raced).toBe(true);
  expect((err as ClaimError).code).toBe("claimedBySomeoneElse");
  expect((err as ClaimError).owner).toBe(CHEN);
  expect((await zhangsContact("james.miller@fabrikam.com")).fields.Owner).toBe(CHEN);
});

test("the pool reads my folder and each teammate's; a folder not shared is reported, not thrown", async () => {
  em.admin.unshare(CHEN, WANG);
  const { sales, tokens } = salesAs(WANG);
  const folders = await sales.loadFolders();
  const by = new Map(folders.map((f) => [f.mailbox, f]));
  expect(by.get(ZHANG)?.status).toBe("ok");
  expect(by.get(ZHANG)?.contacts.length).toBeGreaterThan(50);
  expect(by.get(ZHANG)?.contacts.every((c) => c.mailbox === ZHANG)).toBe(true);
  expect(by.get(CHEN)?.status).toBe("notShared");
  expect(tokens).not.toContain("contactsSharedWrite");
});

describe("To Do reminders (reminders on)", () => {
  type Task = { id: string; title: string; status: string; dueDateTime?: { dateTime: string }; linkedResources?: { externalId: string }[] };
  async function tasks(): Promise<Task[]> {
    const c = clientAs(ZHANG);
    const lists = (await c.api("/me/todo/lists").get()) as { value: { id: string; wellknownListName?: string }[] };
    const id = lists.value.find((l) => l.wellknownListName === "defaultList")!.id;
    return ((await c.api(`/me/todo/lists/${id}/tasks?$expand=linkedResources`).get()) as { value: Task[] }).value;
  }

  /** Liu Yang in zhang.wei's store, and zhang.wei's service with reminders on (saved), every request logged. */
  async function liuWithRemindersOn() {
    const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
    const contacts = createFakeContactsService({ contacts: [liu], schema });
    await contacts.load();
    const log: string[] = [];
    const sales = zhangSales(contacts, () => clientAs(ZHANG, recording(log)), { history: createMemoryHistoryStore() });
    const on = { ...defaultSalesSettings({ demo: true, me: ZHANG }), remindersOn: true };
    await sales.saveSettings(on);
    return { liu, contacts, log, sales, on };
  }

  test("flag → one task; flag again → still one; contacted → that task completed and one open task for the next date", async () => {
    const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
    const contacts = createFakeContactsService({ contacts: [liu], schema });
    await contacts.load();
    const tokens: Feature[] = [];
    const sales = zhangSales(contacts, (feature) => clientAs(ZHANG, undefined, () => tokens.push(feature)));
    const on = { ...defaultSalesSettings({ demo: true, me: ZHANG }), remindersOn: true };
    const due = new Date("2026-03-05T16:00:00Z");
    const a = await sales.flagForFollowUp(liu, schema, due, on);
    expect(a.task?.created).toBe(true);
    const b = await sales.flagForFollowUp(a.contact, schema, due, on);
    expect(b.task).toEqual({ id: a.task!.id, created: false });
    expect((await tasks()).filter((t) => t.linkedResources?.[0]?.externalId === liu.id)).toHaveLength(1);

    const c = await sales.markContacted(b.contact, schema, on);
    expect(c.task?.created).toBe(true);
    const mine = (await tasks()).filter((t) => t.linkedResources?.[0]?.externalId === liu.id);
    expect(mine.map((t) => t.status).sort()).toEqual(["completed", "notStarted"]);
    const open = mine.find((t) => t.status !== "completed")!;
    expect(open.dueDateTime?.dateTime.slice(0, 10)).toBe("2026-04-01"); // regular: 30 days after 2026-03-02
    // Tasks.ReadWrite only for the reminder calls; the field writes went through the contacts store and the
    // history entry (issue 13) through the base scope.
    expect(new Set(tokens)).toEqual(new Set(["reminders", "base"]));
  });

  test("the task rings at 09:00 the user's time on the due day, and moves with the follow-up date (issue 10 item 13)", async () => {
    const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
    const contacts = createFakeContactsService({ contacts: [liu], schema });
    await contacts.load();
    const log: string[] = [];
    const sales = zhangSales(contacts, () => clientAs(ZHANG, recording(log)));
    const on = { ...defaultSalesSettings({ demo: true, me: ZHANG }), remindersOn: true };
    type Full = Task & { isReminderOn?: boolean; reminderDateTime?: { dateTime: string; timeZone: string }; dueDateTime?: { dateTime: string; timeZone: string } };
    const open = async () => ((await tasks()) as Full[]).filter((t) => t.linkedResources?.[0]?.externalId === liu.id && t.status !== "completed");

    // Follow up on 6 March (00:00 in Shanghai = 16:00Z on the 5th).
    const a = await sales.flagForFollowUp(liu, schema, new Date("2026-03-05T16:00:00Z"), on);
    let [task] = await open();
    expect(task).toMatchObject({ isReminderOn: true, dueDateTime: { timeZone: "UTC" }, reminderDateTime: { timeZone: "UTC" } });
    expect(task!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-06");
    expect(Date.parse(`${task!.reminderDateTime!.dateTime.slice(0, 19)}Z`)).toBe(Date.parse("2026-03-06T01:00:00Z")); // 09:00 Shanghai

    // Moved to 10 March: the same task follows (one PATCH of the task, no second task).
    log.length = 0;
    const b = await sales.flagForFollowUp(a.contact, schema, new Date("2026-03-09T16:00:00Z"), on);
    expect(b.task).toEqual({ id: a.task!.id, created: false });
    const all = await open();
    expect(all).toHaveLength(1);
    [task] = all;
    expect(task!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-10");
    expect(Date.parse(`${task!.reminderDateTime!.dateTime.slice(0, 19)}Z`)).toBe(Date.parse("2026-03-10T01:00:00Z"));
    expect(log.filter((l) => l.startsWith("PATCH /me/todo/"))).toHaveLength(1);

    // The same date again: nothing to move.
    log.length = 0;
    await sales.flagForFollowUp(b.contact, schema, new Date("2026-03-09T16:00:00Z"), on);
    expect(log.filter((l) => l.startsWith("PATCH /me/todo/") || l.startsWith("POST /me/todo/"))).toEqual([]);
  });

  test("the task follows edits made outside Follow up: details form, bulk edit, undo, the list's tick (issue 10 item 13)", async () => {
    const { liu, contacts, log, sales, on } = await liuWithRemindersOn();
    // The pane's actions hand the follow-up service in; each edit's task update runs in the background: wait for it.
    let followed: Promise<unknown> = Promise.resolve();
    const services = { contacts, followUpTasks: { followTasks: (ids: readonly string[]) => (followed = sales.followTasks(ids)) } };
    type Full = Task & { isReminderOn?: boolean; reminderDateTime?: { dateTime: string }; dueDateTime?: { dateTime: string } };
    const mine = async () => ((await tasks()) as Full[]).filter((t) => t.linkedResources?.[0]?.externalId === liu.id);
    const todoWrites = () => log.filter((l) => /^(PATCH|POST|DELETE) \/me\/todo\//.test(l));

    // Follow up on 6 March with reminders on: one task.
    await sales.flagForFollowUp(liu, schema, new Date("2026-03-05T16:00:00Z"), on);
    const [task] = await mine();
    expect(task!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-06");

    // Details form: the next contact moves to 12 March and the tier changes, saved together.
    log.length = 0;
    await saveContactFields.perform(services, {
      contactId: liu.id,
      ops: [
        { op: "set", field: "NextContact", value: "2026-03-11T16:00:00.000Z" },
        { op: "set", field: "CustomerTier", value: "key" },
      ],
    });
    await followed;
    let all = await mine();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: task!.id, status: "notStarted", isReminderOn: true });
    expect(all[0]!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-12");
    expect(Date.parse(`${all[0]!.reminderDateTime!.dateTime.slice(0, 19)}Z`)).toBe(Date.parse("2026-03-12T01:00:00Z")); // 09:00 Shanghai
    expect(todoWrites()).toEqual([`PATCH /me/todo/lists/${todoListOf(log)}/tasks/${task!.id}`]);

    // An edit of another field only: no To Do call at all.
    log.length = 0;
    await saveContactFields.perform(services, { contactId: liu.id, ops: [{ op: "set", field: "CustomerTier", value: "regular" }] });
    await followed;
    expect(log.filter((l) => l.includes("/todo/"))).toEqual([]);

    // Bulk edit sets 20 March, then its undo brings 12 March back: the task follows both ways.
    const plan = previewBulkChange(contacts, [liu.id], { set: { NextContact: "2026-03-19T16:00:00.000Z" } });
    await applyBulkChange.perform(services, { plan });
    await followed;
    expect((await mine())[0]!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-20");
    await undoBulkChange.perform(services, { plan });
    await followed;
    expect((await mine())[0]!.dueDateTime!.dateTime.slice(0, 10)).toBe("2026-03-12");

    // The date removed while the customer still needs a call: the task stays open, without a due day or reminder.
    log.length = 0;
    await saveContactFields.perform(services, { contactId: liu.id, ops: [{ op: "clear", field: "NextContact" }] });
    await followed;
    all = await mine();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "notStarted", isReminderOn: false });
    expect(all[0]!.dueDateTime ?? null).toBeNull();
    expect(todoWrites()).toHaveLength(1);

    // Ticked off in the list ("needs re-contact" = no, no date left): the task is completed, and no new one appears.
    log.length = 0;
    await setNeedsRecontact.perform(services, { contactId: liu.id, value: false });
    await followed;
    all = await mine();
    expect(all.map((t) => t.status)).toEqual(["completed"]);
    expect(todoWrites()).toHaveLength(1);

    // A later date edit on a contact whose task is completed creates nothing (tasks come from Follow up / Contacted).
    log.length = 0;
    await saveContactFields.perform(services, { contactId: liu.id, ops: [{ op: "set", field: "NextContact", value: "2026-03-24T16:00:00.000Z" }] });
    await followed;
    expect(todoWrites()).toEqual([]);
    expect(await mine()).toHaveLength(1);
  });

  test("a date edited while Contacted runs: the task work takes turns, one open task at the end for the latest date", async () => {
    const { liu, contacts, log, sales, on } = await liuWithRemindersOn();
    const a = await sales.flagForFollowUp(liu, schema, new Date("2026-03-05T16:00:00Z"), on);
    log.length = 0;
    // Contacted (completes the task, opens one for the next date) and, at the same moment, a form save of a date.
    const contacted = sales.markContacted(a.contact, schema, on);
    await saveContactFields.perform({ contacts }, { contactId: liu.id, ops: [{ op: "set", field: "NextContact", value: "2026-03-14T16:00:00.000Z" }] });
    const follow = sales.followTasks([liu.id]);
    await Promise.all([contacted, follow]);
    const mine = (await tasks()).filter((t) => t.linkedResources?.[0]?.externalId === liu.id);
    const open = mine.filter((t) => t.status !== "completed");
    expect(open).toHaveLength(1);
    expect(mine).toHaveLength(2);
    // The open task is due on the contact's date as the store holds it at the end.
    const next = contacts.snapshot().contacts[0]!.fields.NextContact as string;
    expect(open[0]!.dueDateTime!.dateTime.slice(0, 10)).toBe(new Date(Date.parse(next) + 8 * 3_600_000).toISOString().slice(0, 10));
    expect(log.filter((l) => l.startsWith("POST /me/todo/"))).toHaveLength(1);
  });

  test("reminders off: an edited date calls no To Do endpoint", async () => {
    const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
    const contacts = createFakeContactsService({ contacts: [liu], schema });
    await contacts.load();
    const sales = zhangSales(contacts, noGraph, { history: createMemoryHistoryStore() });
    await saveContactFields.perform({ contacts }, { contactId: liu.id, ops: [{ op: "set", field: "NextContact", value: "2026-03-11T16:00:00.000Z" }] });
    expect(await sales.followTasks([liu.id])).toEqual({});
  });

  test("reminders off: no To Do call at all", async () => {
    const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
    const contacts = createFakeContactsService({ contacts: [liu], schema });
    await contacts.load();
    const sales = zhangSales(contacts, noGraph, { history: createMemoryHistoryStore() });
    const r = await sales.markContacted(liu, schema, defaultSalesSettings({ demo: true, me: ZHANG }));
    expect(r.task).toBeUndefined();
    expect(r.reminderFailed).toBeUndefined();
    expect(contacts.snapshot().contacts[0]!.fields.NeedsRecontact).toBe(false);
  });
});

test("Outlook flag mirror: nothing while off (default); when on, flagged with the due date, then complete on Contacted", async () => {
  const liu = await zhangsContact("liu.yang@huaxin-tech.cn");
  const contacts = createFakeContactsService({ contacts: [liu], schema });
  await contacts.load();
  const sales = zhangSales(contacts, () => clientAs(ZHANG));
  const off = defaultSalesSettings({ demo: true, me: ZHANG });
  expect(off.flagMirrorOn).toBe(false);
  const due = new Date("2026-03-05T16:00:00Z");
  await sales.flagForFollowUp(liu, schema, due, off);
  expect(await readOutlookFlag(clientAs(ZHANG), liu.id)).toEqual({ status: "none" });
  const on = { ...off, flagMirrorOn: true };
  const flagged = await sales.flagForFollowUp(liu, schema, due, on);
  expect(flagged.mirrorFailed).toBeUndefined();
  expect(await readOutlookFlag(clientAs(ZHANG), liu.id)).toEqual({ status: "flagged", start: "2026-03-02T01:00:00Z", due: "2026-03-05T16:00:00Z" });
  await sales.markContacted(flagged.contact, schema, on);
  expect(await readOutlookFlag(clientAs(ZHANG), liu.id)).toEqual({ status: "complete", completedAt: "2026-03-02T01:00:00Z" });
});

test("latest mail with a contact counts messages that only name them as a recipient (Graph refuses toRecipients/any filters)", async () => {
  const { sales } = salesAs(ZHANG);
  const DAY = 86_400_000;
  // Second demo thread: James writes (now − 9 d), Zhang answers him (+4 h), Olivia writes to Zhang and James (+1 d).
  const james: Contact = { ...(await zhangsContact("james.miller@fabrikam.com")), mailbox: ZHANG };
  const at = await sales.latestMailWith(james);
  expect(at).toBeDefined();
  expect(Date.parse(at!)).toBeGreaterThanOrEqual(NOW.getTime() - 8 * DAY);
  // Liu Yang (first thread) resolves too, rather than failing the whole lookup.
  await expect(sales.latestMailWith(await zhangsContact("liu.yang@huaxin-tech.cn"))).resolves.toBeDefined();
});
