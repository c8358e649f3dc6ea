/**
 * The task pane starts in real Chromium with the fake Outlook host and the Graph emulator, in English and in
 * Chinese, and its navigation works. Screenshots: e2e/screenshots/shell-*.png; the English one is also the
 * README's docs/screenshot.png.
 */
import fs from "fs";
import path from "path";
import type { Browser, Page } from "playwright-core";
import enUS from "../src/taskpane/i18n/en-US.json";
import zhCN from "../src/taskpane/i18n/zh-CN.json";
import { launchBrowser, newPage, openPane, pageErrors, screenshot, startServer, type E2EServer } from "./harness";

const SECTIONS = ["contacts", "today", "thisEmail", "team", "settings"] as const;

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

async function expectTabs(page: Page, labels: Record<(typeof SECTIONS)[number], string>) {
  for (const section of SECTIONS) {
    await page.getByRole("tab", { name: labels[section], exact: true }).waitFor({ state: "visible" });
  }
  expect(await page.getByRole("tab").count()).toBe(SECTIONS.length);
}

test("renders in English with the fake Outlook host, and the tabs navigate", async () => {
  const page = await newPage(browser, server, { width: 400, height: 720 });
  await openPane(page, { lang: "en-US" });
  await expectTabs(page, enUS.tabs);
  const shot = await screenshot(page, "shell-en-US");

  for (const section of SECTIONS) {
    const tab = page.getByRole("tab", { name: enUS.tabs[section], exact: true });
    await tab.click();
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    // .first(): a section may hold its own tabs (Today: Plan / Pool) with a nested tabpanel.
    await page.getByRole("tabpanel").first().waitFor({ state: "visible" });
  }
  expect(pageErrors(page)).toEqual([]);
  // Only a pane that passed every check becomes the README's screenshot.
  fs.copyFileSync(shot, path.join(__dirname, "..", "docs", "screenshot.png"));
  await page.context().close();
});

test("renders in Chinese with ?lang=zh-CN", async () => {
  // Guard against a zh-CN file that silently fell back to English.
  expect(zhCN.tabs.contacts).toBe("联系人");
  for (const section of SECTIONS) expect(zhCN.tabs[section]).toMatch(/[\u4e00-\u9fff]/);

  const page = await newPage(browser, server, { width: 400, height: 720 });
  await openPane(page, { lang: "zh-CN" });
  await expectTabs(page, zhCN.tabs);
  expect(await page.getByRole("tab", { name: enUS.tabs.contacts, exact: true }).count()).toBe(0);
  await screenshot(page, "shell-zh-CN");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
