/**
 * Contact history (issue 13) in real Chromium: the salesperson (zhang.wei) records three contacts with 刘洋 of
 * different purposes — one backdated two days — on the contact's details; the entries are on the contact in the
 * emulator (read over HTTP); the manager (li.na) opens the customer in the Team view and reads the same three,
 * the backdated one marked as such. In Chinese and in English.
 * Screenshots: e2e/screenshots/history-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { parseHistory } from "../src/domain/history";
import { HISTORY_PROPERTY_ID } from "../src/graph/history";
import contactsEn from "../src/taskpane/contacts/strings.en-US.json";
import contactsZh from "../src/taskpane/contacts/strings.zh-CN.json";
import historyEn from "../src/taskpane/history/strings.en-US.json";
import historyZh from "../src/taskpane/history/strings.zh-CN.json";
import { launchBrowser, newPage, openPane, pageErrors, screenshot, startServer, type E2EServer } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

const ZHANG = "zhang.wei@contoso.com";
const MANAGER = "li.na@contoso.com";
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(v[k] ?? ""));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function historyOverHttp(page: Page, server: E2EServer, name: string) {
  const headers = { Authorization: `Bearer dev:${ZHANG}` };
  const list = await page.request.get(`${server.url}/v1.0/me/contacts?$top=1000&$select=id,displayName`, { headers });
  const id = ((await list.json()) as { value: { id: string; displayName: string }[] }).value.find((c) => c.displayName === name)!.id;
  const res = await page.request.get(`${server.url}/v1.0/me/contacts/${id}?$select=id&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${HISTORY_PROPERTY_ID}')`)}`, { headers });
  const body = (await res.json()) as { singleValueExtendedProperties?: { value: string }[] };
  return parseHistory(body.singleValueExtendedProperties?.[0]?.value);
}

for (const [lang, H, C, tabs] of [
  ["zh-CN", historyZh.history, contactsZh.contactList, { contacts: "联系人", team: "团队" }],
  ["en-US", historyEn.history, contactsEn.contactList, { contacts: "Contacts", team: "Team" }],
] as const) {
  test(`three contacts recorded (one backdated) are in the customer's history, and the manager reads them from the team view (${lang})`, async () => {
    const server = await startServer();
    try {
      const page = await newPage(browser, server, { width: 400, height: 1400 });
      await openPane(page, { lang, user: ZHANG });
      await selectTab(page, tabs.contacts);
      const name = "刘洋";
      await page.getByRole("searchbox", { name: C.search }).fill(name);
      await page.getByRole("button", { name: fill(C.openDetails, { name }) }).click();
      const form = page.getByRole("form", { name: fill(H.formLabel, { name }) });
      await form.waitFor();
      const records = [
        { at: null, channel: H.channels.visit, purpose: H.purposes.order, outcome: lang === "zh-CN" ? "订货 20 台 PLC" : "Ordered 20 PLC units", next: lang === "zh-CN" ? "周五送货" : "Deliver Friday" },
        { at: null, channel: H.channels.call, purpose: H.purposes.collection, outcome: lang === "zh-CN" ? "收回二月货款" : "February invoice paid", next: "" },
        { at: "2026-02-28T15:30", channel: H.channels.meeting, purpose: H.purposes.complaint, outcome: lang === "zh-CN" ? "包装破损 <b>投诉</b>" : "Damaged packaging <b>complaint</b>", next: "" },
      ];
      for (const r of records) {
        if (r.at) await form.getByLabel(H.when).fill(r.at);
        await form.getByRole("combobox", { name: H.channel }).selectOption({ label: r.channel });
        await form.getByRole("combobox", { name: H.purpose }).selectOption({ label: r.purpose });
        await form.getByRole("textbox", { name: H.outcome }).fill(r.outcome);
        if (r.next) await form.getByRole("textbox", { name: H.nextStep }).fill(r.next);
        await form.getByRole("button", { name: H.record }).click();
        await page.getByRole("list", { name: fill(H.listLabel, { name }) }).getByText(r.outcome).waitFor();
      }
      const mine = page.getByRole("list", { name: fill(H.listLabel, { name }) }).getByTestId("history-entry");
      expect(await mine.count()).toBe(3);
      // Newest first: the backdated complaint (two days ago) is last, marked backdated and open.
      const last = (await mine.nth(2).textContent()) ?? "";
      expect(last).toContain(records[2]!.outcome);
      expect(last).toContain(fill(H.backdated, { date: "" }).split(/[，,]/)[0]!.trim());
      expect(last).toContain(H.complaintState.open);
      await screenshot(page, `history-details-${lang}`);
      expect(await axeSeriousViolations(page, '[data-testid="contact-history"]')).toEqual([]);

      // On the contact in the mailbox, as recorded: three purposes, the backdated one with its own time.
      const stored = await historyOverHttp(page, server, name);
      expect(stored.entries.map((e) => e.purpose).sort()).toEqual(["collection", "complaint", "order"]);
      const back = stored.entries.find((e) => e.purpose === "complaint")!;
      expect(back.at).toBe("2026-02-28T07:30:00.000Z"); // 15:30 in Shanghai
      expect(back.recordedAt > back.at).toBe(true);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();

      // The manager: Team → the customer → its history, read from zhang.wei's shared folder.
      const mgr = await newPage(browser, server, { width: 400, height: 1400 });
      await openPane(mgr, { lang, user: MANAGER });
      await selectTab(mgr, tabs.team);
      const row = mgr.getByTestId("team-rows").locator("li").filter({ hasText: name }).first();
      await row.waitFor();
      await row.getByText(H.heading).click();
      const list = row.getByRole("list", { name: fill(H.listLabel, { name }) });
      await list.waitFor();
      const seen = await list.getByTestId("history-entry").allTextContents();
      expect(seen).toHaveLength(3);
      for (const r of records) expect(seen.some((s) => s.includes(r.outcome) && s.includes(r.purpose) && s.includes(r.channel))).toBe(true);
      expect(await row.getByRole("form").count()).toBe(0); // read-only for the manager
      await screenshot(mgr, `history-team-${lang}`);
      expect(pageErrors(mgr)).toEqual([]);
      await mgr.context().close();
    } finally {
      await server.close();
    }
  });
}
