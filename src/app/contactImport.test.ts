/**
 * Import writes job title, phones and the business address (Graph physicalAddress) — against the emulator:
 * CSV text → domain mapping → toNewContact → ContactsService.createContacts → read back over Graph.
 */
import { IDBFactory } from "fake-indexeddb";
import { createEmulator } from "../../emulator";
import { createStaticTokenProvider } from "../auth";
import { applyMapping, parseOutlookCsv, suggestMapping } from "../domain/csv";
import { DEFAULT_SCHEMA } from "../domain/schema";
import { ContactCache } from "../store";
import { createContactImportService, rowsToImport, runImport, toNewContact } from "./contactImport";
import type { Services } from "./Services";
import { createContactsWiring } from "./createContactsService";

const ZHANG = "zhang.wei@contoso.com";

function wiring() {
  const emulator = createEmulator({ seed: "demo" });
  const idb = new IDBFactory();
  const w = createContactsWiring({
    auth: createStaticTokenProvider(ZHANG),
    graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] },
    openCache: () => ContactCache.open({ indexedDB: idb, name: "app" }),
    terminal: (req) => emulator.handler(req),
  });
  return { ...w, emulator };
}

async function rawContact(emulator: ReturnType<typeof createEmulator>, id: string) {
  const res = await emulator.handler(
    new Request(`https://graph.microsoft.com/v1.0/me/contacts/${id}?$select=jobTitle,businessPhones,mobilePhone,businessAddress`, { headers: { Authorization: `Bearer dev:${ZHANG}` } }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const CSV = [
  "名,姓,职务,商务电话,移动电话,商务地址 街道,商务地址 市/县,商务地址 省/市/自治区,商务地址 邮政编码,商务地址 国家/地区,电子邮件地址",
  '建国,赵,采购主管,0755-2345-6789,13712345678,"观澜大道 88 号\r\n3 栋",深圳,广东省,518110,中国,zhao.jianguo@xinyuan-jm.cn',
  "丽华,孙,,,,,上海,,,,sun.lihua@jincheng-wl.cn",
].join("\r\n");

describe("import of job title, phones and business address (against the emulator)", () => {
  it("builds the create body from the draft", () => {
    const csv = parseOutlookCsv(CSV);
    const [zhao, sun] = applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, []).rows;
    expect(toNewContact(zhao!.draft)).toMatchObject({
      displayName: "赵建国",
      jobTitle: "采购主管",
      businessPhones: ["0755-2345-6789"],
      mobilePhone: "13712345678",
      businessAddress: { street: "观澜大道 88 号\n3 栋", city: "深圳", state: "广东省", postalCode: "518110", countryOrRegion: "中国" },
    });
    const s = toNewContact(sun!.draft);
    expect(s.businessAddress).toEqual({ city: "上海" });
    expect(s).not.toHaveProperty("jobTitle");
    expect(s).not.toHaveProperty("businessPhones");
    expect(s).not.toHaveProperty("mobilePhone");
  });

  it("creates the contacts and the properties round-trip through Graph", async () => {
    const { contacts, emulator } = wiring();
    const csv = parseOutlookCsv(CSV);
    const preview = applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, []);
    const results = await contacts.createContacts(preview.rows.map((r) => toNewContact(r.draft)));
    expect(results.map((r) => r.status)).toEqual(["created", "created"]);
    const [zhao, sun] = results.map((r) => (r.status === "created" ? r.contact.id : ""));
    expect(await rawContact(emulator, zhao!)).toMatchObject({
      jobTitle: "采购主管",
      businessPhones: ["0755-2345-6789"],
      mobilePhone: "13712345678",
      businessAddress: { street: "观澜大道 88 号\n3 栋", city: "深圳", state: "广东省", postalCode: "518110", countryOrRegion: "中国" },
    });
    expect((await rawContact(emulator, sun!)).businessAddress).toMatchObject({ city: "上海" });
    // The list the pane shows has them too (delta refresh after the create).
    const listed = contacts.snapshot().contacts.find((c) => c.id === zhao);
    expect(listed).toMatchObject({ jobTitle: "采购主管", mobilePhone: "13712345678", businessAddress: "观澜大道 88 号\n3 栋, 深圳, 广东省, 518110, 中国" });
    emulator.close();
  });

  it("refuses a control character in a phone or address part before sending", async () => {
    const { contacts, emulator } = wiring();
    emulator.resetStats();
    const results = await contacts.createContacts([
      { displayName: "X", emailAddresses: [{ address: "x@example.org" }], businessPhones: ["1\u00002"] },
      { displayName: "Y", emailAddresses: [{ address: "y@example.org" }], businessAddress: { city: "a\u0007b" } },
      { displayName: "Z", emailAddresses: [{ address: "z@example.org" }], jobTitle: "j".repeat(256) },
    ]);
    expect(results).toEqual([
      expect.objectContaining({ status: "failed", code: "invalidInput" }),
      expect.objectContaining({ status: "failed", code: "invalidInput" }),
      expect.objectContaining({ status: "failed", code: "valueTooLong" }),
    ]);
    emulator.close();
  });
});

describe("import of 200 rows (issue 10 item 6)", () => {
  it("writes in $batches of 20 with one refresh at the end: 10 write round trips, not one POST and one refresh per row", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const requests: string[] = [];
    const w = createContactsWiring({
      auth: createStaticTokenProvider(ZHANG),
      graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] },
      openCache: () => ContactCache.open({ indexedDB: new IDBFactory(), name: "imp" }),
      terminal: async (req) => {
        const u = new URL(req.url);
        if (u.pathname.endsWith("/$batch")) {
          const body = (await req.clone().json()) as { requests: { method: string }[] };
          requests.push(`$batch ${[...new Set(body.requests.map((r) => r.method))].join(",")} ${body.requests.length}`);
        } else requests.push(`${req.method} ${u.pathname}`);
        return emulator.handler(req);
      },
    });
    const services = { contacts: w.contacts } as unknown as Services;
    const svc = createContactImportService(services);
    const { contacts: mine, schema } = await svc.loadMine();
    const csv = parseOutlookCsv(["Name,E-mail Address", ...Array.from({ length: 200 }, (_, i) => `Imported ${i},imp${i}@example.org`)].join("\r\n"));
    const preview = applyMapping(csv, suggestMapping(csv.headers, schema), schema, mine);
    requests.length = 0;
    const progress: number[] = [];
    const results = await runImport(svc, rowsToImport(preview.rows), schema, (p) => progress.push(p.done));

    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.status !== "created")).toEqual([]);
    expect(requests.filter((r) => r.startsWith("$batch POST"))).toEqual(Array(10).fill("$batch POST 20"));
    // One refresh at the end: delta pages only (the created contacts are already in the store, nothing re-read).
    const after = requests.slice(requests.lastIndexOf("$batch POST 20") + 1);
    expect(after.every((r) => /^GET .*\/contacts\/delta$/.test(r))).toBe(true);
    expect(requests.length).toBeLessThanOrEqual(12);
    expect(progress[progress.length - 1]).toBe(200);
    expect(progress.length).toBeGreaterThan(10); // progress per contact, not per chunk
    const listed = w.contacts.snapshot().contacts.filter((c) => c.emailAddresses[0]?.address.startsWith("imp"));
    expect(listed).toHaveLength(200);
    emulator.close();
  }, 30_000);
});
