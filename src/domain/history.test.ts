import {
  appendEntry,
  complaints,
  createEntry,
  EntryError,
  entriesBetween,
  isBackdated,
  lastContactedAt,
  MAX_BACKDATE_DAYS,
  openComplaints,
  parseHistory,
  serializeHistory,
  sortedEntries,
  appendEvent,
  type HistoryLog,
} from "./history";

const NOW = new Date("2026-03-02T09:00:00Z");
const me = "zhang.wei@contoso.com";
let n = 0;
const entry = (over: Partial<Parameters<typeof createEntry>[0]> = {}, log?: HistoryLog, now = NOW) =>
  createEntry({ at: now.toISOString(), channel: "call", purpose: "service", outcome: "ok", ...over }, { id: `e${++n}`, now, by: me, byName: "张伟", ...(log ? { log } : {}) });
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof EntryError ? e.code : "other";
  }
  return "none";
};

describe("createEntry", () => {
  test("records the time it happened, the time it was recorded and who", () => {
    const e = entry({ at: "2026-03-01T15:00:00Z", channel: "visit", purpose: "order", outcome: "  签了合同 ", nextStep: "送货" });
    expect(e).toMatchObject({ at: "2026-03-01T15:00:00.000Z", recordedAt: "2026-03-02T09:00:00.000Z", channel: "visit", purpose: "order", outcome: "签了合同", nextStep: "送货", by: me, byName: "张伟" });
    expect(isBackdated(e)).toBe(true);
    expect(isBackdated(entry())).toBe(false);
  });

  test("backdating is limited to 7 days and never into the future", () => {
    const sevenDays = new Date(NOW.getTime() - MAX_BACKDATE_DAYS * 86_400_000).toISOString();
    expect(code(() => entry({ at: sevenDays }))).toBe("none");
    expect(code(() => entry({ at: new Date(Date.parse(sevenDays) - 1000).toISOString() }))).toBe("tooOld");
    expect(code(() => entry({ at: "2026-03-02T10:00:00Z" }))).toBe("future");
    expect(code(() => entry({ at: "yesterday" }))).toBe("invalidTime");
  });

  test("refuses unknown channels and purposes and overlong text", () => {
    expect(code(() => entry({ channel: "fax" }))).toBe("invalidChannel");
    expect(code(() => entry({ purpose: "gossip" }))).toBe("invalidPurpose");
    expect(code(() => entry({ outcome: "x".repeat(501) }))).toBe("outcomeTooLong");
    expect(code(() => entry({ nextStep: "x".repeat(201) }))).toBe("nextStepTooLong");
    expect(entry({ outcome: "a\u0000b\u001bc" }).outcome).toBe("abc");
  });
});

describe("complaints", () => {
  test("a complaint stays open until a later complaint entry closes it; settled on the spot is closed", () => {
    let log: HistoryLog = { v: 1, entries: [] };
    const c1 = entry({ purpose: "complaint", outcome: "货物破损", at: "2026-02-27T09:00:00Z" });
    log = appendEntry(log, c1);
    const c2 = entry({ purpose: "complaint", outcome: "发票错误", resolved: true, at: "2026-02-28T09:00:00Z" });
    log = appendEntry(log, c2);
    expect(openComplaints(log).map((e) => e.id)).toEqual([c1.id]);
    expect(code(() => entry({ purpose: "complaint", closes: "nope" }, log))).toBe("unknownComplaint");
    const close = entry({ purpose: "complaint", closes: c1.id, outcome: "已换货" }, log);
    log = appendEntry(log, close);
    expect(openComplaints(log)).toEqual([]);
    expect(complaints(log).map((c) => [c.id, c.state, c.closedBy?.id])).toEqual([
      [c2.id, "closed", c2.id],
      [c1.id, "closed", close.id],
    ]);
    // Closing twice is refused: it is no longer open.
    expect(code(() => entry({ purpose: "complaint", closes: c1.id }, log))).toBe("unknownComplaint");
  });

  test("a complaint is closed by a later entry: a closing entry dated before the complaint is refused", () => {
    const c1 = entry({ purpose: "complaint", outcome: "漏发", at: "2026-03-01T09:00:00Z" });
    const log = appendEntry({ v: 1, entries: [] }, c1);
    expect(code(() => entry({ purpose: "complaint", closes: c1.id, at: "2026-02-28T09:00:00Z" }, log))).toBe("closesEarlier");
    expect(code(() => entry({ purpose: "complaint", closes: c1.id, at: "2026-03-01T09:00:00Z" }, log))).toBe("none");
  });
});

const sortedEvents = (log: HistoryLog) => [...(log.events ?? [])].sort((a, b) => b.at.localeCompare(a.at));

describe("events (reassignments)", () => {
  const ev = (id: string, at: string) => ({ id, at, kind: "reassigned" as const, by: "li.na@contoso.com", byName: "李娜", from: me, fromName: "张伟", to: "wang.fang@contoso.com", toName: "王芳" });

  test("are kept apart from contacts: they survive a round trip and move neither last contacted nor the complaints", () => {
    const c = entry({ at: "2026-03-01T09:00:00Z" });
    const log = appendEvent(appendEntry({ v: 1, entries: [] }, c), ev("r1", "2026-03-02T08:00:00Z"));
    const back = parseHistory(serializeHistory(log));
    expect(sortedEvents(back).map((e) => [e.id, e.fromName, e.toName])).toEqual([["r1", "张伟", "王芳"]]);
    expect(lastContactedAt(back)).toBe(c.at);
    expect(back.entries).toHaveLength(1);
    // A retried reassignment is one event.
    expect(appendEvent(back, ev("r1", "2026-03-02T08:00:00Z"))).toBe(back);
    // Broken events are dropped, not the log.
    expect(parseHistory(JSON.stringify({ v: 1, entries: [], events: [{ id: "x", kind: "reassigned" }, ev("ok", "2026-03-02T08:00:00Z")] })).events?.map((e) => e.id)).toEqual(["ok"]);
  });

  test("beyond the cap the oldest are counted, the newest kept", () => {
    let log: HistoryLog = { v: 1, entries: [] };
    for (let i = 0; i < 5; i++) log = appendEvent(log, ev(`r${i}`, `2026-03-0${i + 1}T08:00:00Z`), 3);
    expect(sortedEvents(log).map((e) => e.id)).toEqual(["r4", "r3", "r2"]);
    expect(log.trimmed?.events).toBe(2);
    expect(log.trimmed?.count).toBe(0);
  });
});

describe("the log", () => {
  test("round-trips and keeps unknown keys; broken input reads as empty", () => {
    const log = appendEntry({ v: 1, entries: [] }, { ...entry(), future: 1 });
    const back = parseHistory(serializeHistory({ ...log, extra: "x" }));
    expect(back.entries[0]?.future).toBe(1);
    expect(back.extra).toBe("x");
    expect(parseHistory("{not json").entries).toEqual([]);
    expect(parseHistory('{"entries":[{"id":1}]}').entries).toEqual([]);
    expect(parseHistory(undefined).entries).toEqual([]);
  });

  test("last contacted is the latest time a contact happened, whatever order they were recorded in", () => {
    let log: HistoryLog = { v: 1, entries: [] };
    expect(lastContactedAt(log)).toBeUndefined();
    log = appendEntry(log, entry({ at: "2026-03-02T08:00:00Z" }));
    log = appendEntry(log, entry({ at: "2026-02-27T08:00:00Z" })); // backdated afterwards
    expect(lastContactedAt(log)).toBe("2026-03-02T08:00:00.000Z");
    expect(sortedEntries(log).map((e) => e.at)).toEqual(["2026-03-02T08:00:00.000Z", "2026-02-27T08:00:00.000Z"]);
    expect(entriesBetween(log, Date.parse("2026-03-02T00:00:00Z"), Date.parse("2026-03-03T00:00:00Z"))).toHaveLength(1);
  });

  test("appending the same entry twice (a retried write) keeps one", () => {
    const e = entry();
    const log = appendEntry(appendEntry({ v: 1, entries: [] }, e), e);
    expect(log.entries).toHaveLength(1);
  });

  test("over the size budget the oldest entries fold into counts, open complaints are kept", () => {
    let log: HistoryLog = { v: 1, entries: [] };
    const complaint = entry({ purpose: "complaint", outcome: "投诉".repeat(100), at: "2026-02-23T10:00:00Z" });
    log = appendEntry(log, complaint, 4000);
    for (let i = 0; i < 40; i++) {
      log = appendEntry(log, entry({ outcome: `拜访 ${i} ${"内容".repeat(40)}`, at: new Date(Date.parse("2026-02-24T00:00:00Z") + i * 3_600_000).toISOString() }), 4000);
      expect(serializeHistory(log).length).toBeLessThanOrEqual(4000);
    }
    expect(log.trimmed?.count).toBeGreaterThan(0);
    expect(log.trimmed!.count + log.entries.length).toBe(41);
    expect(log.trimmed!.byPurpose.service).toBe(log.trimmed!.count);
    expect(log.entries.some((e) => e.id === complaint.id)).toBe(true);
    // The newest survive.
    expect(log.entries.some((e) => e.outcome.startsWith("拜访 39 "))).toBe(true);
  });
});

describe("local date-times", () => {
  test("a datetime-local value in Shanghai and back", () => {
    const { localDateTimeToIso, isoToLocalDateTime } = jest.requireActual<typeof import("./history")>("./history");
    expect(localDateTimeToIso("2026-03-02T09:00", "Asia/Shanghai")).toBe("2026-03-02T01:00:00.000Z");
    expect(isoToLocalDateTime("2026-03-02T01:00:00Z", "Asia/Shanghai")).toBe("2026-03-02T09:00");
    expect(localDateTimeToIso("2026-03-08T03:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(localDateTimeToIso("yesterday", "UTC")).toBeUndefined();
  });
});
