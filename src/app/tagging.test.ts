import { createFakeContactsService } from "./testing/fakeContactsService";
import { createFakeOfficeHost } from "./testing/fakeServices";
import { createTaggingService, parseNeverTagEntry, TaggingError, type TagRow } from "./tagging";
import type { MessageParticipants } from "../domain/threadParticipants";
import type { Contact } from "../domain/types";

const ME = "zhang.wei@contoso.com";
const liu: Contact = {
  id: "c-liu",
  displayName: "刘洋",
  emailAddresses: [{ address: "Liu.Yang@huaxin-tech.cn" }],
  categories: [],
  fields: { IntendedProducts: ["PLC"], NeedsRecontact: false },
};

function setup(messages: Record<string, MessageParticipants[]>, contacts: Contact[] = [liu]) {
  const office = createFakeOfficeHost();
  const store = createFakeContactsService({ contacts });
  const listed: string[] = [];
  const findCalls: string[][] = [];
  const findByEmail = store.findByEmail;
  store.findByEmail = async (a) => {
    findCalls.push([...a]);
    return findByEmail(a);
  };
  const service = createTaggingService({
    office,
    me: ME,
    contacts: store,
    listConversationMessages: async (id) => {
      listed.push(id);
      return messages[id] ?? [];
    },
  });
  return { service, store, office, listed, findCalls };
}

const thread: MessageParticipants[] = [
  { from: { name: "华信采购系统", address: "noreply@notify.huaxin-tech.cn" }, toRecipients: [{ address: ME }], ccRecipients: [{ address: "liu.yang@huaxin-tech.cn" }] },
  { from: { name: "赵磊", address: "zhao.lei@huaxin-tech.cn" }, toRecipients: [{ address: ME }], ccRecipients: [{ name: "李娜", address: "li.na@contoso.com" }] },
];

it("converts Office conversation ids, lists each conversation once and classifies everyone", async () => {
  const { service, listed } = setup({ "a-b_c": thread });
  const people = await service.selectionParticipants([
    { itemId: "1", conversationId: "a+b/c", subject: "", itemMode: "read" },
    { itemId: "2", conversationId: "a+b/c", subject: "", itemMode: "read" },
  ]);
  expect(listed).toEqual(["a-b_c"]);
  const status = Object.fromEntries(people.map((p) => [p.address.toLowerCase(), p.status.kind === "excluded" ? p.status.reason : p.status.kind]));
  expect(status).toEqual({
    "noreply@notify.huaxin-tech.cn": "roleAddress",
    [ME]: "me",
    "liu.yang@huaxin-tech.cn": "existing",
    "zhao.lei@huaxin-tech.cn": "new",
    "li.na@contoso.com": "ownDomain",
  });
});

it("refuses an empty selection and more than 100 emails", async () => {
  const { service } = setup({});
  await expect(service.selectionParticipants([])).rejects.toBeInstanceOf(TaggingError);
  const many = Array.from({ length: 101 }, (_, i) => ({ itemId: String(i), conversationId: "c", subject: "", itemMode: "read" as const }));
  await expect(service.selectionParticipants(many)).rejects.toMatchObject({ code: "tooManyEmails" });
});

it("never-tag list (address or @domain) and the own-domain switch live in roaming settings", async () => {
  const { service } = setup({ c: thread });
  expect(await service.readSettings()).toEqual({ neverTag: [], excludeOwnDomain: true });
  const saved = await service.saveSettings({ neverTag: ["ZHAO.lei@huaxin-tech.cn", "bad entry", "@contoso.com"], excludeOwnDomain: false });
  expect(saved).toEqual({ neverTag: ["zhao.lei@huaxin-tech.cn", "@contoso.com"], excludeOwnDomain: false });
  const people = await service.selectionParticipants([{ itemId: "1", conversationId: "c", subject: "", itemMode: "read" }]);
  const zhao = people.find((p) => p.address === "zhao.lei@huaxin-tech.cn")!;
  expect(zhao.status).toEqual({ kind: "excluded", reason: "neverTag" });
  expect(people.find((p) => p.address === "li.na@contoso.com")!.status).toEqual({ kind: "excluded", reason: "neverTag" });
  expect(parseNeverTagEntry("@x")).toBeNull();
});

it("tags: creates the new with the values, merges keywords into the existing, reports per person", async () => {
  const { service, store } = setup({});
  const rows: TagRow[] = [
    { address: "zhao.lei@huaxin-tech.cn", name: "赵磊", status: { kind: "new" } },
    { address: "liu.yang@huaxin-tech.cn", name: "刘洋", status: { kind: "existing", contactIds: ["c-liu"] } },
    { address: "noreply@x.cn", name: "", status: { kind: "excluded", reason: "roleAddress" } },
  ];
  const progress: number[] = [];
  const out = await service.tag(rows, { addKeywords: { IntendedProducts: ["Servo", "plc"] }, set: { NeedsRecontact: true } }, (p) => progress.push(p.done));
  expect(out).toMatchObject({ created: 1, updated: 1, unchanged: 0, failed: 0 });
  expect(out.results.map((r) => r.result.status)).toEqual(["created", "updated"]);
  expect(progress[progress.length - 1]).toBe(2);
  const after = store.snapshot().contacts;
  // "plc" is already there as "PLC" (case-insensitive): merged, not duplicated, nothing overwritten.
  expect(after.find((c) => c.id === "c-liu")!.fields).toEqual({ IntendedProducts: ["PLC", "Servo"], NeedsRecontact: true });
  expect(after.find((c) => c.displayName === "赵磊")).toMatchObject({ companyName: "Huaxin-tech", fields: { IntendedProducts: ["Servo", "plc"], NeedsRecontact: true } });

  const again = await service.tag([rows[1]!], { addKeywords: { IntendedProducts: ["Servo"] } });
  expect(again).toMatchObject({ unchanged: 1, updated: 0 });
});

it("validates values before writing anything", async () => {
  const { service, store } = setup({});
  await expect(
    service.tag([{ address: "a@b.cn", name: "", status: { kind: "new" } }], { set: { CustomerTier: "gold" } }),
  ).rejects.toMatchObject({ code: "notAChoice" });
  expect(store.calls).toEqual([]);
});

it("matches the open email's people: cached contacts first, the server only for misses", async () => {
  const { service, findCalls } = setup({});
  const people = await service.emailPeople({
    itemId: "i",
    conversationId: "c",
    subject: "s",
    from: { name: "刘洋", address: "LIU.YANG@huaxin-tech.cn" },
    to: [{ address: ME }],
    cc: [{ address: "zhao.lei@huaxin-tech.cn" }, { address: "liu.yang@huaxin-tech.cn" }],
    mode: "read",
    itemType: "message",
  });
  expect(people.map((p) => [p.address, p.roles, p.contacts.map((c) => c.id), p.isMe])).toEqual([
    ["LIU.YANG@huaxin-tech.cn", ["from", "cc"], ["c-liu"], false],
    [ME, ["to"], [], true],
    ["zhao.lei@huaxin-tech.cn", ["cc"], [], false],
  ]);
  expect(findCalls).toEqual([["zhao.lei@huaxin-tech.cn"]]);
});

it("marks people at my own domain as colleagues, but never a shared free-mail domain", async () => {
  const item = (to: string[]) => ({ itemId: "i", conversationId: "c", subject: "s", from: { address: ME }, to: to.map((address) => ({ address })), cc: [], mode: "read" as const, itemType: "message" as const });
  const { service } = setup({});
  const people = await service.emailPeople(item(["Li.Na@" + ME.split("@")[1]!, "zhao.lei@huaxin-tech.cn"]));
  expect(people.map((p) => [p.isMe, p.isColleague])).toEqual([[true, false], [false, true], [false, false]]);

  const free = createTaggingService({ office: createFakeOfficeHost(), me: "zhang.wei@qq.com", contacts: createFakeContactsService({ contacts: [] }), listConversationMessages: async () => [] });
  const freePeople = await free.emailPeople({ ...item(["friend@qq.com"]), from: { address: "zhang.wei@qq.com" } });
  expect(freePeople.map((p) => p.isColleague)).toEqual([false, false]);
});

it("refuses to create a contact for an address that already has one (a stale card), and writes nothing", async () => {
  const { service, store } = setup({});
  const r = await service.createContactFor({ name: "刘洋", address: "LIU.YANG@huaxin-tech.cn " });
  expect(r).toMatchObject({ status: "failed", code: "exists" });
  expect(store.calls.filter((c) => c.method === "createContacts")).toHaveLength(0);
});

it("creating twice from the same card (the second click on a card not yet refreshed) creates exactly one contact", async () => {
  const { service, store } = setup({});
  const first = await service.createContactFor({ name: "赵磊", address: "zhao.lei@huaxin-tech.cn" });
  const second = await service.createContactFor({ name: "赵磊", address: "Zhao.Lei@huaxin-tech.cn" });
  expect(first.status).toBe("created");
  expect(second).toMatchObject({ status: "failed", code: "exists" });
  expect(store.calls.filter((c) => c.method === "createContacts")).toHaveLength(1);
  // The cached copy had not caught up yet: the refusal came from the server look-up, which holds one contact.
  expect(await store.findByEmail(["zhao.lei@huaxin-tech.cn"])).toHaveLength(1);
});

it("rematchPeople: the people of an email follow the cached contacts (created, address removed, server-only kept)", () => {
  const { service } = setup({});
  const person = (address: string, contacts: Contact[] = []) => ({ address, name: "", roles: ["to" as const], contacts, isMe: false, isColleague: false });
  const me = { ...person(ME), isMe: true };
  const remote: Contact = { ...liu, id: "c-remote", emailAddresses: [{ address: "remote@fabrikam.com" }] };
  const people = [me, person("LIU.YANG@huaxin-tech.cn", [liu]), person("zhao.lei@huaxin-tech.cn"), person("remote@fabrikam.com", [remote])];
  // Nothing changed: the same array (no re-render).
  expect(service.rematchPeople(people, [liu])).toBe(people);

  const zhao: Contact = { id: "c-zhao", displayName: "赵磊", emailAddresses: [{ address: " Zhao.Lei@huaxin-tech.cn" }], categories: [], fields: {} };
  const liuEdited: Contact = { ...liu, fields: { ...liu.fields, NeedsRecontact: true } };
  const next = service.rematchPeople(people, [liuEdited, zhao]);
  expect(next.map((p) => p.contacts.map((c) => c.id))).toEqual([[], ["c-liu"], ["c-zhao"], ["c-remote"]]);
  expect(next[1]!.contacts[0]!.fields.NeedsRecontact).toBe(true);
  expect(next[0]).toBe(me);
  // 刘洋's contact lost the address (edited elsewhere): the card no longer claims it.
  const moved: Contact = { ...liu, emailAddresses: [{ address: "liu@other.cn" }] };
  expect(service.rematchPeople(next, [moved, zhao])[1]!.contacts).toEqual([]);
});

it("a tagging or card edit that changes needs re-contact hands those contacts to the To Do follower; products alone do not (issue 10 item 13)", async () => {
  const office = createFakeOfficeHost();
  const store = createFakeContactsService({ contacts: [liu, { ...liu, id: "c-zhao", displayName: "赵磊", emailAddresses: [{ address: "zhao.lei@huaxin-tech.cn" }] }] });
  const followed: string[][] = [];
  const service = createTaggingService({ office, me: ME, contacts: store, listConversationMessages: async () => [], followTasks: (ids) => followed.push([...ids]) });
  const existing = (address: string, id: string): TagRow => ({ address, name: "", status: { kind: "existing", contactIds: [id] } });
  await service.tag([existing("liu.yang@huaxin-tech.cn", "c-liu")], { addKeywords: { IntendedProducts: ["Servo"] } });
  expect(followed).toEqual([]);
  await service.tag([existing("liu.yang@huaxin-tech.cn", "c-liu"), existing("zhao.lei@huaxin-tech.cn", "c-zhao")], { set: { NeedsRecontact: true } });
  expect(followed).toEqual([["c-liu", "c-zhao"]]);
  await service.editContact("c-zhao", [{ op: "set", field: "NeedsRecontact", value: false }]);
  expect(followed).toEqual([["c-liu", "c-zhao"], ["c-zhao"]]);
});
