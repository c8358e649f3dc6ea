/**
 * The daily visit plan (每日访问计划表, issue 13 item 2): which customer the salesperson will visit, on which day,
 * at what time (or time range), where (area) and for which of the handbook's purposes (the history's list:
 * 开发新客户, 市场调研, 收款, 服务, 客诉处理, 订货, 其他). Kept per customer on the contact (src/graph/visitPlan.ts,
 * docs/process-records.md "Visit plan"), so the plan survives devices and the manager reads it through the
 * shared folder; this file is the pure model: validation, moves, completion, pruning, the day's agenda in time
 * order, and the calendar event a visit becomes when the calendar option is on.
 *
 * Pure: time and ids are arguments; time zones are IANA names resolved with Intl (dates.ts).
 */
import { compareNames } from "./contactQuery";
import { createLocalDayFn, dayKeyToNumber, isDayKey, MS_PER_DAY } from "./dates";
import { isoToLocalDateTime, localDateTimeToIso, PURPOSES, type Purpose } from "./history";
import type { Contact, Locale } from "./types";
import { serializeVisitPlan, type PlannedVisit, type VisitEventLink, type VisitPlan } from "./visitPlanCodec";

export { hasOpenVisits, parseVisitPlan, serializeVisitPlan, VISIT_STATUSES, type PlannedVisit, type VisitEventLink, type VisitPlan, type VisitStatus } from "./visitPlanCodec";

/** A visit without an end time lasts this long on the calendar (the handbook plans visits by the hour). */
export const DEFAULT_VISIT_MINUTES = 60;
/** The calendar reminder rings this long before a visit: time to travel to the customer. */
export const VISIT_REMINDER_MINUTES = 30;
/** Plans reach this far ahead; anything later is a typo (a year field), not a plan. */
export const MAX_PLAN_AHEAD_DAYS = 366;
/** A visit ends the same day it starts and lasts at most this long (a working day). */
const MAX_VISIT_MINUTES = 12 * 60;
export const MAX_AREA_LENGTH = 100;
export const MAX_VISIT_NOTE_LENGTH = 200;
/** Done or cancelled visits stay this many days (Today shows them, the report reads them), then are pruned. */
export const KEEP_CLOSED_DAYS = 7;
/** A visit still "planned" this many days after its day was missed; it is pruned then (the history has what happened). */
export const KEEP_MISSED_DAYS = 30;
/** Serialized plan budget: the storage's String limit (src/graph/extendedProperties.ts MAX_STRING_PROPERTY_LENGTH). */
export const VISIT_PLAN_MAX_CHARS = 16_000;

export const EMPTY_VISIT_PLAN: VisitPlan = { v: 1, visits: [] };

export type VisitErrorCode =
  | "invalidDate"
  | "invalidTime"
  | "endBeforeStart"
  | "tooLong"
  | "past"
  | "tooFar"
  | "invalidPurpose"
  | "areaTooLong"
  | "noteTooLong"
  | "notFound"
  | "closed"
  | "planFull";

export class VisitError extends Error {
  readonly code: VisitErrorCode;
  constructor(code: VisitErrorCode) {
    super(`Invalid visit: ${code}`);
    this.code = code;
  }
}

const isPurpose = (v: unknown): v is Purpose => typeof v === "string" && (PURPOSES as readonly string[]).includes(v);
/** Control characters other than tab/newline are dropped from free text (they break mail and calendar bodies). */
const clean = (s: string | undefined): string => (s ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();

/** What the salesperson types: a local day, a start time and optionally an end time, in their zone. */
export interface VisitInput {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:mm" */
  time: string;
  /** "HH:mm", later than `time` the same day; empty or absent = no range. */
  endTime?: string;
  purpose: string;
  area?: string;
  note?: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Validates the day and times of an input and returns the instants (the checks shared by plan and move). */
export function visitTimes(input: Pick<VisitInput, "date" | "time" | "endTime">, ctx: { now: Date; timeZone: string }): { start: string; end?: string } {
  if (!isDayKey(input.date)) throw new VisitError("invalidDate");
  let day: number;
  try {
    day = dayKeyToNumber(input.date);
  } catch {
    throw new VisitError("invalidDate");
  }
  if (!TIME.test(input.time)) throw new VisitError("invalidTime");
  const endTime = input.endTime?.trim() ?? "";
  if (endTime && !TIME.test(endTime)) throw new VisitError("invalidTime");
  const today = createLocalDayFn(ctx.timeZone)(ctx.now.getTime());
  // Today's plan may be written after the day began (a visit at 09:00 entered at 10:00); earlier days may not.
  if (day < today) throw new VisitError("past");
  if (day > today + MAX_PLAN_AHEAD_DAYS) throw new VisitError("tooFar");
  const start = localDateTimeToIso(`${input.date}T${input.time}`, ctx.timeZone);
  if (!start) throw new VisitError("invalidTime");
  if (!endTime) return { start };
  const end = localDateTimeToIso(`${input.date}T${endTime}`, ctx.timeZone);
  if (!end) throw new VisitError("invalidTime");
  const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
  if (minutes <= 0) throw new VisitError("endBeforeStart");
  if (minutes > MAX_VISIT_MINUTES) throw new VisitError("tooLong");
  return { start, end };
}

/** Builds a planned visit from what was typed (validated; nothing is stored on an error). */
export function createVisit(input: VisitInput, ctx: { id: string; now: Date; timeZone: string; by: string }): PlannedVisit {
  const times = visitTimes(input, ctx);
  if (!isPurpose(input.purpose)) throw new VisitError("invalidPurpose");
  const area = clean(input.area);
  const note = clean(input.note);
  if (area.length > MAX_AREA_LENGTH) throw new VisitError("areaTooLong");
  if (note.length > MAX_VISIT_NOTE_LENGTH) throw new VisitError("noteTooLong");
  return { id: ctx.id, ...times, purpose: input.purpose, area, note, status: "planned", plannedAt: ctx.now.toISOString(), by: ctx.by.trim() };
}

/** The visit's end instant: its own, or start + DEFAULT_VISIT_MINUTES. */
export function visitEnd(v: Pick<PlannedVisit, "start" | "end">): string {
  return v.end ?? new Date(Date.parse(v.start) + DEFAULT_VISIT_MINUTES * 60_000).toISOString();
}

function replace(plan: VisitPlan, id: string, fn: (v: PlannedVisit) => PlannedVisit): VisitPlan {
  const i = plan.visits.findIndex((v) => v.id === id);
  if (i < 0) throw new VisitError("notFound");
  const visits = [...plan.visits];
  visits[i] = fn(visits[i]!);
  return { ...plan, visits };
}

/**
 * Drops what no one needs any more: done or cancelled visits older than KEEP_CLOSED_DAYS, planned visits missed
 * more than KEEP_MISSED_DAYS ago (the history records what happened). Cancelled visits whose calendar event is
 * still to be deleted stay until it is.
 */
export function prunePlan(plan: VisitPlan, now: Date): VisitPlan {
  const t = now.getTime();
  const visits = plan.visits.filter((v) => {
    const age = t - Date.parse(v.start);
    if (v.status === "planned") return age <= KEEP_MISSED_DAYS * MS_PER_DAY;
    if (v.status === "cancelled" && v.event) return true;
    return age <= KEEP_CLOSED_DAYS * MS_PER_DAY;
  });
  return visits.length === plan.visits.length ? plan : { ...plan, visits };
}

function fit(plan: VisitPlan, now: Date): VisitPlan {
  const next = prunePlan(plan, now);
  if (serializeVisitPlan(next).length > VISIT_PLAN_MAX_CHARS) throw new VisitError("planFull");
  return next;
}

/** Adds a visit (an id already present is not added twice: a retried write stays one visit). */
export function addVisit(plan: VisitPlan, visit: PlannedVisit, now: Date): VisitPlan {
  if (plan.visits.some((v) => v.id === visit.id)) return plan;
  return fit({ ...plan, visits: [...plan.visits, visit] }, now);
}

/** Moves a planned visit to another day or time; done and cancelled visits stay where they were. */
export function moveVisit(plan: VisitPlan, id: string, input: Pick<VisitInput, "date" | "time" | "endTime">, ctx: { now: Date; timeZone: string }): VisitPlan {
  const times = visitTimes(input, ctx);
  return fit(
    replace(plan, id, (v) => {
      if (v.status !== "planned") throw new VisitError("closed");
      const { end: _end, ...rest } = v;
      return { ...rest, ...times };
    }),
    ctx.now,
  );
}

export function cancelVisit(plan: VisitPlan, id: string, now: Date): VisitPlan {
  return fit(
    replace(plan, id, (v) => {
      if (v.status === "cancelled") return v;
      if (v.status === "done") throw new VisitError("closed");
      return { ...v, status: "cancelled", cancelledAt: now.toISOString() };
    }),
    now,
  );
}

/** Marks a visit done by a history entry (idempotent: completing it again with the same entry changes nothing). */
export function completeVisit(plan: VisitPlan, id: string, done: { entryId: string; at: string }): VisitPlan {
  return replace(plan, id, (v) => {
    if (v.status === "done") return v;
    if (v.status === "cancelled") throw new VisitError("closed");
    return { ...v, status: "done", doneAt: done.at, entryId: done.entryId };
  });
}

/** Records (or forgets, with undefined) the calendar event that mirrors a visit. */
export function linkEvent(plan: VisitPlan, id: string, event: VisitEventLink | undefined): VisitPlan {
  return replace(plan, id, (v) => {
    const { event: _old, ...rest } = v;
    return event ? { ...rest, event } : rest;
  });
}

/**
 * The visit that "Contacted" by visit completes: the planned visit of the entry's local day, the one closest to
 * the entry's time. Undefined when none is planned that day.
 */
export function visitToComplete(plan: VisitPlan, at: string, timeZone: string): PlannedVisit | undefined {
  const dayOf = createLocalDayFn(timeZone);
  const t = Date.parse(at);
  const day = dayOf(t);
  let best: PlannedVisit | undefined;
  for (const v of plan.visits) {
    if (v.status !== "planned" || dayOf(Date.parse(v.start)) !== day) continue;
    if (!best || Math.abs(Date.parse(v.start) - t) < Math.abs(Date.parse(best.start) - t)) best = v;
  }
  return best;
}

export interface AgendaItem {
  contact: Contact;
  visit: PlannedVisit;
  /** "HH:mm" in the user's zone; `endTime` only for a time range. */
  time: string;
  endTime?: string;
}

/**
 * The visits of one local day across customers, in time order (then by customer name in pinyin order): what
 * Today shows next to the due follow-ups and the daily report's "tomorrow's plan" lists. Cancelled visits are
 * left out; done ones stay (ticked).
 */
export function buildAgenda(contacts: readonly Contact[], plans: ReadonlyMap<string, VisitPlan>, opts: { day: string; timeZone: string }): AgendaItem[] {
  const dayOf = createLocalDayFn(opts.timeZone);
  const day = dayKeyToNumber(opts.day);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const items: AgendaItem[] = [];
  for (const [id, plan] of plans) {
    const contact = byId.get(id);
    if (!contact) continue;
    for (const v of plan.visits) {
      if (v.status === "cancelled" || dayOf(Date.parse(v.start)) !== day) continue;
      const item: AgendaItem = { contact, visit: v, time: isoToLocalDateTime(v.start, opts.timeZone).slice(11) };
      if (v.end) item.endTime = isoToLocalDateTime(v.end, opts.timeZone).slice(11);
      items.push(item);
    }
  }
  const name = (c: Contact) => c.displayName || c.emailAddresses[0]?.address || "";
  return items.sort((a, b) => Date.parse(a.visit.start) - Date.parse(b.visit.start) || compareNames(name(a.contact), name(b.contact)) || a.visit.id.localeCompare(b.visit.id));
}

// ------------------------------------------------------------------ the calendar event of a visit

/**
 * IANA → Windows time zone names (CLDR windowsZones.xml, "001" territory) for the zones salespeople of this
 * product work in. resources/datetimetimezone.md: `timeZone` "can be set to any of the time zones supported by
 * Windows, as well as" a listed set of IANA names — but listed IANA names have been refused in practice
 * (microsoft-graph-docs #4242 "Asia/Shanghai … not valid", docs-contrib #1609 "Africa/Casablanca" →
 * ErrorPropertyValidationFailure), so events carry the Windows name; zones missing here are sent in UTC
 * (the instant and the reminder are right either way; only the zone Outlook shows as "original" differs).
 */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  "Asia/Shanghai": "China Standard Time",
  "Asia/Chongqing": "China Standard Time",
  "Asia/Urumqi": "Central Asia Standard Time",
  "Asia/Hong_Kong": "China Standard Time",
  "Asia/Macau": "China Standard Time",
  "Asia/Taipei": "Taipei Standard Time",
  "Asia/Singapore": "Singapore Standard Time",
  "Asia/Kuala_Lumpur": "Singapore Standard Time",
  "Asia/Tokyo": "Tokyo Standard Time",
  "Asia/Seoul": "Korea Standard Time",
  "Asia/Bangkok": "SE Asia Standard Time",
  "Asia/Ho_Chi_Minh": "SE Asia Standard Time",
  "Asia/Jakarta": "SE Asia Standard Time",
  "Asia/Kolkata": "India Standard Time",
  "Asia/Dubai": "Arabian Standard Time",
  "Australia/Sydney": "AUS Eastern Standard Time",
  "Australia/Melbourne": "AUS Eastern Standard Time",
  "Australia/Perth": "W. Australia Standard Time",
  "Pacific/Auckland": "New Zealand Standard Time",
  "Europe/London": "GMT Standard Time",
  "Europe/Dublin": "GMT Standard Time",
  "Europe/Berlin": "W. Europe Standard Time",
  "Europe/Amsterdam": "W. Europe Standard Time",
  "Europe/Rome": "W. Europe Standard Time",
  "Europe/Zurich": "W. Europe Standard Time",
  "Europe/Vienna": "W. Europe Standard Time",
  "Europe/Paris": "Romance Standard Time",
  "Europe/Madrid": "Romance Standard Time",
  "Europe/Brussels": "Romance Standard Time",
  "Europe/Warsaw": "Central European Standard Time",
  "Europe/Moscow": "Russian Standard Time",
  "America/New_York": "Eastern Standard Time",
  "America/Toronto": "Eastern Standard Time",
  "America/Chicago": "Central Standard Time",
  "America/Denver": "Mountain Standard Time",
  "America/Phoenix": "US Mountain Standard Time",
  "America/Los_Angeles": "Pacific Standard Time",
  "America/Vancouver": "Pacific Standard Time",
  "America/Sao_Paulo": "E. South America Standard Time",
  "America/Mexico_City": "Central Standard Time (Mexico)",
  UTC: "UTC",
  "Etc/UTC": "UTC",
  "Etc/GMT": "UTC",
};

/** The Windows name of an IANA zone, or undefined when the table does not know it. */
export function windowsTimeZone(iana: string): string | undefined {
  return WINDOWS_ZONES[iana];
}

export interface EventDateTime {
  dateTime: string;
  timeZone: string;
}

/** An instant as a dateTimeTimeZone in the user's zone (Windows name), or in UTC when the zone is not in the table. */
export function toEventDateTime(instant: string, timeZone: string): EventDateTime {
  const win = windowsTimeZone(timeZone);
  const ms = Date.parse(instant);
  if (!win || win === "UTC") return { dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: "UTC" };
  // Wall-clock time in the zone, seconds included (the form the docs' requests use: "2017-04-15T12:00:00").
  return { dateTime: `${isoToLocalDateTime(ms, timeZone)}:00`, timeZone: win };
}

const EVENT_TEXT: Record<Locale, { visit: string; category: string; purposes: Record<Purpose, string>; area: string; note: string; company: string }> = {
  "zh-CN": {
    visit: "拜访",
    category: "客户拜访",
    purposes: { newCustomer: "开发新客户", marketResearch: "市场调研", collection: "收款", service: "服务", complaint: "客诉处理", order: "订货", other: "其他" },
    area: "区域",
    note: "备注",
    company: "单位",
  },
  "en-US": {
    visit: "Visit",
    category: "Customer visit",
    purposes: { newCustomer: "New customer", marketResearch: "Market research", collection: "Collection", service: "Service", complaint: "Complaint", order: "Order", other: "Other" },
    area: "Area",
    note: "Note",
    company: "Company",
  },
};

export interface VisitEventContent {
  subject: string;
  body: { contentType: "text"; content: string };
  start: EventDateTime;
  end: EventDateTime;
  location: { displayName: string };
  isReminderOn: true;
  reminderMinutesBeforeStart: number;
  categories: string[];
  showAs: "busy";
}

/**
 * The event a planned visit becomes on the calendar (resources/event.md properties; api/user-post-events.md):
 * subject "拜访 {customer}（{purpose}）", start/end in the user's zone, location = area, a reminder
 * VISIT_REMINDER_MINUTES before, the category "客户拜访" / "Customer visit", a plain-text body. No attendees: it is
 * the salesperson's own appointment, never an invitation sent to the customer.
 */
export function visitEventContent(visit: PlannedVisit, contact: Pick<Contact, "displayName" | "companyName" | "emailAddresses">, opts: { locale: Locale; timeZone: string }): VisitEventContent {
  const t = EVENT_TEXT[opts.locale];
  const who = contact.displayName || contact.emailAddresses[0]?.address || "";
  const purpose = t.purposes[visit.purpose];
  const subject = opts.locale === "zh-CN" ? `${t.visit} ${who}（${purpose}）` : `${t.visit} ${who} (${purpose})`;
  const lines = [`${t.visit}: ${who}`, contact.companyName ? `${t.company}: ${contact.companyName}` : "", visit.area ? `${t.area}: ${visit.area}` : "", visit.note ? `${t.note}: ${visit.note}` : ""];
  return {
    subject,
    body: { contentType: "text", content: lines.filter(Boolean).join("\n") },
    start: toEventDateTime(visit.start, opts.timeZone),
    end: toEventDateTime(visitEnd(visit), opts.timeZone),
    location: { displayName: visit.area },
    isReminderOn: true,
    reminderMinutesBeforeStart: VISIT_REMINDER_MINUTES,
    categories: [t.category],
    showAs: "busy",
  };
}

/**
 * What the calendar still has to do for a visit: create its event, move it, delete it, or nothing. A visit that
 * is already over gets no new event (turning the calendar on later does not fill the past).
 */
export function calendarAction(v: PlannedVisit, now: Date): "create" | "move" | "delete" | "none" {
  if (v.status === "cancelled") return v.event ? "delete" : "none";
  if (v.status === "done") return "none";
  if (!v.event) return Date.parse(visitEnd(v)) > now.getTime() ? "create" : "none";
  return v.event.start !== v.start || v.event.end !== visitEnd(v) ? "move" : "none";
}
