/**
 * The daily report's and its sign-off's subjects (issue 13 item 3): the one part of a message the salesperson's
 * side can read with Mail.ReadBasic, and what the pane checks to know an open message is a report. Small on
 * purpose: the pane's initial JavaScript imports it; the body's copy (reportMessage.ts) loads with the report views.
 */
import type { Locale } from "./types";

/** The subject tags, one per language; both are recognised whatever the reader's language. */
export const REPORT_TAGS: Record<Locale, string> = { "zh-CN": "[客户跟进·日报]", "en-US": "[Follow-up daily report]" };
export const SIGN_OFF_PREFIXES: Record<Locale, string> = { "zh-CN": "签收", "en-US": "Signed off" };

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const DATE = "(\\d{4}-\\d{2}-\\d{2})";
const TAG = `(?:${Object.values(REPORT_TAGS).map(esc).join("|")})`;
const REPORT_RE = new RegExp(`^\\s*${TAG}\\s+${DATE}(?:\\s+(.*?))?\\s*$`);
const SIGN_OFF_RE = new RegExp(`^\\s*(?:${Object.values(SIGN_OFF_PREFIXES).map(esc).join("|")})\\s*[:：]\\s*${TAG}\\s+${DATE}(?:\\s+(.*?))?\\s*$`, "i");

export interface ReportSubject {
  /** The report's day, "YYYY-MM-DD". */
  date: string;
  /** The salesperson's display name as written in the subject (may be empty). */
  name: string;
}

export function reportSubject(date: string, name: string, locale: Locale): string {
  return `${REPORT_TAGS[locale]} ${date} ${name.replace(/\s+/g, " ").trim()}`.trim();
}

export function signOffSubject(report: ReportSubject, locale: Locale): string {
  return `${SIGN_OFF_PREFIXES[locale]}: ${reportSubject(report.date, report.name, locale)}`;
}

/** A daily report's subject (either language), or null. A reply ("RE: …") is not a report. */
export function parseReportSubject(subject: string): ReportSubject | null {
  const m = REPORT_RE.exec(subject);
  return m ? { date: m[1]!, name: (m[2] ?? "").trim() } : null;
}

/** A sign-off's subject (either language, ASCII or full-width colon), or null. */
export function parseSignOffSubject(subject: string): ReportSubject | null {
  const m = SIGN_OFF_RE.exec(subject);
  return m ? { date: m[1]!, name: (m[2] ?? "").trim() } : null;
}
