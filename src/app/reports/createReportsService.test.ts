/**
 * The sign-off round trip as people work it, against the in-process emulator: the salesperson's report arrives in
 * the manager's Inbox (sendMail), the manager's pane reads it back from the body Outlook hands over, signs it off
 * (a new message to the salesperson), the salesperson's list shows the sign-off and her pane shows the comment.
 */
import { createEmulator, type Emulator } from "../../../emulator/index";
import { buildHandbookReport, renderHandbookReportHtml } from "../../domain/handbookReport";
import { appendEntry, createEntry, type HistoryLog } from "../../domain/history";
import { withReportCopy } from "../../domain/reportMessage";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { createGraphClient } from "../../graph";
import type { MailItemSnapshot, NewMessageForm } from "../../office";
import { createReportsService } from "./createReportsService";

const NOW = new Date("2026-03-02T10:00:00Z"); // 18:00 in Shanghai
const TZ = "Asia/Shanghai";
const ZW = "zhang.wei@contoso.com";
const LN = "li.na@contoso.com";

let em: Emulator;
beforeEach(() => {
  em = createEmulator({ seed: "demo", now: NOW });
});
afterEach(() => em.close());

const client = (upn: string) => createGraphClient({ authProvider: async () => `dev:${upn}`, terminal: (r) => em.handler(r), retry: { delaySeconds: 0, maxRetries: 1 } });

function paneOf(upn: string, name: string) {
  const forms: NewMessageForm[] = [];
  let body = "";
  let requests = 0;
  const service = createReportsService({
    office: {
      displayNewMessageForm: async (f) => {
        forms.push(f);
      },
      getItemBody: async () => body,
    },
    client: () => {
      requests++;
      return client(upn);
    },
    me: upn,
    displayName: name,
    now: () => NOW,
    timeZone: TZ,
  });
  return { service, forms, open: (html: string) => (body = html), requests: () => requests };
}

/** The demo's "Send": what Outlook does with a form the user sends. */
async function send(upn: string, f: NewMessageForm) {
  await client(upn).api("/me/sendMail").post({ message: { subject: f.subject, body: { contentType: "HTML", content: f.htmlBody }, toRecipients: f.toRecipients.map((address) => ({ emailAddress: { address } })) } });
}

async function inboxItem(upn: string, subject: string): Promise<{ item: MailItemSnapshot; html: string }> {
  const res = (await client(upn).api("/me/messages?$top=50&$select=subject,from,body").get()) as { value: { id: string; subject: string; from: { emailAddress: { name: string; address: string } }; body: { content: string } }[] };
  const m = res.value.find((x) => x.subject === subject);
  if (!m) throw new Error(`no message ${subject} for ${upn}`);
  const item: MailItemSnapshot = { itemId: m.id, conversationId: null, subject: m.subject, from: m.from.emailAddress, to: [], cc: [], mode: "read", itemType: "message" };
  // What Outlook on the web returns from body.getAsync: attributes dropped, wrappers added, line breaks in long text.
  const html = `<div class="elementToProof">${m.body.content.replace(/ style="[^"]*"/g, "").replace(/([A-Za-z0-9_-]{64})/g, "$1\n")}</div>`;
  return { item, html };
}

const contact: Contact = { id: "c1", displayName: "刘洋", companyName: "华信科技", emailAddresses: [], categories: [], fields: {} };
const log = appendEntry({ v: 1, entries: [] } as HistoryLog, createEntry({ at: "2026-03-02T02:00:00Z", channel: "visit", purpose: "order", outcome: "订 20 台", nextStep: "周五送货" }, { id: "e1", now: NOW, by: ZW }));
const report = buildHandbookReport([contact], new Map([["c1", log]]), DEFAULT_SCHEMA as FieldSchema, { now: NOW, timeZone: TZ, salesperson: `张伟 <${ZW}>`, texts: { insights: "多听客户意见" } });
const reportHtml = withReportCopy(renderHandbookReportHtml(report, "zh-CN", TZ), report, "zh-CN").html;
const SUBJECT = "[客户跟进·日报] 2026-03-02 张伟";

test("report → manager's pane → sign-off with a comment → salesperson's list and pane, each message sent exactly once", async () => {
  const zhang = paneOf(ZW, "张伟");
  const lina = paneOf(LN, "李娜");
  // Before: the report was sent, nobody signed it off.
  await send(ZW, { toRecipients: [LN], subject: SUBJECT, htmlBody: reportHtml });
  expect((await zhang.service.listMyReports()).statuses).toEqual([{ date: "2026-03-02", sentAt: "2026-03-02T10:00:00Z" }]);

  // The manager opens it: the structured report, read back from the rewritten body.
  const { item, html } = await inboxItem(LN, SUBJECT);
  lina.open(html);
  const open = await lina.service.readOpenItem(item);
  if (open.kind !== "report" || !("report" in open.copy)) throw new Error(JSON.stringify(open));
  expect(open.mine).toBe(false);
  expect(open.subject).toEqual({ date: "2026-03-02", name: "张伟" });
  expect(open.copy.report.visits.map((l) => [l.customer, l.outcome, l.nextStep])).toEqual([["刘洋", "订 20 台", "周五送货"]]);
  expect(open.copy.report.insights).toBe("多听客户意见");
  expect(await lina.service.mySignOffsOf(open.subject)).toEqual([]);

  // Signs it off with a comment: one new-message form to the salesperson, sent once.
  await lina.service.signOff({ report: open.subject, to: open.from!, comment: "很好，继续跟进华信", locale: "zh-CN" });
  expect(lina.forms).toHaveLength(1);
  expect(lina.forms[0]).toMatchObject({ toRecipients: [ZW], subject: "签收: [客户跟进·日报] 2026-03-02 张伟" });
  await send(LN, lina.forms[0]!);
  expect(await lina.service.mySignOffsOf(open.subject)).toEqual(["2026-03-02T10:00:00Z"]);

  // The salesperson: signed off by 李娜; opening the sign-off shows the comment.
  expect((await zhang.service.listMyReports()).statuses).toEqual([
    { date: "2026-03-02", sentAt: "2026-03-02T10:00:00Z", signedOff: { by: LN, byName: "李娜 Li Na", at: "2026-03-02T10:00:00Z" } },
  ]);
  const signOff = await inboxItem(ZW, lina.forms[0]!.subject);
  zhang.open(signOff.html);
  const seen = await zhang.service.readOpenItem(signOff.item);
  expect(seen).toMatchObject({ kind: "signOff", copy: { signOff: { date: "2026-03-02", by: LN, byName: "李娜", comment: "很好，继续跟进华信" } } });
  // Counted: one report and one sign-off in each mailbox that should hold them.
  const count = async (upn: string, s: string) => ((await client(upn).api("/me/messages?$top=200&$select=subject").get()) as { value: { subject: string }[] }).value.filter((m) => m.subject === s).length;
  expect([await count(ZW, SUBJECT), await count(LN, SUBJECT), await count(LN, lina.forms[0]!.subject), await count(ZW, lina.forms[0]!.subject)]).toEqual([1, 1, 1, 1]);
});

test("her own sent report is hers (no sign-off), a report without its copy says so, other mail is none, compose mode is none", async () => {
  const zhang = paneOf(ZW, "张伟");
  const item: MailItemSnapshot = { itemId: "x", conversationId: null, subject: SUBJECT, from: { address: ZW }, to: [], cc: [], mode: "read", itemType: "message" };
  zhang.open(reportHtml);
  expect(await zhang.service.readOpenItem(item)).toMatchObject({ kind: "report", mine: true });
  zhang.open("<p>一、访问客户及结果</p>");
  expect(await zhang.service.readOpenItem(item)).toMatchObject({ kind: "report", copy: { error: "missing" } });
  expect(await zhang.service.readOpenItem({ ...item, subject: "Quote for Q3" })).toEqual({ kind: "none" });
  expect(await zhang.service.readOpenItem({ ...item, mode: "compose" })).toEqual({ kind: "none" });
  // No Graph request for any of this: the body comes through Office.js.
  expect(zhang.requests()).toBe(0);
});
