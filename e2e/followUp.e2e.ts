/**
 * Follow-up (issue 6): turn on To Do reminders, mark the first customer of today's plan contacted, see the next
 * due date from the tier cadence, and find the linked To Do task over HTTP (the emulator's /me/todo API).
 * Screenshots: e2e/screenshots/today-*.png. axe on the Today view.
 */
import type { Browser } from "playwright-core";
import { formatDayKey } from "../src/domain/dates";
import todayEn from "../src/taskpane/today/strings.en-US.json";
import { E2E_NOW, type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet, shanghaiDate } from "./salesHelpers";

const T = todayEn.today;
const ZHANG = "zhang.wei@contoso.com";
const CADENCE: Record<string, number> = { [T.tier.key]: 7, [T.tier.regular]: 30, [T.tier.potential]: 14 };
const DAY = 86_400_000;

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

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

test("reminders on: follow up on 20 December, then move the date in the details form with the tier and save — the same To Do task moves; the date removed leaves it open without a reminder (issue 10 item 13)", async () => {
  const page = await newPage(browser, server, { width: 400, height: 1000 });
  const todoWrites: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/todo/")) todoWrites.push(`${r.method()} ${new URL(r.url()).pathname.replace(/.*\/todo\//, "todo/")}`);
  });
  await openPane(page, { lang: "en-US" });
  await selectTab(page, "Settings");
  const reminders = page.getByRole("switch", { name: T.settings.reminders });
  if (!(await reminders.isChecked())) {
    await reminders.check();
    await page.getByRole("button", { name: T.settings.save }).click();
    await page.getByRole("status").filter({ hasText: T.settings.saved }).waitFor();
  }
  await selectTab(page, "Contacts");
  const NAME = "James Miller";
  await page.getByRole("searchbox", { name: "Search contacts" }).fill(NAME);
  await page.getByRole("button", { name: `Open details of ${NAME}` }).click();
  const panel = page.getByTestId("contact-details");
  await panel.waitFor();
  const id = (await page.locator('[data-testid="contact-row"]').filter({ hasText: NAME }).first().getAttribute("data-contact-id")) as string;

  type Task = { id: string; status: string; isReminderOn?: boolean; dueDateTime?: { dateTime: string } | null; reminderDateTime?: { dateTime: string } | null; linkedResources?: { externalId: string }[] };
  const lists = await graphGet<{ value: { id: string; wellknownListName?: string }[] }>(page, server, ZHANG, "/me/todo/lists");
  const listId = lists.value.find((l) => l.wellknownListName === "defaultList")!.id;
  const openTasks = async () =>
    (await graphGet<{ value: Task[] }>(page, server, ZHANG, `/me/todo/lists/${encodeURIComponent(listId)}/tasks?$expand=linkedResources`)).value.filter(
      (t) => t.linkedResources?.[0]?.externalId === id && t.status !== "completed",
    );
  /** Waits (up to 10 s) for the open task to satisfy `ok`: the task follows an edit in the background. */
  const waitForTask = async (ok: (t: Task) => boolean): Promise<Task[]> => {
    let tasks = await openTasks();
    for (let i = 0; i < 100 && !(tasks.length === 1 && ok(tasks[0]!)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      tasks = await openTasks();
    }
    return tasks;
  };

  // 1. Follow up on 20 December: one task, due that day, ringing at 09:00 Shanghai (01:00Z).
  await panel.getByLabel("Follow-up date").fill("2026-12-20");
  await panel.getByRole("button", { name: `Follow up with ${NAME}` }).click();
  await panel.getByText(`${NAME} flagged for follow-up on Dec 20, 2026.`).waitFor();
  let tasks = await waitForTask((t) => t.dueDateTime?.dateTime.slice(0, 10) === "2026-12-20");
  expect(tasks).toHaveLength(1);
  const taskId = tasks[0]!.id;

  // 2. The form: next contact → 27 December, and the tier, saved together.
  todoWrites.length = 0;
  await panel.getByLabel("Next contact", { exact: true }).fill("2026-12-27");
  const tier = panel.getByLabel("Customer tier", { exact: true });
  await tier.selectOption((await tier.inputValue()) === "key" ? "potential" : "key");
  await panel.getByRole("button", { name: "Save", exact: true }).click();
  await panel.getByText("Saved.").waitFor();
  tasks = await waitForTask((t) => t.dueDateTime?.dateTime.slice(0, 10) === "2026-12-27");
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ id: taskId, isReminderOn: true });
  expect(Date.parse(`${tasks[0]!.reminderDateTime!.dateTime.slice(0, 19)}Z`)).toBe(Date.parse("2026-12-27T01:00:00Z"));
  expect(todoWrites).toEqual([`PATCH todo/lists/${listId}/tasks/${taskId}`]);

  // 3. Saved again with the same date: the task is not written again.
  todoWrites.length = 0;
  await tier.selectOption("regular");
  await panel.getByRole("button", { name: "Save", exact: true }).click();
  await panel.getByText("Saved.").waitFor();
  await page.getByText("All changes saved").waitFor();
  await new Promise((r) => setTimeout(r, 500));
  expect(todoWrites).toEqual([]);

  // 4. The date removed (still "needs re-contact"): the task stays open, without a due day or a reminder.
  await panel.getByLabel("Next contact", { exact: true }).fill("");
  await panel.getByRole("button", { name: "Save", exact: true }).click();
  await panel.getByText("Saved.").waitFor();
  tasks = await waitForTask((t) => !t.dueDateTime && t.isReminderOn === false);
  expect(tasks.map((t) => ({ id: t.id, isReminderOn: t.isReminderOn, due: t.dueDateTime ?? null }))).toEqual([{ id: taskId, isReminderOn: false, due: null }]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
