/**
 * Contract test with a second, independent client (issue 12): Microsoft's Kiota-based Graph SDK for TypeScript
 * (@microsoft/msgraph-sdk, @microsoft/msgraph-sdk-users 1.0.0-preview.90; ESM only, so it runs in a child Node
 * process: test/kiota/driveEmulator.mjs) drives the emulator's real HTTP server on 127.0.0.1 through list, get,
 * $expand, create, update, delete, delta(), $batch, messages and To Do. The SDK's URL templates (e.g.
 * `…/contacts/delta()`, `/users/{user%2Did}`), serializers and typed parse nodes are the reference: a request the
 * emulator misroutes, or a response the SDK cannot read into its models, fails here.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { DEMO_FACTS } from "../emulator/index";
import { RunningServer, startServer } from "../emulator/server";

const ZW = DEMO_FACTS.defaultUser;
type Step = { ok: true; value: Record<string, unknown> & unknown[] } | { ok: false; status: number; code: string; message: string };
let srv: RunningServer;
let out: Record<string, Step>;

beforeAll(async () => {
  srv = await startServer(0, { now: new Date("2026-03-10T08:00:00Z") });
  const script = path.join(__dirname, "kiota", "driveEmulator.mjs");
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [script, srv.url, ZW], { timeout: 60_000, maxBuffer: 1 << 20 }, (err, so, se) => (err ? reject(new Error(`${err.message}\n${se}`)) : resolve(so))));
  out = JSON.parse(stdout) as Record<string, Step>;
}, 90_000);
afterAll(() => srv?.close());

const ok = (name: string): Record<string, unknown> => {
  const s = out[name]!;
  if (!s.ok) throw new Error(`${name} failed: ${s.status} ${s.code} ${s.message}`);
  return s.value as Record<string, unknown>;
};

test("users: GET /me (client.me → /users/{id} template) and /users with $top/$select; nextLink is a $skiptoken", () => {
  expect(ok("me")).toMatchObject({ userPrincipalName: ZW });
  const users = ok("users");
  expect(users.count).toBe(2);
  expect(users.keys).toEqual(["displayName", "id", "userPrincipalName"]);
  expect(users.nextLink).toMatch(/\$skiptoken=/);
});

test("contacts: list ($top/$select/$orderby), create with typed values and extended properties, get, $expand, update, delete", () => {
  const list = ok("list");
  expect(list.count).toBe(5);
  expect([...(list.names as string[])]).toEqual([...(list.names as string[])].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  expect(list.nextLink).toMatch(/\$skip=5/);
  const created = ok("create");
  // Edm.DateTimeOffset round-trips into a JS Date; complex and collection properties into the SDK's models.
  expect(created).toMatchObject({ displayName: "Kiota Client", birthday: "1990-05-01T00:00:00.000Z", email: "kiota.client@example.com", city: "Seattle", categories: ["VIP"] });
  expect(created.etag).toBe(`W/"${String(created.changeKey)}"`);
  expect(ok("get")).toMatchObject({ id: created.id, companyName: "Second Client Ltd" });
  expect(ok("expand")).toEqual({
    single: [["String {00020329-0000-0000-c000-000000000046} Name CustomerTier", "key"]],
    multi: [["StringArray {00020329-0000-0000-c000-000000000046} Name IntendedProducts", ["PLC", "Servo"]]],
  });
  const updated = ok("update");
  expect(updated.jobTitle).toBe("Buyer");
  expect(updated.changeKey).not.toBe(created.changeKey);
  expect(ok("getAfterUpdate")).toEqual({ jobTitle: "Buyer", tier: "regular" });
  expect(ok("delete")).toEqual({ after: 404, code: "ErrorItemNotFound" });
  // The SDK maps Graph's error envelope into its ODataError.
  expect(out.notFound).toMatchObject({ ok: false, status: 404, code: "ErrorItemNotFound" });
});

test("delta(): the SDK's function-call URL pages to a deltaLink that then returns only the new contact", () => {
  const d = ok("delta");
  expect(d.initial).toBe(DEMO_FACTS.customersPerSalesperson[ZW]! + 1); // + the contact created by the script before
  expect(d.hasDeltaLink).toBe(true);
  expect(d.changed).toEqual(["AfterDelta"]);
});

test("$batch through msgraph-sdk-core: reads return per-request statuses; a write without Content-Type is refused like Graph", () => {
  expect(ok("batch").statuses).toEqual({ me: 200, contacts: 200, missing: 404 });
  // The core drops sub-request headers; Graph answers 400 for the whole batch (msgraph-sdk-dotnet #1038, #2628).
  expect(out.batchWrite).toMatchObject({ ok: false, status: 400, code: "BadRequest", message: "Write request id : create does not contain Content-Type header or body." });
});

test("messages and To Do read into the SDK's models (recipients, dates, enums, linkedResources with @odata.type)", () => {
  expect(ok("messages")).toMatchObject({ count: 3, fromIsRecipient: true, received: true, to: expect.any(Number) });
  expect(ok("messages").thread as number).toBeGreaterThan(1);
  expect(ok("todo")).toEqual({
    defaultList: true, importance: "high", due: "2026-03-12T09:00:00", links: ["Customer Follow-up"], status: "completed", completed: true,
    hasAttachments: false, bodyLastModified: true, linkType: "#microsoft.graph.linkedResource",
  });
  expect(ok("categories")).toEqual(DEMO_FACTS.masterCategories);
  expect(srv.emulator.stats().requests).toBeGreaterThanOrEqual(25); // every step went over HTTP to this server
});
