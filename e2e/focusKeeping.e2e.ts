/**
 * Keyboard focus never falls to the page body (issue 11 item 3), in real Chromium, repeated as people work:
 * Space on a row's re-contact box moves the contact to the other group (far outside the rendered window) and
 * focus goes with it, five times over; in the This email tag panel, Apply, Close and "Tag everyone…" each
 * replace the control that had focus, and focus lands on the next sensible place, three rounds over.
 */
import type { Browser, Page } from "playwright-core";
import { DEMO_FACTS } from "../emulator/seed";
import { type E2EServer, newPage, openPane, pageErrors, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

/** The focused element: its label (aria-label, else text), its row key and test id, or "body". */
async function focused(page: Page): Promise<{ label: string; row: string | null; testid: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { label: "body", row: null, testid: null };
    return {
      label: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? el.tagName,
      row: el.closest<HTMLElement>("[data-row-key]")?.dataset.rowKey ?? null,
      testid: el.getAttribute("data-testid"),
    };
  });
}

/** Records every time focus sits on the body between two checks (polled each animation frame). */
async function watchBody(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __bodyFocus: number; __watching: boolean };
    w.__bodyFocus = 0;
    w.__watching = true;
    const tick = () => {
      if (!w.__watching) return;
      if (document.activeElement === document.body || document.activeElement === null) w.__bodyFocus += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () => page.evaluate(() => (window as unknown as { __bodyFocus: number }).__bodyFocus);
}

test("Space ticks a row five times: each time the contact changes group and focus stays on its re-contact box", async () => {
  const page = await newPage(browser, server, { width: 400, height: 800 });
  await openPane(page, { lang: "en-US" });
  await page.locator('[data-testid="contact-row"]').first().waitFor();
  await page.getByRole("combobox", { name: "Group by" }).selectOption("f:NeedsRecontact");
  const firstGroup = page.locator('[role="listitem"][data-testid^="group-"]').first();
  await firstGroup.waitFor();
  await firstGroup.getByRole("button", { name: /^(Yes|No), \d+ contacts?$/ }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowLeft");
  const start = await focused(page);
  expect(start.label).toMatch(/^Needs re-contact: /);
  const bodyCount = await watchBody(page);

  for (let i = 0; i < 5; i++) {
    const before = await page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
    await page.keyboard.press("Space");
    await page.waitForFunction(
      ([id, checked]) => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.closest<HTMLElement>("[data-row-key]")?.dataset.rowKey === id && el.checked === checked;
      },
      [start.row, !before] as const,
      { timeout: 5000 },
    );
    // The row sits under the group of its new value.
    const under = await page.evaluate((id) => {
      const rows = [...document.querySelectorAll<HTMLElement>("[data-row-key]")].sort((a, b) => Number(a.dataset.rowIndex) - Number(b.dataset.rowIndex));
      const at = rows.findIndex((r) => r.dataset.rowKey === id);
      return rows.slice(0, at).reverse().find((r) => r.dataset.testid?.startsWith("group-"))?.dataset.testid ?? "not rendered";
    }, start.row);
    expect({ round: i, under }).toEqual({ round: i, under: before ? "group-false" : "group-true" });
    expect(await focused(page)).toEqual({ ...start, label: expect.stringMatching(/^Needs re-contact: /) });
  }
  expect(await bodyCount()).toBe(0);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("tag panel by keyboard, three rounds: after Apply focus is on the results, after Close on the start button, never on the body", async () => {
  const T = DEMO_FACTS.wellKnownThread;
  const res = await server.emulator.handler(
    new Request(`https://graph.microsoft.com/v1.0/me/messages?$filter=${encodeURIComponent(`conversationId eq '${T.conversationId}'`)}&$select=id,receivedDateTime`, {
      headers: { Authorization: `Bearer dev:${T.mailbox}` },
    }),
  );
  const messages = ((await res.json()) as { value: { id: string; receivedDateTime: string }[] }).value.sort((a, b) => a.receivedDateTime.localeCompare(b.receivedDateTime));
  const page = await newPage(browser, server, { width: 360, height: 1000 });
  await openPane(page, { lang: "en-US", item: messages[messages.length - 1]!.id });
  await selectTab(page, "This email");
  const start = page.getByRole("button", { name: "Tag everyone in this conversation" });
  await start.waitFor();
  const bodyCount = await watchBody(page);

  for (let round = 0; round < 3; round++) {
    await start.focus();
    await page.keyboard.press("Enter");
    const apply = page.getByRole("button", { name: /^Apply to \d+ people$/ });
    await apply.waitFor();
    // While the participants load, focus waited on the loading message, then went to the preview.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Tag everyone in this conversation");
    await page.getByRole("combobox", { name: "Needs re-contact", exact: true }).selectOption(round % 2 === 0 ? "yes" : "no");
    await apply.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("tag-summary").waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "tag-summary");
    expect(await page.getByTestId("tag-summary").innerText()).toMatch(/created, \d+ updated/);
    // Tab goes on from the results to Close; Enter closes; focus is back on the start button.
    await page.keyboard.press("Tab");
    expect((await focused(page)).label).toBe("Close");
    await page.keyboard.press("Enter");
    await start.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "Tag everyone in this conversation");
  }
  expect(await bodyCount()).toBe(0);
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]')).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
