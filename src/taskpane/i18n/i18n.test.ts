import { RESOURCES } from "./createI18n";
import { resolveLocale } from "./resolveLocale";

function leaves(obj: unknown, prefix = ""): Array<[string, unknown]> {
  if (typeof obj !== "object" || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n resources", () => {
  const en = leaves(RESOURCES["en-US"]);
  const zh = leaves(RESOURCES["zh-CN"]);

  it("zh-CN and en-US have identical key sets", () => {
    expect(zh.map(([k]) => k).sort()).toEqual(en.map(([k]) => k).sort());
  });

  it.each([
    ["en-US", en],
    ["zh-CN", zh],
  ])("%s has no empty or non-string values", (_locale, entries) => {
    const bad = entries.filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
    expect(bad).toEqual([]);
  });
});

describe("resolveLocale", () => {
  it.each([
    ["zh-CN", "", "zh-CN"],
    ["zh-TW", "", "zh-CN"],
    ["zh", "", "zh-CN"],
    ["en-GB", "", "en-US"],
    ["fr-FR", "", "en-US"],
    [undefined, "", "en-US"],
    ["en-US", "?lang=zh-CN", "zh-CN"],
    ["zh-CN", "?lang=en-US", "en-US"],
    ["zh-CN", "?user=x", "zh-CN"],
  ])("display language %s with %s → %s", (display, search, expected) => {
    expect(resolveLocale(display, search)).toBe(expected);
  });
});
