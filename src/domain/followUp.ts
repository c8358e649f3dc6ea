/**
 * Follow-up rules (issue 6): the "contacted" action and due/overdue classification. The clock and the
 * user's time zone are arguments; a due date is "today" when it falls on today's calendar date in that zone.
 */
import { addDays, createLocalDayFn, dayNumberToKey, localDateKey, zoneOffsetMs } from "./dates";
import { fieldByRole } from "./schema";
import type { FieldOp, FieldSchema, FieldValues, WriteResult } from "./types";

export interface Cadence {
  /** Days until the next contact, per tier choice value. */
  byTier: Record<string, number>;
  /** For contacts without a tier (or a tier not listed). */
  fallbackDays: number;
}

/** Issue 6's defaults: key customers weekly, potential fortnightly, regular monthly. */
export const DEFAULT_CADENCE: Cadence = { byTier: { key: 7, regular: 30, potential: 14 }, fallbackDays: 14 };

export function cadenceDays(fields: FieldValues, schema: FieldSchema, cadence: Cadence = DEFAULT_CADENCE): number {
  const tierField = fieldByRole(schema, "tier");
  const tier = tierField ? fields[tierField.propertyName] : undefined;
  const days = typeof tier === "string" ? cadence.byTier[tier] : undefined;
  return days !== undefined && Number.isFinite(days) && days > 0 ? days : cadence.fallbackDays;
}

/**
 * The "contacted" action: last contacted = now, needs re-contact = no, next contact = now + the tier's
 * cadence (whole 24-hour days from now, so the next call lands on the same time of day). Fields the schema
 * has no role for are left alone.
 */
export function markContacted(fields: FieldValues, schema: FieldSchema, now: Date, cadence: Cadence = DEFAULT_CADENCE): FieldOp[] {
  const ops: FieldOp[] = [];
  const last = fieldByRole(schema, "lastContacted");
  const flag = fieldByRole(schema, "needsRecontact");
  const next = fieldByRole(schema, "nextContact");
  if (last) ops.push({ op: "set", field: last.propertyName, value: now.toISOString() });
  if (flag) ops.push({ op: "set", field: flag.propertyName, value: false });
  if (next) ops.push({ op: "set", field: next.propertyName, value: addDays(now, cadenceDays(fields, schema, cadence)).toISOString() });
  return ops;
}

/** Flag for follow-up on a given due instant (or without a date). */
export function flagForFollowUp(schema: FieldSchema, due: Date | null): FieldOp[] {
  const ops: FieldOp[] = [];
  const flag = fieldByRole(schema, "needsRecontact");
  const next = fieldByRole(schema, "nextContact");
  if (flag) ops.push({ op: "set", field: flag.propertyName, value: true });
  if (next) ops.push(due ? { op: "set", field: next.propertyName, value: due.toISOString() } : { op: "clear", field: next.propertyName });
  return ops;
}

export type FollowUpStatus = "overdue" | "dueToday" | "flaggedNoDate" | "upcoming" | "none";

export interface FollowUpInfo {
  status: FollowUpStatus;
  /** Local calendar date of the next contact, "YYYY-MM-DD". */
  dueDate?: string;
  /** Whole local days past due (0 when due today). */
  daysOverdue?: number;
}

/**
 * Classifies a contact's follow-up. A next-contact date on an earlier local day than today is overdue,
 * on today's local day is due today, later is upcoming; no date but "needs re-contact" = flaggedNoDate.
 */
export function followUpInfo(fields: FieldValues, schema: FieldSchema, now: Date, timeZone: string, dayOf = createLocalDayFn(timeZone)): FollowUpInfo {
  const next = fieldByRole(schema, "nextContact");
  const flag = fieldByRole(schema, "needsRecontact");
  const due = next ? fields[next.propertyName] : undefined;
  const ms = typeof due === "string" ? Date.parse(due) : NaN;
  if (Number.isFinite(ms)) {
    const today = dayOf(now.getTime());
    const day = dayOf(ms);
    const dueDate = dayNumberToKey(day);
    if (day < today) return { status: "overdue", dueDate, daysOverdue: today - day };
    if (day === today) return { status: "dueToday", dueDate, daysOverdue: 0 };
    return { status: "upcoming", dueDate };
  }
  if (flag && fields[flag.propertyName] === true) return { status: "flaggedNoDate" };
  return { status: "none" };
}

/** The reminder of a follow-up task rings at this local hour on the due day: the start of a working day. */
export const REMINDER_LOCAL_HOUR = 9;

export interface TaskSchedule {
  /** The due calendar day in the user's zone, "YYYY-MM-DD" (To Do's due date is a day). */
  dueDay: string;
  /** The reminder instant (ISO, UTC): REMINDER_LOCAL_HOUR:00 on the due day in the user's zone. */
  reminderAt: string;
}

/**
 * When a follow-up task is due and rings (issue 10 item 13): on the local day of the contact's next-contact date,
 * at 09:00 the user's time (a wall-clock time: the zone's offset is taken at that moment, so DST days are right).
 */
export function followUpTaskSchedule(due: string | Date, timeZone: string, hour: number = REMINDER_LOCAL_HOUR): TaskSchedule {
  const dueDay = localDateKey(due, timeZone);
  const wall = Date.parse(`${dueDay}T00:00:00Z`) + hour * 3_600_000;
  let at = wall - zoneOffsetMs(wall, timeZone);
  at = wall - zoneOffsetMs(at, timeZone);
  return { dueDay, reminderAt: new Date(at).toISOString() };
}

/**
 * What the contact's open To Do task should look like after an edit of its follow-up fields (issue 10 item 13: "the
 * task follows the contact's date"), whatever made the edit (details form, bulk edit, its undo, the list's tick):
 * - `due`: a next-contact date → due on its local day, ringing at 09:00 (followUpTaskSchedule);
 * - `undated`: no date but still to be re-contacted (or a schema without these roles) → no due day, no reminder;
 * - `done`: no date and "needs re-contact" is no → nothing left to follow up: the task is completed.
 */
export type FollowUpTaskTarget = { kind: "due"; due: string } | { kind: "undated" } | { kind: "done" };

export function followUpTaskTarget(fields: FieldValues, schema: FieldSchema): FollowUpTaskTarget {
  const next = fieldByRole(schema, "nextContact");
  const flag = fieldByRole(schema, "needsRecontact");
  const due = next ? fields[next.propertyName] : undefined;
  if (typeof due === "string" && Number.isFinite(Date.parse(due))) return { kind: "due", due };
  if (flag && fields[flag.propertyName] !== true) return { kind: "done" };
  return { kind: "undated" };
}

/** Whether these ops change what the follow-up task follows (the next-contact date or "needs re-contact"). */
export function touchesFollowUp(ops: readonly FieldOp[], schema: FieldSchema): boolean {
  const names = new Set([fieldByRole(schema, "nextContact")?.propertyName, fieldByRole(schema, "needsRecontact")?.propertyName].filter(Boolean));
  return ops.some((o) => names.has(o.field));
}

/** The contacts written with ops that change their follow-up: those whose To Do task has to follow. */
export function followUpEdited(results: readonly WriteResult[], opsOf: (contactId: string) => readonly FieldOp[] | undefined, schema: FieldSchema): string[] {
  return results.filter((r) => r.status === "written" && touchesFollowUp(opsOf(r.contactId) ?? [], schema)).map((r) => r.contactId);
}
