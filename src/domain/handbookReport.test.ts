import { buildHandbookReport, renderHandbookReportHtml, REPORT_SECTIONS } from "./handbookReport";
import { appendEntry, createEntry, type HistoryLog } from "./history";
import { DEFAULT_SCHEMA } from "./schema";
import type { Contact, FieldSchema } from "./types";

const NOW = new Date("2026-03-02T10:00:00Z"); // 18:00 in Shanghai
const TZ = "Asia/Shanghai";
const schema = DEFAULT_SCHEMA as FieldSchema;
const me = "zhang.wei@contoso.com";
let n = 0;
const log = (...entries: Parameters<typeof createEntry>[0][]): HistoryLog =>
  entries.reduce<HistoryLog>((l, e) => appendEntry(l, createEntry(e, { id: `e${++n}`, now: NOW, by: me, log: l })), { v: 1, entries: [] });
const contact = (id: string, name: string, fields: Contact["fields"] = {}): Contact => ({ id, displayName: name, companyName: `${name} Co`, emailAddresses: [], categories: [], fields });

const a = contact("a", "刘洋");
const b = contact("b", "James <b>Miller</b>", { NextContact: "2026-03-03T02:00:00Z" });
const c = contact("c", "王芳", { NextContact: "2026-03-05T02:00:00Z" });
const histories = new Map<string, HistoryLog>([
  ["a", log(
    { at: "2026-03-02T01:30:00Z", channel: "visit", purpose: "order", outcome: "订 20 台", nextStep: "周五送货" },
    { at: "2026-03-01T02:00:00Z", channel: "call", purpose: "service", outcome: "yesterday, not in today's report" },
    { at: "2026-03-02T03:00:00Z", channel: "call", purpose: "complaint", outcome: "包装破损" },
  )],
  ["b", log(
    { at: "2026-03-02T05:00:00Z", channel: "visit", purpose: "marketResearch", outcome: "Competitor X cut prices 10%" },
    { at: "2026-03-02T06:00:00Z", channel: "call", purpose: "collection", outcome: "Paid 20,000" },
    { at: "2026-02-28T06:00:00Z", channel: "call", purpose: "service", outcome: "old" },
    { at: "2026-03-01T17:00:00Z", channel: "email", purpose: "service", outcome: "Likes the new model" }, // 01:00 on 3/2 in Shanghai
  )],
]);

test("sections from the day's history (the user's zone), complaint state, tomorrow from next contact, counts", () => {
  const r = buildHandbookReport([a, b, c], histories, schema, { now: NOW, timeZone: TZ, salesperson: "张伟", texts: { competitors: "Y 公司推新品", insights: "多拜访" } });
  expect(r.date).toBe("2026-03-02");
  expect(r.visits.map((l) => l.outcome)).toEqual(["Likes the new model", "订 20 台", "包装破损", "Competitor X cut prices 10%", "Paid 20,000"]);
  expect(r.complaints.map((l) => [l.outcome, l.complaintState])).toEqual([["包装破损", "open"]]);
  expect(r.collections.map((l) => l.outcome)).toEqual(["Paid 20,000"]);
  expect(r.competitors).toBe("Y 公司推新品\nJames <b>Miller</b>: Competitor X cut prices 10%");
  expect(r.feedback).toBe("James <b>Miller</b>: Likes the new model");
  expect(r.insights).toBe("多拜访");
  expect(r.tomorrow.map((x) => x.customer)).toEqual(["James <b>Miller</b>"]);
  expect(r.counts).toEqual({ contacts: 5, customers: 2, visits: 2, newCustomers: 0, complaints: 1, complaintsClosed: 0, collections: 1, orders: 1, tomorrow: 1 });
});

test("tomorrow's plan: planned visits first in the given time order with time, purpose and area, then customers due tomorrow without a visit", () => {
  const planned = [
    { contactId: "c", time: "09:00–10:00", purpose: "collection" as const, area: "浦东" },
    { contactId: "b", time: "14:00", purpose: "order" as const, area: "" },
  ];
  const r = buildHandbookReport([a, b, c], histories, schema, { now: NOW, timeZone: TZ, salesperson: "张伟", plannedTomorrow: planned });
  expect(r.tomorrow.map((x) => [x.time ?? "", x.contactId, x.purpose ?? "", x.area ?? ""])).toEqual([
    ["09:00–10:00", "c", "collection", "浦东"],
    ["14:00", "b", "order", ""],
  ]);
  expect(r.counts.tomorrow).toBe(2);
  const html = renderHandbookReportHtml(r, "zh-CN", TZ);
  const section = html.slice(html.indexOf('data-section="tomorrow"'), html.indexOf('data-section="summary"'));
  expect(section).toContain("<th style=\"border:1px solid #999;padding:4px;text-align:left\">目的</th>");
  expect(section).toContain(">09:00–10:00</td>");
  expect(section).toContain(">收款</td><td style=\"border:1px solid #999;padding:4px\">浦东</td>");
});

test("a note typed after 'Contacted' fills that customer's empty outcome of the day", () => {
  const h = new Map([["c", log({ at: "2026-03-02T02:00:00Z", channel: "call", purpose: "other" })]]);
  const r = buildHandbookReport([c], h, schema, { now: NOW, timeZone: TZ, salesperson: "张伟", notes: { c: " 要报价 ", a: "no entry today" } });
  expect(r.visits.map((l) => l.outcome)).toEqual(["要报价"]);
});

test("the HTML has every handbook section in order, escapes user text, and says 无 for empty ones", () => {
  const r = buildHandbookReport([a, b, c], histories, schema, { now: NOW, timeZone: TZ, salesperson: "张伟" });
  const html = renderHandbookReportHtml(r, "zh-CN", TZ);
  const order = [...html.matchAll(/data-section="(\w+)"/g)].map((m) => m[1]);
  expect(order).toEqual([...REPORT_SECTIONS]);
  expect(html).toContain("一、访问客户及结果");
  expect(html).toContain("九、汇总");
  expect(html).toContain("James &lt;b&gt;Miller&lt;/b&gt;");
  expect(html).not.toContain("<b>Miller");
  expect(html).toContain("<h3 data-section=\"news\">六、客户动态</h3><p>无</p>");
  expect(html).toContain('data-count="contacts">5<');
  expect(renderHandbookReportHtml(r, "en-US", TZ)).toContain("8. Tomorrow&#39;s plan");
});
