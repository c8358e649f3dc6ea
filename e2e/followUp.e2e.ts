/**
 * Follow-up (issue 6): turn on To Do reminders, mark the first customer of today's plan contacted, see the next
 * due date from the tier cadence, and find the linked To Do task over HTTP (the emulator's /me/todo API).
 * Screenshots: e2e/screenshots/today-*.png. axe on the Today view.
 */
import type { Browser } from "playwright-core";
import { formatDayKey } from "../src/domain/dates";
import todayEn from "../src/taskpane/today/strings.en-US.json";
import { E2E_NOW, launchBrowser, newPage, openPane, pageErrors, screenshot, startServer, type E2EServer } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet, shanghaiDate } from "./salesHelpers";

const T = todayEn.today;
const ZHANG = "zhang.wei@contoso.com";
const CADENCE: Record<string, number> = { [T.tier.key]: 7, [T.tier.regular]: 30, [T.tier.potential]: 14 };
const DAY = 86_400_000;

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("mark a customer contacted: next due date by tier, a To Do task linked to the contact, no duplicate", async () => {
  const page = await newPage(browser, server, { width: 400, height: 1000 });
  await openPane(page, { lang: "en-US" });

  // Reminders are off by default: turn them on in Settings.
  await selectTab(page, "Settings");
  await page.getByRole("switch", { name: T.settings.reminders }).check();
  await page.getByRole("button", { name: T.settings.save }).click();
  await page.getByRole("status").filter({ hasText: T.settings.saved }).waitFor();

  await selectTab(page, "Today");
  const first = page.getByTestId("plan-item").first();
  await first.waitFor();
  const countBefore = await page.getByTestId("plan-item").count();
  expect(countBefore).toBeGreaterThan(0);
  expect(await axeSeriousViolations(page, '[data-testid="view-today"]')).toEqual([]);
  await screenshot(page, "today-plan-en-US");

  const name = ((await first.locator("span").first().textContent()) ?? "").trim();
  const tierBadges = await first.locator(".fui-Badge").allTextContents();
  const tier = tierBadges.find((b) => b in CADENCE);
  const days = tier ? CADENCE[tier]! : 14;
  const expected = shanghaiDate(E2E_NOW.getTime() + days * DAY);
  const shown = formatDayKey(expected, "en-US"); // e.g. "Mar 9, 2026": the pane's one English date form
  expect(shown).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);

  await first.getByRole("textbox", { name: `Outcome note for ${name}` }).fill("Asked for a quote");
  await page.getByRole("button", { name: `Mark ${name} contacted` }).click();
  const done = page.getByText(`${name} contacted. Next contact: ${shown}.`);
  await done.waitFor();
  await page.getByText(`Reminder in Microsoft To Do for ${shown}.`).waitFor();
  expect(await page.getByTestId("plan-item").count()).toBe(countBefore - 1);
  await page.getByTestId("report-item").filter({ hasText: name }).first().waitFor();
  await screenshot(page, "today-contacted-en-US");

  // The To Do task, read over HTTP with the dev token: one open task for the contact, due on the next contact.
  type Task = { id: string; title: string; status: string; dueDateTime?: { dateTime: string }; linkedResources?: { externalId: string; applicationName: string }[] };
  const lists = await graphGet<{ value: { id: string; wellknownListName?: string }[] }>(page, server, ZHANG, "/me/todo/lists");
  const listId = lists.value.find((l) => l.wellknownListName === "defaultList")!.id;
  const tasks = await graphGet<{ value: Task[] }>(page, server, ZHANG, `/me/todo/lists/${encodeURIComponent(listId)}/tasks?$expand=linkedResources`);
  const mine = tasks.value.filter((t) => t.title === name && t.status !== "completed");
  expect(mine).toHaveLength(1);
  expect(mine[0]!.linkedResources?.[0]?.applicationName).toBe("Customer Follow-up");
  expect(shanghaiDate(Date.parse(`${mine[0]!.dueDateTime!.dateTime}Z`))).toBe(expected);
  const contactId = mine[0]!.linkedResources![0]!.externalId;
  const contact = await graphGet<{ displayName: string }>(page, server, ZHANG, `/me/contacts/${encodeURIComponent(contactId)}?$select=displayName`);
  expect(contact.displayName).toBe(name);

  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("Today and Pool fit a 320 px pane in Chinese (no horizontal scrolling), and the tabs stay usable", async () => {
  const page = await newPage(browser, server, { width: 320, height: 900 });
  await openPane(page, { lang: "zh-CN", width: 320 });
  await selectTab(page, "今日");
  await page.getByTestId("plan-item").first().waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await screenshot(page, "today-320-zh-CN");
  await selectTab(page, "公海");
  await page.getByTestId("pool-item").first().waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await screenshot(page, "pool-320-zh-CN");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
