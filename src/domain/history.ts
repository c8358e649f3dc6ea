/**
 * Contact history (客户洽谈记录 / 客户跟踪表, issue 13): an append-only log of every contact with a customer —
 * when, by which channel, for which of the handbook's purposes, the outcome, the next step and who — kept on
 * the contact itself (src/graph/history.ts stores it as one JSON String property). The handbook makes this
 * record "the only basis for attributing a sale" and for the 7-day claim, so last-contacted derives from it.
 *
 * Pure: time is an argument, ids are supplied by the caller.
 *
 * Size strategy: one MAPI String property holds the log; values above ~32 KB must be streamed and are not
 * reliably settable through Graph's JSON (src/graph/extendedProperties.ts MAX_STRING_PROPERTY_LENGTH), so the
 * serialized log is kept within HISTORY_MAX_CHARS. When an append would exceed it, the oldest entries are
 * folded into `trimmed` (how many, up to when, and counts per purpose) — open complaints are never folded.
 * With the text limits below an entry is 150–1,000 characters, so a customer keeps roughly 15–100 entries in
 * full (a year of weekly visits in the usual case) and counts beyond that.
 */

import { zoneOffsetMs } from "./dates";

export const CHANNELS = ["call", "email", "visit", "meeting"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The handbook's visit purposes (每日访问计划表), in its order. */
export const PURPOSES = ["newCustomer", "marketResearch", "collection", "service", "complaint", "order", "other"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A contact may be recorded up to this many days after it happened (补录), never in the future. */
export const MAX_BACKDATE_DAYS = 7;
/** An entry whose time is more than this before its recording is "backdated" and shown as such (audit). */
export const BACKDATE_TOLERANCE_MS = 15 * 60_000;
/** Allowance for clocks that disagree a little (the pane's clock vs the time typed): not "the future". */
const FUTURE_TOLERANCE_MS = 60_000;
export const MAX_OUTCOME_LENGTH = 500;
export const MAX_NEXT_STEP_LENGTH = 200;
/** Serialized log budget: 16,000 UTF-16 units, the storage's String limit (see the file comment). */
export const HISTORY_MAX_CHARS = 16_000;

const MS_PER_DAY = 86_400_000;

export interface HistoryEntry {
  /** Unique within the log (caller-supplied, e.g. time + random). */
  id: string;
  /** When the contact happened (ISO instant). */
  at: string;
  /** When it was recorded (ISO instant): differs from `at` for a backdated entry. */
  recordedAt: string;
  channel: Channel;
  purpose: Purpose;
  outcome: string;
  nextStep: string;
  /** Who contacted the customer (address) and their display name at the time. */
  by: string;
  byName?: string;
  /** For purpose "complaint": the complaint this entry closes (its id), when it settles an earlier one. */
  closes?: string;
  /** For purpose "complaint": the complaint is settled by this very entry. */
  resolved?: boolean;
  /** Unknown keys written by a newer version survive a round trip. */
  [extra: string]: unknown;
}

export interface HistoryTrimmed {
  count: number;
  /** Events (reassignments) folded away. */
  events?: number;
  /** The newest `at` among the folded entries. */
  until: string;
  byPurpose: Partial<Record<Purpose, number>>;
}

/**
 * Something that happened to the customer record rather than a contact with the customer: a manager's
 * reassignment (issue 13 item 5). Kept apart from `entries`, so it never counts as a contact, never moves last
 * contacted and never enters a report's figures, and an older version keeps it as an unknown key.
 */
export interface HistoryEvent {
  id: string;
  /** When it happened (ISO instant). */
  at: string;
  kind: "reassigned";
  /** Who did it (address) and their display name at the time. */
  by: string;
  byName?: string;
  /** The previous owner and the new one (addresses) with their display names at the time. */
  from: string;
  fromName?: string;
  to: string;
  toName?: string;
  [extra: string]: unknown;
}

/** Events kept on a contact: the oldest beyond this are counted in `trimmed.events` (a customer reassigned 20 times is folklore). */
export const MAX_HISTORY_EVENTS = 20;

export interface HistoryLog {
  v: 1;
  entries: HistoryEntry[];
  events?: HistoryEvent[];
  trimmed?: HistoryTrimmed;
  [extra: string]: unknown;
}

export const EMPTY_HISTORY: HistoryLog = { v: 1, entries: [] };

const isChannel = (v: unknown): v is Channel => typeof v === "string" && (CHANNELS as readonly string[]).includes(v);
const isPurpose = (v: unknown): v is Purpose => typeof v === "string" && (PURPOSES as readonly string[]).includes(v);
const isInstant = (v: unknown): v is string => typeof v === "string" && Number.isFinite(Date.parse(v));

/**
 * Reads a stored log. Unreadable input reads as an empty log; entries that are not understood (a newer
 * channel, a broken row) are kept verbatim in `entries` only when they carry the basics, and dropped otherwise.
 */
export function parseHistory(json: string | null | undefined): HistoryLog {
  if (!json) return { v: 1, entries: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { v: 1, entries: [] };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { v: 1, entries: [] };
  const obj = raw as Record<string, unknown>;
  const entries = Array.isArray(obj.entries)
    ? (obj.entries as unknown[]).filter((e): e is HistoryEntry => {
        if (!e || typeof e !== "object") return false;
        const x = e as Record<string, unknown>;
        return typeof x.id === "string" && isInstant(x.at) && isInstant(x.recordedAt) && isChannel(x.channel) && isPurpose(x.purpose) && typeof x.by === "string";
      })
    : [];
  const log: HistoryLog = { ...obj, v: 1, entries: entries.map((e) => ({ ...e, outcome: typeof e.outcome === "string" ? e.outcome : "", nextStep: typeof e.nextStep === "string" ? e.nextStep : "" })) };
  if (!obj.trimmed || typeof obj.trimmed !== "object") delete log.trimmed;
  if (Array.isArray(obj.events)) {
    log.events = (obj.events as unknown[]).filter((e): e is HistoryEvent => {
      if (!e || typeof e !== "object") return false;
      const x = e as Record<string, unknown>;
      return typeof x.id === "string" && isInstant(x.at) && x.kind === "reassigned" && typeof x.by === "string" && typeof x.from === "string" && typeof x.to === "string";
    });
  } else delete log.events;
  return log;
}

export function serializeHistory(log: HistoryLog): string {
  return JSON.stringify(log);
}

export interface EntryInput {
  at: string;
  channel: string;
  purpose: string;
  outcome?: string;
  nextStep?: string;
  /** Settle an earlier complaint (its entry id). */
  closes?: string;
  /** A complaint settled on the spot. */
  resolved?: boolean;
}

export type EntryErrorCode = "invalidTime" | "future" | "tooOld" | "invalidChannel" | "invalidPurpose" | "outcomeTooLong" | "nextStepTooLong" | "unknownComplaint" | "closesEarlier" | "notMine";

export class EntryError extends Error {
  readonly code: EntryErrorCode;
  constructor(code: EntryErrorCode) {
    super(`Invalid history entry: ${code}`);
    this.code = code;
  }
}

/** Control characters other than tab/newline are dropped from free text (they break mail and CSV). */
const clean = (s: string | undefined): string => (s ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();

/**
 * Validates what the salesperson typed and builds the entry. Backdating is allowed up to MAX_BACKDATE_DAYS
 * before `now`, never into the future; the recording time is always `now` (the audit trail).
 */
export function createEntry(input: EntryInput, ctx: { id: string; now: Date; by: string; byName?: string; log?: HistoryLog }): HistoryEntry {
  const at = Date.parse(input.at);
  if (!Number.isFinite(at)) throw new EntryError("invalidTime");
  const now = ctx.now.getTime();
  if (at > now + FUTURE_TOLERANCE_MS) throw new EntryError("future");
  if (at < now - MAX_BACKDATE_DAYS * MS_PER_DAY) throw new EntryError("tooOld");
  if (!isChannel(input.channel)) throw new EntryError("invalidChannel");
  if (!isPurpose(input.purpose)) throw new EntryError("invalidPurpose");
  const outcome = clean(input.outcome);
  const nextStep = clean(input.nextStep);
  if (outcome.length > MAX_OUTCOME_LENGTH) throw new EntryError("outcomeTooLong");
  if (nextStep.length > MAX_NEXT_STEP_LENGTH) throw new EntryError("nextStepTooLong");
  const entry: HistoryEntry = {
    id: ctx.id,
    at: new Date(Math.min(at, now)).toISOString(),
    recordedAt: ctx.now.toISOString(),
    channel: input.channel,
    purpose: input.purpose,
    outcome,
    nextStep,
    by: ctx.by.trim(),
  };
  if (ctx.byName) entry.byName = ctx.byName;
  if (input.purpose === "complaint") {
    if (input.closes) {
      const open = openComplaints(ctx.log ?? EMPTY_HISTORY).find((c) => c.id === input.closes);
      if (!open) throw new EntryError("unknownComplaint");
      // A complaint is closed by a later entry: settling it before it was raised is a typo in the time.
      if (Date.parse(entry.at) < Date.parse(open.at)) throw new EntryError("closesEarlier");
      entry.closes = input.closes;
    } else if (input.resolved) entry.resolved = true;
  }
  return entry;
}

/** Whether the entry was recorded noticeably after it happened (补录) — shown with both times. */
export function isBackdated(e: Pick<HistoryEntry, "at" | "recordedAt">): boolean {
  return Date.parse(e.recordedAt) - Date.parse(e.at) > BACKDATE_TOLERANCE_MS;
}

const byAtDesc = (a: HistoryEntry, b: HistoryEntry) => b.at.localeCompare(a.at) || b.recordedAt.localeCompare(a.recordedAt);

/** Entries newest first (by when they happened). */
export function sortedEntries(log: HistoryLog): HistoryEntry[] {
  return [...log.entries].sort(byAtDesc);
}

/**
 * Appends an entry (ids already present are not added twice: a retried write stays one entry) and keeps the
 * serialized log within `maxChars` by folding the oldest entries that are not open complaints into `trimmed`.
 */
export function appendEntry(log: HistoryLog, entry: HistoryEntry, maxChars: number = HISTORY_MAX_CHARS): HistoryLog {
  if (log.entries.some((e) => e.id === entry.id)) return log;
  const next: HistoryLog = { ...log, entries: [...log.entries, entry] };
  if (serializeHistory(next).length <= maxChars) return next;
  const open = new Set(openComplaints(next).map((c) => c.id));
  const oldestFirst = [...next.entries].sort((a, b) => -byAtDesc(a, b));
  const trimmed: HistoryTrimmed = next.trimmed ? { ...next.trimmed, byPurpose: { ...next.trimmed.byPurpose } } : { count: 0, until: "", byPurpose: {} };
  const drop = new Set<string>();
  for (const e of oldestFirst) {
    if (e.id === entry.id || open.has(e.id)) continue;
    drop.add(e.id);
    trimmed.count++;
    if (e.at > trimmed.until) trimmed.until = e.at;
    trimmed.byPurpose[e.purpose] = (trimmed.byPurpose[e.purpose] ?? 0) + 1;
    const candidate: HistoryLog = { ...next, entries: next.entries.filter((x) => !drop.has(x.id)), trimmed };
    if (serializeHistory(candidate).length <= maxChars) return candidate;
  }
  // Only open complaints and the new entry are left and still too large: refuse rather than lose any.
  throw new EntryError("outcomeTooLong");
}

/**
 * Adds an event (ids already present are not added twice: a retried reassignment stays one event), keeping the
 * newest MAX_HISTORY_EVENTS and counting the older ones in `trimmed.events`.
 */
export function appendEvent(log: HistoryLog, event: HistoryEvent, maxEvents: number = MAX_HISTORY_EVENTS): HistoryLog {
  const events = log.events ?? [];
  if (events.some((e) => e.id === event.id)) return log;
  const all = [...events, event].sort((a, b) => a.at.localeCompare(b.at));
  const drop = Math.max(0, all.length - maxEvents);
  const next: HistoryLog = { ...log, events: all.slice(drop) };
  if (drop) next.trimmed = { count: 0, until: "", byPurpose: {}, ...log.trimmed, events: (log.trimmed?.events ?? 0) + drop };
  return next;
}

/** The latest time the customer was contacted, from the history; undefined when nothing is recorded. */
export function lastContactedAt(log: HistoryLog): string | undefined {
  let best: string | undefined;
  for (const e of log.entries) if (!best || e.at > best) best = e.at;
  if (!best && log.trimmed?.until) return log.trimmed.until;
  return best;
}

export interface ComplaintState {
  id: string;
  entry: HistoryEntry;
  state: "open" | "closed";
  /** The entry that closed it (same entry when settled on the spot). */
  closedBy?: HistoryEntry;
}

/** Complaints (客诉处理) and whether each is still open; an entry closes at most one earlier complaint. */
export function complaints(log: HistoryLog): ComplaintState[] {
  const closers = new Map<string, HistoryEntry>();
  for (const e of log.entries) if (e.purpose === "complaint" && typeof e.closes === "string") closers.set(e.closes, e);
  return log.entries
    .filter((e) => e.purpose === "complaint" && typeof e.closes !== "string")
    .sort(byAtDesc)
    .map((e) => {
      const closedBy = e.resolved ? e : closers.get(e.id);
      return closedBy ? { id: e.id, entry: e, state: "closed" as const, closedBy } : { id: e.id, entry: e, state: "open" as const };
    });
}

export function openComplaints(log: HistoryLog): HistoryEntry[] {
  return complaints(log)
    .filter((c) => c.state === "open")
    .map((c) => c.entry);
}

/** Entries whose time falls in [from, to) (ISO instants), oldest first. */
export function entriesBetween(log: HistoryLog, from: number, to: number): HistoryEntry[] {
  return log.entries.filter((e) => {
    const t = Date.parse(e.at);
    return t >= from && t < to;
  }).sort((a, b) => -byAtDesc(a, b));
}

/** "YYYY-MM-DDTHH:mm" (a datetime-local input) in `timeZone` → ISO instant; undefined when malformed. */
export function localDateTimeToIso(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const asUtc = Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`);
  if (!Number.isFinite(asUtc)) return undefined;
  // Two passes settle the offset across a DST change.
  let ms = asUtc - zoneOffsetMs(asUtc, timeZone);
  ms = asUtc - zoneOffsetMs(ms, timeZone);
  return new Date(ms).toISOString();
}

/** ISO instant → "YYYY-MM-DDTHH:mm" in `timeZone` (for a datetime-local input). */
export function isoToLocalDateTime(iso: string | number | Date, timeZone: string): string {
  const ms = new Date(iso).getTime();
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
