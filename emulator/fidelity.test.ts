/**
 * Fidelity audit (issue 3, round 2): behaviours re-checked against the Graph docs, driven through the official
 * @microsoft/microsoft-graph-client. Each test cites its doc page (graph-docs = microsoftgraph/microsoft-graph-docs-contrib,
 * live at https://learn.microsoft.com/graph/... with the same slug). The table is in emulator/README.md.
 */
import { ResponseType } from "@microsoft/microsoft-graph-client";
import { createEmulator, DEMO_FACTS, Emulator } from "./index";
import { graphClient, graphError } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const ZW = "zhang.wei@contoso.com";
let em: Emulator;
beforeEach(() => { em = createEmulator({ now: NOW }); });
afterEach(() => em.close());

interface Coll<T> { value: T[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string }
interface BatchResp { responses: { id: string; status: number; headers: Record<string, string>; body?: { error?: { code: string }; [k: string]: unknown } }[] }

describe("response headers and the error envelope (concepts/errors.md)", () => {
  test("every response carries Date, request-id and client-request-id (echoed when sent); errors use the envelope", async () => {
    const c = graphClient(em);
    const ok = (await c.api("/me").header("client-request-id", "crid-1").responseType(ResponseType.RAW).get()) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("client-request-id")).toBe("crid-1");
    expect(ok.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // RFC 9110 §6.6.1: an origin server sends Date; an IMF-fixdate like Graph's "Tue, 30 Jun 2020 16:14:48 GMT".
    expect(ok.headers.get("date")).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const bad = (await c.api("/me/contacts/nope").header("client-request-id", "crid-2").responseType(ResponseType.RAW).get()) as Response;
    expect(bad.status).toBe(404);
    expect(bad.headers.get("date")).toBeTruthy();
    const body = (await bad.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("ErrorItemNotFound");
    expect(typeof body.error.message).toBe("string");
    // innerError: date (no fraction, no zone, as in the doc's examples), request-id, client-request-id
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(body.error.innerError["request-id"]).toBe(bad.headers.get("request-id"));
    expect(body.error.innerError["client-request-id"]).toBe("crid-2");
  });
});

describe("$batch (concepts/json-batching.md)", () => {
  test("ids are not case-sensitive: 'A' and 'a' are duplicates → 400; dependsOn matches ids case-insensitively", async () => {
    const c = graphClient(em);
    const dup = await graphError(() => c.api("/$batch").post({ requests: [{ id: "A", method: "GET", url: "/me" }, { id: "a", method: "GET", url: "/me" }] }));
    expect([dup.statusCode, dup.code]).toEqual([400, "BadRequest"]);
    const r = (await c.api("/$batch").post({ requests: [
      { id: "First", method: "GET", url: "/me/contacts/does-not-exist" },
      { id: "second", method: "GET", url: "/me", dependsOn: ["FIRST"] },
    ] })) as BatchResp;
    const by = Object.fromEntries(r.responses.map((x) => [x.id, x.status]));
    expect(by).toEqual({ First: 404, second: 424 });
  });

  test("a request without id/method/url, or depending on an id not in the batch → 400 for the whole batch", async () => {
    const c = graphClient(em);
    expect((await graphError(() => c.api("/$batch").post({ requests: [{ method: "GET", url: "/me" }] }))).statusCode).toBe(400);
    expect((await graphError(() => c.api("/$batch").post({ requests: [{ id: "1", url: "/me" }] }))).statusCode).toBe(400);
    expect((await graphError(() => c.api("/$batch").post({ requests: [{ id: "1", method: "GET", url: "/me", dependsOn: ["9"] }] }))).statusCode).toBe(400);
  });
});

describe("contact delta token expiry (concepts/delta-query-overview.md 'Token duration', 'Synchronization reset')", () => {
  test("an expired deltaLink → 410 syncStateNotFound with a Location that starts a new round; a forged token → 400", async () => {
    const c = graphClient(em);
    const folderId = em.admin.defaultFolderId(ZW);
    const first = (await c.api(`/me/contactFolders/${folderId}/contacts/delta`).select("displayName").get()) as Coll<{ id: string }>;
    const deltaLink = first["@odata.deltaLink"]!;
    expect(deltaLink).toBeDefined();
    expect(((await c.api(deltaLink).get()) as Coll<unknown>).value).toEqual([]); // still valid
    em.admin.expireDeltaTokens();
    const e = await graphError(() => c.api(deltaLink).get());
    expect([e.statusCode, e.code]).toEqual([410, "syncStateNotFound"]);
    const location = e.headers?.get("Location");
    expect(location).toContain(`/contactFolders/${folderId}/contacts/delta`);
    const again = (await c.api(location!).get()) as Coll<{ id: string; displayName?: string }>;
    expect(again.value).toHaveLength(DEMO_FACTS.customersPerSalesperson[ZW]!);
    expect(Object.keys(again.value[0]!).sort()).toEqual(["@odata.etag", "@odata.type", "displayName", "id"]); // $select kept
    expect(((await c.api(again["@odata.deltaLink"]!).get()) as Coll<unknown>).value).toEqual([]);
    const forged = await graphError(() => c.api(`/me/contactFolders/${folderId}/contacts/delta?$deltatoken=not-a-token`).get());
    expect(forged.statusCode).toBe(400);
  });
});

describe("If-Match (concepts/errors.md 412; api/contact-update.md)", () => {
  test("no If-Match and If-Match: * both update; a stale etag → 412 in the error envelope", async () => {
    const c = graphClient(em);
    const x = (await c.api("/me/contacts").post({ givenName: "Etag" })) as { id: string; "@odata.etag": string };
    await c.api(`/me/contacts/${x.id}`).patch({ jobTitle: "A" });
    expect(((await c.api(`/me/contacts/${x.id}`).header("If-Match", "*").patch({ jobTitle: "B" })) as { jobTitle: string }).jobTitle).toBe("B");
    const raw = (await c.api(`/me/contacts/${x.id}`).header("If-Match", x["@odata.etag"]).responseType(ResponseType.RAW).patch({ jobTitle: "C" })) as Response;
    expect(raw.status).toBe(412);
    const b = (await raw.json()) as { error: { code: string; innerError: { "request-id": string } } };
    expect(b.error.code).toBe("ErrorIrresolvableConflict");
    expect(b.error.innerError["request-id"]).toBe(raw.headers.get("request-id"));
  });
});

describe("To Do (resources/todotask.md, resources/datetimetimezone.md)", () => {
  test("importance and status are enums, categories strings, dateTimeTimeZone needs timeZone → 400 otherwise", async () => {
    const c = graphClient(em);
    const lists = (await c.api("/me/todo/lists").get()) as Coll<{ id: string; wellknownListName: string }>;
    const def = lists.value.find((l) => l.wellknownListName === "defaultList")!;
    const url = `/me/todo/lists/${def.id}/tasks`;
    const t = (await c.api(url).post({ title: "ok", importance: "high", categories: ["A"] })) as { id: string; importance: string };
    expect(t.importance).toBe("high");
    expect((await graphError(() => c.api(url).post({ title: "x", importance: "urgent" }))).statusCode).toBe(400);
    expect((await graphError(() => c.api(`${url}/${t.id}`).patch({ importance: "critical" }))).statusCode).toBe(400);
    expect((await graphError(() => c.api(url).post({ title: "x", categories: "A" }))).statusCode).toBe(400);
    expect((await graphError(() => c.api(url).post({ title: "x", dueDateTime: { dateTime: "2026-03-12T09:00:00" } }))).statusCode).toBe(400);
    expect((await graphError(() => c.api(url).post({ title: "x", dueDate: "2026-03-12" }))).code).toBe("RequestBodyRead");
  });
});

describe("limits re-checked (api/user-list-messages.md $top; resources/outlookcategory.md colours)", () => {
  test("$top=0 and $top=1001 → 400; masterCategories colour preset25 → 400", async () => {
    const c = graphClient(em);
    expect((await graphError(() => c.api("/me/contacts").top(0).get())).statusCode).toBe(400);
    expect((await graphError(() => c.api("/me/messages").top(1001).get())).statusCode).toBe(400);
    expect((await graphError(() => c.api("/me/outlook/masterCategories").post({ displayName: "Zeta", color: "preset25" }))).statusCode).toBe(400);
  });
});
