/**
 * The salesperson's follow-up settings (issue 6): cadence per tier, claim lapse / warning window, reminders,
 * the Outlook-flag mirror and the manager who receives the daily report. (The teammates whose folders feed the
 * pool are the Team view's configured list: one list, src/app/team.ts.) Stored in Office roaming settings (≤ 32 KB, roams with the mailbox), parsed defensively.
 */
import { DEFAULT_CLAIM_CONFIG, type ClaimConfig } from "../../domain/claims";
import { DEFAULT_CADENCE, type Cadence } from "../../domain/followUp";
import type { RoamingSettingsPort } from "../../office";

export const SALES_SETTINGS_KEY = "salesSettings";
/** Outcome notes typed today, kept per local day so a reload or another device still has them. */
export const DAILY_NOTES_KEY = "dailyNotes";
/** Roaming settings hold 32 KB in all: notes are capped. */
export const MAX_NOTE_LENGTH = 500;
/** Cadence and lapse days beyond a year are typos, not plans. */
export const MAX_DAYS = 365;

export interface SalesSettings {
  cadence: { key: number; regular: number; potential: number };
  lapseDays: number;
  warnDays: number;
  remindersOn: boolean;
  /** Mirror to Outlook's own contact follow-up flag: off by default (rendering per client undocumented). */
  flagMirrorOn: boolean;
  managerAddress: string;
  /** Planned visits as events on the user's Outlook calendar (issue 13 item 2): off by default (Calendars.ReadWrite). */
  calendarOn: boolean;
}

/** The demo company's manager (docs/contracts.md "Seeded tenant"): the daily report's default recipient. */
const DEMO_MANAGER = "li.na@contoso.com";

export function defaultSalesSettings(opts: { demo: boolean; me: string }): SalesSettings {
  const me = opts.me.trim().toLowerCase();
  return {
    cadence: {
      key: DEFAULT_CADENCE.byTier.key ?? 7,
      regular: DEFAULT_CADENCE.byTier.regular ?? 30,
      potential: DEFAULT_CADENCE.byTier.potential ?? 14,
    },
    lapseDays: DEFAULT_CLAIM_CONFIG.lapseDays,
    warnDays: DEFAULT_CLAIM_CONFIG.warnDays,
    remindersOn: false,
    flagMirrorOn: false,
    calendarOn: false,
    managerAddress: opts.demo && me !== DEMO_MANAGER ? DEMO_MANAGER : "",
  };
}

const days = (v: unknown, fallback: number, min = 1): number =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= MAX_DAYS ? v : fallback;

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;
export const isAddress = (s: string): boolean => ADDRESS.test(s.trim());

/** Unknown or invalid values fall back to the defaults one by one (a bad cadence does not lose the manager). */
export function parseSalesSettings(raw: unknown, defaults: SalesSettings): SalesSettings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const c = (r.cadence && typeof r.cadence === "object" ? r.cadence : {}) as Record<string, unknown>;
  const lapseDays = days(r.lapseDays, defaults.lapseDays);
  const warnDays = days(r.warnDays, defaults.warnDays, 0);
  return {
    cadence: {
      key: days(c.key, defaults.cadence.key),
      regular: days(c.regular, defaults.cadence.regular),
      potential: days(c.potential, defaults.cadence.potential),
    },
    lapseDays,
    warnDays: warnDays < lapseDays ? warnDays : Math.min(defaults.warnDays, lapseDays - 1),
    remindersOn: typeof r.remindersOn === "boolean" ? r.remindersOn : defaults.remindersOn,
    flagMirrorOn: typeof r.flagMirrorOn === "boolean" ? r.flagMirrorOn : defaults.flagMirrorOn,
    calendarOn: typeof r.calendarOn === "boolean" ? r.calendarOn : defaults.calendarOn,
    managerAddress: typeof r.managerAddress === "string" && (r.managerAddress === "" || isAddress(r.managerAddress)) ? r.managerAddress.trim() : defaults.managerAddress,
  };
}

export function toCadence(s: SalesSettings): Cadence {
  return { byTier: { ...s.cadence }, fallbackDays: DEFAULT_CADENCE.fallbackDays };
}

export function toClaimConfig(s: SalesSettings): ClaimConfig {
  return { lapseDays: s.lapseDays, warnDays: s.warnDays };
}

export async function loadSalesSettings(store: RoamingSettingsPort, defaults: SalesSettings): Promise<SalesSettings> {
  return parseSalesSettings(await store.get<unknown>(SALES_SETTINGS_KEY), defaults);
}

export async function saveSalesSettings(store: RoamingSettingsPort, s: SalesSettings): Promise<void> {
  await store.set(SALES_SETTINGS_KEY, s);
  await store.save();
}

export interface DailyNotes {
  date: string;
  notes: Record<string, string>;
}

export async function loadDailyNotes(store: RoamingSettingsPort, date: string): Promise<Record<string, string>> {
  const raw = await store.get<DailyNotes>(DAILY_NOTES_KEY);
  if (!raw || typeof raw !== "object" || raw.date !== date || !raw.notes || typeof raw.notes !== "object") return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.notes)) if (typeof v === "string") out[k] = v.slice(0, MAX_NOTE_LENGTH);
  return out;
}

/** Only today's notes are kept: yesterday's are in yesterday's report. */
export async function saveDailyNotes(store: RoamingSettingsPort, date: string, notes: Record<string, string>): Promise<void> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(notes)) if (v.trim()) clean[k] = v.slice(0, MAX_NOTE_LENGTH);
  await store.set(DAILY_NOTES_KEY, { date, notes: clean } satisfies DailyNotes);
  await store.save();
}
