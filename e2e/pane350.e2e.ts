/**
 * The Chinese pane at 350 px, as 张伟 and 李娜 use it (QA round 2): regressions a user saw in the real browser and
 * a component test cannot measure — layout, focus, dates as 2026/03/02, and the details panel's last email.
 * Screenshots: e2e/screenshots/pane350-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { axeSeriousViolations, selectTab } from "./helpers";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";

const ISO_DAY = /\d{4}-\d{2}-\d{2}/;

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

async function zhangAt350(): Promise<Page> {
  const page = await newPage(browser, server, { width: 350, height: 900 });
  await openPane(page, { lang: "zh-CN", width: 350 });
  await page.getByRole("list", { name: "联系人列表" }).waitFor();
  return page;
}

test("contacts: the group-by select shows 是否需要再次联系 whole; details take and give back focus, with the last email in 2026/02/28 form", async () => {
  const page = await zhangAt350();
  const groupBy = page.getByRole("combobox", { name: "分组依据" });
  await groupBy.selectOption("f:NeedsRecontact");
  // The selected option's text fits the select's content box (the text was cut after 是否需要再次).
  const fit = await groupBy.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const cs = getComputedStyle(s);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = cs.font;
    const text = ctx.measureText(s.options[s.selectedIndex]!.text).width;
    const box = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return { text, box };
  });
  expect(fit.text).toBeLessThanOrEqual(fit.box);

  // Column headers read as Chinese sentences (they were "排序依据: 是否需要再次联系", ASCII colon).
  await page.getByRole("button", { name: "按再联系排序", exact: true }).waitFor();
  await page.getByRole("button", { name: "姓名（排序方向：升序）", exact: true }).waitFor();

  await page.getByRole("searchbox", { name: "搜索联系人" }).fill("刘洋");
  const open = page.getByRole("button", { name: "打开 刘洋 的详细信息" });
  await open.focus();
  await page.keyboard.press("Enter");
  const close = page.getByRole("button", { name: "关闭详细信息" });
  await close.waitFor();
  expect(await close.evaluate((el) => el === document.activeElement)).toBe(true);
  // Latest email with 刘洋 (the PLC thread, 2 days ago): found, not "无法获取"; Chinese date form and colons.
  const actions = page.getByTestId("follow-up-actions");
  await actions.getByText(/最近邮件：\d{4}\/\d{2}\/\d{2}/).waitFor();
  const line = (await actions.getByText(/^最后联系：/).textContent()) ?? "";
  expect(line).not.toContain("无法获取");
  expect(line).not.toMatch(ISO_DAY);
  await screenshot(page, "pane350-details-zh-CN");
  expect(await axeSeriousViolations(page, '[data-testid="contact-details"]')).toEqual([]);
  await page.keyboard.press("Enter"); // on the close button
  await page.getByTestId("contact-details").waitFor({ state: "detached" });
  expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("today and pool: Chinese dates (2026/03/02), and a pool card's last-contacted date on one line", async () => {
  const page = await zhangAt350();
  await selectTab(page, "今日");
  await page.getByRole("heading", { name: "每日访问计划 — 2026/03/02" }).waitFor();
  await selectTab(page, "公海");
  const card = page.getByTestId("pool-item").first();
  await card.waitFor();
  expect((await card.textContent()) ?? "").not.toMatch(ISO_DAY);
  const last = card.getByText(/^最后联系：\d{4}\/\d{2}\/\d{2}$/);
  const box = (await last.boundingBox())!;
  const lineHeight = await last.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(box.height).toBeLessThan(lineHeight * 1.5);
  await screenshot(page, "pane350-pool-zh-CN");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("team (李娜): the per-salesperson table's Chinese headers stay on one line and the table fits the pane", async () => {
  const page = await newPage(browser, server, { width: 350, height: 900 });
  await openPane(page, { lang: "zh-CN", width: 350, user: "li.na@contoso.com" });
  await selectTab(page, "团队");
  const table = page.getByTestId("team-counts");
  await page.getByTestId("counts-zhang.wei@contoso.com").waitFor();
  const heights = await table.locator("th").evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height));
  const rowHeight = await page.getByTestId("counts-zhang.wei@contoso.com").evaluate((tr) => tr.getBoundingClientRect().height);
  // A header that broke after every character (联系\n人, 即将失\n效) was twice a data row's height.
  for (const h of heights) expect(h).toBeLessThan(rowHeight * 1.5);
  const fits = await table.evaluate((el) => el.getBoundingClientRect().right <= (el.parentElement as HTMLElement).getBoundingClientRect().right + 0.5);
  expect(fits).toBe(true);
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, "pane350-team-zh-CN");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
