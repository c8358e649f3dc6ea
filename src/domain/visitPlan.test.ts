import {
  addVisit,
  buildAgenda,
  calendarAction,
  cancelVisit,
  completeVisit,
  createVisit,
  EMPTY_VISIT_PLAN,
  hasOpenVisits,
  linkEvent,
  moveVisit,
  parseVisitPlan,
  prunePlan,
  serializeVisitPlan,
  toEventDateTime,
  visitEnd,
  visitEventContent,
  VisitError,
  visitToComplete,
  type PlannedVisit,
  type VisitInput,
  type VisitPlan,
} from "./visitPlan";
import type { Contact } from "./types";

const SH = "Asia/Shanghai";
const NY = "America/New_York";
// 2026-03-05 09:30 in Shanghai (01:30Z).
const NOW = new Date("2026-03-05T01:30:00Z");

const contact = (id: string, displayName: string, extra: Partial<Contact> = {}): Contact => ({ id, displayName, emailAddresses: [], categories: [], fields: {}, ...extra });

let seq = 0;
const plan = (input: Partial<VisitInput>, opts: { now?: Date; timeZone?: string } = {}): PlannedVisit =>
  createVisit({ date: "2026-03-05", time: "10:00", purpose: "collection", ...input }, { id: `v${++seq}`, now: opts.now ?? NOW, timeZone: opts.timeZone ?? SH, by: "zhang.wei@contoso.com" });

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof VisitError) return e.code;
    throw e;
  }
  return "no error";
};

describe("createVisit", () => {
  test("local day and time in Asia/Shanghai become the instant; a range keeps its end", () => {
    const v = plan({ time: "14:30", endTime: "16:00", area: " 浦东 ", note: "带合同", purpose: "order" });
    expect(v).toMatchObject({ start: "2026-03-05T06:30:00.000Z", end: "2026-03-05T08:00:00.000Z", area: "浦东", note: "带合同", purpose: "order", status: "planned", by: "zhang.wei@contoso.com" });
    expect(visitEnd(plan({ time: "09:00" }))).toBe("2026-03-05T02:00:00.000Z");
  });

  test("across a DST change (New York, 2026-03-08): 09:00 the day after is 13:00Z, the day before 14:00Z", () => {
    const now = new Date("2026-03-06T15:00:00Z");
    expect(plan({ date: "2026-03-07", time: "09:00" }, { now, timeZone: NY }).start).toBe("2026-03-07T14:00:00.000Z");
    expect(plan({ date: "2026-03-09", time: "09:00" }, { now, timeZone: NY }).start).toBe("2026-03-09T13:00:00.000Z");
    // 01:30 → 03:30 on the change night is a two-hour wall-clock range but one real hour.
    const night = plan({ date: "2026-03-08", time: "01:30", endTime: "03:30" }, { now, timeZone: NY });
    expect((Date.parse(night.end!) - Date.parse(night.start)) / 60_000).toBe(60);
  });

  test("bad input gets a clear code and builds nothing", () => {
    expect(code(() => plan({ date: "2026-02-30" }))).toBe("invalidDate");
    expect(code(() => plan({ date: "05/03/2026" }))).toBe("invalidDate");
    expect(code(() => plan({ time: "25:00" }))).toBe("invalidTime");
    expect(code(() => plan({ time: "9:00" }))).toBe("invalidTime");
    expect(code(() => plan({ time: "10:00", endTime: "09:00" }))).toBe("endBeforeStart");
    expect(code(() => plan({ time: "10:00", endTime: "10:00" }))).toBe("endBeforeStart");
    expect(code(() => plan({ time: "06:00", endTime: "23:00" }))).toBe("tooLong");
    expect(code(() => plan({ date: "2026-03-04" }))).toBe("past");
    expect(code(() => plan({ date: "2027-03-07" }))).toBe("tooFar");
    expect(code(() => plan({ purpose: "lunch" }))).toBe("invalidPurpose");
    expect(code(() => plan({ area: "x".repeat(101) }))).toBe("areaTooLong");
    expect(code(() => plan({ note: "x".repeat(201) }))).toBe("noteTooLong");
  });

  test("today's plan may be written after a visit's time (entered late), the day is what counts", () => {
    expect(plan({ time: "08:00" }).start).toBe("2026-03-05T00:00:00.000Z");
  });

  test("control characters are dropped from area and note", () => {
    expect(plan({ area: "浦\u0007东", note: "a\u0000b" })).toMatchObject({ area: "浦东", note: "ab" });
  });
});

describe("plan changes", () => {
  test("add is idempotent by id; move keeps the visit and changes its times; cancel and complete close it", () => {
    const v = plan({ time: "10:00" });
    let p = addVisit(EMPTY_VISIT_PLAN, v, NOW);
    expect(addVisit(p, v, NOW)).toBe(p);
    p = moveVisit(p, v.id, { date: "2026-03-06", time: "15:00", endTime: "15:30" }, { now: NOW, timeZone: SH });
    expect(p.visits[0]).toMatchObject({ id: v.id, start: "2026-03-06T07:00:00.000Z", end: "2026-03-06T07:30:00.000Z", status: "planned" });
    // Moving to a time without range drops the old end.
    p = moveVisit(p, v.id, { date: "2026-03-06", time: "16:00" }, { now: NOW, timeZone: SH });
    expect(p.visits[0]!.end).toBeUndefined();
    const done = completeVisit(p, v.id, { entryId: "e1", at: "2026-03-06T08:10:00.000Z" });
    expect(done.visits[0]).toMatchObject({ status: "done", entryId: "e1", doneAt: "2026-03-06T08:10:00.000Z" });
    expect(completeVisit(done, v.id, { entryId: "e2", at: "2026-03-06T09:00:00.000Z" }).visits[0]!.entryId).toBe("e1");
    expect(code(() => moveVisit(done, v.id, { date: "2026-03-07", time: "10:00" }, { now: NOW, timeZone: SH }))).toBe("closed");
    expect(code(() => cancelVisit(done, v.id, NOW))).toBe("closed");
    const cancelled = cancelVisit(p, v.id, NOW);
    expect(cancelled.visits[0]).toMatchObject({ status: "cancelled", cancelledAt: NOW.toISOString() });
    expect(code(() => completeVisit(cancelled, v.id, { entryId: "e", at: NOW.toISOString() }))).toBe("closed");
    expect(code(() => cancelVisit(p, "nope", NOW))).toBe("notFound");
  });

  test("a move to a past day is refused", () => {
    const v = plan({});
    const p = addVisit(EMPTY_VISIT_PLAN, v, NOW);
    expect(code(() => moveVisit(p, v.id, { date: "2026-03-01", time: "10:00" }, { now: NOW, timeZone: SH }))).toBe("past");
  });

  test("pruning: closed visits go after 7 days, missed ones after 30, a cancelled one whose event is still to delete stays", () => {
    const mk = (id: string, start: string, status: PlannedVisit["status"], event?: boolean): PlannedVisit => ({
      id, start, purpose: "other", area: "", note: "", status, plannedAt: start, by: "a@b.c", ...(event ? { event: { id: "ev", start, end: start } } : {}),
    });
    const p: VisitPlan = {
      v: 1,
      visits: [
        mk("done-6d", "2026-02-27T02:00:00Z", "done"),
        mk("done-8d", "2026-02-25T02:00:00Z", "done"),
        mk("missed-29d", "2026-02-04T02:00:00Z", "planned"),
        mk("missed-31d", "2026-02-02T02:00:00Z", "planned"),
        mk("cancelled-8d-event", "2026-02-25T02:00:00Z", "cancelled", true),
        mk("cancelled-8d", "2026-02-25T02:00:00Z", "cancelled"),
      ],
    };
    expect(prunePlan(p, NOW).visits.map((v) => v.id)).toEqual(["done-6d", "missed-29d", "cancelled-8d-event"]);
  });

  test("a plan that cannot fit one property is refused (planFull), nothing is dropped to make room", () => {
    let p = EMPTY_VISIT_PLAN;
    let full = false;
    for (let i = 0; i < 200 && !full; i++) {
      const v = plan({ date: "2026-03-20", note: "x".repeat(200), area: "y".repeat(100) });
      try {
        p = addVisit(p, v, NOW);
      } catch (e) {
        expect((e as VisitError).code).toBe("planFull");
        full = true;
      }
    }
    expect(full).toBe(true);
    expect(serializeVisitPlan(p).length).toBeLessThanOrEqual(16_000);
    expect(p.visits.length).toBeGreaterThan(30);
  });

  test("hasOpenVisits: planned, or cancelled with an event still on the calendar", () => {
    const v = plan({});
    const p = addVisit(EMPTY_VISIT_PLAN, v, NOW);
    expect(hasOpenVisits(p)).toBe(true);
    expect(hasOpenVisits(completeVisit(p, v.id, { entryId: "e", at: NOW.toISOString() }))).toBe(false);
    const withEvent = linkEvent(p, v.id, { id: "ev1", start: v.start, end: visitEnd(v) });
    expect(hasOpenVisits(cancelVisit(withEvent, v.id, NOW))).toBe(true);
    expect(hasOpenVisits(linkEvent(cancelVisit(withEvent, v.id, NOW), v.id, undefined))).toBe(false);
  });
});

describe("parse", () => {
  test("round trip keeps unknown keys; broken visits and broken JSON read as empty", () => {
    const v = { ...plan({}), futureKey: 1 };
    const json = serializeVisitPlan({ v: 1, visits: [v, { id: 3 } as unknown as PlannedVisit], extra: "kept" });
    const back = parseVisitPlan(json);
    expect(back.visits).toHaveLength(1);
    expect(back.visits[0]!.futureKey).toBe(1);
    expect(back.extra).toBe("kept");
    expect(parseVisitPlan("{nope").visits).toEqual([]);
    expect(parseVisitPlan("[]").visits).toEqual([]);
    expect(parseVisitPlan(null).visits).toEqual([]);
  });
});

describe("visitToComplete", () => {
  test("the planned visit of the entry's local day closest to its time; none on other days", () => {
    const a = plan({ time: "09:00" });
    const b = plan({ time: "15:00" });
    const other = plan({ date: "2026-03-06", time: "10:00" });
    const p = [a, b, other].reduce((acc, v) => addVisit(acc, v, NOW), EMPTY_VISIT_PLAN);
    expect(visitToComplete(p, "2026-03-05T06:00:00Z", SH)?.id).toBe(b.id); // 14:00 local
    expect(visitToComplete(p, "2026-03-05T02:00:00Z", SH)?.id).toBe(a.id); // 10:00 local
    // 2026-03-05T17:00Z is already 01:00 on the 6th in Shanghai.
    expect(visitToComplete(p, "2026-03-05T17:00:00Z", SH)?.id).toBe(other.id);
    expect(visitToComplete(p, "2026-03-07T02:00:00Z", SH)).toBeUndefined();
  });
});

describe("buildAgenda", () => {
  test("one day's visits across customers in time order, then by name; cancelled ones left out; local times", () => {
    const wang = contact("c1", "王芳");
    const li = contact("c2", "李强");
    const zhao = contact("c3", "赵敏");
    const plans = new Map<string, VisitPlan>([
      ["c1", { v: 1, visits: [plan({ time: "15:00", endTime: "16:30" }), plan({ date: "2026-03-06", time: "08:00" })] }],
      ["c2", { v: 1, visits: [plan({ time: "09:00" }), cancelVisit({ v: 1, visits: [plan({ time: "08:00", purpose: "service" })] }, `v${seq}`, NOW).visits[0]!] }],
      ["c3", { v: 1, visits: [plan({ time: "15:00" })] }],
      ["gone", { v: 1, visits: [plan({ time: "11:00" })] }],
    ]);
    const day = buildAgenda([wang, li, zhao], plans, { day: "2026-03-05", timeZone: SH });
    expect(day.map((x) => [x.time, x.endTime ?? "", x.contact.displayName])).toEqual([
      ["09:00", "", "李强"],
      ["15:00", "16:30", "王芳"],
      ["15:00", "", "赵敏"],
    ]);
    expect(buildAgenda([wang, li, zhao], plans, { day: "2026-03-06", timeZone: SH }).map((x) => x.time)).toEqual(["08:00"]);
  });

  test("in a DST zone the day's boundaries follow local midnight", () => {
    const now = new Date("2026-03-07T15:00:00Z");
    const p: VisitPlan = { v: 1, visits: [plan({ date: "2026-03-08", time: "00:30" }, { now, timeZone: NY }), plan({ date: "2026-03-08", time: "23:30" }, { now, timeZone: NY })] };
    const day = buildAgenda([contact("c", "A")], new Map([["c", p]]), { day: "2026-03-08", timeZone: NY });
    expect(day.map((x) => x.time)).toEqual(["00:30", "23:30"]);
  });
});

describe("calendar event", () => {
  test("dateTimeTimeZone: Windows zone name and wall time; a zone not in the table goes in UTC", () => {
    expect(toEventDateTime("2026-03-05T06:30:00.000Z", SH)).toEqual({ dateTime: "2026-03-05T14:30:00", timeZone: "China Standard Time" });
    expect(toEventDateTime("2026-03-09T13:00:00.000Z", NY)).toEqual({ dateTime: "2026-03-09T09:00:00", timeZone: "Eastern Standard Time" });
    expect(toEventDateTime("2026-03-07T14:00:00.000Z", NY)).toEqual({ dateTime: "2026-03-07T09:00:00", timeZone: "Eastern Standard Time" });
    expect(toEventDateTime("2026-03-05T06:30:00.000Z", "Asia/Kathmandu")).toEqual({ dateTime: "2026-03-05T06:30:00", timeZone: "UTC" });
  });

  test("content: subject with customer and purpose, location = area, 30-minute reminder, category, no attendees", () => {
    const v = plan({ time: "14:30", area: "浦东", note: "带合同", purpose: "collection" });
    const c = contact("c1", "王芳", { companyName: "华东贸易" });
    const zh = visitEventContent(v, c, { locale: "zh-CN", timeZone: SH });
    expect(zh).toMatchObject({
      subject: "拜访 王芳（收款）",
      location: { displayName: "浦东" },
      isReminderOn: true,
      reminderMinutesBeforeStart: 30,
      categories: ["客户拜访"],
      start: { dateTime: "2026-03-05T14:30:00", timeZone: "China Standard Time" },
      end: { dateTime: "2026-03-05T15:30:00", timeZone: "China Standard Time" },
    });
    expect(zh.body.content).toContain("单位: 华东贸易");
    expect(zh).not.toHaveProperty("attendees");
    expect(visitEventContent(v, c, { locale: "en-US", timeZone: SH }).subject).toBe("Visit 王芳 (Collection)");
  });

  test("calendarAction follows the plan: create, move when the times differ, delete when cancelled, nothing for past or done", () => {
    const v = plan({ time: "14:30" });
    expect(calendarAction(v, NOW)).toBe("create");
    const linked = { ...v, event: { id: "e", start: v.start, end: visitEnd(v) } };
    expect(calendarAction(linked, NOW)).toBe("none");
    expect(calendarAction({ ...linked, start: "2026-03-05T07:00:00.000Z" }, NOW)).toBe("move");
    expect(calendarAction({ ...linked, status: "cancelled" }, NOW)).toBe("delete");
    expect(calendarAction({ ...v, status: "cancelled" }, NOW)).toBe("none");
    expect(calendarAction({ ...linked, status: "done" }, NOW)).toBe("none");
    expect(calendarAction(v, new Date("2026-03-05T09:00:00Z"))).toBe("none");
  });
});
