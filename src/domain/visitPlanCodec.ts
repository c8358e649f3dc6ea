/**
 * The stored form of a customer's visit plan (src/domain/visitPlan.ts): types, parsing, serializing and the
 * "open" index value. Apart from the plan's rules so the storage code (src/graph/visitPlan.ts), which the pane loads
 * up front, does not bring the rest (time-zone tables, event texts) into the initial JavaScript.
 */
import { PURPOSES, type Purpose } from "./history";

export const VISIT_STATUSES = ["planned", "done", "cancelled"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export interface VisitEventLink {
  /** The Outlook calendar event mirroring the visit. */
  id: string;
  /** The visit's times when the event was last written: a move is pending on the calendar while they differ. */
  start: string;
  end: string;
}

export interface PlannedVisit {
  /** Unique per customer (caller-supplied); also the link from the calendar event back to the visit. */
  id: string;
  /** When the visit starts (ISO instant). */
  start: string;
  /** When it ends (ISO instant), for a time range; absent = DEFAULT_VISIT_MINUTES. */
  end?: string;
  purpose: Purpose;
  /** Where (the handbook's 区域): defaults to the customer's business city. */
  area: string;
  note: string;
  status: VisitStatus;
  plannedAt: string;
  by: string;
  /** For status "done": when it was recorded, and the history entry that records it. */
  doneAt?: string;
  entryId?: string;
  cancelledAt?: string;
  event?: VisitEventLink;
  /** Unknown keys written by a newer version survive a round trip. */
  [extra: string]: unknown;
}

export interface VisitPlan {
  v: 1;
  visits: PlannedVisit[];
  [extra: string]: unknown;
}

const isPurpose = (v: unknown): v is Purpose => typeof v === "string" && (PURPOSES as readonly string[]).includes(v);
const isStatus = (v: unknown): v is VisitStatus => typeof v === "string" && (VISIT_STATUSES as readonly string[]).includes(v);
const isInstant = (v: unknown): v is string => typeof v === "string" && Number.isFinite(Date.parse(v));

/** Reads a stored plan; unreadable input reads as empty, visits without the basics are dropped. */
export function parseVisitPlan(json: string | null | undefined): VisitPlan {
  if (!json) return { v: 1, visits: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { v: 1, visits: [] };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { v: 1, visits: [] };
  const obj = raw as Record<string, unknown>;
  const visits = Array.isArray(obj.visits)
    ? (obj.visits as unknown[]).filter((x): x is PlannedVisit => {
        if (!x || typeof x !== "object") return false;
        const r = x as Record<string, unknown>;
        return typeof r.id === "string" && isInstant(r.start) && (r.end === undefined || isInstant(r.end)) && isPurpose(r.purpose) && isStatus(r.status);
      })
    : [];
  return {
    ...obj,
    v: 1,
    visits: visits.map((x) => ({ ...x, area: typeof x.area === "string" ? x.area : "", note: typeof x.note === "string" ? x.note : "" })),
  };
}

export function serializeVisitPlan(plan: VisitPlan): string {
  return JSON.stringify(plan);
}

/** Whether any visit is still planned (the contact stays findable by the plan's server-side flag). */
export function hasOpenVisits(plan: VisitPlan): boolean {
  return plan.visits.some((v) => v.status === "planned" || (v.status === "cancelled" && !!v.event));
}

