/**
 * The Monday weekly report (周进度, issue 13) per salesperson and for the team, computed from the contact
 * histories and the follow-up fields. Definitions (docs/process-records.md):
 * - the week runs Monday 00:00 to the next Monday 00:00 in the reader's time zone;
 * - contacts: history entries whose time falls in the week; visits: those by channel "visit";
 * - effective visit: a visit with a recorded outcome that led to an order or a collection or names a next step;
 *   effective visit rate = effective visits / visits (null when there were no visits);
 * - new customers: distinct customers with a "new customer" (开发新客户) entry in the week;
 * - follow-ups due / overdue and lapsed claims: the state now (as the Team view counts them);
 * - complaints opened in the week and still open now; complaints closed in the week (closing entry or settled
 *   on the spot in the week).
 * Pure: time and zone are arguments.
 */
import { claimInfo, DEFAULT_CLAIM_CONFIG, type ClaimConfig } from "./claims";
import { dayKeyToNumber, dayNumberToKey, localDayNumber, startOfLocalDay } from "./dates";
import { followUpInfo } from "./followUp";
import { complaintCounts } from "./complaints";
import type { HistoryEntry, HistoryLog } from "./history";
import Papa from "papaparse";
import { guardFormula, UTF8_BOM } from "./csv";
import { escapeHtml } from "./dailyReport";
import type { Contact, FieldSchema, Locale } from "./types";

export interface WeeklyFigures {
  upn: string;
  contacts: number;
  visits: number;
  effectiveVisits: number;
  /** 0–1, null without visits. */
  effectiveVisitRate: number | null;
  newCustomers: number;
  followUpsDue: number;
  followUpsOverdue: number;
  lapsedClaims: number;
  complaintsOpen: number;
  complaintsClosed: number;
}

export interface WeeklyFolder {
  upn: string;
  contacts: readonly Contact[];
  schema: FieldSchema;
  histories: ReadonlyMap<string, HistoryLog>;
}

export interface WeeklyReport {
  /** Monday "YYYY-MM-DD" and the following Sunday. */
  weekStart: string;
  weekEnd: string;
  rows: WeeklyFigures[];
  team: WeeklyFigures;
}

/** The Monday of the week holding `instant`, in `timeZone` ("YYYY-MM-DD"). */
export function mondayOf(instant: Date | number, timeZone: string): string {
  const day = localDayNumber(instant, timeZone);
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return dayNumberToKey(day - weekday);
}

/** The Monday report covers the last complete week: the Monday before this week's. */
export function previousWeek(now: Date, timeZone: string): string {
  return dayNumberToKey(dayKeyToNumber(mondayOf(now, timeZone)) - 7);
}

export function isEffectiveVisit(e: HistoryEntry): boolean {
  return e.channel === "visit" && e.outcome.trim() !== "" && (e.purpose === "order" || e.purpose === "collection" || e.nextStep.trim() !== "");
}

const zero = (upn: string): WeeklyFigures => ({
  upn,
  contacts: 0,
  visits: 0,
  effectiveVisits: 0,
  effectiveVisitRate: null,
  newCustomers: 0,
  followUpsDue: 0,
  followUpsOverdue: 0,
  lapsedClaims: 0,
  complaintsOpen: 0,
  complaintsClosed: 0,
});

export function buildWeeklyReport(folders: readonly WeeklyFolder[], opts: { weekStart: string; now: Date; timeZone: string; claim?: ClaimConfig }): WeeklyReport {
  const { from, to } = weekBounds(opts.weekStart, opts.timeZone);
  const inWeek = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const rows = folders.map((f) => {
    const r = zero(f.upn);
    for (const c of f.contacts) {
      const s = followUpInfo(c.fields, f.schema, opts.now, opts.timeZone).status;
      if (s === "dueToday") r.followUpsDue++;
      if (s === "overdue") r.followUpsOverdue++;
      const claim = claimInfo(c, f.schema, opts.now, opts.claim ?? DEFAULT_CLAIM_CONFIG);
      if (claim.state === "lapsed") r.lapsedClaims++;
      const log = f.histories.get(c.id);
      if (!log) continue;
      let isNew = false;
      for (const e of log.entries) {
        if (!inWeek(e.at)) continue;
        r.contacts++;
        if (e.channel === "visit") r.visits++;
        if (isEffectiveVisit(e)) r.effectiveVisits++;
        if (e.purpose === "newCustomer") isNew = true;
      }
      if (isNew) r.newCustomers++;
      // The same open/closed rule as the contact's history and the manager's complaints list (domain/complaints.ts).
      const k = complaintCounts(log, from, to);
      r.complaintsOpen += k.openedStillOpen;
      r.complaintsClosed += k.closed;
    }
    r.effectiveVisitRate = r.visits ? r.effectiveVisits / r.visits : null;
    return r;
  });
  const team = zero("");
  for (const r of rows) {
    for (const k of ["contacts", "visits", "effectiveVisits", "newCustomers", "followUpsDue", "followUpsOverdue", "lapsedClaims", "complaintsOpen", "complaintsClosed"] as const) team[k] += r[k];
  }
  team.effectiveVisitRate = team.visits ? team.effectiveVisits / team.visits : null;
  return { weekStart: opts.weekStart, weekEnd: dayNumberToKey(dayKeyToNumber(opts.weekStart) + 6), rows, team };
}

/** The week's bounds as instants [from, to) in `timeZone`. */
export function weekBounds(weekStart: string, timeZone: string): { from: number; to: number } {
  return { from: startOfLocalDay(weekStart, timeZone).getTime(), to: startOfLocalDay(dayNumberToKey(dayKeyToNumber(weekStart) + 7), timeZone).getTime() };
}

export const WEEKLY_MEASURES = ["contacts", "visits", "effectiveVisits", "effectiveVisitRate", "newCustomers", "followUpsDue", "followUpsOverdue", "lapsedClaims", "complaintsOpen", "complaintsClosed"] as const;
export type WeeklyMeasure = (typeof WEEKLY_MEASURES)[number];

const WEEKLY_TEXT: Record<Locale, { title: string; salesperson: string; team: string; labels: Record<WeeklyMeasure, string> }> = {
  "zh-CN": {
    title: "销售周报",
    salesperson: "业务员",
    team: "团队合计",
    labels: { contacts: "联系次数", visits: "拜访次数", effectiveVisits: "有效拜访", effectiveVisitRate: "有效拜访率", newCustomers: "开发新客户", followUpsDue: "今日应跟进", followUpsOverdue: "跟进逾期", lapsedClaims: "认领已失效", complaintsOpen: "客诉未结", complaintsClosed: "客诉已结" },
  },
  "en-US": {
    title: "Weekly sales report",
    salesperson: "Salesperson",
    team: "Team total",
    labels: { contacts: "Contacts", visits: "Visits", effectiveVisits: "Effective visits", effectiveVisitRate: "Effective visit rate", newCustomers: "New customers", followUpsDue: "Follow-ups due", followUpsOverdue: "Follow-ups overdue", lapsedClaims: "Lapsed claims", complaintsOpen: "Complaints open", complaintsClosed: "Complaints closed" },
  },
};

export function weeklyLabel(m: WeeklyMeasure, locale: Locale): string {
  return WEEKLY_TEXT[locale].labels[m];
}

/** A figure as shown: the rate as a whole percentage, "—" without visits. */
export function formatWeekly(r: WeeklyFigures, m: WeeklyMeasure): string {
  if (m === "effectiveVisitRate") return r.effectiveVisitRate === null ? "—" : `${Math.round(r.effectiveVisitRate * 100)}%`;
  return String(r[m]);
}

/** CSV (UTF-8 with BOM for Excel), one row per salesperson and the team total; `name` shows a salesperson. */
export function weeklyReportCsv(r: WeeklyReport, locale: Locale, name: (upn: string) => string = (u) => u): string {
  const t = WEEKLY_TEXT[locale];
  const head = [t.salesperson, ...WEEKLY_MEASURES.map((m) => t.labels[m])];
  const row = (label: string, f: WeeklyFigures) => [guardFormula(label), ...WEEKLY_MEASURES.map((m) => formatWeekly(f, m))];
  return UTF8_BOM + Papa.unparse([head, ...r.rows.map((f) => row(name(f.upn), f)), row(t.team, r.team)], { newline: "\r\n" });
}

/** The email body: the week, one table with a row per salesperson and the team total. */
export function renderWeeklyReportHtml(r: WeeklyReport, locale: Locale, name: (upn: string) => string = (u) => u): string {
  const t = WEEKLY_TEXT[locale];
  const CELL = "border:1px solid #999;padding:4px";
  const esc = (s: string) => escapeHtml(s);
  const head = `<tr><th style="${CELL};text-align:left">${esc(t.salesperson)}</th>${WEEKLY_MEASURES.map((m) => `<th style="${CELL};text-align:left">${esc(t.labels[m])}</th>`).join("")}</tr>`;
  const row = (label: string, f: WeeklyFigures) => `<tr><td style="${CELL}">${esc(label)}</td>${WEEKLY_MEASURES.map((m) => `<td style="${CELL}" data-measure="${m}">${formatWeekly(f, m)}</td>`).join("")}</tr>`;
  return `<h2>${esc(t.title)} ${esc(r.weekStart)} – ${esc(r.weekEnd)}</h2><table style="border-collapse:collapse"><thead>${head}</thead><tbody>${r.rows.map((f) => row(name(f.upn), f)).join("")}${row(t.team, r.team)}</tbody></table>`;
}
