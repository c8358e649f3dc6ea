import { DateError } from "./errors";
import { createLocalDayFn, dayKeyToNumber, dayNumberToKey, formatDayKey, localDateKey, startOfLocalDay, zoneOffsetMs } from "./dates";

describe("local dates", () => {
  it("puts one instant on different calendar days in Shanghai and Los Angeles", () => {
    const t = "2026-11-25T16:30:00Z"; // 00:30 on the 26th in Shanghai, 08:30 on the 25th in LA
    expect(localDateKey(t, "Asia/Shanghai")).toBe("2026-11-26");
    expect(localDateKey(t, "America/Los_Angeles")).toBe("2026-11-25");
    expect(localDateKey("2026-11-25T15:59:59.999Z", "Asia/Shanghai")).toBe("2026-11-25");
  });
  it("follows daylight saving time", () => {
    expect(zoneOffsetMs(Date.parse("2026-07-01T12:00:00Z"), "America/Los_Angeles")).toBe(-7 * 3600_000);
    expect(zoneOffsetMs(Date.parse("2026-12-01T12:00:00Z"), "America/Los_Angeles")).toBe(-8 * 3600_000);
    // DST ends 2026-11-01 in the US: local midnight is 07:00Z, the next midnight 08:00Z.
    expect(startOfLocalDay("2026-11-01", "America/Los_Angeles").toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(startOfLocalDay("2026-11-02", "America/Los_Angeles").toISOString()).toBe("2026-11-02T08:00:00.000Z");
    const dayOf = createLocalDayFn("America/Los_Angeles");
    expect(dayNumberToKey(dayOf(Date.parse("2026-11-02T07:59:59Z")))).toBe("2026-11-01");
    expect(dayNumberToKey(dayOf(Date.parse("2026-11-02T08:00:00Z")))).toBe("2026-11-02");
  });
  it("handles zones with half-hour offsets", () => {
    expect(localDateKey("2026-11-25T18:29:00Z", "Asia/Kolkata")).toBe("2026-11-25");
    expect(localDateKey("2026-11-25T18:30:00Z", "Asia/Kolkata")).toBe("2026-11-26");
  });
  it("refuses unknown zones and impossible days with typed errors", () => {
    expect(() => localDateKey("2026-01-01T00:00:00Z", "Mars/Olympus")).toThrow(DateError);
    expect(() => dayKeyToNumber("2026-02-29")).toThrow(DateError);
    expect(dayNumberToKey(dayKeyToNumber("2028-02-29"))).toBe("2028-02-29");
  });
});

describe("formatDayKey: the one display form of a calendar day", () => {
  it("English medium date, Chinese 2026/03/02; placeholders and invalid keys pass through", () => {
    expect(formatDayKey("2026-03-02", "en-US")).toBe("Mar 2, 2026");
    expect(formatDayKey("2026-12-31", "en-US")).toBe("Dec 31, 2026");
    expect(formatDayKey("2026-03-02", "zh-CN")).toBe("2026/03/02");
    expect(formatDayKey("—", "en-US")).toBe("—");
    expect(formatDayKey("2026-02-30", "en-US")).toBe("2026-02-30");
  });
});
