import { complaintAgeDays, complaintCounts, teamComplaints } from "./complaints";
import { appendEntry, createEntry, type HistoryLog } from "./history";

const NOW = new Date("2026-03-09T09:00:00Z");
let n = 0;
const rec = (log: HistoryLog, over: Parameters<typeof createEntry>[0], now = NOW) =>
  appendEntry(log, createEntry(over, { id: `e${++n}`, now, by: "zhang.wei@contoso.com", byName: "张伟", log }));
const last = (log: HistoryLog) => log.entries[log.entries.length - 1]!;
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** A customer whose complaint of 3 March is still open, with a later service visit; and one closed on 8 March. */
function histories() {
  let a: HistoryLog = { v: 1, entries: [] };
  a = rec(a, { at: "2026-03-03T02:00:00Z", channel: "call", purpose: "complaint", outcome: "货物破损" }, new Date("2026-03-03T02:00:00Z"));
  a = rec(a, { at: "2026-03-05T02:00:00Z", channel: "visit", purpose: "service", outcome: "已拍照取证" }, new Date("2026-03-05T02:00:00Z"));
  let b: HistoryLog = { v: 1, entries: [] };
  b = rec(b, { at: "2026-03-06T02:00:00Z", channel: "call", purpose: "complaint", outcome: "发票抬头错" }, new Date("2026-03-06T02:00:00Z"));
  b = rec(b, { at: "2026-03-08T02:00:00Z", channel: "email", purpose: "complaint", outcome: "已重开发票", closes: b.entries[0]!.id }, new Date("2026-03-08T02:00:00Z"));
  // Settled on the spot on 2 March: closed, before the period below.
  b = rec(b, { at: "2026-03-02T02:00:00Z", channel: "call", purpose: "complaint", outcome: "送货晚", resolved: true }, new Date("2026-03-08T03:00:00Z"));
  return { a, b };
}

test("the manager's list: open complaints oldest first with age and the latest note; closed ones of the period", () => {
  const { a, b } = histories();
  const out = teamComplaints(
    [
      { customer: "华东机械", owner: "zhang.wei@contoso.com", log: a },
      { customer: "Acme", owner: "wang.fang@contoso.com", log: b },
    ],
    { from: day("2026-03-07"), to: day("2026-03-14") },
    NOW,
  );
  expect(out.open.map((r) => [r.customer, r.owner, r.openedAt, r.ageDays, r.complaint.outcome, r.lastNote.outcome])).toEqual([
    ["华东机械", "zhang.wei@contoso.com", "2026-03-03T02:00:00.000Z", 6, "货物破损", "已拍照取证"],
  ]);
  expect(out.closed.map((r) => [r.customer, r.complaint.outcome, r.closedBy?.outcome])).toEqual([["Acme", "发票抬头错", "已重开发票"]]);
  // A wider period takes in the complaint settled on the spot on 2 March too.
  expect(teamComplaints([{ customer: "Acme", owner: "w", log: b }], { from: day("2026-03-01"), to: day("2026-03-14") }, NOW).closed.map((r) => r.complaint.outcome)).toEqual(["发票抬头错", "送货晚"]);
});

test("the weekly figures use the same rule: raised in the week and still open; closed in the week", () => {
  const { a, b } = histories();
  expect(complaintCounts(a, day("2026-03-02"), day("2026-03-09"))).toEqual({ openedStillOpen: 1, closed: 0 });
  // Raised 6 March, closed 8 March: closed, not open; the one settled on 2 March is closed in that week too.
  expect(complaintCounts(b, day("2026-03-02"), day("2026-03-09"))).toEqual({ openedStillOpen: 0, closed: 2 });
  // The week before knows nothing of them.
  expect(complaintCounts(b, day("2026-02-23"), day("2026-03-02"))).toEqual({ openedStillOpen: 0, closed: 0 });
  // Closing the open one the next week moves it from open to closed in that week's figures.
  const closedLater = rec(a, { at: "2026-03-10T02:00:00Z", channel: "visit", purpose: "complaint", outcome: "已换货", closes: a.entries[0]!.id }, new Date("2026-03-10T02:00:00Z"));
  expect(last(closedLater).closes).toBe(a.entries[0]!.id);
  expect(complaintCounts(closedLater, day("2026-03-02"), day("2026-03-09"))).toEqual({ openedStillOpen: 0, closed: 0 });
  expect(complaintCounts(closedLater, day("2026-03-09"), day("2026-03-16"))).toEqual({ openedStillOpen: 0, closed: 1 });
});

test("age counts whole days elapsed, 0 on the day raised", () => {
  expect(complaintAgeDays("2026-03-09T08:00:00Z", NOW)).toBe(0);
  expect(complaintAgeDays("2026-03-08T09:00:00Z", NOW)).toBe(1);
  expect(complaintAgeDays("2026-03-10T09:00:00Z", NOW)).toBe(0);
});
