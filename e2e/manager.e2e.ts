/**
 * The manager role and complaint handling (issue 13 items 5 and 6) in real Chromium, in Chinese, with the English
 * strings checked after: the salesperson (zhang.wei) has no Team tab and records a complaint (客诉处理) with 刘洋;
 * the manager (li.na) has the Team tab, sees owners by name (张伟), finds the open complaint in the team's
 * complaints list, opens the customer — fields and history with the open complaint — and reassigns it to 王芳.
 * Read over HTTP, the emulator then holds 刘洋 once, in wang.fang's folder, owned by her, with the complaint and
 * the reassignment in its history, and no longer in zhang.wei's.
 * Screenshots: e2e/screenshots/manager-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { parseHistory } from "../src/domain/history";
import { COMPLAINTS_PROPERTY_ID, HISTORY_PROPERTY_ID } from "../src/graph/history";
import { MOVED_FROM_PROPERTY_ID } from "../src/graph/moveContact";
import contactsZh from "../src/taskpane/contacts/strings.zh-CN.json";
import complaintsEn from "../src/taskpane/history/complaints.strings.en-US.json";
import complaintsZh from "../src/taskpane/history/complaints.strings.zh-CN.json";
import historyZh from "../src/taskpane/history/strings.zh-CN.json";
import enUS from "../src/taskpane/i18n/en-US.json";
import zhCN from "../src/taskpane/i18n/zh-CN.json";
import teamEn from "../src/taskpane/team/manager.strings.en-US.json";
import teamZh from "../src/taskpane/team/manager.strings.zh-CN.json";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet } from "./salesHelpers";

const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const MANAGER = "li.na@contoso.com";
const OWNER_PROP = "String {00020329-0000-0000-C000-000000000046} Name Owner";
const NAME = "刘洋";
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(v[k] ?? ""));
const TZ = teamZh.teamView;
const TE = teamEn.teamView;

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

type Raw = { id: string; displayName: string; emailAddresses: { address: string }[]; singleValueExtendedProperties?: { id: string; value: string }[] };

/** The contacts named 刘洋 in `upn`'s own folder, over HTTP, with owner, history, complaint marker and move marker. */
async function liuYangIn(page: Page, upn: string) {
  const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${OWNER_PROP}' or id eq '${HISTORY_PROPERTY_ID}' or id eq '${COMPLAINTS_PROPERTY_ID}' or id eq '${MOVED_FROM_PROPERTY_ID}')`);
  const res = await graphGet<{ value: Raw[] }>(page, server, upn, `/users/${upn}/contacts?$top=1000&$select=id,displayName,emailAddresses&$expand=${expand}`);
  return res.value
    .filter((c) => c.displayName === NAME)
    .map((c) => {
      const prop = (id: string) => c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
      return { id: c.id, owner: prop(OWNER_PROP), history: parseHistory(prop(HISTORY_PROPERTY_ID)), complaints: prop(COMPLAINTS_PROPERTY_ID), movedFrom: prop(MOVED_FROM_PROPERTY_ID) };
    });
}

test("a salesperson has no Team tab; the manager sees names, the open complaint, the customer's history, and reassigns it exactly once (zh-CN, en-US strings)", async () => {
  // 1. The salesperson: four tabs, no 团队; records a complaint with 刘洋 on the contact's details.
  const zhang = await newPage(browser, server, { width: 400, height: 1400 });
  await openPane(zhang, { lang: "zh-CN", user: ZHANG });
  await zhang.getByRole("tab", { name: zhCN.tabs.settings, exact: true }).waitFor();
  expect(await zhang.getByRole("tab").count()).toBe(4);
  expect(await zhang.getByRole("tab", { name: zhCN.tabs.team, exact: true }).count()).toBe(0);
  const H = historyZh.history;
  await zhang.getByRole("searchbox", { name: contactsZh.contactList.search }).fill(NAME);
  await zhang.getByRole("button", { name: fill(contactsZh.contactList.openDetails, { name: NAME }) }).click();
  const form = zhang.getByRole("form", { name: fill(H.formLabel, { name: NAME }) });
  await form.waitFor();
  await form.getByRole("combobox", { name: H.channel }).selectOption({ label: H.channels.visit });
  await form.getByRole("combobox", { name: H.purpose }).selectOption({ label: H.purposes.complaint });
  await form.getByRole("textbox", { name: H.outcome }).fill("包装破损，客户要求换货");
  await form.getByRole("button", { name: H.record }).click();
  await zhang.getByTestId("open-complaints").getByText(fill(complaintsZh.history.openComplaints, { count: 1 })).waitFor();
  const before = await liuYangIn(zhang, ZHANG);
  expect(before).toHaveLength(1);
  expect(before[0]!.complaints).toBe("open");
  expect(pageErrors(zhang)).toEqual([]);
  await zhang.context().close();

  // 2. The manager: the Team tab; owners by name.
  const mgr = await newPage(browser, server, { width: 400, height: 1600 });
  await openPane(mgr, { lang: "zh-CN", user: MANAGER });
  expect(await mgr.getByRole("tab").count()).toBe(5);
  await selectTab(mgr, zhCN.tabs.team);
  const counts = mgr.getByTestId(`counts-${ZHANG}`);
  await counts.waitFor();
  expect((await counts.locator("td").first().textContent())?.trim()).toBe("张伟");
  expect(await counts.locator("td").first().getAttribute("title")).toBe(ZHANG);
  expect((await mgr.getByTestId(`counts-${WANG}`).locator("td").first().textContent())?.trim()).toBe("王芳");

  // 3. The complaints list: 刘洋, 张伟, raised today (0 days), the note.
  const open = mgr.getByTestId("team-complaints-open");
  const line = open.getByRole("row").filter({ hasText: NAME });
  await line.waitFor();
  expect((await line.getByRole("cell").allTextContents()).map((s) => s.trim())).toEqual([NAME, "张伟", expect.stringMatching(/^2026\/03\/02$/), "0", "包装破损，客户要求换货"]);
  await screenshot(mgr, "manager-complaints-zh-CN");

  // 4. Open the customer from the team's list: its fields and history, the complaint open, read-only.
  const row = mgr.getByTestId("team-rows").locator("li").filter({ hasText: NAME }).first();
  expect(await row.textContent()).toContain("张伟 ·");
  await row.getByRole("button", { name: fill(TZ.rows.open, { name: NAME }) }).click();
  const panel = mgr.getByTestId("team-customer");
  await panel.getByRole("heading", { name: NAME }).waitFor();
  expect(await panel.textContent()).toContain(fill(TZ.customer.salesperson, { name: "张伟", address: ZHANG }));
  await panel.getByTestId("history-entry").first().waitFor();
  expect(await panel.getByTestId("open-complaints").textContent()).toBe(fill(complaintsZh.history.openComplaints, { count: 1 }));
  const entry = panel.getByTestId("history-entry").filter({ hasText: "包装破损" });
  expect(await entry.textContent()).toContain(H.complaintState.open);
  expect(await panel.getByRole("form", { name: fill(H.formLabel, { name: NAME }) }).count()).toBe(0);
  expect(await axeSeriousViolations(mgr, '[data-testid="team-customer"]')).toEqual([]);

  // 5. Reassign to 王芳.
  const deletesBefore = server.emulator.stats().byMethod.DELETE ?? 0;
  const reassign = panel.getByRole("form", { name: TZ.customer.reassignForm });
  await reassign.getByRole("combobox", { name: TZ.customer.reassignTo }).selectOption({ label: `王芳 (${WANG})` });
  await reassign.getByRole("button", { name: fill(TZ.customer.reassignButtonTo, { name: "王芳" }) }).click();
  await mgr.getByTestId("team-reassigned").getByText(fill(TZ.customer.reassigned, { customer: NAME, to: "王芳" })).waitFor();
  await screenshot(mgr, "manager-reassigned-zh-CN");

  // 6. Over HTTP: once in wang.fang's folder, hers, with the complaint and the event; gone from zhang.wei's.
  expect(await liuYangIn(mgr, ZHANG)).toEqual([]);
  const moved = await liuYangIn(mgr, WANG);
  expect(moved).toHaveLength(1);
  expect(moved[0]).toMatchObject({ owner: WANG, complaints: "open", movedFrom: `${ZHANG}/${before[0]!.id}` });
  expect(moved[0]!.history.entries.map((e) => [e.purpose, e.outcome])).toEqual([["complaint", "包装破损，客户要求换货"]]);
  expect(moved[0]!.history.events?.map((e) => [e.byName, e.fromName, e.toName])).toEqual([["李娜", "张伟", "王芳"]]);
  expect((server.emulator.stats().byMethod.DELETE ?? 0) - deletesBefore).toBe(1);

  // The team's views follow: the complaint is 王芳's now, the customer listed under her.
  const after = mgr.getByTestId("team-complaints-open").getByRole("row").filter({ hasText: NAME });
  await after.getByRole("cell", { name: "王芳", exact: true }).waitFor();
  expect(pageErrors(mgr)).toEqual([]);
  await mgr.context().close();

  // 7. The English strings: the salesperson has no Team tab; the manager's view reads in English.
  const zhangEn = await newPage(browser, server, { width: 400, height: 900 });
  await openPane(zhangEn, { lang: "en-US", user: ZHANG });
  await zhangEn.getByRole("tab", { name: enUS.tabs.settings, exact: true }).waitFor();
  expect(await zhangEn.getByRole("tab", { name: enUS.tabs.team, exact: true }).count()).toBe(0);
  await zhangEn.context().close();
  const en = await newPage(browser, server, { width: 400, height: 1600 });
  await openPane(en, { lang: "en-US", user: MANAGER });
  await selectTab(en, enUS.tabs.team);
  await en.getByRole("heading", { name: TE.complaints.heading, exact: true }).waitFor();
  const enLine = en.getByTestId("team-complaints-open").getByRole("row").filter({ hasText: NAME });
  await enLine.waitFor();
  expect((await enLine.getByRole("cell").allTextContents()).map((s) => s.trim())).toEqual([NAME, "王芳", "03/02/2026", "0", "包装破损，客户要求换货"]);
  await enLine.getByRole("button", { name: NAME }).click();
  const enPanel = en.getByTestId("team-customer");
  await enPanel.getByRole("heading", { name: NAME }).waitFor();
  expect(await enPanel.textContent()).toContain(fill(TE.customer.salesperson, { name: "王芳", address: WANG }));
  await enPanel.getByRole("combobox", { name: TE.customer.reassignTo }).waitFor();
  await enPanel.getByTestId("history-events").getByText(fill(complaintsEn.history.reassigned, { date: "", by: "李娜", from: "张伟", to: "王芳" }).replace(/^ — /, ""), { exact: false }).waitFor();
  await screenshot(en, "manager-customer-en-US");
  expect(pageErrors(en)).toEqual([]);
  await en.context().close();
});
