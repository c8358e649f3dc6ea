/**
 * Calendar arithmetic in a named IANA time zone with nothing but Intl (no date library, no clock).
 * A "day number" is the count of days since 1970-01-01 of a *local* calendar date; "YYYY-MM-DD" keys are
 * the same thing as text. Instants are ISO 8601 UTC strings or epoch milliseconds.
 */
import { DateError } from "./errors";

export const MS_PER_DAY = 86_400_000;
/** Offsets change only on quarter-hour boundaries in every IANA zone, so one lookup serves 15 minutes. */
const OFFSET_BUCKET_MS = 15 * 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new DateError("invalidTimeZone", { timeZone });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws DateError("invalidTimeZone") for a zone Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Offset of local time from UTC in ms at the given instant (Asia/Shanghai → +8h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  let year = get("year");
  // en-US formats years before 1 AD with an era; not reachable for dates validated to 1601–9999.
  if (parts.some((p) => p.type === "era" && p.value.startsWith("B"))) year = 1 - year;
  const asUtc = Date.UTC(year, get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const utc = Math.floor(ms / 1000) * 1000;
  return asUtc - utc;
}

/**
 * Returns a fast ms → local day number function for one zone, memoizing the offset per quarter hour.
 * Grouping 50,000 contacts by a date field calls this 50,000 times; Intl would cost ~3 µs each.
 */
export function createLocalDayFn(timeZone: string): (ms: number) => number {
  let fn = dayFns.get(timeZone);
  if (fn) return fn;
  assertTimeZone(timeZone);
  let cache = new Map<number, number>();
  fn = (ms: number): number => {
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = zoneOffsetMs(bucket * OFFSET_BUCKET_MS, timeZone);
      if (cache.size >= OFFSET_CACHE_LIMIT) cache = new Map();
      cache.set(bucket, offset);
    }
    return Math.floor((ms + offset) / MS_PER_DAY);
  };
  dayFns.set(timeZone, fn);
  return fn;
}

/** One memoizing function per zone, shared, so per-contact callers (followUpInfo) stay cheap. */
const dayFns = new Map<string, (ms: number) => number>();
/** ~3 years of quarter hours; beyond that the memo starts afresh (memory stays bounded). */
const OFFSET_CACHE_LIMIT = 100_000;

export function toMs(instant: string | number | Date): number {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new DateError("invalidDate", { value: String(instant) });
  return ms;
}

export function localDayNumber(instant: string | number | Date, timeZone: string): number {
  const ms = toMs(instant);
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / MS_PER_DAY);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

export function dayNumberToKey(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-26" → day number; throws DateError for anything else (including 2026-02-30). */
export function dayKeyToNumber(key: string): number {
  const m = DAY_KEY.exec(key);
  if (!m) throw new DateError("invalidDate", { value: key });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new DateError("invalidDate", { value: key });
  }
  return Math.floor(ms / MS_PER_DAY);
}

export function isDayKey(s: string): boolean {
  return DAY_KEY.test(s);
}

const mediumEnglish = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });

/**
 * The one display form of a calendar day ("YYYY-MM-DD") everywhere the pane shows a date: English gets the
 * locale's medium date ("Mar 2, 2026": readable, no 03/02 vs 02/03 ambiguity), Chinese 2026/03/02. Anything
 * that is not a valid day key (a placeholder such as "—") passes through unchanged. Sortable texts (the
 * daily report subject, CSV) keep the ISO key and do not use this.
 */
export function formatDayKey(key: string, locale: string): string {
  if (!isDayKey(key)) return key;
  if (locale === "zh-CN") return key.replace(/-/g, "/");
  let day: number;
  try {
    day = dayKeyToNumber(key);
  } catch {
    return key;
  }
  return mediumEnglish.format(day * MS_PER_DAY);
}

/** Local calendar date "YYYY-MM-DD" of an instant in a zone. */
export function localDateKey(instant: string | number | Date, timeZone: string): string {
  return dayNumberToKey(localDayNumber(instant, timeZone));
}

/**
 * The instant at which a local calendar day starts in a zone (handles DST: the offset is re-checked at the
 * candidate instant). Used to turn a date picked in the UI into the stored UTC instant.
 */
export function startOfLocalDay(day: number | string, timeZone: string): Date {
  const n = typeof day === "string" ? dayKeyToNumber(day) : day;
  const wall = n * MS_PER_DAY;
  let guess = wall - zoneOffsetMs(wall, timeZone);
  // A second pass settles zones whose offset differs between the wall time and the real instant.
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

export function addDays(instant: string | number | Date, days: number): Date {
  return new Date(toMs(instant) + days * MS_PER_DAY);
}
