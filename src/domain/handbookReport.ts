/**
 * The handbook's daily sales report (每日销售报告表, issue 13), built from the day's contact history: visits and
 * their outcome, complaints handled, collections, competitor information, customer feedback, customers' news,
 * today's insights, tomorrow's plan and summary counts. Market-research outcomes prefill the competitor section
 * and service outcomes the feedback section; the salesperson's own text comes first. Rendered as HTML for the
 * email draft to the manager; every user value is HTML-escaped, the markup is fixed.
 */
import { compareNames } from "./contactQuery";
import { escapeHtml } from "./dailyReport";
import { createLocalDayFn, dayNumberToKey } from "./dates";
import { complaints, isBackdated, type Channel, type HistoryLog, type Purpose } from "./history";
import { fieldByRole } from "./schema";
import type { Contact, FieldSchema, Locale } from "./types";

export interface ReportLine {
  contactId: string;
  customer: string;
  company: string;
  at: string;
  channel: Channel;
  purpose: Purpose;
  outcome: string;
  nextStep: string;
  backdated: boolean;
  /** Complaint lines: open or closed now. */
  complaintState?: "open" | "closed";
}

export interface ReportTexts {
  competitors: string;
  feedback: string;
  news: string;
  insights: string;
}

export interface ReportCounts {
  contacts: number;
  customers: number;
  visits: number;
  newCustomers: number;
  complaints: number;
  complaintsClosed: number;
  collections: number;
  orders: number;
  tomorrow: number;
}

export interface HandbookReport {
  date: string;
  salesperson: string;
  visits: ReportLine[];
  complaints: ReportLine[];
  collections: ReportLine[];
  competitors: string;
  feedback: string;
  news: string;
  insights: string;
  /** Tomorrow's planned visits in time order (time, purpose, area: 每日访问计划表), then the other customers due tomorrow. */
  tomorrow: { contactId: string; customer: string; company: string; nextStep: string; time?: string; purpose?: Purpose; area?: string }[];
  counts: ReportCounts;
}

/** A visit planned for tomorrow (src/domain/visitPlan.ts buildAgenda), as the report lists it. */
export interface PlannedTomorrow {
  contactId: string;
  /** "HH:mm" or "HH:mm–HH:mm" in the salesperson's zone. */
  time: string;
  purpose: Purpose;
  area: string;
}

export const REPORT_SECTIONS = ["visits", "complaints", "collections", "competitors", "feedback", "news", "insights", "tomorrow", "summary"] as const;

const join = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join("\n");

/**
 * `histories`: my customers' logs (any that may hold an entry of the day); `contacts`: my customers (for names
 * and tomorrow's plan from the next-contact field).
 */
export function buildHandbookReport(
  contacts: readonly Contact[],
  histories: ReadonlyMap<string, HistoryLog>,
  schema: FieldSchema,
  opts: { now: Date; timeZone: string; salesperson: string; texts?: Partial<ReportTexts>; notes?: Readonly<Record<string, string>>; plannedTomorrow?: readonly PlannedTomorrow[] },
): HandbookReport {
  const dayOf = createLocalDayFn(opts.timeZone);
  const today = dayOf(opts.now.getTime());
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const lines: ReportLine[] = [];
  for (const [id, log] of histories) {
    const c = byId.get(id);
    if (!c) continue;
    const state = new Map(complaints(log).map((x) => [x.id, x.state]));
    for (const e of log.entries) {
      if (dayOf(Date.parse(e.at)) !== today) continue;
      const line: ReportLine = {
        contactId: id,
        customer: c.displayName || c.emailAddresses[0]?.address || "",
        company: c.companyName ?? "",
        at: e.at,
        channel: e.channel,
        purpose: e.purpose,
        outcome: e.outcome,
        nextStep: e.nextStep,
        backdated: isBackdated(e),
      };
      const s = e.purpose === "complaint" ? (e.closes ? "closed" : state.get(e.id)) : undefined;
      if (s) line.complaintState = s;
      lines.push(line);
    }
  }
  lines.sort((a, b) => a.at.localeCompare(b.at) || compareNames(a.customer, b.customer));
  // A note typed on Today's card after "Contacted" fills the outcome of that customer's latest entry of the day.
  for (const [id, note] of Object.entries(opts.notes ?? {})) {
    const latest = [...lines].reverse().find((l) => l.contactId === id);
    if (latest && !latest.outcome && note.trim()) latest.outcome = note.trim();
  }
  const of = (p: Purpose) => lines.filter((l) => l.purpose === p);
  const note = (l: ReportLine) => `${l.customer}: ${l.outcome}`;
  const nextF = fieldByRole(schema, "nextContact");
  const tomorrowDay = today + 1;
  const lastStep = new Map<string, string>();
  for (const l of lines) if (l.nextStep) lastStep.set(l.contactId, l.nextStep);
  const row = (c: Contact) => ({ contactId: c.id, customer: c.displayName || c.emailAddresses[0]?.address || "", company: c.companyName ?? "", nextStep: lastStep.get(c.id) ?? "" });
  // Planned visits first, in the order given (time order); then customers due tomorrow without a planned visit.
  const visits = (opts.plannedTomorrow ?? []).flatMap((p) => {
    const c = byId.get(p.contactId);
    return c ? [{ ...row(c), time: p.time, purpose: p.purpose, area: p.area }] : [];
  });
  const visited = new Set(visits.map((x) => x.contactId));
  const tomorrow = [
    ...visits,
    ...contacts
      .filter((c) => {
        const v = nextF ? c.fields[nextF.propertyName] : null;
        return !visited.has(c.id) && typeof v === "string" && dayOf(Date.parse(v)) === tomorrowDay;
      })
      .map(row)
      .sort((a, b) => compareNames(a.customer, b.customer)),
  ];
  const complaintLines = of("complaint");
  const t = opts.texts ?? {};
  return {
    date: dayNumberToKey(today),
    salesperson: opts.salesperson,
    visits: lines,
    complaints: complaintLines,
    collections: of("collection"),
    competitors: join(t.competitors ?? "", ...of("marketResearch").filter((l) => l.outcome).map(note)),
    feedback: join(t.feedback ?? "", ...of("service").filter((l) => l.outcome).map(note)),
    news: join(t.news ?? ""),
    insights: join(t.insights ?? ""),
    tomorrow,
    counts: {
      contacts: lines.length,
      customers: new Set(lines.map((l) => l.contactId)).size,
      visits: lines.filter((l) => l.channel === "visit").length,
      newCustomers: of("newCustomer").length,
      complaints: complaintLines.length,
      complaintsClosed: complaintLines.filter((l) => l.complaintState === "closed").length,
      collections: of("collection").length,
      orders: of("order").length,
      tomorrow: new Set(tomorrow.map((x) => x.contactId)).size,
    },
  };
}

type Text = {
  title: string;
  by: string;
  none: string;
  backdated: string;
  sections: Record<(typeof REPORT_SECTIONS)[number], string>;
  cols: [string, string, string, string, string, string];
  tomorrowCols: [string, string, string, string, string, string];
  counts: Record<keyof ReportCounts, string>;
  channels: Record<Channel, string>;
  purposes: Record<Purpose, string>;
  state: { open: string; closed: string };
};

const TEXT: Record<Locale, Text> = {
  "zh-CN": {
    title: "每日销售报告",
    by: "业务员",
    none: "无",
    backdated: "补录",
    sections: { visits: "一、访问客户及结果", complaints: "二、客诉处理", collections: "三、收款", competitors: "四、竞争对手信息", feedback: "五、客户反馈", news: "六、客户动态", insights: "七、今日心得", tomorrow: "八、明日计划", summary: "九、汇总" },
    cols: ["时间", "客户", "方式", "目的", "结果", "下一步"],
    tomorrowCols: ["时间", "客户", "单位", "目的", "区域", "下一步"],
    counts: { contacts: "联系次数", customers: "客户数", visits: "拜访", newCustomers: "开发新客户", complaints: "客诉", complaintsClosed: "客诉已结", collections: "收款", orders: "订货", tomorrow: "明日计划客户" },
    channels: { call: "电话", email: "邮件", visit: "拜访", meeting: "会议" },
    purposes: { newCustomer: "开发新客户", marketResearch: "市场调研", collection: "收款", service: "服务", complaint: "客诉处理", order: "订货", other: "其他" },
    state: { open: "未结", closed: "已结" },
  },
  "en-US": {
    title: "Daily sales report",
    by: "Salesperson",
    none: "None",
    backdated: "backdated",
    sections: { visits: "1. Visits and outcomes", complaints: "2. Complaints handled", collections: "3. Collections", competitors: "4. Competitor information", feedback: "5. Customer feedback", news: "6. Customers' news", insights: "7. Today's insights", tomorrow: "8. Tomorrow's plan", summary: "9. Summary" },
    cols: ["Time", "Customer", "Channel", "Purpose", "Outcome", "Next step"],
    tomorrowCols: ["Time", "Customer", "Company", "Purpose", "Area", "Next step"],
    counts: { contacts: "Contacts", customers: "Customers", visits: "Visits", newCustomers: "New customers", complaints: "Complaints", complaintsClosed: "Complaints closed", collections: "Collections", orders: "Orders", tomorrow: "Customers planned tomorrow" },
    channels: { call: "Call", email: "Email", visit: "Visit", meeting: "Meeting" },
    purposes: { newCustomer: "New customer", marketResearch: "Market research", collection: "Collection", service: "Service", complaint: "Complaint", order: "Order", other: "Other" },
    state: { open: "open", closed: "closed" },
  },
};

const CELL = "border:1px solid #999;padding:4px";

/** The email body: one heading per handbook section, in the handbook's order; empty sections say so. */
export function renderHandbookReportHtml(r: HandbookReport, locale: Locale, timeZone: string): string {
  const t = TEXT[locale];
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const esc = (s: string) => escapeHtml(s).replace(/\n/g, "<br>");
  const cell = (s: string) => `<td style="${CELL}">${esc(s)}</td>`;
  const head = (cols: readonly string[]) => `<thead><tr>${cols.map((c) => `<th style="${CELL};text-align:left">${esc(c)}</th>`).join("")}</tr></thead>`;
  const none = `<p>${esc(t.none)}</p>`;
  const h = (k: (typeof REPORT_SECTIONS)[number]) => `<h3 data-section="${k}">${esc(t.sections[k])}</h3>`;
  const lineTable = (lines: ReportLine[]) => {
    if (lines.length === 0) return none;
    const rows = lines
      .map((l) => {
        const when = `${time.format(Date.parse(l.at))}${l.backdated ? ` (${t.backdated})` : ""}`;
        const purpose = `${t.purposes[l.purpose]}${l.complaintState ? ` · ${t.state[l.complaintState]}` : ""}`;
        const who = l.company ? `${l.customer} (${l.company})` : l.customer;
        return `<tr>${cell(when)}${cell(who)}${cell(t.channels[l.channel])}${cell(purpose)}${cell(l.outcome)}${cell(l.nextStep)}</tr>`;
      })
      .join("");
    return `<table style="border-collapse:collapse">${head(t.cols)}<tbody>${rows}</tbody></table>`;
  };
  const text = (s: string) => (s.trim() ? `<p>${esc(s)}</p>` : none);
  const tomorrow =
    r.tomorrow.length === 0
      ? none
      : `<table style="border-collapse:collapse">${head(t.tomorrowCols)}<tbody>${r.tomorrow.map((x) => `<tr>${cell(x.time ?? "")}${cell(x.customer)}${cell(x.company)}${cell(x.purpose ? t.purposes[x.purpose] : "")}${cell(x.area ?? "")}${cell(x.nextStep)}</tr>`).join("")}</tbody></table>`;
  const counts = `<table style="border-collapse:collapse"><tbody>${(Object.keys(t.counts) as (keyof ReportCounts)[])
    .map((k) => `<tr><th style="${CELL};text-align:left">${esc(t.counts[k])}</th><td style="${CELL}" data-count="${k}">${r.counts[k]}</td></tr>`)
    .join("")}</tbody></table>`;
  return [
    `<h2>${esc(t.title)} ${esc(r.date)}</h2><p>${esc(t.by)}: ${esc(r.salesperson)}</p>`,
    h("visits") + lineTable(r.visits),
    h("complaints") + lineTable(r.complaints),
    h("collections") + lineTable(r.collections),
    h("competitors") + text(r.competitors),
    h("feedback") + text(r.feedback),
    h("news") + text(r.news),
    h("insights") + text(r.insights),
    h("tomorrow") + tomorrow,
    h("summary") + counts,
  ].join("");
}
