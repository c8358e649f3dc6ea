import { appendEntry, createEntry, type HistoryLog } from "./history";
import { DEFAULT_SCHEMA } from "./schema";
import type { Contact, FieldSchema } from "./types";
import { buildWeeklyReport, isEffectiveVisit, mondayOf, previousWeek } from "./weeklyReport";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-03-02T01:00:00Z"); // Monday 09:00 in Shanghai
const schema = DEFAULT_SCHEMA as FieldSchema;
let n = 0;
const log = (...entries: Parameters<typeof createEntry>[0][]): HistoryLog =>
  entries.reduce<HistoryLog>((l, e) => appendEntry(l, createEntry(e, { id: `w${++n}`, now: new Date(Date.parse(e.at) + 60_000), by: "zhang.wei@contoso.com", log: l })), { v: 1, entries: [] });
const contact = (id: string, fields: Contact["fields"] = {}): Contact => ({ id, displayName: id, emailAddresses: [], categories: [], fields });

test("weeks start on Monday in the reader's zone; the Monday report covers the last complete week", () => {
  expect(mondayOf(NOW, TZ)).toBe("2026-03-02");
  expect(mondayOf(new Date("2026-03-01T15:59:59Z"), TZ)).toBe("2026-02-23"); // Sunday 23:59 Shanghai
  expect(previousWeek(NOW, TZ)).toBe("2026-02-23");
});

test("figures per salesperson and for the team", () => {
  const zhang = {
    upn: "zhang",
    schema,
    contacts: [
      contact("a", { Owner: "zhang", LastContacted: "2026-02-27T02:00:00Z", NextContact: "2026-02-25T02:00:00Z", NeedsRecontact: true }),
      contact("b", { Owner: "zhang", LastContacted: "2026-02-10T02:00:00Z" }),
      contact("c", { Owner: "zhang", LastContacted: "2026-03-01T02:00:00Z", NextContact: "2026-03-02T02:00:00Z" }),
    ],
    histories: new Map<string, HistoryLog>([
      ["a", (() => {
        const l = log(
          { at: "2026-02-23T01:00:00Z", channel: "visit", purpose: "newCustomer", outcome: "met the buyer", nextStep: "send samples" }, // effective
          { at: "2026-02-24T01:00:00Z", channel: "visit", purpose: "service", outcome: "", nextStep: "" }, // not effective
          { at: "2026-02-25T01:00:00Z", channel: "call", purpose: "complaint", outcome: "late delivery" }, // opened, closed below
          { at: "2026-02-22T15:00:00Z", channel: "visit", purpose: "order", outcome: "before the week (Sun 23:00)" },
        );
        const open = l.entries.find((e) => e.purpose === "complaint")!;
        return appendEntry(l, createEntry({ at: "2026-02-26T01:00:00Z", channel: "call", purpose: "complaint", closes: open.id, outcome: "redelivered" }, { id: "close", now: new Date("2026-02-26T02:00:00Z"), by: "zhang", log: l }));
      })()],
      ["c", log(
        { at: "2026-03-01T02:00:00Z", channel: "visit", purpose: "order", outcome: "20 units" }, // effective (order)
        { at: "2026-02-28T02:00:00Z", channel: "meeting", purpose: "complaint", outcome: "wrong invoice" }, // still open
        { at: "2026-03-02T00:30:00Z", channel: "call", purpose: "other", outcome: "this week, not last" },
      )],
    ]),
  };
  const wang = { upn: "wang", schema, contacts: [contact("d", { Owner: "wang", LastContacted: "2026-02-20T02:00:00Z" })], histories: new Map<string, HistoryLog>() };
  const r = buildWeeklyReport([zhang, wang], { weekStart: "2026-02-23", now: NOW, timeZone: TZ });
  expect(r.weekEnd).toBe("2026-03-01");
  expect(r.rows[0]).toEqual({
    upn: "zhang",
    contacts: 6,
    visits: 3,
    effectiveVisits: 2,
    effectiveVisitRate: 2 / 3,
    newCustomers: 1,
    followUpsDue: 1,
    followUpsOverdue: 1,
    lapsedClaims: 1, // b: 20 days
    complaintsOpen: 1,
    complaintsClosed: 1,
  });
  expect(r.rows[1]).toMatchObject({ upn: "wang", contacts: 0, visits: 0, effectiveVisitRate: null, lapsedClaims: 1 });
  expect(r.team).toMatchObject({ contacts: 6, visits: 3, effectiveVisits: 2, lapsedClaims: 2, complaintsOpen: 1, complaintsClosed: 1 });
});

test("an effective visit has an outcome and an order, a collection or a next step", () => {
  const base = { id: "x", at: "", recordedAt: "", by: "", channel: "visit" as const, purpose: "service" as const, outcome: "ok", nextStep: "" };
  expect(isEffectiveVisit(base)).toBe(false);
  expect(isEffectiveVisit({ ...base, nextStep: "call Friday" })).toBe(true);
  expect(isEffectiveVisit({ ...base, purpose: "collection" })).toBe(true);
  expect(isEffectiveVisit({ ...base, purpose: "order", outcome: " " })).toBe(false);
  expect(isEffectiveVisit({ ...base, channel: "call", purpose: "order" })).toBe(false);
});

test("CSV starts with a BOM, guards formulas, shows the rate as a percentage; HTML escapes names", async () => {
  const { weeklyReportCsv, renderWeeklyReportHtml } = await import("./weeklyReport");
  const r = buildWeeklyReport([{ upn: "=cmd", schema, contacts: [], histories: new Map() }], { weekStart: "2026-02-23", now: NOW, timeZone: TZ });
  r.rows[0]!.visits = 3;
  r.rows[0]!.effectiveVisitRate = 2 / 3;
  const csv = weeklyReportCsv(r, "zh-CN");
  expect(csv.startsWith("\uFEFF业务员,联系次数,拜访次数,有效拜访,有效拜访率")).toBe(true);
  expect(csv).toContain("'=cmd,0,3,0,67%");
  expect(csv).toContain("团队合计,0,0,0,—");
  expect(renderWeeklyReportHtml(r, "en-US", () => "<i>x</i>")).toContain("&lt;i&gt;x&lt;/i&gt;");
});
