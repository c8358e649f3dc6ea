/**
 * The lazily added daily-report strings (dailyStrings.ts) meet the same rules as the pane's bundled ones
 * (i18n.test.ts, unusedKeys.test.ts): the same keys in both languages, no empty value, every key used.
 */
import fs from "fs";
import path from "path";
import { RESOURCES } from "../i18n/createI18n";
import { DAILY_REPORT_RESOURCES } from "./dailyStrings";

function leaves(obj: unknown, prefix = ""): Array<[string, unknown]> {
  if (typeof obj !== "object" || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const en = leaves(DAILY_REPORT_RESOURCES["en-US"]);
const zh = leaves(DAILY_REPORT_RESOURCES["zh-CN"]);

test("zh-CN and en-US have the same keys, all non-empty strings, none clashing with the bundled ones", () => {
  expect(zh.map(([k]) => k).sort()).toEqual(en.map(([k]) => k).sort());
  expect([...en, ...zh].filter(([, v]) => typeof v !== "string" || v.trim() === "")).toEqual([]);
  const bundled = new Set(leaves(RESOURCES["en-US"]).map(([k]) => k));
  expect(en.map(([k]) => k).filter((k) => bundled.has(k))).toEqual([]);
});

test("every key is used by the reports sources, whole or through a template prefix", () => {
  const dir = __dirname;
  const texts = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f)).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  const whole = new Set(texts.flatMap((t) => [...t.matchAll(/["'`]([A-Za-z][\w-]*(?:\.[\w-]+)+)["'`]/g)].map((m) => m[1]!)));
  const prefixes = texts.flatMap((t) => [...t.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((m) => m[1]!));
  const unused = en.map(([k]) => k).filter((k) => !whole.has(k) && !prefixes.some((p) => k.startsWith(p)));
  expect(unused).toEqual([]);
});
