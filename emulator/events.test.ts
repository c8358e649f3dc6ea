/**
 * Contract tests for calendar events (events.ts). Each cites the doc page of microsoftgraph/microsoft-graph-docs-contrib
 * it checks.
 */
import { createEmulator, type Emulator } from "./index";
import { enc, graphClient, graphError } from "./testkit";

const VISIT_ID = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name VisitId";
const ME = "zhang.wei@contoso.com";

let em: Emulator;
beforeEach(() => {
  em = createEmulator({ seed: "empty", now: new Date("2026-03-05T01:00:00Z") });
});
afterEach(() => em.close());

const visit = (over: Record<string, unknown> = {}) => ({
  subject: "拜访 王芳（收款）",
  body: { contentType: "text", content: "单位: 华东贸易" },
  start: { dateTime: "2026-03-05T14:30:00", timeZone: "China Standard Time" },
  end: { dateTime: "2026-03-05T15:30:00", timeZone: "China Standard Time" },
  location: { displayName: "浦东" },
  isReminderOn: true,
  reminderMinutesBeforeStart: 30,
  categories: ["客户拜访"],
  showAs: "busy",
  singleValueExtendedProperties: [{ id: VISIT_ID, value: "visit-1" }],
  ...over,
});

type Ev = Record<string, unknown> & { id: string; start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } };
const list = async (): Promise<Ev[]> => ((await graphClient(em).api("/me/events?$top=1000").get()) as { value: Ev[] }).value;

describe("POST /me/events (api/user-post-events.md)", () => {
  test("201 with the event: start/end in UTC by default (resources/event.md), the original zone kept, location mirrored in locations, no extended properties echoed", async () => {
    const e = (await graphClient(em).api("/me/events").post(visit())) as Ev;
    expect(e["@odata.context"]).toMatch(/\$metadata#users\('zhang\.wei%40contoso\.com'\)\/events\/\$entity$/);
    expect(e.start).toEqual({ dateTime: "2026-03-05T06:30:00.0000000", timeZone: "UTC" });
    expect(e.end).toEqual({ dateTime: "2026-03-05T07:30:00.0000000", timeZone: "UTC" });
    expect(e).toMatchObject({
      subject: "拜访 王芳（收款）",
      originalStartTimeZone: "China Standard Time",
      isReminderOn: true,
      reminderMinutesBeforeStart: 30,
      categories: ["客户拜访"],
      showAs: "busy",
      type: "singleInstance",
      isOrganizer: true,
      location: { displayName: "浦东", uniqueId: "浦东", uniqueIdType: "private" },
      locations: [{ displayName: "浦东" }],
      organizer: { emailAddress: { address: ME } },
    });
    expect(e["@odata.etag"]).toMatch(/^W\/"/);
    expect(e).not.toHaveProperty("singleValueExtendedProperties");
  });

  test("Prefer: outlook.timezone gives start/end in that zone (user-post-events.md example 1; event-get.md)", async () => {
    const e = (await graphClient(em).api("/me/events").header("Prefer", 'outlook.timezone="China Standard Time"').post(visit())) as Ev;
    expect(e.start).toEqual({ dateTime: "2026-03-05T14:30:00.0000000", timeZone: "China Standard Time" });
  });

  test("an IANA name the docs list is accepted (datetimetimezone.md); across a DST change the instant follows the zone", async () => {
    const e = (await graphClient(em).api("/me/events").post(visit({ start: { dateTime: "2026-03-09T09:00:00", timeZone: "America/New_York" }, end: { dateTime: "2026-03-09T10:00:00", timeZone: "Eastern Standard Time" } }))) as Ev;
    expect(e.start.dateTime).toBe("2026-03-09T13:00:00.0000000");
    expect(e.end.dateTime).toBe("2026-03-09T14:00:00.0000000");
  });

  test("bad bodies are refused and nothing is written", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      // microsoft-graph-docs #4758 (Graph's answer quoted there).
      [{ start: { dateTime: "2026-03-05T14:30:00", timeZone: "Mars Standard Time" } }, 400, "TimeZoneNotSupportedException"],
      // Not in datetimetimezone.md's IANA list.
      [{ start: { dateTime: "2026-03-05T14:30:00", timeZone: "Europe/Amsterdam" } }, 400, "TimeZoneNotSupportedException"],
      [{ start: { dateTime: "05/03/2026 14:30", timeZone: "UTC" } }, 400, "RequestBodyRead"],
      [{ start: { dateTime: "2026-02-30T14:30:00", timeZone: "UTC" } }, 400, "RequestBodyRead"],
      [{ end: { dateTime: "2026-03-05T13:00:00", timeZone: "China Standard Time" } }, 400, "ErrorPropertyValidationFailure"],
      [{ end: undefined }, 400, "ErrorInvalidRequest"],
      [{ showAs: "away" }, 400, "RequestBodyRead"],
      [{ reminderMinutesBeforeStart: "30" }, 400, "RequestBodyRead"],
      [{ isReminderOn: null }, 400, "RequestBodyRead"],
      [{ colour: "red" }, 400, "RequestBodyRead"],
      [{ location: { displayName: "x", floor: 3 } }, 400, "RequestBodyRead"],
      [{ singleValueExtendedProperties: [{ id: "String NotAnId", value: "x" }] }, 400, "ErrorInvalidExtendedProperty"],
      [{ recurrence: { pattern: { type: "daily", interval: 1 } } }, 501, "NotImplemented"],
    ];
    for (const [over, status, code] of cases) {
      const e = await graphError(() => graphClient(em).api("/me/events").post(visit(over)));
      expect([JSON.stringify(over), e.statusCode, e.code]).toEqual([JSON.stringify(over), status, code]);
    }
    expect(await list()).toEqual([]);
  });

  test("/me/calendar/events is the same collection; another user's calendar is not reachable without sharing (403)", async () => {
    await graphClient(em).api("/me/calendar/events").post(visit());
    expect(await list()).toHaveLength(1);
    expect(((await graphClient(em).api(`/users/${ME}/events`).get()) as { value: unknown[] }).value).toHaveLength(1);
    const e = await graphError(() => graphClient(em).api("/users/li.na@contoso.com/events").get());
    expect([e.statusCode, e.code]).toEqual([403, "ErrorAccessDenied"]);
    const w = await graphError(() => graphClient(em, "li.na@contoso.com").api(`/users/${ME}/events`).post(visit()));
    expect(w.statusCode).toBe(403);
  });
});

describe("extended properties on events (singlevaluelegacyextendedproperty-get.md, -post-singlevalueextendedproperties.md)", () => {
  test("$expand with $filter=id eq returns the value; without the filter → 400", async () => {
    const { id } = (await graphClient(em).api("/me/events").post(visit())) as Ev;
    const got = (await graphClient(em).api(`/me/events/${id}?$expand=${enc(`singleValueExtendedProperties($filter=id eq '${VISIT_ID}')`)}`).get()) as Record<string, unknown>;
    expect(got.singleValueExtendedProperties).toEqual([{ id: VISIT_ID, value: "visit-1" }]);
    expect(got["singleValueExtendedProperties@odata.context"]).toMatch(/events\('.+'\)\/singleValueExtendedProperties$/);
    const e = await graphError(() => graphClient(em).api(`/me/events/${id}?$expand=singleValueExtendedProperties`).get());
    expect(e.statusCode).toBe(400);
  });

  test("$filter=singleValueExtendedProperties/Any(ep: ep/id eq … and ep/value eq …) finds the event (case-insensitive value); other filters → 501", async () => {
    await graphClient(em).api("/me/events").post(visit());
    const { id: other } = (await graphClient(em).api("/me/events").post(visit({ singleValueExtendedProperties: [{ id: VISIT_ID, value: "visit-2" }] }))) as Ev;
    const f = (v: string) => enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${VISIT_ID}' and ep/value eq '${v}')`);
    const found = (await graphClient(em).api(`/me/events?$filter=${f("VISIT-2")}&$select=id,subject`).get()) as { value: Ev[] };
    expect(found.value.map((e) => e.id)).toEqual([other]);
    expect(((await graphClient(em).api(`/me/events?$filter=${f("nope")}`).get()) as { value: unknown[] }).value).toEqual([]);
    expect((await graphError(() => graphClient(em).api(`/me/events?$filter=${enc("subject eq 'x'")}`).get())).statusCode).toBe(501);
    expect((await graphError(() => graphClient(em).api(`/me/events?$orderby=start/dateTime`).get())).statusCode).toBe(501);
    expect((await graphError(() => graphClient(em).api(`/me/events?$select=nope`).get())).statusCode).toBe(400);
  });
});

describe("PATCH and DELETE (api/event-update.md, api/event-delete.md)", () => {
  test("PATCH moves the event and keeps what was not sent; the etag changes and a stale If-Match → 412", async () => {
    const created = (await graphClient(em).api("/me/events").post(visit())) as Ev;
    const moved = (await graphClient(em)
      .api(`/me/events/${created.id}`)
      .header("If-Match", String(created["@odata.etag"]))
      .patch({ start: { dateTime: "2026-03-06T09:00:00", timeZone: "China Standard Time" }, end: { dateTime: "2026-03-06T10:00:00", timeZone: "China Standard Time" } })) as Ev;
    expect(moved.start.dateTime).toBe("2026-03-06T01:00:00.0000000");
    expect(moved).toMatchObject({ subject: "拜访 王芳（收款）", location: { displayName: "浦东" }, reminderMinutesBeforeStart: 30 });
    expect(moved["@odata.etag"]).not.toBe(created["@odata.etag"]);
    const stale = await graphError(() => graphClient(em).api(`/me/events/${created.id}`).header("If-Match", String(created["@odata.etag"])).patch({ subject: "x" }));
    expect([stale.statusCode, stale.code]).toEqual([412, "ErrorIrresolvableConflict"]);
    // A start moved after the end is refused and changes nothing.
    const bad = await graphError(() => graphClient(em).api(`/me/events/${created.id}`).patch({ start: { dateTime: "2026-03-06T11:00:00", timeZone: "China Standard Time" } }));
    expect(bad.statusCode).toBe(400);
    expect(((await graphClient(em).api(`/me/events/${created.id}`).get()) as Ev).start.dateTime).toBe("2026-03-06T01:00:00.0000000");
  });

  test("DELETE → 204, then the event and its properties are gone (404 ErrorItemNotFound, also for a second DELETE)", async () => {
    const { id } = (await graphClient(em).api("/me/events").post(visit())) as Ev;
    expect(await graphClient(em).api(`/me/events/${id}`).delete()).toBeFalsy();
    expect((await graphError(() => graphClient(em).api(`/me/events/${id}`).get())).code).toBe("ErrorItemNotFound");
    expect((await graphError(() => graphClient(em).api(`/me/events/${id}`).delete())).statusCode).toBe(404);
    const f = enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${VISIT_ID}' and ep/value eq 'visit-1')`);
    expect(((await graphClient(em).api(`/me/events?$filter=${f}`).get()) as { value: unknown[] }).value).toEqual([]);
  });
});

describe("batching and the lost-answer fault", () => {
  test("events in $batch (json-batching.md); with lostResponse the POST is committed and answered 504 (README test-only fault)", async () => {
    const r = (await graphClient(em).api("/$batch").post({ requests: [{ id: "1", method: "POST", url: "/me/events", headers: { "Content-Type": "application/json" }, body: visit() }] })) as { responses: { status: number }[] };
    expect(r.responses[0]!.status).toBe(201);
    em.setFaults({ lostResponseRate: 1 });
    const e = await graphError(() => graphClient(em).api("/me/events").post(visit({ singleValueExtendedProperties: [{ id: VISIT_ID, value: "visit-2" }] })));
    expect([e.statusCode, e.code]).toEqual([504, "GatewayTimeout"]);
    em.setFaults({ lostResponseRate: 0 });
    expect(await list()).toHaveLength(2);
  });
});
