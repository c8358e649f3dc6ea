/**
 * End-of-day report (每日销售报告): contacts whose last contact was today (user's time zone) with an
 * outcome note each, rendered as an HTML table for a new email to the manager. Every user value is
 * HTML-escaped; the markup itself is fixed.
 */
import { compareNames } from "./contactQuery";
import { createLocalDayFn, dayNumberToKey } from "./dates";
import { formatFieldValue } from "./fieldValues";
import { fieldByRole } from "./schema";
import type { Contact, FieldSchema, Locale } from "./types";

export interface ReportRow {
  contactId: string;
  name: string;
  company: string;
  email: string;
  /** Tier label in the report's locale is resolved at render time; this is the stored value. */
  tier: string | null;
  contactedAt: string;
  outcome: string;
}

export interface DailyReport {
  /** Local date "YYYY-MM-DD". */
  date: string;
  salesperson: string;
  rows: ReportRow[];
}

export interface DailyReportOptions {
  now: Date;
  timeZone: string;
  salesperson: string;
  /** Outcome per contact id, typed in the report dialog; falls back to the schema's outcome-note field. */
  outcomes?: Record<string, string>;
  /** Only contacts owned by this address; all when omitted. */
  owner?: string;
}

export function buildDailyReport(contacts: readonly Contact[], schema: FieldSchema, opts: DailyReportOptions): DailyReport {
  const dayOf = createLocalDayFn(opts.timeZone);
  const today = dayOf(opts.now.getTime());
  const lastF = fieldByRole(schema, "lastContacted");
  const tierF = fieldByRole(schema, "tier");
  const noteF = fieldByRole(schema, "outcomeNote");
  const ownerF = fieldByRole(schema, "owner");
  const me = opts.owner?.trim().toLowerCase();
  const rows: ReportRow[] = [];
  if (!lastF) return { date: dayNumberToKey(today), salesperson: opts.salesperson, rows };
  for (const c of contacts) {
    const last = c.fields[lastF.propertyName];
    const ms = typeof last === "string" ? Date.parse(last) : NaN;
    if (!Number.isFinite(ms) || dayOf(ms) !== today) continue;
    if (me !== undefined && ownerF) {
      const o = c.fields[ownerF.propertyName];
      if (typeof o !== "string" || o.trim().toLowerCase() !== me) continue;
    }
    const tier = tierF ? c.fields[tierF.propertyName] : null;
    const note = noteF ? c.fields[noteF.propertyName] : null;
    rows.push({
      contactId: c.id,
      name: c.displayName,
      company: c.companyName ?? "",
      email: c.emailAddresses[0]?.address ?? "",
      tier: typeof tier === "string" ? tier : null,
      contactedAt: last as string,
      outcome: opts.outcomes?.[c.id] ?? (typeof note === "string" ? note : ""),
    });
  }
  rows.sort((a, b) => a.contactedAt.localeCompare(b.contactedAt) || compareNames(a.name, b.name));
  return { date: dayNumberToKey(today), salesperson: opts.salesperson, rows };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string);
}

const TEXT: Record<Locale, { title: string; by: string; none: string; cols: [string, string, string, string, string, string] }> = {
  "zh-CN": { title: "每日销售报告", by: "业务员", none: "今天没有联系记录。", cols: ["序号", "客户", "单位", "客户类别", "联系时间", "结果"] },
  "en-US": { title: "Daily sales report", by: "Salesperson", none: "No contacts recorded today.", cols: ["#", "Customer", "Company", "Tier", "Contacted at", "Outcome"] },
};

/** The email body: a heading and a table; newlines in outcomes become <br>. */
export function renderDailyReportHtml(report: DailyReport, schema: FieldSchema, locale: Locale, timeZone: string): string {
  const t = TEXT[locale];
  const tierF = fieldByRole(schema, "tier");
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const cell = (s: string): string => `<td style="border:1px solid #999;padding:4px">${escapeHtml(s).replace(/\n/g, "<br>")}</td>`;
  const head = t.cols.map((c) => `<th style="border:1px solid #999;padding:4px;text-align:left">${escapeHtml(c)}</th>`).join("");
  const body = report.rows
    .map((r, i) => {
      const tier = r.tier && tierF ? formatFieldValue(tierF, r.tier, { locale, timeZone }) : "";
      const at = Number.isFinite(Date.parse(r.contactedAt)) ? time.format(Date.parse(r.contactedAt)) : "";
      const name = r.email ? `${r.name} <${r.email}>` : r.name;
      return `<tr>${cell(String(i + 1))}${cell(name)}${cell(r.company)}${cell(tier)}${cell(at)}${cell(r.outcome)}</tr>`;
    })
    .join("");
  const heading = `<h2>${escapeHtml(t.title)} ${escapeHtml(report.date)}</h2><p>${escapeHtml(t.by)}: ${escapeHtml(report.salesperson)}</p>`;
  if (report.rows.length === 0) return `${heading}<p>${escapeHtml(t.none)}</p>`;
  return `${heading}<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
