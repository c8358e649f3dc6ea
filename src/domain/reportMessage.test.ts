import { buildHandbookReport, renderHandbookReportHtml } from "./handbookReport";
import { appendEntry, createEntry, type HistoryLog } from "./history";
import {
  buildReportStatuses,
  MAX_COMMENT_LENGTH,
  MAX_HTML_BODY,
  parseReportSubject,
  parseSignOffSubject,
  readReportCopy,
  readSignOffCopy,
  renderSignOffHtml,
  reportSubject,
  SignOffError,
  signOffSubject,
  withReportCopy,
} from "./reportMessage";
import { DEFAULT_SCHEMA } from "./schema";
import type { Contact, FieldSchema } from "./types";

const NOW = new Date("2026-03-02T10:00:00Z");
const TZ = "Asia/Shanghai";
const me = "zhang.wei@contoso.com";
let n = 0;
const log = (...entries: Parameters<typeof createEntry>[0][]): HistoryLog =>
  entries.reduce<HistoryLog>((l, e) => appendEntry(l, createEntry(e, { id: `e${++n}`, now: NOW, by: me, log: l })), { v: 1, entries: [] });
const contact = (id: string, name: string, fields: Contact["fields"] = {}): Contact => ({ id, displayName: name, companyName: `${name} Co`, emailAddresses: [], categories: [], fields });

const a = contact("a", "刘洋");
const b = contact("b", "James <b>Miller</b> 🚀 \u202eRTL", { NextContact: "2026-03-03T02:00:00Z" });
const histories = new Map<string, HistoryLog>([
  ["a", log(
    { at: "2026-03-02T01:30:00Z", channel: "visit", purpose: "order", outcome: "订 20 台 & \"快\"", nextStep: "周五送货" },
    { at: "2026-03-02T03:00:00Z", channel: "call", purpose: "complaint", outcome: "包装破损" },
  )],
  ["b", log(
    { at: "2026-03-02T06:00:00Z", channel: "call", purpose: "collection", outcome: "Paid 20,000 <script>x</script>" },
    { at: "2026-02-28T06:00:00Z", channel: "visit", purpose: "newCustomer", outcome: "backdated visit", nextStep: "" },
  )],
]);
const report = buildHandbookReport([a, b], histories, DEFAULT_SCHEMA as FieldSchema, { now: NOW, timeZone: TZ, salesperson: "张伟 <zhang.wei@contoso.com>", texts: { competitors: "A 公司降价 5%\n第二行", insights: "多听" } });

describe("subjects", () => {
  test("a report subject in either language is recognised with its day and name; replies and look-alikes are not", () => {
    expect(reportSubject("2026-03-02", "张伟  Zhang Wei", "zh-CN")).toBe("[客户跟进·日报] 2026-03-02 张伟 Zhang Wei");
    expect(reportSubject("2026-03-02", "Zhang Wei", "en-US")).toBe("[Follow-up daily report] 2026-03-02 Zhang Wei");
    expect(parseReportSubject("[客户跟进·日报] 2026-03-02 张伟 Zhang Wei")).toEqual({ date: "2026-03-02", name: "张伟 Zhang Wei" });
    expect(parseReportSubject(" [Follow-up daily report] 2026-03-02 ")).toEqual({ date: "2026-03-02", name: "" });
    expect(parseReportSubject("RE: [客户跟进·日报] 2026-03-02 张伟")).toBeNull();
    expect(parseReportSubject("[客户跟进·日报] yesterday")).toBeNull();
    expect(parseReportSubject("Daily sales report 2026-03-02 — Zhang Wei")).toBeNull();
  });

  test("a sign-off subject names the report; both prefixes and a full-width colon are read", () => {
    const r = { date: "2026-03-02", name: "张伟" };
    expect(signOffSubject(r, "zh-CN")).toBe("签收: [客户跟进·日报] 2026-03-02 张伟");
    expect(signOffSubject(r, "en-US")).toBe("Signed off: [Follow-up daily report] 2026-03-02 张伟");
    expect(parseSignOffSubject("签收：[客户跟进·日报] 2026-03-02 张伟")).toEqual(r);
    expect(parseSignOffSubject("signed off: [Follow-up daily report] 2026-03-02 张伟")).toEqual(r);
    expect(parseSignOffSubject("[客户跟进·日报] 2026-03-02 张伟")).toBeNull();
    expect(parseReportSubject(signOffSubject(r, "zh-CN"))).toBeNull();
  });
});

describe("the report's copy", () => {
  test("round trip: the manager reads back every section, line and count of the report, hostile text intact", () => {
    const html = renderHandbookReportHtml(report, "zh-CN", TZ);
    const { html: body, copied } = withReportCopy(html, report, "zh-CN");
    expect(copied).toBe(true);
    expect(body.startsWith(html)).toBe(true);
    const read = readReportCopy(body);
    if (!("report" in read)) throw new Error(read.error);
    const { visits, complaints, collections, tomorrow, ...rest } = report;
    const strip = (ls: typeof visits) => ls.map(({ contactId: _id, ...l }) => l);
    expect(read.report).toEqual({ ...rest, visits: strip(visits), complaints: strip(complaints), collections: strip(collections), tomorrow: tomorrow.map(({ contactId: _id, ...t }) => t) });
    expect(read.report.visits.map((l) => l.outcome)).toContain("Paid 20,000 <script>x</script>");
    expect(read.report.competitors).toBe("A 公司降价 5%\n第二行");
  });

  test("what Outlook does to HTML on the way (tags rewritten, attributes dropped, line breaks and entities inside the text) does not matter", () => {
    const { html } = withReportCopy("<p>report</p>", report, "en-US");
    const mangled = html
      .replace(/ style="[^"]*"/g, "")
      .replace(/<p>/g, '<div class="elementToProof"><span style="font-family: Aptos">')
      .replace(/<\/p>/g, "</span></div>")
      .replace(/(CFUR1\.[A-Za-z0-9_-]{30})/, "$1\r\n")
      .replace(/(CFUR1\.[A-Za-z0-9_-]{80})/, "$1<wbr>&#8203;")
      .replace(/\.END/, "&#46;END");
    const read = readReportCopy(`<html><head><style>p{}</style></head><body>${mangled}</body></html>`);
    expect("report" in read && read.report.counts).toEqual(report.counts);
  });

  test("a copy that was edited or cut is reported as corrupt, a body without one as missing — never half-read", () => {
    const { html } = withReportCopy("", report, "zh-CN");
    const payloadAt = html.indexOf("CFUR1.") + 10;
    const edited = html.slice(0, payloadAt) + (html[payloadAt] === "A" ? "B" : "A") + html.slice(payloadAt + 1);
    expect(readReportCopy(edited)).toEqual({ error: "corrupt" });
    expect(readReportCopy(html.slice(0, html.length - 40))).toEqual({ error: "missing" });
    expect(readReportCopy("<p>Daily sales report</p>")).toEqual({ error: "missing" });
  });

  test("a well-formed copy of something else (another version, wrong types) is refused as corrupt", () => {
    const fake = withReportCopy("", { ...report, date: "not a date" }, "en-US").html;
    expect(readReportCopy(fake)).toEqual({ error: "corrupt" });
    const badLine = withReportCopy("", { ...report, visits: [{ ...report.visits[0]!, channel: "fax" as never }] }, "en-US").html;
    expect(readReportCopy(badLine)).toEqual({ error: "corrupt" });
  });

  test("a report whose copy would not fit displayNewMessageForm's 32 KB keeps its tables and goes without the copy", () => {
    const big = "长".repeat(MAX_HTML_BODY - 100);
    expect(withReportCopy(big, report, "zh-CN")).toEqual({ html: big, copied: false });
  });
});

describe("sign-off", () => {
  const s = { date: "2026-03-02", name: "张伟", by: "li.na@contoso.com", byName: "李娜", comment: "很好，<b>继续</b>\n明天跟进华信" };

  test("the body shows the comment as text and carries it for the salesperson's pane", () => {
    const html = renderSignOffHtml(s, "zh-CN");
    expect(html).toContain("已签收 张伟 2026-03-02 的每日销售报告。");
    expect(html).toContain("很好，&lt;b&gt;继续&lt;/b&gt;<br>明天跟进华信");
    expect(readSignOffCopy(html)).toEqual({ signOff: s });
    expect(readSignOffCopy(renderSignOffHtml({ ...s, comment: "  " }, "en-US"))).toEqual({ signOff: { ...s, comment: "" } });
    expect(renderSignOffHtml({ ...s, comment: "" }, "en-US")).toContain("(no comments)");
    // A report copy is not a sign-off and the reverse.
    expect(readReportCopy(html)).toEqual({ error: "missing" });
    expect(readSignOffCopy(withReportCopy("", report, "zh-CN").html)).toEqual({ error: "missing" });
  });

  test("a comment over the limit is refused with a clear error (nothing is drafted)", () => {
    expect(() => renderSignOffHtml({ ...s, comment: "x".repeat(MAX_COMMENT_LENGTH + 1) }, "en-US")).toThrow(SignOffError);
  });
});

describe("my reports from my mailbox's headers", () => {
  const zw = { name: "张伟", address: "Zhang.Wei@contoso.com" };
  const ln = { name: "李娜", address: "li.na@contoso.com" };
  test("each day: sent, and the latest sign-off by someone else; newest day first", () => {
    const rows = buildReportStatuses(
      [
        { subject: "[客户跟进·日报] 2026-03-02 张伟", from: zw, sentDateTime: "2026-03-02T10:00:00Z", receivedDateTime: "2026-03-02T10:00:01Z" },
        { subject: "签收: [客户跟进·日报] 2026-03-02 张伟", from: ln, receivedDateTime: "2026-03-02T11:00:00Z" },
        { subject: "Signed off: [Follow-up daily report] 2026-03-02 张伟", from: ln, receivedDateTime: "2026-03-02T11:30:00Z" },
        { subject: "[Follow-up daily report] 2026-02-27 Zhang Wei", from: zw, receivedDateTime: "2026-02-27T10:00:00Z" },
        { subject: "[Follow-up daily report] 2026-02-27 Zhang Wei", from: zw, receivedDateTime: "2026-02-27T12:00:00Z" },
        // Not mine: a colleague's report forwarded to me, my own sign-off of someone's report, other mail.
        { subject: "[客户跟进·日报] 2026-03-01 王芳", from: { name: "王芳", address: "wang.fang@contoso.com" }, receivedDateTime: "2026-03-01T10:00:00Z" },
        { subject: "签收: [客户跟进·日报] 2026-02-26 王芳", from: zw, receivedDateTime: "2026-02-26T10:00:00Z" },
        { subject: "RE: [客户跟进·日报] 2026-02-25 张伟", from: ln, receivedDateTime: "2026-02-25T10:00:00Z" },
      ],
      "zhang.wei@contoso.com",
    );
    expect(rows).toEqual([
      { date: "2026-03-02", sentAt: "2026-03-02T10:00:01Z", signedOff: { by: "li.na@contoso.com", byName: "李娜", at: "2026-03-02T11:30:00Z" } },
      { date: "2026-02-27", sentAt: "2026-02-27T12:00:00Z" },
    ]);
  });
});
