/**
 * The data layer through the real SDK against the emulator (its handler in the terminal position).
 */
import { createDefaultSchema, parseSchema, renameLabel } from "../src/domain/schema";
import type { FieldSchema } from "../src/domain/types";
import { BatchWriter } from "../src/graph/BatchWriter";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { ensureMasterCategory, listMasterCategories } from "../src/graph/categories";
import { SCHEMA_PROPERTY_ID } from "../src/graph/extendedProperties";
import { ensureFollowUpTask, completeTask } from "../src/graph/todo";
import { createTestGraph, fastSleep, graphContacts, LI_NA, ZHANG } from "./builders";

const ALL_KINDS: FieldSchema = {
  version: 1,
  fields: [
    { propertyName: "TText", kind: "text", label: { "zh-CN": "文本", "en-US": "Text" } },
    { propertyName: "TNumber", kind: "number", label: { "zh-CN": "数字", "en-US": "Number" } },
    { propertyName: "TYes", kind: "yesno", label: { "zh-CN": "是否", "en-US": "Yes/no" } },
    { propertyName: "TDate", kind: "date", label: { "zh-CN": "日期", "en-US": "Date" } },
    { propertyName: "TWords", kind: "keywords", label: { "zh-CN": "关键词", "en-US": "Keywords" } },
    {
      propertyName: "TChoice",
      kind: "choice",
      label: { "zh-CN": "选择", "en-US": "Choice" },
      choices: [
        { value: "key", label: { "zh-CN": "重点客户", "en-US": "Key" } },
        { value: "regular", label: { "zh-CN": "一般客户", "en-US": "Regular" } },
      ],
    },
  ],
};

async function setup(n = 3) {
  const g = createTestGraph();
  g.emulator.admin.insertContacts(ZHANG, graphContacts(n));
  const repo = new ContactsRepository(g.client);
  const folderId = await repo.getDefaultFolderId();
  const writer = new BatchWriter(g.client, { sleep: fastSleep, retryDelaySeconds: 0.01 });
  return { ...g, repo, folderId, writer };
}

describe("ContactsRepository + BatchWriter against the emulator", () => {
  it("learns the default folder and falls back to the default schema", async () => {
    const { repo, folderId, emulator } = await setup();
    expect(folderId).toBe(emulator.admin.defaultFolderId(ZHANG));
    const schema = await repo.loadSchema(folderId);
    expect(schema.fields.map((f) => f.propertyName)).toEqual(createDefaultSchema().fields.map((f) => f.propertyName));
  });

  it.each([
    ["text", "TText", "客户 “A” & B"],
    ["number", "TNumber", 42.25],
    ["yesno", "TYes", true],
    ["date", "TDate", "2026-11-26T09:30:00.000Z"],
    ["keywords", "TWords", ["产品 A", "Widget"]],
    ["choice", "TChoice", "regular"],
  ])("round trips a %s field, and its empty value", async (_kind, field, value) => {
    const { repo, folderId, writer } = await setup(1);
    let [c] = (await repo.listContacts(folderId, ALL_KINDS)).contacts;
    const out = await writer.write([{ contact: c!, ops: [{ op: "set", field, value }] }], ALL_KINDS);
    expect(out.results[0]).toMatchObject({ status: "written" });
    [c] = (await repo.listContacts(folderId, ALL_KINDS)).contacts;
    expect(c!.fields[field]).toEqual(value);
    await writer.write([{ contact: c!, ops: [{ op: "clear", field }] }], ALL_KINDS);
    [c] = (await repo.listContacts(folderId, ALL_KINDS)).contacts;
    expect(c!.fields[field]).toEqual(field === "TYes" ? false : null);
  });

  it("keeps data when a label is renamed, and unknown schema keys survive", async () => {
    const { repo, folderId, writer, emulator } = await setup(1);
    const schema = await repo.loadSchema(folderId);
    let [c] = (await repo.listContacts(folderId, schema)).contacts;
    await writer.write([{ contact: c!, ops: [{ op: "set", field: "CustomerTier", value: "key" }] }], schema);
    // A newer version wrote extra keys and a field of an unknown kind.
    const future = JSON.stringify({
      version: 7,
      futureKey: { a: 1 },
      fields: [...schema.fields.map((f) => ({ ...f, futureFieldKey: "x" })), { propertyName: "Hologram", kind: "hologram", label: "H" }],
    });
    await g(emulator).patch(folderId, future);
    const loaded = await repo.loadSchema(folderId);
    const renamed = renameLabel(loaded, "CustomerTier", "en-US", "Customer class");
    await repo.saveSchema(folderId, renamed);
    const again = await repo.loadSchema(folderId);
    expect(again.futureKey).toEqual({ a: 1 });
    expect(again.version).toBe(7);
    expect(again.fields.find((f) => f.propertyName === "CustomerTier")).toMatchObject({ label: { "en-US": "Customer class" }, futureFieldKey: "x" });
    expect(JSON.stringify(again)).toContain("Hologram");
    [c] = (await repo.listContacts(folderId, again)).contacts;
    expect(c!.fields.CustomerTier).toBe("key");

    function g(em: typeof emulator) {
      return {
        patch: async (id: string, json: string) => {
          const res = await em.handler(
            new Request(`https://graph.microsoft.com/v1.0/me/contactFolders/${encodeURIComponent(id)}`, {
              method: "PATCH",
              headers: { Authorization: `Bearer dev:${ZHANG}`, "Content-Type": "application/json", Prefer: 'IdType="ImmutableId"' },
              body: JSON.stringify({ singleValueExtendedProperties: [{ id: SCHEMA_PROPERTY_ID, value: json }] }),
            }),
          );
          expect(res.status).toBeLessThan(300);
        },
      };
    }
  });

  it("refuses a schema that cannot fit one property", async () => {
    const { repo, folderId, log } = await setup(1);
    const big = parseSchema(JSON.stringify({ version: 1, fields: [], pad: "x".repeat(20_000) }));
    const before = log.length;
    await expect(repo.saveSchema(folderId, big)).rejects.toMatchObject({ code: "valueTooLong" });
    expect(log.length).toBe(before);
  });

  it("pages with $top=1000 following nextLink, and refreshes by delta", async () => {
    const { repo, folderId, log, writer, emulator } = await setup(2500);
    const schema = await repo.loadSchema(folderId);
    const delta = await repo.startDelta(folderId);
    log.length = 0;
    const { contacts, requests } = await repo.listContacts(folderId, schema);
    expect(contacts).toHaveLength(2500);
    expect(requests).toBe(3);
    expect(log.map((l) => new URL(l.url).searchParams.get("$top"))).toEqual(["1000", "1000", "1000"]);
    log.length = 0;
    const none = await repo.delta(delta.deltaLink);
    expect(none.changedIds).toEqual([]);
    expect(log).toHaveLength(1);
    // a change by someone else shows up as a changed id
    await writer.write([{ contact: contacts[5]!, ops: [{ op: "set", field: "Owner", value: ZHANG }] }], schema);
    const [removedId] = emulator.admin.insertContacts(ZHANG, graphContacts(1, "new"));
    const d2 = await repo.delta(none.deltaLink);
    expect(d2.changedIds.sort()).toEqual([contacts[5]!.id, removedId].sort());
    const fresh = await repo.getContacts(d2.changedIds, schema);
    expect(fresh.contacts.get(contacts[5]!.id)!.fields.Owner).toBe(ZHANG);
  });

  it("finds contacts by email with hostile addresses, in batches", async () => {
    const g = createTestGraph();
    const odd = ["o'brien@example.com", "a+b#c&d%e@example.com", "x@example.com"];
    g.emulator.admin.insertContacts(ZHANG, odd.map((a, i) => ({ displayName: `N${i}`, emailAddresses: [{ address: a }] })));
    g.emulator.admin.insertContacts(ZHANG, graphContacts(30));
    const repo = new ContactsRepository(g.client);
    const schema = createDefaultSchema();
    const wanted = [...odd, ...Array.from({ length: 25 }, (_, i) => `c${i}@example.com`), "nobody@example.com"];
    const found = await repo.findByEmail(wanted, schema);
    expect(found.map((c) => c.emailAddresses[0]!.address).sort()).toEqual(wanted.filter((a) => a !== "nobody@example.com").sort());
    const filters = g.log.flatMap((l) => l.filters);
    expect(filters.some((f) => f.includes("'o''brien@example.com'"))).toBe(true);
    expect(filters.some((f) => f.includes("'a+b#c&d%e@example.com'"))).toBe(true);
  });

  it("reads a colleague's shared folder, and a write there fails per contact with 403", async () => {
    const g = createTestGraph();
    g.emulator.admin.insertContacts(ZHANG, graphContacts(3));
    g.emulator.admin.share(ZHANG, LI_NA);
    const manager = g.clientFor(LI_NA);
    const repo = new ContactsRepository(manager, { mailbox: ZHANG });
    const folderId = g.emulator.admin.defaultFolderId(ZHANG);
    const schema = await repo.loadSchema(folderId);
    const { contacts } = await repo.listContacts(folderId, schema);
    expect(contacts).toHaveLength(3);
    expect(contacts[0]!.mailbox).toBe(ZHANG);
    const writer = new BatchWriter(manager, { mailbox: ZHANG, sleep: fastSleep });
    const out = await writer.write([{ contact: contacts[0]!, ops: [{ op: "set", field: "CustomerTier", value: "key" }] }], schema);
    expect(out.results[0]).toMatchObject({ status: "failed", code: "forbidden" });
  });

  it("creates a contact with fields", async () => {
    const { repo, folderId } = await setup(0);
    const schema = createDefaultSchema();
    const c = await repo.createContact(
      { displayName: "新客户", emailAddresses: [{ address: "new@example.com" }], fields: { CustomerTier: "potential", IntendedProducts: ["A"] } },
      schema,
      folderId,
    );
    const [read] = await repo.findByEmail(["new@example.com"], schema);
    expect(read!.id).toBe(c.id);
    expect(read!.fields).toMatchObject({ CustomerTier: "potential", IntendedProducts: ["A"] });
  });

  it("creates one follow-up task per contact and a master category", async () => {
    const { client, repo, folderId } = await setup(1);
    const [c] = (await repo.listContacts(folderId, createDefaultSchema())).contacts;
    const input = { title: "Call", due: "2026-12-01T09:00:00Z", timeZone: "Asia/Shanghai", contactId: c!.id, contactDisplayName: c!.displayName };
    const first = await ensureFollowUpTask(client, input);
    const second = await ensureFollowUpTask(client, input);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, task: { id: first.task.id } });
    await completeTask(client, first.listId, first.task.id);
    const third = await ensureFollowUpTask(client, input);
    expect(third.created).toBe(true);
    const cat = await ensureMasterCategory(client, { displayName: "重点客户", color: "preset0" });
    await ensureMasterCategory(client, { displayName: "重点客户", color: "preset0" });
    expect((await listMasterCategories(client)).filter((x) => x.displayName === cat.displayName)).toHaveLength(1);
  });
});
