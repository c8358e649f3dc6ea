/**
 * End-of-day rows (每日销售报告): contacts whose last contact was today (user's time zone) with an outcome note
 * each, as Today lists them. The email itself is the handbook's report (handbookReport.ts); escapeHtml is shared by
 * every HTML the add-in writes.
 */
import { compareNames } from "./contactQuery";
import { createLocalDayFn, dayNumberToKey } from "./dates";
import { fieldByRole } from "./schema";
import type { Contact, FieldSchema } from "./types";

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
