/**
 * The daily report's sign-off round trip (issue 13 item 3, 签收), with the add-in's least privilege:
 * - the manager's pane reads the open report through Office.js (item.body.getAsync: no Graph scope) and signs it
 *   off with an Outlook-native message (displayNewMessageForm, the manager reviews and sends it): the record lives
 *   in both mailboxes, Sent Items and Inbox, and needs no Mail.Send. Office's reply form cannot set a subject
 *   (Office.ReplyFormData has only htmlBody and attachments), and the subject is the one thing the salesperson's
 *   side can read with Mail.ReadBasic — so a sign-off is a new message whose subject names the report;
 * - the salesperson's "My daily reports" lists her mailbox's headers (Mail.ReadBasic, the base scope) and opening a
 *   sign-off shows its comment in the pane (body through Office.js again).
 * Rules and formats live in src/domain/reportMessage.ts.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { localDayNumber, startOfLocalDay } from "../../domain/dates";
import type { CopyError, ReportCopy, ReportStatus, ReportSubject, SignOff } from "../../domain/reportMessage";

// The report's copy codec and sign-off texts load when a report or sign-off is open or listed, not with the pane: the
// task pane's initial JavaScript has a 250 KB gzipped budget (bench/README.md).
const messages = () => import(/* webpackChunkName: "report-message" */ "../../domain/reportMessage");
import { parseReportSubject, parseSignOffSubject } from "../../domain/reportSubject";
import { listMessageHeadersSince } from "../../graph/messageHeaders";
import type { EmailAddress, Locale } from "../../domain/types";
import type { MailItemSnapshot, OfficeHost } from "../../office";

/** How far back "My daily reports" looks (two working weeks and the weekends between). */
export const REPORT_LIST_DAYS = 14;

export type OpenReport =
  | { kind: "none" }
  | {
      kind: "report";
      subject: ReportSubject;
      from: EmailAddress | null;
      /** I sent it: my own report in Sent Items, nothing to sign off. */
      mine: boolean;
      copy: { report: ReportCopy } | { error: CopyError | "unreadable" };
    }
  | { kind: "signOff"; subject: ReportSubject; from: EmailAddress | null; copy: { signOff: SignOff } | { error: CopyError | "unreadable" } };

export interface ReportsService {
  /** The user's zone: times in the pane are shown in it. */
  timeZone: string;
  /** What the open message is: a daily report (with its copy read back), a sign-off (with its comment), or neither. */
  readOpenItem(item: MailItemSnapshot): Promise<OpenReport>;
  /** Opens the sign-off message to the report's sender for the manager to review and send. Rejects SignOffError on a too-long comment (nothing opened). */
  signOff(input: { report: ReportSubject; to: EmailAddress; comment: string; locale: Locale }): Promise<void>;
  /** My sign-offs already sent for this report (the manager's Sent Items), latest first: the time of each. */
  mySignOffsOf(report: ReportSubject): Promise<string[]>;
  /** My daily reports of the last REPORT_LIST_DAYS days with their sign-off. */
  listMyReports(): Promise<{ statuses: ReportStatus[]; truncated: boolean }>;
}

export interface ReportsDeps {
  office: Pick<OfficeHost, "displayNewMessageForm" | "getItemBody">;
  /** Graph with the base scopes (Mail.ReadBasic is among them). */
  client(): Client;
  me: string;
  displayName: string;
  now(): Date;
  timeZone: string;
}

const same = (a: string | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();


export function createReportsService(deps: ReportsDeps): ReportsService {
  const since = () => startOfLocalDay(localDayNumber(deps.now(), deps.timeZone) - REPORT_LIST_DAYS, deps.timeZone);

  async function body(): Promise<string | null> {
    try {
      return await deps.office.getItemBody();
    } catch {
      return null;
    }
  }

  return {
    timeZone: deps.timeZone,
    async readOpenItem(item) {
      if (item.mode !== "read" || item.itemType !== "message") return { kind: "none" };
      const report = parseReportSubject(item.subject);
      const signOff = report ? null : parseSignOffSubject(item.subject);
      if (!report && !signOff) return { kind: "none" };
      const [html, { readReportCopy, readSignOffCopy }] = await Promise.all([body(), messages()]);
      if (report) {
        return { kind: "report", subject: report, from: item.from, mine: same(item.from?.address, deps.me), copy: html === null ? { error: "unreadable" } : readReportCopy(html) };
      }
      return { kind: "signOff", subject: signOff!, from: item.from, copy: html === null ? { error: "unreadable" } : readSignOffCopy(html) };
    },

    async signOff({ report, to, comment, locale }) {
      const { renderSignOffHtml, signOffSubject } = await messages();
      const htmlBody = renderSignOffHtml({ ...report, by: deps.me, byName: deps.displayName, comment }, locale);
      await deps.office.displayNewMessageForm({ toRecipients: [to.address], subject: signOffSubject(report, locale), htmlBody });
    },

    async mySignOffsOf(report) {
      const { messages } = await listMessageHeadersSince(deps.client(), since());
      return messages
        .filter((m) => same(m.from?.address, deps.me))
        .filter((m) => {
          const s = parseSignOffSubject(m.subject);
          return !!s && s.date === report.date && s.name === report.name;
        })
        .map((m) => m.sentDateTime ?? m.receivedDateTime ?? "")
        .sort()
        .reverse();
    },

    async listMyReports() {
      const [{ messages: headers, truncated }, { buildReportStatuses }] = await Promise.all([listMessageHeadersSince(deps.client(), since()), messages()]);
      return { statuses: buildReportStatuses(headers, deps.me), truncated };
    },
  };
}

