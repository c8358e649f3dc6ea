/**
 * Issue 12: the emulator checked against references the project did not write (the v1.0 CSDL, the docs'
 * request/response examples, Graph's OData error messages). Each test names its doc page or metadata element
 * (graph-docs = microsoftgraph/microsoft-graph-docs-contrib; CSDL = test/csdl/graph-v1.0-subset.xml).
 */
import http from "node:http";
import { createEmulator, DEMO_FACTS, Emulator, MAX_BODY_BYTES } from "./index";
import { startServer } from "./server";
import { mountEmulator } from "./mount";

const NOW = new Date("2026-03-10T08:00:00Z");
const ZW = "zhang.wei@contoso.com";
const ORIGIN = "https://graph.test";
let em: Emulator;
beforeEach(() => { em = createEmulator({ now: NOW }); });
afterEach(() => em.close());

type J = Record<string, unknown> & { value?: J[]; error?: { code: string; message: string } };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: J; headers: Headers }> {
  const h = new Headers({ Authorization: `Bearer dev:${ZW}`, ...headers });
  if (body !== undefined) h.set("Content-Type", "application/json");
  const r = await em.handler(new Request(`${ORIGIN}/v1.0${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) }));
  const text = await r.text();
  return { status: r.status, json: (text ? JSON.parse(text) : {}) as J, headers: r.headers };
}
const get = (p: string, h?: Record<string, string>): ReturnType<typeof call> => call("GET", p, undefined, h);
const folderId = (): string => em.admin.defaultFolderId(ZW);
const count = async (): Promise<number> => {
  let n = 0;
  let next: string | undefined = `/me/contacts?$top=1000&$select=id`;
  while (next) { const r = await get(next); n += r.json.value!.length; next = (r.json["@odata.nextLink"] as string | undefined)?.replace(`${ORIGIN}/v1.0`, ""); }
  return n;
};

describe("item 1: delta() — the function-call form SDKs emit (api/contact-delta.md; Kiota DeltaRequestBuilderUriTemplate)", () => {
  test("/contacts/delta(), /contacts/delta and /contacts/microsoft.graph.delta() are the same function", async () => {
    const base = `/me/contactFolders/${folderId()}/contacts`;
    const a = await get(`${base}/delta()?$select=displayName`);
    const b = await get(`${base}/delta?$select=displayName`);
    const c = await get(`${base}/microsoft.graph.delta()?$select=displayName`);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(a.json.value).toHaveLength(DEMO_FACTS.customersPerSalesperson[ZW]!);
    expect(a.json.value!.map((x) => x.id)).toEqual(b.json.value!.map((x) => x.id));
    expect(c.json.value!.map((x) => x.id)).toEqual(b.json.value!.map((x) => x.id));
    // The deltaLink from the () form works and reports a later change.
    const made = await call("POST", "/me/contacts", { givenName: "Delta" });
    const next = await get((a.json["@odata.deltaLink"] as string).replace(`${ORIGIN}/v1.0`, ""));
    expect(next.json.value!.map((x) => x.id)).toEqual([made.json.id]);
    expect((await get(`${base}/nodelta()`)).status).toBe(400); // not a function Graph knows
  });
});

describe("item 2: path segments match case-insensitively (api/contactfolder-get.md writes /me/contactfolders/{id}); ids stay exact (concepts/outlook-immutable-id.md)", () => {
  test("/me/contactfolders, /ME/Contacts, /Users/{upn}/CONTACTS answer like their canonical spelling", async () => {
    const fid = folderId();
    const canonical = await get(`/me/contactFolders/${fid}/contacts?$top=3`);
    const lower = await get(`/me/contactfolders/${fid}/contacts?$top=3`);
    const upper = await get(`/ME/Contacts?$top=3`);
    const users = await get(`/Users/${ZW}/CONTACTS?$top=3`);
    for (const r of [lower, upper, users]) {
      expect(r.status).toBe(200);
      expect(r.json.value!.map((x) => x.id)).toEqual(canonical.json.value!.map((x) => x.id));
    }
    expect((await get("/me/todo/LISTS")).status).toBe(200);
    expect((await get("/me/outlook/mastercategories")).status).toBe(200);
    const id = canonical.json.value![0]!.id as string;
    expect((await get(`/me/CONTACTS/${id}`)).status).toBe(200);
    // The key is not a segment name: a case-changed id is another id.
    const flipped = id.replace(/[a-z]/, (ch) => ch.toUpperCase()) === id ? id.replace(/[A-Z]/, (ch) => ch.toLowerCase()) : id.replace(/[a-z]/, (ch) => ch.toUpperCase());
    expect((await get(`/me/contacts/${flipped}`)).json.error?.code).toBe("ErrorItemNotFound");
  });
});

describe("item 3: key in parentheses (OData URL conventions §4.3.1; api/user-post-contacts.md Location form)", () => {
  test("/me/contacts('{id}') reads, patches and deletes the same contact as /me/contacts/{id}", async () => {
    const made = await call("POST", "/me/contacts", { givenName: "Paren" });
    const id = made.json.id as string;
    expect(made.headers.get("Location")).toContain(`contacts('${id}')`);
    const byParen = await get(`/me/contacts('${id}')`);
    expect([byParen.status, byParen.json.id]).toEqual([200, id]);
    const patched = await call("PATCH", `/me/contacts('${encodeURIComponent(id)}')`, { jobTitle: "CEO" });
    expect(patched.json.jobTitle).toBe("CEO");
    expect((await get(`/me/contacts/${id}`)).json.jobTitle).toBe("CEO");
    expect((await get(`/users('${ZW}')/contactFolders('${folderId()}')/contacts('${id}')`)).status).toBe(200);
    expect((await call("DELETE", `/me/contacts('${id}')`)).status).toBe(204);
    expect((await get(`/me/contacts/${id}`)).status).toBe(404);
    // Not a string literal → 400 (OData key syntax), never a silent match.
    expect((await get(`/me/contacts(${id})`)).status).toBe(400);
  });
});

describe("item 4: @odata.context on entities (OData JSON format §10; examples in api/contact-get.md, api/todotask-get.md, api/linkedresource-get.md)", () => {
  const ctx = (r: { json: J }): string => String(r.json["@odata.context"]);
  const user = `users('${encodeURIComponent(ZW)}')`;
  test("contact GET/POST/PATCH, folder, folder list, message, To Do list/task/linkedResource carry their context", async () => {
    const made = await call("POST", "/me/contacts", { givenName: "Ctx" });
    const id = made.json.id as string;
    expect(ctx(made)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts/$entity`);
    expect(ctx(await get(`/me/contacts/${id}`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts/$entity`);
    expect(ctx(await call("PATCH", `/me/contacts/${id}`, { jobTitle: "x" }))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts/$entity`);
    // $select is part of the context (api/user-list-messages.md example "…/messages(sender,subject)").
    expect(ctx(await get(`/me/contacts/${id}?$select=displayName`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts(displayName)/$entity`);
    expect(ctx(await get(`/me/contactFolders/${folderId()}/contacts?$top=1`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contactFolders('${encodeURIComponent(folderId())}')/contacts`);
    expect(ctx(await get(`/me/contactFolders/${folderId()}`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contactFolders/$entity`);
    expect(ctx(await get(`/me/contactFolders`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contactFolders`);
    const msgs = await get("/me/messages?$top=1&$select=subject");
    expect(ctx(msgs)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/messages(subject)`);
    expect(ctx(await get(`/me/messages/${String(msgs.json.value![0]!.id)}`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/messages/$entity`);
    const lists = await get("/me/todo/lists");
    expect(ctx(lists)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/todo/lists`);
    const listId = String(lists.json.value![0]!.id);
    expect(ctx(await get(`/me/todo/lists/${listId}`))).toBe(`${ORIGIN}/v1.0/$metadata#${user}/todo/lists/$entity`);
    const task = await call("POST", `/me/todo/lists/${listId}/tasks`, { title: "t", linkedResources: [{ applicationName: "A", displayName: "d", webUrl: "https://x.test" }] });
    expect(ctx(task)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/todo/lists('${listId}')/tasks/$entity`);
    const taskId = String(task.json.id);
    const links = await get(`/me/todo/lists/${listId}/tasks/${taskId}/linkedResources`);
    expect(ctx(links)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/todo/lists('${listId}')/tasks('${taskId}')/linkedResources`);
    const linkId = String(links.json.value![0]!.id);
    const link = await get(`/me/todo/lists/${listId}/tasks/${taskId}/linkedResources/${linkId}`);
    expect(ctx(link)).toBe(`${ORIGIN}/v1.0/$metadata#${user}/todo/lists('${listId}')/tasks('${taskId}')/linkedResources/$entity`);
    // linkedResource carries @odata.type (api/linkedresource-get.md response), inline and alone.
    expect(link.json["@odata.type"]).toBe("#microsoft.graph.linkedResource");
    expect((task.json.linkedResources as J[])[0]!["@odata.type"]).toBe("#microsoft.graph.linkedResource");
    // todoTask has bodyLastModifiedDateTime and hasAttachments (CSDL EntityType todoTask; api/todotasklist-post-tasks.md).
    expect(task.json.hasAttachments).toBe(false);
    expect(task.json.bodyLastModifiedDateTime).toBe("2026-03-10T08:00:00Z");
    // Errors carry no context.
    expect((await get("/me/contacts/nope")).json["@odata.context"]).toBeUndefined();
  });

  test("expanded extended properties carry <nav>@odata.context (api/multivaluelegacyextendedproperty-get.md response)", async () => {
    const P = DEMO_FACTS.fieldProps;
    const made = await call("POST", "/me/contacts", { givenName: "Ext", singleValueExtendedProperties: [{ id: P.tier, value: "key" }], multiValueExtendedProperties: [{ id: P.products, value: ["A"] }] });
    const id = String(made.json.id);
    const r = await get(`/me/contacts/${id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${P.tier}'),multiValueExtendedProperties($filter=id eq '${P.products}')`)}`);
    expect(r.json["singleValueExtendedProperties@odata.context"]).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts('${id}')/singleValueExtendedProperties`);
    expect(r.json["multiValueExtendedProperties@odata.context"]).toBe(`${ORIGIN}/v1.0/$metadata#${user}/contacts('${id}')/multiValueExtendedProperties`);
    const keys = Object.keys(r.json);
    expect(keys.indexOf("multiValueExtendedProperties@odata.context")).toBe(keys.indexOf("multiValueExtendedProperties") - 1);
  });
});

describe("item 5: EDM types of writable properties (CSDL EntityType contact/todoTask/…; Graph's 400 RequestBodyRead messages)", () => {
  test("birthday 'not a date' (Edm.DateTimeOffset) and emailAddresses[].address 5 (Edm.String) → 400, nothing written", async () => {
    const before = await count();
    const a = await call("POST", "/me/contacts", { givenName: "Bad", birthday: "not a date" });
    expect([a.status, a.json.error?.code, a.json.error?.message]).toEqual([400, "RequestBodyRead", "Cannot convert the literal 'not a date' to the expected type 'Edm.DateTimeOffset'."]);
    const b = await call("POST", "/me/contacts", { givenName: "Bad", emailAddresses: [{ address: 5 }] });
    expect([b.status, b.json.error?.message]).toEqual([400, "Cannot convert the literal '5' to the expected type 'Edm.String'."]);
    // A DateTimeOffset needs its zone (OData ABNF dateTimeOffsetValue).
    expect((await call("POST", "/me/contacts", { givenName: "Bad", birthday: "1990-05-01T00:00:00" })).json.error?.message).toMatch(/time zone information is missing/);
    expect((await call("POST", "/me/contacts", { givenName: "Bad", jobTitle: { a: 1 } })).json.error?.message).toMatch(/unexpected 'StartObject' node/);
    expect((await call("POST", "/me/contacts", { givenName: "Bad", categories: "VIP" })).json.error?.message).toMatch(/A 'StartArray' node was expected/);
    expect((await call("POST", "/me/contacts", { givenName: "Bad", categories: ["VIP", 7] })).json.error?.message).toBe("Cannot convert the literal '7' to the expected type 'Edm.String'.");
    expect(await count()).toBe(before);
    const ok = await call("POST", "/me/contacts", { givenName: "Good", birthday: "1990-05-01T00:00:00Z" });
    expect([ok.status, ok.json.birthday]).toEqual([201, "1990-05-01T00:00:00Z"]);
    // PATCH: the bad value is refused and the stored contact is unchanged.
    const p = await call("PATCH", `/me/contacts/${String(ok.json.id)}`, { jobTitle: "New", birthday: 19900501 });
    expect(p.status).toBe(400);
    const after = await get(`/me/contacts/${String(ok.json.id)}`);
    expect([after.json.jobTitle, after.json.birthday]).toEqual([null, "1990-05-01T00:00:00Z"]);
  });

  test("To Do, folders and categories: booleans, enums, itemBody, null for non-nullable, unknown properties", async () => {
    const lists = await get("/me/todo/lists");
    const url = `/me/todo/lists/${String(lists.json.value![0]!.id)}/tasks`;
    const bad = async (body: unknown, path = url, method = "POST"): Promise<string | undefined> => {
      const r = await call(method, path, body);
      expect(r.status).toBe(400);
      return r.json.error?.message;
    };
    expect(await bad({ title: "x", isReminderOn: "yes" })).toBe("Cannot convert the literal 'yes' to the expected type 'Edm.Boolean'.");
    expect(await bad({ title: "x", isReminderOn: null })).toMatch(/^A null value was found for the property named 'isReminderOn'/);
    expect(await bad({ title: "x", importance: "urgent" })).toBe("Requested value 'urgent' was not found.");
    expect(await bad({ title: "x", body: { content: "c", contentType: "rtf" } })).toBe("Requested value 'rtf' was not found.");
    expect(await bad({ title: 5 })).toBe("Cannot convert the literal '5' to the expected type 'Edm.String'.");
    const t = await call("POST", url, { title: "ok", importance: "HIGH", body: { content: "c", contentType: "text" } });
    expect([t.status, t.json.importance]).toEqual([201, "high"]); // enum members match case-insensitively
    expect(await bad({ displayName: 5 }, "/me/todo/lists")).toBe("Cannot convert the literal '5' to the expected type 'Edm.String'.");
    expect(await bad({ displayName: "x", colour: "red" }, `/me/todo/lists/${String(lists.json.value![0]!.id)}`, "PATCH")).toMatch(/The property 'colour' does not exist on type 'microsoft.graph.todoTaskList'/);
    expect(await bad({ displayName: true }, "/me/contactFolders")).toBe("Cannot convert the literal 'true' to the expected type 'Edm.String'.");
    expect(await bad({ displayName: "X", color: 3 }, "/me/outlook/masterCategories")).toBe("Cannot convert the literal '3' to the expected type 'microsoft.graph.categoryColor'.");
    const link = await call("POST", `${url}/${String(t.json.id)}/linkedResources`, { applicationName: "A", displayName: "d" });
    expect(await bad({ webUrl: 42 }, `${url}/${String(t.json.id)}/linkedResources/${String(link.json.id)}`, "PATCH")).toBe("Cannot convert the literal '42' to the expected type 'Edm.String'.");
    expect(await bad({ nope: 1 }, `${url}/${String(t.json.id)}/linkedResources/${String(link.json.id)}`, "PATCH")).toMatch(/does not exist on type 'microsoft.graph.linkedResource'/);
  });
});

describe("item 6: query options are implemented or rejected, never ignored (concepts/query-parameters.md; api/user-list.md)", () => {
  test("/users: $top (1–999) with $skiptoken paging and $select; $filter/$count/$search/$orderby → 501", async () => {
    const all = await get("/users");
    const n = all.json.value!.length;
    expect(n).toBe(1 + DEMO_FACTS.salespeople.length);
    const p1 = await get("/users?$top=2&$select=displayName");
    expect(p1.json.value!.map((u) => Object.keys(u).sort())).toEqual([["displayName", "id"], ["displayName", "id"]]);
    const seen = [...p1.json.value!];
    let next = p1.json["@odata.nextLink"] as string | undefined;
    expect(next).toContain("$skiptoken=");
    while (next) { const r = await get(next.replace(`${ORIGIN}/v1.0`, "")); seen.push(...r.json.value!); next = r.json["@odata.nextLink"] as string | undefined; }
    expect(seen.map((u) => u.id)).toEqual(all.json.value!.map((u) => u.id));
    expect((await get("/users?$top=1000")).json.error?.code).toBe("Request_UnsupportedQuery");
    for (const q of ["$filter=startswith(displayName,'Z')", "$count=true", "$search=%22displayName:Z%22", "$orderby=displayName"]) {
      const r = await get(`/users?${q}`);
      expect([q, r.status]).toEqual([q, 501]);
    }
    expect((await get("/users?$select=nope")).status).toBe(400);
  });

  test("/me?$expand=manager → 501; $select=nope on folders → 400 (not nope: null); To Do and categories honour $select/$top or refuse", async () => {
    expect((await get("/me?$expand=manager")).status).toBe(501);
    expect((await get("/me?$select=displayName")).json).toEqual({ "@odata.context": `${ORIGIN}/v1.0/$metadata#users(displayName)/$entity`, id: expect.any(String), displayName: expect.any(String) });
    const nope = await get("/me/contactFolders?$select=nope");
    expect([nope.status, nope.json.error?.message]).toEqual([400, "Could not find a property named 'nope' on type 'microsoft.graph.contactFolder'."]);
    await call("POST", "/me/todo/lists", { displayName: "Second" });
    const lists = await get("/me/todo/lists?$select=displayName&$top=1");
    expect(lists.json.value).toHaveLength(1);
    expect(Object.keys(lists.json.value![0]!).sort()).toEqual(["@odata.etag", "displayName", "id"]);
    expect(lists.json["@odata.nextLink"]).toContain("$skip=1");
    expect((await get("/me/todo/lists?$select=nope")).status).toBe(400);
    const cats = await get("/me/outlook/masterCategories?$select=displayName");
    expect(cats.json.value!.every((c) => Object.keys(c).sort().join() === "displayName,id")).toBe(true);
    expect((await get("/me/outlook/masterCategories?$top=1")).status).toBe(501);
    // An option name that is no OData option at all → 400; option names match case-insensitively.
    const foo = await get("/me/contacts?$foo=1");
    expect([foo.status, foo.json.error?.message]).toEqual([400, "The query specified in the URI is not valid. Query option 'foo' is not allowed."]);
    expect((await get("/me/contacts?$TOP=2&$Select=displayName")).json.value).toHaveLength(2);
    expect((await get("/me/contacts?$top=2&$TOP=3")).status).toBe(400);
    // A GET whose handler takes no options refuses them.
    const msgs = await get("/me/messages?$top=1");
    expect((await get(`/me/messages/${String(msgs.json.value![0]!.id)}?$expand=attachments`)).status).toBe(501);
  });
});

describe("item 7: hardening (concepts/errors.md 413/400; Graph's 4 MB request limit)", () => {
  test("a body over 4 MB → 413 before parsing; auth is checked before the body", async () => {
    const big = JSON.stringify({ givenName: "Big", personalNotes: "x".repeat(MAX_BODY_BYTES) });
    const before = await count();
    const r = await call("POST", "/me/contacts", big);
    expect([r.status, r.json.error?.code, r.json.error?.message]).toEqual([413, "RequestEntityTooLarge", "The maximum request length supported is 4MB."]);
    expect(await count()).toBe(before);
    const noAuth = await em.handler(new Request(`${ORIGIN}/v1.0/me/contacts`, { method: "POST", body: big, headers: { "Content-Type": "application/json" } }));
    expect(noAuth.status).toBe(401);
    // Just under the limit is accepted.
    const ok = await call("POST", "/me/contacts", JSON.stringify({ givenName: "Fits", personalNotes: "y".repeat(MAX_BODY_BYTES - 100) }));
    expect(ok.status).toBe(201);
  });

  test("over HTTP: an unauthenticated or oversize upload is answered without reading the body", async () => {
    const srv = await startServer(0, { seed: "empty", now: NOW });
    try {
      const send = (headers: Record<string, string | number>, chunks: number): Promise<number> => new Promise((resolve, reject) => {
        const req = http.request(`${srv.url}/me/contacts`, { method: "POST", headers }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
        req.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
        // Declares 5 MB but sends only a few bytes: the answer must come without waiting for the rest.
        for (let i = 0; i < chunks; i++) req.write("x".repeat(1024 * 1024));
        if (chunks === 0) req.write("{");
        if (chunks > 0) req.end();
      });
      expect(await send({ "Content-Type": "application/json", "Content-Length": 5 * 1024 * 1024 }, 0)).toBe(401);
      expect(await send({ "Content-Type": "application/json", "Content-Length": 5 * 1024 * 1024, Authorization: `Bearer dev:${ZW}` }, 0)).toBe(413);
      // Chunked (no Content-Length): refused once 4 MB have arrived.
      expect(await send({ "Content-Type": "application/json", "Transfer-Encoding": "chunked", Authorization: `Bearer dev:${ZW}` }, 5)).toBe(413);
    } finally {
      await srv.close();
    }
  });

  test("5,000 nested parentheses in $filter, a 5,000-term or-chain and malformed % escapes → 400, not 500", async () => {
    const deep = `${"(".repeat(5000)}displayName eq 'a'${")".repeat(5000)}`;
    const r = await get(`/me/contacts?$filter=${encodeURIComponent(deep)}`);
    expect([r.status, r.json.error?.code]).toEqual([400, "BadRequest"]);
    expect(r.json.error?.message).toMatch(/Recursion depth exceeded/);
    const nots = await get(`/me/contacts?$filter=${encodeURIComponent(`${"not ".repeat(5000)}(displayName eq 'a')`)}`);
    expect(nots.status).toBe(400);
    const chain = Array.from({ length: 5000 }, (_, i) => `displayName eq 'n${i}'`).join(" or ");
    expect([200, 400]).toContain((await get(`/me/contacts?$filter=${encodeURIComponent(chain)}`)).status);
    const pct = await get("/me/contacts/%E0%A4%A");
    expect([pct.status, pct.json.error?.code]).toEqual([400, "BadRequest"]);
    expect((await get("/me/contacts/abc%ZZ")).status).toBe(400);
    // Inside $batch the bad URL fails alone.
    const b = await call("POST", "/$batch", { requests: [{ id: "1", method: "GET", url: "/me/contacts/%E0%A4%A" }, { id: "2", method: "GET", url: "/me" }] });
    const by = Object.fromEntries((b.json.responses as { id: string; status: number }[]).map((x) => [x.id, x.status]));
    expect(by).toEqual({ 1: 400, 2: 200 });
  });
});

describe("item 8: the dev server's emulator is same-origin only (no CORS *, Host checked)", () => {
  test("mountEmulator with allowedHosts: foreign Host → 403, foreign Origin → 403, own origin works without Access-Control-* headers", async () => {
    const routes: [string, (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void][] = [];
    const app = { use: (p: string, h: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void) => routes.push([p, h]) };
    const mounted = createEmulator({ seed: "empty", now: NOW });
    mountEmulator(app, { emulator: mounted, allowedHosts: ["localhost"] });
    const server = http.createServer((req, res) => {
      const r = routes.find(([p]) => req.url!.startsWith(p));
      if (!r) { res.statusCode = 404; res.end(); return; }
      (req as http.IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      r[1](req, res, () => { res.statusCode = 404; res.end(); });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const ask = (method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path: "/v1.0/me/contacts", method, headers: { Authorization: `Bearer dev:${ZW}`, ...headers } }, (res) => { res.resume(); resolve({ status: res.statusCode ?? 0, headers: res.headers }); });
        req.on("error", reject);
        req.end(body);
      });
    try {
      const own = await ask("GET", { Host: `localhost:${port}` });
      expect(own.status).toBe(200);
      expect(Object.keys(own.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      const post = await ask("POST", { Host: `localhost:${port}`, Origin: `http://localhost:${port}`, "Content-Type": "application/json" }, JSON.stringify({ givenName: "Same" }));
      expect(post.status).toBe(201);
      expect((await ask("GET", { Host: `evil.example:${port}` })).status).toBe(403); // DNS rebinding
      expect((await ask("GET", { Host: `localhost:${port}`, Origin: "https://evil.example" })).status).toBe(403);
      expect((await ask("POST", { Host: `localhost:${port}`, Origin: `http://localhost:${port + 1}`, "Content-Type": "application/json" }, "{}")).status).toBe(403);
      expect((await ask("OPTIONS", { Host: `localhost:${port}`, Origin: "https://evil.example", "Access-Control-Request-Method": "PATCH" })).status).toBe(403);
      expect(mounted.stats().byMethod.POST).toBe(1); // the refused POST never reached the emulator
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      mounted.close();
    }
  });
});
