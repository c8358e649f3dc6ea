/**
 * Contract tests: $batch, messages, master categories, To Do, sharing, faults, ids, unsupported requests, and the
 * HTTP server / mount — through the official @microsoft/microsoft-graph-client. Each test cites its doc page.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, DEMO_FACTS, Emulator } from "./index";
import { mountEmulator } from "./mount";
import { startServer } from "./server";
import { enc, graphClient, graphError } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const ZW = "zhang.wei@contoso.com";
const LN = DEMO_FACTS.manager;
let em: Emulator;
beforeEach(() => { em = createEmulator({ now: NOW }); });
afterEach(() => em.close());

interface Coll<T> { value: T[]; "@odata.nextLink"?: string }
interface BatchResp { responses: { id: string; status: number; headers: Record<string, string>; body?: { error?: { code: string }; [k: string]: unknown } }[] }
interface Msg { id: string; from: { emailAddress: { address: string } }; toRecipients: { emailAddress: { address: string } }[]; ccRecipients: { emailAddress: { address: string } }[]; conversationId: string; receivedDateTime: string; parentFolderId: string }

describe("$batch (concepts/json-batching.md, concepts/known-issues.md JSON batching)", () => {
  test("per-request status/headers/body correlated by id; dependsOn; failed dependency → 424", async () => {
    const c = graphClient(em);
    const r = (await c.api("/$batch").post({ requests: [
      { id: "1", method: "POST", url: "/me/contacts", headers: { "Content-Type": "application/json" }, body: { givenName: "Batch" } },
      { id: "2", method: "GET", url: "/me/contacts/does-not-exist", dependsOn: ["1"] },
      { id: "3", method: "GET", url: "/me/contacts?$top=1&$select=displayName", dependsOn: ["2"] },
      { id: "4", method: "GET", url: "/me", dependsOn: ["3"] },
    ] })) as BatchResp;
    const by = Object.fromEntries(r.responses.map((x) => [x.id, x]));
    expect(by["1"]!.status).toBe(201);
    expect(by["1"]!.body!.givenName).toBe("Batch");
    expect(by["2"]!.status).toBe(404);
    expect(by["2"]!.body!.error!.code).toBe("ErrorItemNotFound");
    expect(by["3"]!.status).toBe(424);
    expect(by["4"]!.status).toBe(424);
    expect(em.stats().batchSubRequests).toBe(4);
    // all-depend-on-the-same is allowed; mixed chains are not (known-issues.md JSON batching)
    const same = (await c.api("/$batch").post({ requests: [
      { id: "a", method: "GET", url: "/me" }, { id: "b", method: "GET", url: "/me/contacts?$top=1", dependsOn: ["a"] }, { id: "c", method: "GET", url: "/me/messages?$top=1", dependsOn: ["a"] },
    ] })) as BatchResp;
    expect(same.responses.map((x) => x.status)).toEqual([200, 200, 200]);
    const mixed = await graphError(() => c.api("/$batch").post({ requests: [
      { id: "a", method: "GET", url: "/me" }, { id: "b", method: "GET", url: "/me", dependsOn: ["a"] }, { id: "c", method: "GET", url: "/me", dependsOn: ["b"] }, { id: "d", method: "GET", url: "/me" },
    ] }));
    expect(mixed.statusCode).toBe(400);
  });

  test("more than 20 requests → 400; body without Content-Type → 400; absolute or /v1.0 URLs → per-request 400", async () => {
    const c = graphClient(em);
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    expect((await graphError(() => c.api("/$batch").post({ requests: many }))).statusCode).toBe(400);
    expect((await graphError(() => c.api("/$batch").post({ requests: [{ id: "1", method: "POST", url: "/me/contacts", body: { givenName: "x" } }] }))).statusCode).toBe(400);
    const r = (await c.api("/$batch").post({ requests: [
      { id: "a", method: "GET", url: "https://graph.microsoft.com/v1.0/me" },
      { id: "b", method: "GET", url: "/v1.0/me" },
      { id: "c", method: "GET", url: "me" },
    ] })) as BatchResp;
    const by = Object.fromEntries(r.responses.map((x) => [x.id, x.status]));
    expect(by).toEqual({ a: 400, b: 400, c: 200 });
  });
});

describe("messages (api/user-list-messages.md, resources/message.md)", () => {
  test("$filter=conversationId eq … returns the thread incl. sent items; from/to/cc; message by id", async () => {
    const c = graphClient(em);
    const t = DEMO_FACTS.wellKnownThread;
    const r = (await c.api("/me/messages").filter(enc(`conversationId eq '${t.conversationId}'`)).select("from,toRecipients,ccRecipients,bccRecipients,receivedDateTime,conversationId,parentFolderId").top(100).get()) as Coll<Msg>;
    expect(r.value).toHaveLength(t.messageCount);
    const addrs = new Set<string>();
    for (const m of r.value) for (const p of [m.from, ...m.toRecipients, ...m.ccRecipients]) addrs.add(p.emailAddress.address.toLowerCase());
    expect([...addrs].sort()).toEqual([...t.participants].sort());
    expect(r.value.some((m) => m.from.emailAddress.address === ZW)).toBe(true); // sent item
    const one = (await c.api(`/me/messages/${r.value[0]!.id}`).select("subject,body").get()) as { subject: string; body: { contentType: string } };
    expect(one.subject).toContain("PLC");
    expect(one.body.contentType).toBe("html"); // HTML unless Prefer: outlook.body-content-type="text"
    const asText = (await c.api(`/me/messages/${r.value[0]!.id}`).select("body").header("Prefer", 'outlook.body-content-type="text"').get()) as { body: { contentType: string; content: string } };
    expect(asText.body.contentType).toBe("text");
    expect(asText.body.content).not.toContain("<");
    const fromFilter = (await c.api("/me/messages").filter(enc(`from/emailAddress/address eq '${t.noreplyAddress}'`)).get()) as Coll<Msg>;
    expect(fromFilter.value.length).toBeGreaterThanOrEqual(1);
  });

  test("$orderby receivedDateTime with a conversationId filter → 400 InefficientFilter; leading receivedDateTime term → ok", async () => {
    const c = graphClient(em);
    const t = DEMO_FACTS.wellKnownThread;
    const e = await graphError(() => c.api("/me/messages").filter(enc(`conversationId eq '${t.conversationId}'`)).orderby("receivedDateTime desc").get());
    expect([e.statusCode, e.code]).toEqual([400, "InefficientFilter"]);
    const ok = (await c.api("/me/messages").filter(enc(`receivedDateTime ge 2000-01-01T00:00:00Z and conversationId eq '${t.conversationId}'`)).orderby("receivedDateTime desc").get()) as Coll<Msg>;
    expect(ok.value).toHaveLength(t.messageCount);
    expect(ok.value[0]!.receivedDateTime >= ok.value[1]!.receivedDateTime).toBe(true);
    // lambda filters over recipients are rejected by Exchange (README: undocumented, public reports)
    expect((await graphError(() => c.api("/me/messages").filter(enc("toRecipients/any(r:r/emailAddress/address eq 'x@y.z')")).get())).code).toBe("ErrorInvalidUrlQueryFilter");
  });
});

describe("master categories (resources/outlookcategory.md, outlookuser-post-mastercategories.md)", () => {
  test("list, create 201, duplicate name 409, preset colours validated, PATCH colour only, DELETE 204", async () => {
    const c = graphClient(em);
    const list = (await c.api("/me/outlook/masterCategories").get()) as Coll<{ id: string; displayName: string; color: string }>;
    expect(list.value.map((x) => x.displayName)).toEqual(DEMO_FACTS.masterCategories);
    const cat = (await c.api("/me/outlook/masterCategories").post({ displayName: "Project expenses", color: "preset9" })) as { id: string; color: string };
    expect(cat.color).toBe("preset9");
    expect((await graphError(() => c.api("/me/outlook/masterCategories").post({ displayName: "project EXPENSES", color: "preset1" }))).statusCode).toBe(409);
    expect((await graphError(() => c.api("/me/outlook/masterCategories").post({ displayName: "Other", color: "preset25" }))).statusCode).toBe(400);
    expect(((await c.api(`/me/outlook/masterCategories/${cat.id}`).patch({ color: "preset2" })) as { color: string }).color).toBe("preset2");
    expect((await graphError(() => c.api(`/me/outlook/masterCategories/${cat.id}`).patch({ displayName: "Renamed" }))).statusCode).toBe(400);
    await c.api(`/me/outlook/masterCategories/${cat.id}`).delete();
    expect((await graphError(() => c.api(`/me/outlook/masterCategories/${cat.id}`).get())).statusCode).toBe(404);
  });
});

describe("To Do (resources/todotasklist.md, todotask.md, linkedresource.md, todotasklist-post-tasks.md)", () => {
  test("default list, task with due date, reminder and inline linkedResources; $filter status ne 'completed'; completion", async () => {
    const c = graphClient(em);
    const lists = (await c.api("/me/todo/lists").get()) as Coll<{ id: string; wellknownListName: string }>;
    const def = lists.value.find((l) => l.wellknownListName === "defaultList")!;
    expect(def).toBeDefined();
    const task = (await c.api(`/me/todo/lists/${def.id}/tasks`).post({
      title: "Call 刘洋 about PLC quote", dueDateTime: { dateTime: "2026-03-12T09:00:00", timeZone: "UTC" }, isReminderOn: true,
      reminderDateTime: { dateTime: "2026-03-12T08:30:00", timeZone: "UTC" },
      linkedResources: [{ applicationName: "Customer Follow-up", displayName: "刘洋", externalId: "contact-id-1", webUrl: "https://localhost:3000/#c=1" }],
    })) as { id: string; status: string; linkedResources: { id: string; externalId: string }[] };
    expect(task.status).toBe("notStarted");
    expect(task.linkedResources[0]!.externalId).toBe("contact-id-1");
    await c.api(`/me/todo/lists/${def.id}/tasks/${task.id}/linkedResources`).post({ applicationName: "Customer Follow-up", displayName: "second", externalId: "x2" });
    const links = (await c.api(`/me/todo/lists/${def.id}/tasks/${task.id}/linkedResources`).get()) as Coll<{ externalId: string }>;
    expect(links.value).toHaveLength(2);
    const done = (await c.api(`/me/todo/lists/${def.id}/tasks`).post({ title: "Done one" })) as { id: string };
    const patched = (await c.api(`/me/todo/lists/${def.id}/tasks/${done.id}`).patch({ status: "completed" })) as { completedDateTime?: { dateTime: string } };
    expect(patched.completedDateTime?.dateTime).toBeDefined();
    const open = (await c.api(`/me/todo/lists/${def.id}/tasks`).filter(enc("status ne 'completed'")).get()) as Coll<{ id: string }>;
    expect(open.value.map((t) => t.id)).toEqual([task.id]);
    expect((await graphError(() => c.api(`/me/todo/lists/${def.id}/tasks`).post({ title: "bad", status: "nope" }))).statusCode).toBe(400);
  });
});

describe("sharing (concepts/outlook-get-shared-contacts-folders.md)", () => {
  test("manager reads a salesperson's shared default folder; writes to a read share → 403; unshared → 403 ErrorAccessDenied", async () => {
    const mgr = graphClient(em, LN);
    // The seed shares with edit rights (issue 13 reassignments): make it a read share here.
    em.admin.share(ZW, LN, { role: "read" });
    const folderId = ((await graphClient(em).api("/me/contacts").top(1).select("parentFolderId").get()) as Coll<{ parentFolderId: string }>).value[0]!.parentFolderId;
    const viaFolder = (await mgr.api(`/users/${ZW}/contactFolders/${folderId}/contacts`).top(1000).get()) as Coll<{ id: string }>;
    expect(viaFolder.value).toHaveLength(DEMO_FACTS.customersPerSalesperson[ZW]!);
    const viaContacts = (await mgr.api(`/users/${ZW}/contacts`).top(5).get()) as Coll<{ id: string }>;
    expect(viaContacts.value).toHaveLength(5);
    const one = viaContacts.value[0]!.id;
    expect(((await mgr.api(`/users/${ZW}/contactFolders/${folderId}/contacts/${one}`).get()) as { id: string }).id).toBe(one);
    const w = await graphError(() => mgr.api(`/users/${ZW}/contacts/${one}`).patch({ jobTitle: "x" }));
    expect([w.statusCode, w.code]).toEqual([403, "ErrorAccessDenied"]);
    // the manager has not shared her folder with a salesperson (salespeople share with each other: issue 6 claims)
    const other = await graphError(() => graphClient(em, "wang.fang@contoso.com").api(`/users/${LN}/contacts`).get());
    expect([other.statusCode, other.code]).toEqual([403, "ErrorAccessDenied"]);
    em.admin.unshare(ZW, LN);
    const un = await graphError(() => mgr.api(`/users/${ZW}/contacts`).get());
    expect([un.statusCode, un.code]).toEqual([403, "ErrorAccessDenied"]);
    em.admin.share(ZW, LN, { role: "write" });
    await mgr.api(`/users/${ZW}/contacts/${one}`).patch({ jobTitle: "x" });
    // other users' mail is not shared
    expect((await graphError(() => mgr.api(`/users/${ZW}/messages`).get())).statusCode).toBe(403);
  });
});

describe("faults (concepts/throttling.md, includes/throttling-outlook.md, Q&A 1660054)", () => {
  test("per-mailbox concurrency 4: the 5th concurrent request → 429 ApplicationThrottled with Retry-After", async () => {
    em.setFaults({ latencyMs: 50, retryAfterSeconds: 2 });
    const c = graphClient(em);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => c.api("/me/contacts").top(1).get()));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as { statusCode: number; code: string; message: string; headers?: Headers });
    expect(rejected).toHaveLength(2);
    expect(rejected[0]!.statusCode).toBe(429);
    expect(rejected[0]!.code).toBe("ApplicationThrottled");
    expect(rejected[0]!.message).toBe("Application is over its MailboxConcurrency limit.");
    expect(rejected[0]!.headers?.get("Retry-After")).toBe("2");
    // another mailbox is not affected
    await graphClient(em, LN).api("/me/contacts").top(1).get();
  });

  test("random 429/503 at errorRate (deterministic), also inside $batch where 429 carries Retry-After in its headers", async () => {
    em.setFaults({ errorRate: 1, errorStatuses: [503], randomSeed: 7 });
    expect((await graphError(() => graphClient(em).api("/me").get())).statusCode).toBe(503);
    em.setFaults({ errorRate: 0 });
    // two parallel unordered batches exceed the mailbox's 4 concurrent requests
    em.setFaults({ latencyMs: 30, retryAfterSeconds: 3 });
    const body = { requests: Array.from({ length: 8 }, (_, i) => ({ id: String(i), method: "GET", url: "/me/contacts?$top=1" })) };
    const [a, b] = (await Promise.all([graphClient(em).api("/$batch").post(body), graphClient(em).api("/$batch").post(body)])) as BatchResp[];
    const throttled = [...a!.responses, ...b!.responses].filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.headers["Retry-After"]).toBe("3");
    expect(throttled[0]!.body!.error!.code).toBe("ApplicationThrottled");
    // a single batch fans out at most 4 at a time: never throttled on its own
    em.resetStats();
    const solo = (await graphClient(em).api("/$batch").post(body)) as BatchResp;
    expect(solo.responses.every((r) => r.status === 200)).toBe(true);
    expect(em.stats().maxConcurrency).toBe(4);
    // errorRate inside batch
    em.setFaults({ latencyMs: 0, errorRate: 1, errorStatuses: [429] });
    const all429 = (await graphClient(em).api("/$batch").post(body)) as BatchResp;
    expect(all429.responses.every((r) => r.status === 429 && r.headers["Retry-After"] === "3")).toBe(true);
  });
});

describe("ids, unsupported requests, errors", () => {
  // concepts/outlook-immutable-id.md
  test('Prefer: IdType="ImmutableId" is accepted and echoed in Preference-Applied', async () => {
    const r = await em.handler(new Request("https://graph.microsoft.com/v1.0/me/contacts?$top=1", { headers: { Authorization: `Bearer dev:${ZW}`, Prefer: 'IdType="ImmutableId"' } }));
    expect(r.status).toBe(200);
    expect(r.headers.get("Preference-Applied")).toBe('IdType="ImmutableId"');
  });

  test("anything outside the subset → 501 NotImplemented naming it, in Graph's envelope", async () => {
    const c = graphClient(em);
    for (const p of ["/me/mailFolders", "/me/calendar", "/me/contacts?$search=%22wang%22", "/me/drive"]) {
      const e = await graphError(() => c.api(p).get());
      expect([e.statusCode, e.code]).toEqual([501, "NotImplemented"]);
    }
    const beta = await em.handler(new Request("https://graph.microsoft.com/beta/me", { headers: { Authorization: `Bearer dev:${ZW}` } }));
    expect(beta.status).toBe(400);
  });
});

describe("HTTP server and mount", () => {
  test("startServer serves 127.0.0.1/v1.0 with dev tokens and 401 without", async () => {
    const s = await startServer(0, { data: ":memory:", seed: "demo" });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
      const ok = await fetch(`${s.url}/me/contacts?$top=3&$select=displayName`, { headers: { Authorization: `Bearer dev:${ZW}` } });
      expect(((await ok.json()) as Coll<unknown>).value).toHaveLength(3);
      const no = await fetch(`${s.url}/me/contacts`);
      expect(no.status).toBe(401);
      const post = await fetch(`${s.url}/me/contacts`, { method: "POST", headers: { Authorization: `Bearer dev:${ZW}`, "Content-Type": "application/json" }, body: JSON.stringify({ givenName: "Http" }) });
      expect(post.status).toBe(201);
      const opt = await fetch(`${s.url}/me/contacts`, { method: "OPTIONS", headers: { Origin: "https://localhost:3000", "Access-Control-Request-Headers": "authorization" } });
      expect(opt.status).toBe(204);
      expect(opt.headers.get("access-control-allow-origin")).toBe("*");
    } finally {
      await s.close();
    }
  });

  test("mountEmulator on an express-style app (use(path, handler)) answers /v1.0 and passes other paths on", async () => {
    const stack: { path: string; h: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void }[] = [];
    const app = { use: (path: string, h: (typeof stack)[number]["h"]) => stack.push({ path, h }) };
    const mounted = mountEmulator(app, { data: ":memory:" });
    const server = http.createServer((req, res) => {
      const layer = stack.find((l) => req.url?.startsWith(l.path));
      if (!layer) { res.statusCode = 404; res.end("static"); return; }
      layer.h(req, res, () => { res.statusCode = 404; res.end("next"); });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await fetch(`http://127.0.0.1:${port}/v1.0/me`, { headers: { Authorization: `Bearer dev:${ZW}` } });
      expect(((await r.json()) as { userPrincipalName: string }).userPrincipalName).toBe(ZW);
      expect((await fetch(`http://127.0.0.1:${port}/index.html`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
      mounted.close();
    }
  });
});

describe("large mailboxes (speed is measured by `npm run bench`, not here: timed tests flake on a shared machine)", () => {
  test("10,000 contacts: a 1000-item page deep in the folder carries every expanded property", async () => {
    const e2 = createEmulator({ seed: "empty", now: NOW });
    try {
      const P = DEMO_FACTS.fieldProps;
      const docs = Array.from({ length: 10_000 }, (_, i) => ({
        givenName: `G${i}`, surname: "Load", emailAddresses: [{ address: `c${i}@example.com` }],
        singleValueExtendedProperties: [{ id: P.tier, value: "key" }, { id: P.owner, value: ZW }, { id: P.needsRecontact, value: "false" },
          { id: P.lastContacted, value: "2026-03-01T00:00:00Z" }, { id: P.nextContact, value: "2026-03-20T00:00:00Z" }],
        multiValueExtendedProperties: [{ id: P.products, value: ["PLC控制器"] }],
      }));
      e2.admin.insertContacts(ZW, docs);
      const c = graphClient(e2);
      const expand = enc(`singleValueExtendedProperties($filter=id eq '${P.tier}' or id eq '${P.owner}' or id eq '${P.needsRecontact}' or id eq '${P.lastContacted}' or id eq '${P.nextContact}'),multiValueExtendedProperties($filter=id eq '${P.products}')`);
      const page = (await c.api("/me/contacts").top(1000).skip(5000).expand(expand).get()) as Coll<{
        singleValueExtendedProperties: unknown[];
        multiValueExtendedProperties: unknown[];
      }>;
      expect(page.value).toHaveLength(1000);
      expect(page.value[0]!.singleValueExtendedProperties).toHaveLength(5);
      expect(page.value[999]!.multiValueExtendedProperties).toHaveLength(1);
    } finally {
      e2.close();
    }
  });
});
