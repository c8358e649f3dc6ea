/**
 * createLocalDayFn memoizes the zone offset per quarter hour (and the contacts query memoizes the day per
 * distinct date text): both must agree with Intl at every DST change, including zones whose offsets or
 * DST shifts are half hours.
 */
import { createContactQueryEngine } from "./contactQuery";
import { createLocalDayFn, dayNumberToKey, localDateKey, localDayNumber, zoneOffsetMs } from "./dates";
import { DEFAULT_SCHEMA } from "./schema";
import type { Contact } from "./types";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Instants every 5 minutes (and ±1 ms around each step) from 30 h before to 30 h after `center`. */
function around(center: string): number[] {
  const c = Date.parse(center);
  const out: number[] = [];
  for (let t = c - 30 * HOUR; t <= c + 30 * HOUR; t += 5 * MIN) out.push(t - 1, t, t + 1);
  return out;
}

// Transitions (UTC): LA 2026-03-08 10:00 and 2026-11-01 09:00; Lord Howe (+10:30 ⇄ +11, a 30-min shift)
// 2026-04-04 15:00 and 2026-10-03 15:30; Kolkata has no DST but a +5:30 offset (midnight at 18:30 UTC).
const CASES: [string, string, number, number][] = [
  ["America/Los_Angeles", "2026-03-08T10:00:00Z", -8 * HOUR, -7 * HOUR],
  ["America/Los_Angeles", "2026-11-01T09:00:00Z", -7 * HOUR, -8 * HOUR],
  ["Australia/Lord_Howe", "2026-04-04T15:00:00Z", 11 * HOUR, 10.5 * HOUR],
  ["Australia/Lord_Howe", "2026-10-03T15:30:00Z", 10.5 * HOUR, 11 * HOUR],
  ["Asia/Kolkata", "2026-11-25T18:30:00Z", 5.5 * HOUR, 5.5 * HOUR],
];

describe("local day memo across offset changes", () => {
  it.each(CASES)("%s around %s: offsets change exactly at the transition", (zone, at, before, after) => {
    const t = Date.parse(at);
    expect(zoneOffsetMs(t - 1000, zone)).toBe(before);
    expect(zoneOffsetMs(t, zone)).toBe(after);
  });

  it.each(CASES)("%s around %s: the memoized day equals Intl's for every instant", (zone, at) => {
    const dayOf = createLocalDayFn(zone);
    // Visit in a scrambled order, so the memo is filled from both sides of the transition.
    const instants = around(at);
    const scrambled = instants.map((_, i) => instants[(i * 7919) % instants.length] as number);
    for (const ms of scrambled) expect([ms, dayOf(ms)]).toEqual([ms, localDayNumber(ms, zone)]);
  });

  it.each(CASES)("%s around %s: date groups of a query match Intl's local dates", (zone, at) => {
    const instants = around(at).filter((_, i) => i % 4 === 0);
    const contacts: Contact[] = instants.map((ms, i) => ({
      id: `d${i}`,
      displayName: `n${i}`,
      emailAddresses: [],
      categories: [],
      fields: { NextContact: new Date(ms).toISOString() },
    }));
    const res = createContactQueryEngine().query(contacts, DEFAULT_SCHEMA, { locale: "en-US", timeZone: zone, groupBy: { field: "NextContact" } });
    for (const g of res.groups ?? []) {
      for (const c of g.rows) expect([c.fields.NextContact, g.key]).toEqual([c.fields.NextContact, localDateKey(c.fields.NextContact as string, zone)]);
    }
    expect(res.groups?.reduce((n, g) => n + g.count, 0)).toBe(contacts.length);
  });

  it("serves one zone's memo to every caller (the same function)", () => {
    expect(createLocalDayFn("Asia/Kolkata")).toBe(createLocalDayFn("Asia/Kolkata"));
    expect(dayNumberToKey(createLocalDayFn("Asia/Kolkata")(Date.parse("2026-11-25T18:29:59.999Z")))).toBe("2026-11-25");
    expect(dayNumberToKey(createLocalDayFn("Asia/Kolkata")(Date.parse("2026-11-25T18:30:00Z")))).toBe("2026-11-26");
  });
});
