/**
 * The daily visit plan (issue 13 item 2, 每日访问计划表): plan three visits with different purposes and times for today
 * and one for tomorrow from Today's cards → Today lists them in time order with purpose and area; turn the calendar
 * on → one event per visit in the emulator (read over HTTP, each POSTed once); moving a visit PATCHes its event once;
 * recording the visit marks it done; the daily report draft's "tomorrow's plan" lists tomorrow's visit.
 * In Chinese and in English. Screenshots: e2e/screenshots/visit-plan-*.png.
 */
import type { Browser, Page } from "playwright-core";
import historyEn from "../src/taskpane/history/strings.en-US.json";
import historyZh from "../src/taskpane/history/strings.zh-CN.json";
import todayEnBase from "../src/taskpane/today/strings.en-US.json";
import todayZhBase from "../src/taskpane/today/strings.zh-CN.json";
import visitsEn from "../src/taskpane/today/visitStrings.en-US.json";
import visitsZh from "../src/taskpane/today/visitStrings.zh-CN.json";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { selectTab } from "./helpers";

// The visit plan's strings live in their own files (loaded with its lazy chunk): merged here as the pane merges them.
const todayEn = { today: { ...todayEnBase.today, visits: visitsEn.today.visits, settings: { ...todayEnBase.today.settings, ...visitsEn.today.settings } } };
const todayZh = { today: { ...todayZhBase.today, visits: visitsZh.today.visits, settings: { ...todayZhBase.today.settings, ...visitsZh.today.settings } } };

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => v[k] ?? "");
const VISIT_ID = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name VisitId";

interface Ev {
  id: string;
  subject: string;
  start: { dateTime: string };
  location: { displayName: string };
  singleValueExtendedProperties?: { value: string }[];
}

/** Polls `read` until it returns `want` (or the timeout passes) and returns the last value read. */
async function until<T>(read: () => Promise<T> | T, want: T, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/** The user's calendar as the emulator holds it, read over HTTP like any Graph client. */
async function events(page: Page, upn: string): Promise<Ev[]> {
  const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${VISIT_ID}')`);
  const r = await page.request.get(`${server.url}/v1.0/me/events?$top=100&$expand=${expand}`, { headers: { Authorization: `Bearer dev:${upn}` } });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { value: Ev[] }).value;
}

for (const [lang, T, H, upn] of [
  ["zh-CN", todayZh.today, historyZh.history, "zhang.wei@contoso.com"],
  ["en-US", todayEn.today, historyEn.history, "chen.jie@contoso.com"],
] as const) {
  test(`visit plan (${lang}): three visits today in time order, one tomorrow, on the calendar once each, moved once, recorded, in tomorrow's report`, async () => {
    const page = await newPage(browser, server, { width: 400, height: 1400 });
    const writes: string[] = [];
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (r.method() !== "GET" && /^\/v1\.0\/me\/events/.test(u.pathname)) writes.push(`${r.method()} ${u.pathname}`);
    });
    await openPane(page, { lang, user: upn });
    await selectTab(page, T.tab);
    const items = page.getByTestId("plan-item");
    await items.first().waitFor();
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push(((await items.nth(i).locator("span").first().textContent()) ?? "").trim());

    const plan = async (name: string, v: { date: string; time: string; endTime?: string; purpose: keyof typeof H.purposes; area: string }) => {
      await page.getByRole("button", { name: fill(T.visits.planFor, { name }) }).click();
      const form = page.getByRole("form", { name: fill(T.visits.form.title, { name }) });
      await form.getByLabel(T.visits.form.date).fill(v.date);
      await form.getByLabel(T.visits.form.time, { exact: true }).fill(v.time);
      if (v.endTime) await form.getByLabel(T.visits.form.endTime).fill(v.endTime);
      await form.getByLabel(T.visits.form.purpose).selectOption(v.purpose);
      await form.getByLabel(T.visits.form.area).fill(v.area);
      await form.getByRole("button", { name: T.visits.form.save }).click();
      await form.waitFor({ state: "detached" });
    };
    const areas = lang === "zh-CN" ? ["浦东", "徐汇", "闵行", "浦东"] : ["Downtown", "Harbour", "North", "Downtown"];
    await plan(names[0]!, { date: "2026-03-02", time: "15:00", endTime: "16:30", purpose: "collection", area: areas[0]! });
    await plan(names[1]!, { date: "2026-03-02", time: "09:30", purpose: "newCustomer", area: areas[1]! });
    await plan(names[2]!, { date: "2026-03-02", time: "11:00", purpose: "service", area: areas[2]! });
    await plan(names[0]!, { date: "2026-03-03", time: "10:00", purpose: "order", area: areas[3]! });

    // Today: the day's visits in time order with purpose and area; tomorrow's below.
    const today = page.getByRole("list", { name: new RegExp(fill(T.visits.heading, { date: "" }).replace(/[—-]\s*$/, "").trim()) });
    const rows = today.getByTestId("visit-item");
    expect(await until(() => rows.count(), 3)).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain("09:30");
    expect(texts[0]).toContain(names[1]);
    expect(texts[0]).toContain(H.purposes.newCustomer);
    expect(texts[0]).toContain(areas[1]);
    expect(texts[1]).toContain("11:00");
    expect(texts[1]).toContain(names[2]);
    expect(texts[1]).toContain(H.purposes.service);
    expect(texts[2]).toContain("15:00–16:30");
    expect(texts[2]).toContain(names[0]);
    expect(texts[2]).toContain(H.purposes.collection);
    const tomorrow = page.getByRole("list", { name: new RegExp(fill(T.visits.tomorrowHeading, { date: "" }).replace(/[—-]\s*$/, "").trim()) });
    expect(await tomorrow.getByTestId("visit-item").allTextContents()).toEqual([expect.stringContaining(H.purposes.order)]);
    expect(writes).toEqual([]); // the calendar is off by default
    expect(await events(page, upn)).toEqual([]);

    // Settings → calendar on; back on Today the open visits go on the calendar, one event each.
    await selectTab(page, lang === "zh-CN" ? "设置" : "Settings");
    await page.getByRole("switch", { name: T.settings.calendar }).check();
    await page.getByRole("button", { name: T.settings.save }).click();
    await page.getByRole("status").filter({ hasText: T.settings.saved }).waitFor();
    await selectTab(page, T.tab);
    await page.getByTestId("visit-item").first().waitFor();
    expect(await until(async () => (await events(page, upn)).length, 4)).toBe(4);
    let evs = await events(page, upn);
    const visitIds = evs.map((e) => e.singleValueExtendedProperties?.[0]?.value);
    expect(new Set(visitIds).size).toBe(4);
    expect(writes.filter((w) => w === "POST /v1.0/me/events")).toHaveLength(4);
    const collection = evs.find((e) => e.subject.includes(names[0]!) && e.subject.includes(H.purposes.collection))!;
    expect(collection.start.dateTime).toBe("2026-03-02T07:00:00.0000000"); // 15:00 in Shanghai
    expect(collection.location.displayName).toBe(areas[0]);
    await screenshot(page, `visit-plan-${lang}`);

    // Move the 11:00 visit to 16:00: its event is PATCHed once, nothing is created.
    writes.length = 0;
    await page.getByRole("button", { name: fill(T.visits.moveFor, { name: names[2]! }) }).click();
    const moveForm = page.getByRole("form", { name: fill(T.visits.form.title, { name: names[2]! }) });
    await moveForm.getByLabel(T.visits.form.time, { exact: true }).fill("16:00");
    await moveForm.getByRole("button", { name: T.visits.form.saveMove }).click();
    await moveForm.waitFor({ state: "detached" });
    expect(await until(() => writes.length, 1)).toBe(1);
    expect(writes[0]).toMatch(/^PATCH \/v1\.0\/me\/events\//);
    evs = await events(page, upn);
    expect(evs.filter((e) => e.subject.includes(names[2]!)).map((e) => e.start.dateTime)).toEqual(["2026-03-02T08:00:00.0000000"]);
    expect((await rows.allTextContents()).map((t) => t.slice(0, 5))).toEqual(["09:30", "15:00", "16:00"]);

    // Record the 09:30 visit: the visit is done (its event stays: it happened).
    await page.getByRole("button", { name: fill(T.visits.recordFor, { name: names[1]! }) }).click();
    await rows.filter({ hasText: names[1]! }).getByText(T.visits.done, { exact: true }).waitFor();
    expect(await events(page, upn)).toHaveLength(4);

    // The daily report's tomorrow section lists tomorrow's visit with its time, purpose and area.
    await page.getByRole("button", { name: T.reportButton }).click();
    const body = page.getByTestId("fake-new-message-body");
    await body.waitFor();
    const tomorrowRows = await body.locator('h3[data-section="tomorrow"] + table tbody tr').allTextContents();
    const row = tomorrowRows.find((r) => r.includes(names[0]!));
    expect(row).toContain("10:00");
    expect(row).toContain(H.purposes.order);
    expect(row).toContain(areas[3]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
}
