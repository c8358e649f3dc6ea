import { DEFAULT_CADENCE, flagForFollowUp, followUpInfo, followUpTaskSchedule, followUpTaskTarget, markContacted, touchesFollowUp } from "./followUp";
import { DEFAULT_SCHEMA } from "./schema";

const now = new Date("2026-11-26T02:00:00.000Z"); // 10:00 Shanghai on the 26th; 18:00 LA on the 25th

describe("markContacted", () => {
  it.each([
    ["key", "2026-12-03T02:00:00.000Z"],
    ["regular", "2026-12-26T02:00:00.000Z"],
    ["potential", "2026-12-10T02:00:00.000Z"],
    [null, "2026-12-10T02:00:00.000Z"],
  ])("records now, clears the flag and schedules by tier %s", (tier, next) => {
    expect(markContacted({ CustomerTier: tier, NeedsRecontact: true }, DEFAULT_SCHEMA, now)).toEqual([
      { op: "set", field: "LastContacted", value: "2026-11-26T02:00:00.000Z" },
      { op: "set", field: "NeedsRecontact", value: false },
      { op: "set", field: "NextContact", value: next },
    ]);
  });
  it("uses a configured cadence", () => {
    const ops = markContacted({ CustomerTier: "key" }, DEFAULT_SCHEMA, now, { ...DEFAULT_CADENCE, byTier: { ...DEFAULT_CADENCE.byTier, key: 3 } });
    expect(ops[2]).toEqual({ op: "set", field: "NextContact", value: "2026-11-29T02:00:00.000Z" });
  });
  it("flags for follow-up with or without a date", () => {
    expect(flagForFollowUp(DEFAULT_SCHEMA, null)).toEqual([
      { op: "set", field: "NeedsRecontact", value: true },
      { op: "clear", field: "NextContact" },
    ]);
  });
});

describe("followUpInfo: 'today' is the user's calendar day", () => {
  const due = (iso: string | null, tz: string, flag = false) => followUpInfo({ NextContact: iso, NeedsRecontact: flag }, DEFAULT_SCHEMA, now, tz);
  it("16:30Z on the 25th is due today in both zones, on different calendar dates (Shanghai 26th 00:30, LA 25th 08:30)", () => {
    expect(due("2026-11-25T16:30:00.000Z", "Asia/Shanghai")).toEqual({ status: "dueToday", dueDate: "2026-11-26", daysOverdue: 0 });
    expect(due("2026-11-25T16:30:00.000Z", "America/Los_Angeles")).toEqual({ status: "dueToday", dueDate: "2026-11-25", daysOverdue: 0 });
  });
  it("one minute before local midnight is yesterday → overdue by one day", () => {
    expect(due("2026-11-25T15:59:00.000Z", "Asia/Shanghai")).toEqual({ status: "overdue", dueDate: "2026-11-25", daysOverdue: 1 });
  });
  it("tomorrow in Los Angeles is upcoming there while it is already today in Shanghai", () => {
    expect(due("2026-11-26T09:00:00.000Z", "America/Los_Angeles").status).toBe("upcoming");
    expect(due("2026-11-26T09:00:00.000Z", "Asia/Shanghai").status).toBe("dueToday");
  });
  it("a flag without a date counts as flaggedNoDate; nothing at all is none", () => {
    expect(due(null, "Asia/Shanghai", true)).toEqual({ status: "flaggedNoDate" });
    expect(due(null, "Asia/Shanghai", false)).toEqual({ status: "none" });
    expect(due("garbage", "Asia/Shanghai", false)).toEqual({ status: "none" });
  });
});

describe("cadence and due dates: more boundaries (issue 6)", () => {
  const next = (fields: Record<string, string | boolean | null>, cadence = DEFAULT_CADENCE) =>
    markContacted(fields, DEFAULT_SCHEMA, now, cadence).find((o) => o.field === "NextContact");
  it("an unknown tier and a nonsensical configured cadence (0, negative, NaN) fall back to the fallback days", () => {
    expect(next({ CustomerTier: "vip" })).toEqual({ op: "set", field: "NextContact", value: "2026-12-10T02:00:00.000Z" });
    for (const bad of [0, -3, Number.NaN]) {
      expect(next({ CustomerTier: "key" }, { byTier: { key: bad }, fallbackDays: 5 })).toEqual({ op: "set", field: "NextContact", value: "2026-12-01T02:00:00.000Z" });
    }
  });
  it("7 days after a contact lands on the calendar day 7 days later in the user's zone, across a DST change", () => {
    // Contacted 18:00 PST on Saturday 7 March (02:00Z on the 8th); the clocks go forward that night.
    const contacted = new Date("2026-03-08T02:00:00.000Z");
    const ops = markContacted({ CustomerTier: "key" }, DEFAULT_SCHEMA, contacted);
    const due = ops.find((o) => o.field === "NextContact") as { value: string };
    // 19:00 PDT on 14 March: due on the 14th in Los Angeles (same day as 7 calendar days later).
    expect(followUpInfo({ NextContact: due.value }, DEFAULT_SCHEMA, new Date("2026-03-14T20:00:00.000Z"), "America/Los_Angeles")).toMatchObject({ status: "dueToday", dueDate: "2026-03-14" });
  });
  it("a due date wins over the flag: flagged and dated in the future is upcoming, not flaggedNoDate", () => {
    expect(followUpInfo({ NeedsRecontact: true, NextContact: "2026-12-01T00:00:00.000Z" }, DEFAULT_SCHEMA, now, "Asia/Shanghai").status).toBe("upcoming");
  });
});

describe("followUpTaskSchedule (issue 10 item 13)", () => {
  it("is due on the local day of the next contact and rings at 09:00 the user's time", () => {
    // 00:00 on 5 March in Shanghai (16:00Z on the 4th): due the 5th, reminder 09:00 Shanghai = 01:00Z.
    expect(followUpTaskSchedule("2026-03-04T16:00:00.000Z", "Asia/Shanghai")).toEqual({ dueDay: "2026-03-05", reminderAt: "2026-03-05T01:00:00.000Z" });
    // The same instant in Los Angeles is the 4th (08:00 PST): reminder 09:00 PST = 17:00Z.
    expect(followUpTaskSchedule("2026-03-04T16:00:00.000Z", "America/Los_Angeles")).toEqual({ dueDay: "2026-03-04", reminderAt: "2026-03-04T17:00:00.000Z" });
  });
  it("keeps 09:00 on a daylight-saving day (US spring forward, 8 March 2026: 09:00 PDT = 16:00Z)", () => {
    expect(followUpTaskSchedule("2026-03-08T20:00:00.000Z", "America/Los_Angeles").reminderAt).toBe("2026-03-08T16:00:00.000Z");
  });
});

describe("followUpTaskTarget / touchesFollowUp (issue 10 item 13: the task follows the contact)", () => {
  const s = DEFAULT_SCHEMA;
  test("a next-contact date → due on it; no date but still to call → undated; no date, ticked off → done", () => {
    expect(followUpTaskTarget({ NextContact: "2026-12-20T01:00:00.000Z", NeedsRecontact: false }, s)).toEqual({ kind: "due", due: "2026-12-20T01:00:00.000Z" });
    expect(followUpTaskTarget({ NextContact: null, NeedsRecontact: true }, s)).toEqual({ kind: "undated" });
    expect(followUpTaskTarget({ NeedsRecontact: false }, s)).toEqual({ kind: "done" });
    expect(followUpTaskTarget({}, s)).toEqual({ kind: "done" });
    expect(followUpTaskTarget({ NextContact: "not a date", NeedsRecontact: true }, s)).toEqual({ kind: "undated" });
    // A folder whose schema has neither role says nothing about the task: it is left without a date, never completed.
    expect(followUpTaskTarget({}, { version: 1, fields: [] })).toEqual({ kind: "undated" });
  });
  test("only ops on the next-contact date or needs re-contact touch the task", () => {
    expect(touchesFollowUp([{ op: "set", field: "CustomerTier", value: "key" }], s)).toBe(false);
    expect(touchesFollowUp([{ op: "clear", field: "NextContact" }], s)).toBe(true);
    expect(touchesFollowUp([{ op: "set", field: "CustomerTier", value: "key" }, { op: "set", field: "NeedsRecontact", value: false }], s)).toBe(true);
    expect(touchesFollowUp([{ op: "set", field: "NextContact", value: null }], { version: 1, fields: [] })).toBe(false);
  });
});
