/**
 * Complaint handling (客诉处理, issue 13 item 6) across customers: the one open/closed rule that the contact's
 * history, the manager's complaints list and the daily and weekly reports all count with.
 *
 * The rule (src/domain/history.ts `complaints`): a history entry with purpose "complaint" opens a complaint,
 * unless it is settled on the spot (`resolved`) or settles an earlier one (`closes` = that complaint's id,
 * recorded no earlier than the complaint). A complaint is open until such a closing entry exists.
 *
 * Pure: time is an argument.
 */
import { MS_PER_DAY } from "./dates";
import { complaints, type HistoryEntry, type HistoryLog } from "./history";

export interface ComplaintCounts {
  /** Complaints raised in [from, to) and still open now. */
  openedStillOpen: number;
  /** Complaints closed in [from, to) (by a closing entry in the period, or settled on the spot in it). */
  closed: number;
}

const within = (iso: string, from: number, to: number) => {
  const t = Date.parse(iso);
  return t >= from && t < to;
};

/** The weekly report's complaint figures for one customer (period [from, to) as instants). */
export function complaintCounts(log: HistoryLog, from: number, to: number): ComplaintCounts {
  const out: ComplaintCounts = { openedStillOpen: 0, closed: 0 };
  for (const k of complaints(log)) {
    if (k.state === "open" && within(k.entry.at, from, to)) out.openedStillOpen++;
    if (k.state === "closed" && k.closedBy && within(k.closedBy.at, from, to)) out.closed++;
  }
  return out;
}

/** Whole days a complaint has been open: 0 on the day it was raised (elapsed time, like claims). */
export function complaintAgeDays(openedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(openedAt)) / MS_PER_DAY));
}

/** One customer's history as the manager's list reads it. */
export interface ComplaintSource<C> {
  customer: C;
  /** Who answers for the customer (address): the owner field, else the folder's holder. */
  owner: string;
  log: HistoryLog;
}

export interface ComplaintRow<C> {
  customer: C;
  owner: string;
  /** The complaint's own entry. */
  complaint: HistoryEntry;
  openedAt: string;
  ageDays: number;
  /** The latest entry about the customer after the complaint was raised (else the complaint itself): "where is it now". */
  lastNote: HistoryEntry;
  /** For closed ones: the entry that closed it. */
  closedBy?: HistoryEntry;
}

export interface TeamComplaints<C> {
  /** Every complaint still open, oldest first (the longest-waiting customer on top). */
  open: ComplaintRow<C>[];
  /** Complaints closed in [from, to), most recently closed first. */
  closed: ComplaintRow<C>[];
}

/**
 * The manager's complaints list: all open complaints across the team and those closed in the period.
 * `from`/`to` are instants (ms).
 */
export function teamComplaints<C>(sources: readonly ComplaintSource<C>[], period: { from: number; to: number }, now: Date): TeamComplaints<C> {
  const open: ComplaintRow<C>[] = [];
  const closed: ComplaintRow<C>[] = [];
  for (const s of sources) {
    for (const k of complaints(s.log)) {
      const later = s.log.entries.filter((e) => e.at >= k.entry.at && e.id !== k.entry.id);
      const lastNote = later.reduce<HistoryEntry>((best, e) => (e.at > best.at || (e.at === best.at && e.recordedAt > best.recordedAt) ? e : best), k.entry);
      const row: ComplaintRow<C> = { customer: s.customer, owner: s.owner, complaint: k.entry, openedAt: k.entry.at, ageDays: complaintAgeDays(k.entry.at, now), lastNote };
      if (k.state === "open") open.push(row);
      else if (k.closedBy && within(k.closedBy.at, period.from, period.to)) closed.push({ ...row, closedBy: k.closedBy, lastNote: k.closedBy });
    }
  }
  open.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  closed.sort((a, b) => (b.closedBy as HistoryEntry).at.localeCompare((a.closedBy as HistoryEntry).at));
  return { open, closed };
}
