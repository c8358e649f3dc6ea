/**
 * The daily report's sign-off round trip (issue 13 item 3, 签收), as the people work it, in Chinese and in English:
 * the salesperson records two contacts, drafts the daily report (every handbook section in the draft) and sends it;
 * the manager opens it in her mailbox, the pane shows its sections, she signs it off with a comment and sends
 * that; the salesperson's Today → My reports shows who signed off, and opening the sign-off shows the comment.
 * Each message is counted in the emulator: exactly one report and one sign-off in each mailbox that holds them.
 * Screenshots: e2e/screenshots/report-review-*.png, report-signed-*.png.
 */
import type { Browser, Page } from "playwright-core";
import reportsEn from "../src/taskpane/reports/strings.daily.en-US.json";
import reportsZh from "../src/taskpane/reports/strings.daily.zh-CN.json";
import shellEn from "../src/taskpane/i18n/en-US.json";
import shellZh from "../src/taskpane/i18n/zh-CN.json";
import todayEn from "../src/taskpane/today/strings.en-US.json";
import todayZh from "../src/taskpane/today/strings.zh-CN.json";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet } from "./salesHelpers";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

const MANAGER = "li.na@contoso.com";
const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => v[k] ?? "");
/** A string's template as a RegExp: literal text escaped, each {{name}} replaced by the given pattern. */
const pattern = (s: string, v: Record<string, string>) =>
  new RegExp(s.split(/(\{\{\w+\}\})/).map((part) => (/^\{\{\w+\}\}$/.test(part) ? v[part.slice(2, -2)] ?? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join(""));

interface Msg { id: string; subject: string; parentFolderId: string }
async function messages(page: Page, upn: string, subject: string): Promise<Msg[]> {
  const r = await graphGet<{ value: Msg[] }>(page, server, upn, "/me/messages?$top=200&$select=subject,parentFolderId");
  return r.value.filter((m) => m.subject === subject);
}

async function contactTwo(page: Page, T: typeof todayEn.today, notes: [string, string]): Promise<string[]> {
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

async function send(page: Page, subject: string): Promise<void> {
  await page.getByTestId("fake-new-message-send").click();
  await page.getByTestId("demo-sent").filter({ hasText: subject }).waitFor();
}

const CASES = [
  { lang: "zh-CN", user: "zhang.wei@contoso.com", name: "张伟 Zhang Wei", managerName: "李娜 Li Na", T: todayZh.today, R: reportsZh.reports, tabs: shellZh.tabs, tag: "[客户跟进·日报]", signOff: "签收", notes: ["客户要求报价 <b>PLC</b>", "下周再联系"] as [string, string], comment: "很好，继续跟进华信 & 明天回电", dateShown: "2026/03/02" },
  { lang: "en-US", user: "chen.jie@contoso.com", name: "陈杰 Chen Jie", managerName: "李娜 Li Na", T: todayEn.today, R: reportsEn.reports, tabs: shellEn.tabs, tag: "[Follow-up daily report]", signOff: "Signed off", notes: ["Asked for a quote & samples", "Call back next week"] as [string, string], comment: "Good work — call Huaxin back tomorrow", dateShown: "Mar 2, 2026" },
] as const;

for (const c of CASES) {
  test(`${c.lang}: the report is sent, the manager's pane shows its sections and signs it off, the salesperson sees the sign-off and its comment`, async () => {
    const reportSubject = `${c.tag} 2026-03-02 ${c.name}`;
    const signOffSubject = `${c.signOff}: ${reportSubject}`;

    // 1. The salesperson: two contacts, the report drafted with every handbook section, sent.
    const page = await newPage(browser, server, { width: 420, height: 1200 });
    await openPane(page, { lang: c.lang, user: c.user, item: "none" });
    await selectTab(page, c.T.tab);
    const names = await contactTwo(page, c.T, c.notes);
    await page.getByRole("textbox", { name: c.T.reportTexts.insights }).fill(c.lang === "zh-CN" ? "多听客户意见" : "Listen more");
    await page.getByRole("button", { name: c.T.reportButton }).click();
    await page.getByTestId("fake-new-message").waitFor();
    expect(await page.getByTestId("fake-new-message-to").textContent()).toBe(MANAGER);
    expect(await page.getByTestId("fake-new-message-subject").textContent()).toBe(reportSubject);
    const draft = page.getByTestId("fake-new-message-body");
    expect(await draft.locator("h3").allTextContents()).toEqual(Object.values(c.R.daily.sections));
    expect(await draft.locator('h3[data-section="visits"] + table tbody tr').count()).toBe(2);
    await send(page, reportSubject);
    expect((await messages(page, c.user, reportSubject)).map((m) => m.parentFolderId)).toEqual([`sentitems:${c.user}`]);
    const inManagers = await messages(page, MANAGER, reportSubject);
    expect(inManagers.map((m) => m.parentFolderId)).toEqual([`inbox:${MANAGER}`]);

    // 2. The manager opens it: the report's sections in the pane, signed off with a comment, sent.
    await openPane(page, { lang: c.lang, user: MANAGER, item: inManagers[0]!.id });
    await selectTab(page, c.tabs.thisEmail);
    const review = page.getByTestId("report-review");
    await review.waitFor();
    expect(await review.getByRole("heading", { level: 3 }).textContent()).toBe(fill(c.R.daily.heading, { name: c.name, date: c.dateShown }));
    expect(await review.getByRole("heading", { level: 4 }).allTextContents()).toEqual(Object.values(c.R.daily.sections));
    const lines = await review.getByTestId("report-line").allTextContents();
    for (const [i, n] of names.entries()) expect(lines.some((l) => l.includes(n) && l.includes(c.notes[i]!))).toBe(true);
    expect(await review.locator('[data-count="contacts"]').textContent()).toBe("2");
    await review.getByRole("textbox", { name: c.R.daily.comment }).fill(c.comment);
    await screenshot(page, `report-review-${c.lang}`);
    expect(await axeSeriousViolations(page, '[data-testid="report-review"]')).toEqual([]);
    await review.getByRole("button", { name: fill(c.R.daily.signOffFor, { name: c.name, date: c.dateShown }) }).click();
    await page.getByTestId("fake-new-message").waitFor();
    expect(await page.getByTestId("fake-new-message-to").textContent()).toBe(c.user);
    expect(await page.getByTestId("fake-new-message-subject").textContent()).toBe(signOffSubject);
    expect(await page.getByTestId("fake-new-message-body").textContent()).toContain(c.comment);
    await send(page, signOffSubject);
    expect((await messages(page, MANAGER, signOffSubject)).map((m) => m.parentFolderId)).toEqual([`sentitems:${MANAGER}`]);
    const inSales = await messages(page, c.user, signOffSubject);
    expect(inSales.map((m) => m.parentFolderId)).toEqual([`inbox:${c.user}`]);
    // Reopened, the report says she already signed it off.
    await openPane(page, { lang: c.lang, user: MANAGER, item: inManagers[0]!.id });
    await selectTab(page, c.tabs.thisEmail);
    await page.getByText(pattern(c.R.daily.alreadySigned, { when: ".+09:00" })).waitFor();
    expect(pageErrors(page)).toEqual([]);

    // 3. The salesperson: My reports shows the sign-off; opening the sign-off shows the comment.
    await openPane(page, { lang: c.lang, user: c.user, item: "none" });
    await selectTab(page, c.T.tab);
    await page.getByRole("tab", { name: c.T.reportsTab }).click();
    const row = page.getByTestId("my-report").first();
    await row.getByTestId("my-report-status").waitFor();
    expect(await row.textContent()).toContain(c.dateShown);
    expect(await row.getByTestId("my-report-status").textContent()).toMatch(pattern(c.R.mine.signedOff, { name: c.managerName, when: ".+09:00" }));
    await screenshot(page, `report-signed-${c.lang}`);
    expect(await axeSeriousViolations(page, '[data-testid="my-reports"]')).toEqual([]);

    await openPane(page, { lang: c.lang, user: c.user, item: inSales[0]!.id });
    await selectTab(page, c.tabs.thisEmail);
    const signed = page.getByTestId("report-signoff");
    await signed.waitFor();
    expect(await signed.textContent()).toContain(fill(c.R.daily.signedOffBy, { name: c.managerName }));
    expect(await signed.getByTestId("signoff-comment").textContent()).toBe(fill(c.R.daily.signOffComment, { text: c.comment }));

    // Counted at the end: one report and one sign-off per mailbox that should hold them, nothing sent twice.
    expect([(await messages(page, c.user, reportSubject)).length, (await messages(page, MANAGER, reportSubject)).length]).toEqual([1, 1]);
    expect([(await messages(page, MANAGER, signOffSubject)).length, (await messages(page, c.user, signOffSubject)).length]).toEqual([1, 1]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
}
