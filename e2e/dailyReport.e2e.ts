/**
 * Daily report (issue 6, 每日销售报告): mark two customers of today's plan contacted with outcome notes, create the
 * report, and read the draft in the fake Outlook's new-message panel: addressed to the manager, an HTML table
 * with both customers and their notes — in Chinese, and in English.
 * Screenshots: e2e/screenshots/daily-report-*.png.
 */
import type { Browser, Page } from "playwright-core";
import todayEn from "../src/taskpane/today/strings.en-US.json";
import todayZh from "../src/taskpane/today/strings.zh-CN.json";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

type Strings = typeof todayEn.today;
const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => v[k] ?? "");

async function contactTwo(page: Page, T: Strings, notes: [string, string]): Promise<string[]> {
  const names: string[] = [];
  for (const note of notes) {
    const first = page.getByTestId("plan-item").first();
    await first.waitFor();
    const name = ((await first.locator("span").first().textContent()) ?? "").trim();
    await first.getByRole("textbox", { name: fill(T.noteFor, { name }) }).fill(note);
    await page.getByRole("button", { name: fill(T.contactedFor, { name }) }).click();
    await page.getByTestId("report-item").filter({ hasText: name }).first().waitFor();
    names.push(name);
  }
  return names;
}

const SECTIONS = {
  "zh-CN": ["一、访问客户及结果", "二、客诉处理", "三、收款", "四、竞争对手信息", "五、客户反馈", "六、客户动态", "七、今日心得", "八、明日计划", "九、汇总"],
  "en-US": ["1. Visits and outcomes", "2. Complaints handled", "3. Collections", "4. Competitor information", "5. Customer feedback", "6. Customers' news", "7. Today's insights", "8. Tomorrow's plan", "9. Summary"],
};

for (const [lang, T, headers] of [
  ["zh-CN", todayZh.today, ["时间", "客户", "方式", "目的", "结果", "下一步"]],
  ["en-US", todayEn.today, ["Time", "Customer", "Channel", "Purpose", "Outcome", "Next step"]],
] as const) {
  test(`the daily report draft (${lang}) holds every handbook section for the day: today's contacts and their outcomes, the typed sections, counts`, async () => {
    const page = await newPage(browser, server, { width: 400, height: 1200 });
    await openPane(page, { lang, user: lang === "zh-CN" ? "zhang.wei@contoso.com" : "chen.jie@contoso.com" });
    await selectTab(page, T.tab);
    const notes: [string, string] = lang === "zh-CN" ? ["客户要求报价 <b>PLC</b>", "下周再联系"] : ["Asked for a quote & samples", "Call back next week"];
    const names = await contactTwo(page, T, notes);

    const typed = lang === "zh-CN" ? { competitors: "A 公司降价 5%", insights: "多听客户意见" } : { competitors: "Rival cut prices 5%", insights: "Listen more" };
    await page.getByRole("textbox", { name: T.reportTexts.competitors }).fill(typed.competitors);
    await page.getByRole("textbox", { name: T.reportTexts.insights }).fill(typed.insights);
    await page.getByRole("button", { name: T.reportButton }).click();
    const draft = page.getByTestId("fake-new-message");
    await draft.waitFor();
    expect(await page.getByTestId("fake-new-message-to").textContent()).toBe("li.na@contoso.com");
    // The tagged subject the manager's pane and "My reports" recognise (issue 13 item 3, e2e/reportSignOff.e2e.ts).
    expect(await page.getByTestId("fake-new-message-subject").textContent()).toContain(lang === "zh-CN" ? "[客户跟进·日报] 2026-03-02" : "[Follow-up daily report] 2026-03-02");
    const body = page.getByTestId("fake-new-message-body");
    // Every section of the handbook's 每日销售报告表, in its order.
    expect(await body.locator("h3").allTextContents()).toEqual(SECTIONS[lang]);
    const ths = await body.locator("table th").allTextContents();
    for (const h of headers) expect(ths).toContain(h);
    const rows = await body.locator('h3[data-section="visits"] + table tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    const text = (await body.textContent()) ?? "";
    expect(text).toContain(typed.competitors);
    expect(text).toContain(typed.insights);
    expect(await body.locator('[data-count="contacts"]').textContent()).toBe("2");
    expect(await body.locator('[data-count="customers"]').textContent()).toBe("2");
    names.forEach((name, i) => {
      const row = rows.find((r) => r.includes(name));
      expect(row).toBeDefined();
      expect(row).toContain(notes[i]); // escaped in the HTML, shown as text
    });
    // The note's markup was escaped, not rendered.
    expect(await body.locator("table b").count()).toBe(0);
    await screenshot(page, `daily-report-${lang}`);
    await page.getByTestId("fake-new-message-close").click();
    expect(await axeSeriousViolations(page, '[data-testid="view-today"]')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
}
