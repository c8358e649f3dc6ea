/**
 * @jest-environment jsdom
 *
 * The daily report's copy and the sign-off survive what Outlook does to a body before an add-in reads it
 * (demo/sanitizeHtml.ts outlookLikeBody: attributes dropped, headings flattened, line breaks inside long text):
 * the manager's pane reads back exactly the report that was drafted.
 */
import { outlookLikeBody } from "../demo/sanitizeHtml";
import { buildHandbookReport, renderHandbookReportHtml } from "../src/domain/handbookReport";
import { appendEntry, createEntry, type HistoryLog } from "../src/domain/history";
import { readReportCopy, readSignOffCopy, renderSignOffHtml, withReportCopy } from "../src/domain/reportMessage";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import type { Contact, FieldSchema } from "../src/domain/types";

const NOW = new Date("2026-03-02T10:00:00Z");
const contacts: Contact[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, displayName: i % 2 ? `客户${i}` : `Customer "${i}" <x>`, companyName: "华信科技 & Co", emailAddresses: [], categories: [], fields: {} }));
const histories = new Map<string, HistoryLog>(
  contacts.map((c, i) => [
    c.id,
    appendEntry({ v: 1, entries: [] }, createEntry({ at: `2026-03-02T0${i % 9}:15:00Z`, channel: "visit", purpose: i % 3 ? "order" : "complaint", outcome: `结果 ${i}: ${"很长的说明".repeat(20)}`, nextStep: "周五送货" }, { id: `e${i}`, now: NOW, by: "zhang.wei@contoso.com" })),
  ]),
);
const report = buildHandbookReport(contacts, histories, DEFAULT_SCHEMA as FieldSchema, { now: NOW, timeZone: "Asia/Shanghai", salesperson: "张伟", texts: { competitors: "A 公司降价 5%" } });

test("the report drafted is the report the manager's pane reads after Outlook's rewriting", () => {
  const { html, copied } = withReportCopy(renderHandbookReportHtml(report, "zh-CN", "Asia/Shanghai"), report, "zh-CN");
  expect(copied).toBe(true);
  const received = outlookLikeBody(html);
  // The rewriting really happened: no data-* attribute left, headings flattened, the copy's text broken into lines.
  expect(received).not.toContain("data-section");
  expect(received).not.toContain("<h3");
  expect(received).toMatch(/CFUR1\.[A-Za-z0-9_-]+\n[A-Za-z0-9_-]/);
  const read = readReportCopy(received);
  if (!("report" in read)) throw new Error(read.error);
  expect(read.report.visits).toHaveLength(12);
  expect(read.report.visits.map((l) => l.outcome)).toEqual(report.visits.map((l) => l.outcome));
  expect(read.report.complaints.map((l) => l.customer)).toEqual(report.complaints.map((l) => l.customer));
  expect(read.report.counts).toEqual(report.counts);
  expect(read.report.competitors).toBe("A 公司降价 5%");
});

test("the sign-off's comment survives it too", () => {
  const html = renderSignOffHtml({ date: "2026-03-02", name: "张伟", by: "li.na@contoso.com", byName: "李娜", comment: `很好 <b>bold</b> & "quotes"\n${"继续跟进".repeat(40)}` }, "zh-CN");
  const read = readSignOffCopy(outlookLikeBody(html));
  expect("signOff" in read && read.signOff.comment).toBe(`很好 <b>bold</b> & "quotes"\n${"继续跟进".repeat(40)}`);
});
