/**
 * Every key in the shared string files (en-US.json, zh-CN.json) is used by the task pane. A key counts as used
 * when a non-test source under src/taskpane has it as a whole string literal ("tabs.today"), or builds it from a
 * literal prefix in a template (`tabs.${section}` uses every tabs.* key). Plural forms (key_one, key_other) count
 * as their base key. Feature strings live in the feature folders and are checked by their own tests.
 */
import fs from "fs";
import path from "path";
import enUS from "./en-US.json";
import zhCN from "./zh-CN.json";

const TASKPANE = path.join(__dirname, "..");

function leafKeys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [fs.readFileSync(p, "utf8")] : [];
  });
}

/** Keys of `resources` that no source uses, whole or through a template prefix. */
function unusedKeys(resources: unknown, texts: readonly string[]): string[] {
  const whole = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/["'`]([A-Za-z][\w-]*(?:\.[\w-]+)+)["'`]/g)) whole.add(m[1] as string);
    for (const m of text.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) prefixes.add(m[1] as string);
  }
  return leafKeys(resources).filter((key) => {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
    return !whole.has(key) && !whole.has(base) && ![...prefixes].some((p) => key.startsWith(p));
  });
}

describe("shared i18n strings", () => {
  const texts = sources(TASKPANE);

  it("the scan finds keys used whole, through template prefixes and as plurals, and reports the rest", () => {
    const resources = { a: { used: "x", gone: "x", dyn: { one: "x", two: "x" }, count_one: "x", count_other: "x" } };
    const code = ['t("a.used")', "t(`a.dyn.${k}`)", "t('a.count', { count })"];
    expect(unusedKeys(resources, code)).toEqual(["a.gone"]);
  });

  it.each([
    ["en-US", enUS],
    ["zh-CN", zhCN],
  ])("every key of %s.json is used by src/taskpane", (_locale, resources) => {
    expect(texts.length).toBeGreaterThan(20);
    expect(unusedKeys(resources, texts)).toEqual([]);
  });
});
