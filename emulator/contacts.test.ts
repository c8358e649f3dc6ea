/**
 * Contract tests: contacts, folders, extended properties, $filter/$orderby, etags, delta — driven through the
 * official @microsoft/microsoft-graph-client. Each test cites the Graph doc page it encodes
 * (graph-docs = microsoftgraph/microsoft-graph-docs-contrib; live at https://learn.microsoft.com/graph/...).
 */
import { PageIterator } from "@microsoft/microsoft-graph-client";
import { createEmulator, DEMO_FACTS, Emulator } from "./index";
import { enc, graphClient, graphError } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const P = DEMO_FACTS.fieldProps;
const ZW = "zhang.wei@contoso.com";
let em: Emulator;
beforeEach(() => { em = createEmulator({ now: NOW }); });
afterEach(() => em.close());

interface Contact { id: string; displayName?: string; changeKey?: string; "@odata.etag"?: string; parentFolderId?: string; emailAddresses?: { address: string }[];
  singleValueExtendedProperties?: { id: string; value: string }[]; multiValueExtendedProperties?: { id: string; value: string[] }[]; [k: string]: unknown }
interface Coll<T> { value: T[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string }

async function create(body: object, upn = ZW): Promise<Contact> {
  return (await graphClient(em, upn).api("/me/contacts").post(body)) as Contact;
}

describe("auth and users", () => {
  // concepts/errors.md (error resource type, 401 InvalidAuthenticationToken); contracts.md dev tokens
  test("no token → 401 InvalidAuthenticationToken in Graph's envelope, with request-id", async () => {
    const r = await em.handler(new Request("https://graph.microsoft.com/v1.0/me/contacts", { headers: { "client-request-id": "abc-123" } }));
    expect(r.status).toBe(401);
    expect(r.headers.get("request-id")).toBeTruthy();
    expect(r.headers.get("client-request-id")).toBe("abc-123");
    const b = (await r.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(b.error.code).toBe("InvalidAuthenticationToken");
    expect(b.error.innerError["request-id"]).toBe(r.headers.get("request-id"));
    expect(b.error.innerError["client-request-id"]).toBe("abc-123");
    expect(b.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    const e = await graphError(() => graphClient(em, "nobody@contoso.com").api("/me").get());
    expect(e.statusCode).toBe(401);
  });

  // api/user-get.md, api/user-list.md
  test("/me, /users and /users/{upn}", async () => {
    const c = graphClient(em);
    expect(((await c.api("/me").get()) as { userPrincipalName: string }).userPrincipalName).toBe(ZW);
    const users = (await c.api("/users").get()) as Coll<{ userPrincipalName: string; id: string }>;
    expect(users.value.map((u) => u.userPrincipalName)).toEqual(expect.arrayContaining([DEMO_FACTS.manager, ...DEMO_FACTS.salespeople]));
    const byUpn = (await c.api(`/users/${DEMO_FACTS.manager}`).get()) as { id: string; displayName: string };
    expect(byUpn.displayName).toContain("李娜");
    expect(((await c.api(`/users/${byUpn.id}`).get()) as { id: string }).id).toBe(byUpn.id);
  });
});

describe("contacts CRUD (api/user-post-contacts.md, contact-get.md, contact-update.md, contact-delete.md)", () => {
  test("create 201, get, PATCH 200 keeps unsent fields and changes etag/changeKey, DELETE 204 then 404", async () => {
    const c = graphClient(em);
    const created = await create({ givenName: "Garth", surname: "Fort", emailAddresses: [{ address: "garth@contoso.com", name: "Garth" }], companyName: "Contoso" });
    expect(created.displayName).toBe("Garth Fort"); // generated from name parts (contact.md displayName note)
    expect(created["@odata.etag"]).toMatch(/^W\/".+"$/);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe ids
    const patched = (await c.api(`/me/contacts/${created.id}`).patch({ jobTitle: "CTO" })) as Contact;
    expect(patched.companyName).toBe("Contoso");
    expect(patched.jobTitle).toBe("CTO");
    expect(patched.changeKey).not.toBe(created.changeKey);
    expect(patched["@odata.etag"]).not.toBe(created["@odata.etag"]);
    await c.api(`/me/contacts/${created.id}`).delete();
    const e = await graphError(() => c.api(`/me/contacts/${created.id}`).get());
    expect([e.statusCode, e.code]).toEqual([404, "ErrorItemNotFound"]);
  });

  // contact.md: displayName may be regenerated when other name parts change without it
  test("PATCH of givenName without displayName regenerates displayName", async () => {
    const c = graphClient(em);
    const x = await create({ givenName: "A", surname: "B", displayName: "Custom" });
    expect(x.displayName).toBe("Custom");
    const y = (await c.api(`/me/contacts/${x.id}`).patch({ givenName: "C" })) as Contact;
    expect(y.displayName).toBe("C B");
  });

  // OData: unknown properties in a body are rejected (RequestBodyRead)
  test("unknown property → 400 RequestBodyRead; ids are case-sensitive (outlook-immutable-id.md)", async () => {
    const e = await graphError(() => create({ givenName: "X", flag: { flagStatus: "flagged" } }));
    expect([e.statusCode, e.code]).toEqual([400, "RequestBodyRead"]); // v1.0 contact has no flag (contact.md)
    const x = await create({ givenName: "Case" });
    const swapped = x.id.replace(/[a-z]/, (ch) => ch.toUpperCase());
    if (swapped !== x.id) expect((await graphError(() => graphClient(em).api(`/me/contacts/${swapped}`).get())).statusCode).toBe(404);
  });

  // contact.md (jobTitle, businessPhones, mobilePhone, businessAddress); resources/physicaladdress.md (its five string properties)
  test("job title, phones and businessAddress round-trip; physicalAddress refuses unknown or non-string parts", async () => {
    const businessAddress = { street: "观澜大道 88 号\n3 栋", city: "深圳", state: "广东省", postalCode: "518110", countryOrRegion: "中国" };
    const x = await create({ givenName: "建国", surname: "赵", jobTitle: "采购主管", businessPhones: ["0755-2345-6789"], mobilePhone: "13712345678", businessAddress });
    const back = (await graphClient(em).api(`/me/contacts/${x.id}`).select("jobTitle,businessPhones,mobilePhone,businessAddress").get()) as Contact;
    expect(back).toMatchObject({ jobTitle: "采购主管", businessPhones: ["0755-2345-6789"], mobilePhone: "13712345678", businessAddress });
    const bad = await graphError(() => create({ givenName: "Y", businessAddress: { city: "X", province: "Y" } }));
    expect([bad.statusCode, bad.code]).toEqual([400, "RequestBodyRead"]);
    expect((await graphError(() => create({ givenName: "Z", businessAddress: { postalCode: 518110 } }))).code).toBe("RequestBodyRead");
    expect((await graphError(() => create({ givenName: "Z", businessAddress: ["x"] }))).code).toBe("RequestBodyRead");
  });

  // query-parameters.md ($select); @odata.etag is an annotation returned with $select
  test("$select returns id, @odata.etag and the selected properties only; unknown → 400", async () => {
    const r = (await graphClient(em).api("/me/contacts").select("displayName,parentFolderId").top(1).get()) as Coll<Contact>;
    expect(Object.keys(r.value[0]!).sort()).toEqual(["@odata.etag", "displayName", "id", "parentFolderId"]);
    expect((await graphError(() => graphClient(em).api("/me/contacts").select("nope").get())).statusCode).toBe(400);
  });

  // user-list-messages.md ($top 1–1000, default 10, @odata.nextLink); paging.md (follow nextLink verbatim)
  test("$top default 10, nextLink paging through PageIterator covers the folder; $top=1001 → 400", async () => {
    const c = graphClient(em);
    const first = (await c.api("/me/contacts").select("id").get()) as Coll<Contact>;
    expect(first.value).toHaveLength(10);
    expect(first["@odata.nextLink"]).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/me\/contacts\?/);
    const ids: string[] = [];
    const it = new PageIterator(c, (await c.api("/me/contacts").select("id").top(25).get()) as never, (x: Contact) => { ids.push(x.id); return true; });
    await it.iterate();
    expect(new Set(ids).size).toBe(DEMO_FACTS.customersPerSalesperson[ZW]);
    const e = await graphError(() => c.api("/me/contacts").top(1001).get());
    expect(e.statusCode).toBe(400);
  });
});

describe("$filter on contacts", () => {
  // user-list-contacts.md: emailAddresses/any(a:a/address eq '…'); query-parameters.md: doubled single quotes
  test("emailAddresses/any eq, with doubled-quote escaping", async () => {
    const c = graphClient(em);
    await create({ givenName: "Owen", surname: "O'Brien", emailAddresses: [{ address: "o'brien@contoso.com" }] });
    const r = (await c.api("/me/contacts").filter(enc("emailAddresses/any(a:a/address eq 'o''brien@contoso.com')")).get()) as Coll<Contact>;
    expect(r.value.map((x) => x.surname)).toEqual(["O'Brien"]);
    const r2 = (await c.api("/me/contacts").filter(enc("emailAddresses/any(a:a/address eq 'LIU.YANG@huaxin-tech.cn')")).get()) as Coll<Contact>;
    expect(r2.value).toHaveLength(1);
  });

  // user-list-contacts.md: only any + eq on address; no ne/contains/startswith/name
  test.each([
    "emailAddresses/any(a:contains(a/address, 'huaxin'))",
    "emailAddresses/any(a:startswith(a/address, 'liu'))",
    "emailAddresses/any(a:a/address ne 'liu.yang@huaxin-tech.cn')",
    "emailAddresses/any(a:a/name eq '刘洋')",
    `multiValueExtendedProperties/any(ep: ep/id eq '${P.products}' and ep/value eq 'PLC控制器')`,
  ])("rejected like Graph: %s → 400 ErrorInvalidUrlQueryFilter", async (f) => {
    const e = await graphError(() => graphClient(em).api("/me/contacts").filter(enc(f)).get());
    expect([e.statusCode, e.code]).toEqual([400, "ErrorInvalidUrlQueryFilter"]);
  });

  test("syntax errors and unknown functions → 400 BadRequest", async () => {
    for (const f of ["emailAddresses/any(a:a/address eq 'x'", "frobnicate(displayName) eq 1", "displayName eq 'unterminated"]) {
      const e = await graphError(() => graphClient(em).api("/me/contacts").filter(enc(f)).get());
      expect([e.statusCode, e.code]).toEqual([400, "BadRequest"]);
    }
  });

  // singlevaluelegacyextendedproperty-get.md: filter by value (eq on id; string eq; cast(…, Edm.Int32) comparisons)
  test("singleValueExtendedProperties/Any string eq, cast Int32, and/or/not with parentheses", async () => {
    const c = graphClient(em);
    const score = "Integer {8eccc264-6880-4ebe-992f-8888d2eeaa1d} Name Score";
    await create({ givenName: "S1", singleValueExtendedProperties: [{ id: score, value: "3" }, { id: P.tier, value: "key" }] });
    await create({ givenName: "S2", singleValueExtendedProperties: [{ id: score, value: "7" }, { id: P.tier, value: "Potential" }] });
    const ge = (await c.api("/me/contacts").filter(enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${score}' and cast(ep/value, Edm.Int32) ge 5)`)).get()) as Coll<Contact>;
    expect(ge.value.map((x) => x.givenName)).toEqual(["S2"]);
    // value comparison is case-insensitive (S6)
    const pot = (await c.api("/me/contacts").top(1000).filter(enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${P.tier}' and ep/value eq 'potential') and givenName eq 'S2'`)).get()) as Coll<Contact>;
    expect(pot.value).toHaveLength(1);
    const combo = `(singleValueExtendedProperties/Any(ep: ep/id eq '${score}' and cast(ep/value, Edm.Int32) lt 5) or singleValueExtendedProperties/Any(ep: ep/id eq '${score}' and cast(ep/value, Edm.Int32) eq 7)) and not (givenName eq 'S1')`;
    const r = (await c.api("/me/contacts").filter(enc(combo)).get()) as Coll<Contact>;
    expect(r.value.map((x) => x.givenName)).toEqual(["S2"]);
    // seeded data: NeedsRecontact true exists
    const nr = (await c.api("/me/contacts").top(1000).filter(enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${P.needsRecontact}' and ep/value eq 'true')`)).get()) as Coll<Contact>;
    expect(nr.value.length).toBeGreaterThan(0);
  });

  // query-parameters.md (lambda any on a string collection); graph-docs-contrib #6189
  test("categories/any(c:c eq '…')", async () => {
    await create({ givenName: "Cat", categories: ["Gold Client"] });
    const r = (await graphClient(em).api("/me/contacts").filter(enc("categories/any(c:c eq 'Gold Client')")).get()) as Coll<Contact>;
    expect(r.value.map((x) => x.givenName)).toEqual(["Cat"]);
  });

  // user-list-messages.md "Using filter and orderby in the same query" + devblogs S20 (Contacts REST API)
  test("$orderby alone sorts; with $filter it must lead the filter, else 400 InefficientFilter", async () => {
    const c = graphClient(em);
    const sorted = (await c.api("/me/contacts").orderby("displayName").select("displayName").top(1000).get()) as Coll<Contact>;
    const names = sorted.value.map((x) => String(x.displayName));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const e = await graphError(() => c.api("/me/contacts").orderby("displayName").filter(enc("categories/any(c:c eq 'VIP')")).get());
    expect([e.statusCode, e.code]).toEqual([400, "InefficientFilter"]);
    const ok = (await c.api("/me/contacts").orderby("displayName").filter(enc("displayName ge '' and categories/any(c:c eq 'VIP')")).get()) as Coll<Contact>;
    expect(ok.value.length).toBeGreaterThan(0);
  });
});

describe("extended properties (resources/extended-properties-overview.md, singlevaluelegacyextendedproperty-*.md, multivaluelegacyextendedproperty-*.md)", () => {
  test("PATCH creates single+multi values; response omits them; $expand with $filter returns them (item and collection)", async () => {
    const c = graphClient(em);
    const x = await create({ givenName: "Ext" });
    const res = (await c.api(`/me/contacts/${x.id}`).patch({
      singleValueExtendedProperties: [{ id: P.needsRecontact.replace("c000", "C000"), value: "true" }, { id: P.lastContacted, value: "2026-03-01T09:30:00Z" }, { id: P.tier, value: "key" }],
      multiValueExtendedProperties: [{ id: P.products, value: ["PLC控制器", "变频器"] }],
    })) as Contact;
    expect(res.singleValueExtendedProperties).toBeUndefined();
    expect(res.multiValueExtendedProperties).toBeUndefined();
    const expand = `singleValueExtendedProperties($filter=id eq '${P.needsRecontact}' or id eq '${P.lastContacted}' or id eq '${P.owner}'),multiValueExtendedProperties($filter=id eq '${P.products}')`;
    const got = (await c.api(`/me/contacts/${x.id}`).expand(enc(expand)).get()) as Contact;
    expect(got.singleValueExtendedProperties).toEqual([
      { id: P.needsRecontact, value: "true" }, { id: P.lastContacted, value: "2026-03-01T09:30:00Z" },
    ]);
    expect(got.multiValueExtendedProperties).toEqual([{ id: P.products, value: ["PLC控制器", "变频器"] }]);
    const list = (await c.api("/me/contacts").top(1000).select("displayName").expand(enc(expand)).get()) as Coll<Contact>;
    expect(list.value.find((v) => v.id === x.id)?.singleValueExtendedProperties).toHaveLength(2);
    // multi-value PATCH replaces the whole array
    await c.api(`/me/contacts/${x.id}`).patch({ multiValueExtendedProperties: [{ id: P.products, value: ["触摸屏"] }] });
    const again = (await c.api(`/me/contacts/${x.id}`).expand(enc(`multiValueExtendedProperties($filter=id eq '${P.products}')`)).get()) as Contact;
    expect(again.multiValueExtendedProperties![0]!.value).toEqual(["触摸屏"]);
  });

  test("$expand without ($filter=id eq …) is refused; $select of extended properties is refused", async () => {
    const c = graphClient(em);
    expect((await graphError(() => c.api("/me/contacts").expand("singleValueExtendedProperties").get())).statusCode).toBe(400);
    expect((await graphError(() => c.api("/me/contacts").select("singleValueExtendedProperties").get())).statusCode).toBe(400);
  });

  test("invalid ids and values are rejected with ErrorInvalidExtendedProperty / ErrorInvalidExtendedPropertyValue", async () => {
    const c = graphClient(em);
    const x = await create({ givenName: "Bad" });
    const cases: [object, string][] = [
      [{ singleValueExtendedProperties: [{ id: "String NoGuid Name X", value: "a" }] }, "ErrorInvalidExtendedProperty"],
      [{ singleValueExtendedProperties: [{ id: "Text {00020329-0000-0000-C000-000000000046} Name X", value: "a" }] }, "ErrorInvalidExtendedProperty"],
      [{ singleValueExtendedProperties: [{ id: P.products, value: "a" }] }, "ErrorInvalidExtendedProperty"],
      [{ multiValueExtendedProperties: [{ id: P.tier, value: ["a"] }] }, "ErrorInvalidExtendedProperty"],
      [{ singleValueExtendedProperties: [{ id: P.needsRecontact, value: "yes" }] }, "ErrorInvalidExtendedPropertyValue"],
      [{ singleValueExtendedProperties: [{ id: P.lastContacted, value: "last tuesday" }] }, "ErrorInvalidExtendedPropertyValue"],
      [{ singleValueExtendedProperties: [{ id: "Integer {00020329-0000-0000-C000-000000000046} Name N", value: "3.5" }] }, "ErrorInvalidExtendedPropertyValue"],
      [{ singleValueExtendedProperties: [{ id: "Integer 0x9090", value: "1" }] }, "ErrorInvalidExtendedProperty"], // proptags are 0x0001–0x7FFF
    ];
    for (const [body, code] of cases) {
      const e = await graphError(() => c.api(`/me/contacts/${x.id}`).patch(body));
      expect([e.statusCode, e.code]).toEqual([400, code]);
    }
    // documented formats are accepted
    await c.api(`/me/contacts/${x.id}`).patch({ singleValueExtendedProperties: [
      { id: "Integer 0x1090", value: "2" }, { id: "String {00062008-0000-0000-C000-000000000046} Id 0x8530", value: "Follow up" },
      { id: "Double {00062003-0000-0000-C000-000000000046} Id 0x8102", value: "0.5" },
    ] });
  });

  // contactfolder resource supports extended properties (extended-properties-overview.md "Supported resources")
  test("contact folders: list, create child, contacts in child folders, folder extended properties via PATCH + $expand", async () => {
    const c = graphClient(em);
    const folderId = ((await c.api("/me/contacts").top(1).select("parentFolderId").get()) as Coll<Contact>).value[0]!.parentFolderId!;
    const schemaId = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name CustomerFollowUpSchema";
    const patched = (await c.api(`/me/contactFolders/${folderId}`).patch({ singleValueExtendedProperties: [{ id: schemaId, value: '{"version":1}' }] })) as Contact;
    expect(patched.singleValueExtendedProperties).toBeUndefined();
    const f = (await c.api(`/me/contactFolders/${folderId}`).expand(enc(`singleValueExtendedProperties($filter=id eq '${schemaId}')`)).get()) as Contact;
    expect(f.singleValueExtendedProperties).toEqual([{ id: schemaId, value: '{"version":1}' }]);
    const child = (await c.api("/me/contactFolders").post({ displayName: "Trade show 2026" })) as { id: string };
    expect(((await c.api("/me/contactFolders").get()) as Coll<{ id: string }>).value.map((x) => x.id)).toContain(child.id);
    const sub = (await c.api(`/me/contactFolders/${child.id}/childFolders`).post({ displayName: "Day 1" })) as { id: string };
    const inSub = (await c.api(`/me/contactFolders/${child.id}/childFolders/${sub.id}/contacts`).post({ givenName: "Nested" })) as Contact;
    expect(inSub.parentFolderId).toBe(sub.id);
    const listed = (await c.api(`/me/contactFolders/${sub.id}/contacts`).get()) as Coll<Contact>;
    expect(listed.value.map((x) => x.id)).toEqual([inSub.id]);
  });
});

describe("etag / If-Match (graph-reference §7: ErrorIrresolvableConflict, msgraph-sdk-dotnet #1201)", () => {
  test("stale If-Match → 412 ErrorIrresolvableConflict; current etag → 200", async () => {
    const c = graphClient(em);
    const x = await create({ givenName: "Etag" });
    const y = (await c.api(`/me/contacts/${x.id}`).patch({ jobTitle: "A" })) as Contact;
    const e = await graphError(() => c.api(`/me/contacts/${x.id}`).header("If-Match", x["@odata.etag"]!).patch({ jobTitle: "B" }));
    expect([e.statusCode, e.code]).toEqual([412, "ErrorIrresolvableConflict"]);
    const z = (await c.api(`/me/contacts/${x.id}`).header("If-Match", y["@odata.etag"]!).patch({ jobTitle: "C" })) as Contact;
    expect(z.jobTitle).toBe("C");
    expect((await graphError(() => c.api(`/me/contacts/${x.id}`).header("If-Match", y["@odata.etag"]!).delete())).statusCode).toBe(412);
  });
});

describe("contact delta (api/contact-delta.md, concepts/delta-query-overview.md)", () => {
  test("initial round pages with odata.maxpagesize then deltaLink; next round has changes and @removed; empty round", async () => {
    const c = graphClient(em);
    const folderId = em.admin.defaultFolderId(ZW);
    const all: Contact[] = [];
    let page = (await c.api(`/me/contactFolders/${folderId}/contacts/delta`).select("displayName,changeKey").header("Prefer", "odata.maxpagesize=30").get()) as Coll<Contact>;
    let pages = 1;
    all.push(...page.value);
    while (page["@odata.nextLink"]) {
      expect(page.value).toHaveLength(30);
      page = (await c.api(page["@odata.nextLink"]).get()) as Coll<Contact>;
      all.push(...page.value);
      pages++;
    }
    expect(pages).toBe(Math.ceil(DEMO_FACTS.customersPerSalesperson[ZW]! / 30));
    expect(all).toHaveLength(DEMO_FACTS.customersPerSalesperson[ZW]!);
    expect(all[0]!.singleValueExtendedProperties).toBeUndefined();
    const deltaLink = page["@odata.deltaLink"]!;
    expect(deltaLink).toMatch(/\$deltatoken=/);

    await c.api(`/me/contacts/${all[0]!.id}`).patch({ jobTitle: "Changed" });
    await c.api(`/me/contacts/${all[1]!.id}`).delete();
    const created = await create({ givenName: "New" });
    const r2 = (await c.api(deltaLink).get()) as Coll<Contact & { "@removed"?: { reason: string } }>;
    expect(r2.value).toHaveLength(3);
    expect(r2.value.find((v) => v.id === all[1]!.id)?.["@removed"]).toEqual({ reason: "deleted" });
    expect(r2.value.find((v) => v.id === all[0]!.id)?.displayName).toBeDefined();
    expect(r2.value.find((v) => v.id === created.id)).toBeDefined();
    const r3 = (await c.api(r2["@odata.deltaLink"]!).get()) as Coll<Contact>;
    expect(r3.value).toEqual([]);
    expect(r3["@odata.deltaLink"]).toBeDefined();
  });

  test("only $select is supported on contact delta → other query options 400; shared folder delta via /users/{upn}", async () => {
    const folderId = em.admin.defaultFolderId(ZW);
    const e = await graphError(() => graphClient(em).api(`/me/contactFolders/${folderId}/contacts/delta`).filter(enc("givenName eq 'x'")).get());
    expect(e.statusCode).toBe(400);
    const e2 = await graphError(() => graphClient(em).api(`/me/contactFolders/${folderId}/contacts/delta`).expand(enc(`singleValueExtendedProperties($filter=id eq '${P.tier}')`)).get());
    expect(e2.statusCode).toBe(400);
    const mgr = graphClient(em, DEMO_FACTS.manager);
    // default page (no Prefer) is the 200 cap → the whole folder in one page with the deltaLink
    const r = (await mgr.api(`/users/${ZW}/contactFolders/${folderId}/contacts/delta`).get()) as Coll<Contact>;
    expect(r.value).toHaveLength(DEMO_FACTS.customersPerSalesperson[ZW]!);
    expect(r["@odata.deltaLink"]).toBeDefined();
  });
});
