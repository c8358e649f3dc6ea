/**
 * The test-only "answer lost after commit" fault (README "Test-only fault"): the request runs, then 504.
 */
import { createEmulator, type Emulator } from "./index";
import { graphClient, graphError } from "./testkit";

let em: Emulator;
beforeEach(() => { em = createEmulator({ seed: "empty" }); });
afterEach(() => em.close());

const count = async (): Promise<number> =>
  ((await graphClient(em).api("/me/contacts?$top=1000&$select=id").get()) as { value: unknown[] }).value.length;

test("off by default: a POST is answered 201", async () => {
  await graphClient(em).api("/me/contacts").post({ givenName: "A" });
  expect(await count()).toBe(1);
});

test("per request: the contact is created although the answer is 504 GatewayTimeout; GETs are untouched", async () => {
  em.setFaults({ lostResponseRate: 1 });
  const e = await graphError(() => graphClient(em).api("/me/contacts").post({ givenName: "A" }));
  expect([e.statusCode, e.code]).toEqual([504, "GatewayTimeout"]);
  expect(await count()).toBe(1);
  const r = (await graphClient(em).api("/$batch").post({ requests: [{ id: "1", method: "POST", url: "/me/contacts", headers: { "Content-Type": "application/json" }, body: { givenName: "B" } }] })) as { responses: { status: number }[] };
  expect(r.responses[0]!.status).toBe(504);
  expect(await count()).toBe(2);
});

test("per batch: every request of the $batch ran, the envelope is 504", async () => {
  em.setFaults({ lostResponseRate: 1, lostResponseScope: "batch" });
  const post = (id: string) => ({ id, method: "POST", url: "/me/contacts", headers: { "Content-Type": "application/json" }, body: { givenName: id } });
  const e = await graphError(() => graphClient(em).api("/$batch").post({ requests: [post("1"), post("2")] }));
  expect(e.statusCode).toBe(504);
  expect(await count()).toBe(2);
  // A batch of reads only is answered normally.
  const r = (await graphClient(em).api("/$batch").post({ requests: [{ id: "1", method: "GET", url: "/me" }] })) as { responses: { status: number }[] };
  expect(r.responses[0]!.status).toBe(200);
});
