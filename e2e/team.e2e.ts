/**
 * The manager's Team view in real Chromium (issue 6): as li.na@contoso.com the per-salesperson counts match the
 * seeded data (expected values computed here from the emulator's data over HTTP + the domain rules), the
 * follow-up-flag filter narrows the view, the CSV export (a Blob download) parses back to the rows of the view and
 * starts with a BOM, a folder that is not shared gets its own message, and axe finds nothing serious.
 */
import fs from "fs";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { claimInfo } from "../src/domain/claims";
import { UTF8_BOM } from "../src/domain/csv";
import { followUpInfo } from "../src/domain/followUp";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import type { Contact, FieldSchema } from "../src/domain/types";
import { buildExpand, CONTACT_SELECT, fromGraphContact, type GraphContact } from "../src/graph/extendedProperties";
import enUS from "../src/taskpane/team/strings.en-US.json";
import { E2E_NOW, type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations } from "./helpers";

const MANAGER = "li.na@contoso.com";
const SALESPEOPLE = ["zhang.wei@contoso.com", "wang.fang@contoso.com", "chen.jie@contoso.com", "emily.zhou@contoso.com"];
const TZ = "Asia/Shanghai";
const schema = DEFAULT_SCHEMA as FieldSchema;
const T = enUS.teamView;

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

/** A salesperson's contacts as the manager reads them over HTTP (the same Graph URLs the add-in uses). */
async function folderOverHttp(page: Page, upn: string): Promise<Contact[]> {
  const headers = { Authorization: `Bearer dev:${MANAGER}` };
  const out: Contact[] = [];
  let url: string | undefined = `${server.url}/v1.0/users/${upn}/contacts?$top=1000&$select=${CONTACT_SELECT.join(",")}&$expand=${encodeURIComponent(buildExpand(schema))}`;
  while (url) {
    const res = await page.request.get(url, { headers });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { value: GraphContact[]; "@odata.nextLink"?: string };
    out.push(...body.value.map((g) => fromGraphContact(g, schema, { mailbox: upn })));
    url = body["@odata.nextLink"];
  }
  return out;
}

function expectedCounts(contacts: Contact[]) {
  const c = { total: contacts.length, due: 0, overdue: 0, lapsing: 0, lapsed: 0 };
  for (const x of contacts) {
    const s = followUpInfo(x.fields, schema, E2E_NOW, TZ).status;
    if (s === "dueToday") c.due++;
    if (s === "overdue") c.overdue++;
    const k = claimInfo(x, schema, E2E_NOW).state;
    if (k === "lapsing" || k === "lapsed") c[k]++;
  }
  return c;
}

async function shownCounts(page: Page, upn: string) {
  const row = page.getByTestId(`counts-${upn}`);
  await row.waitFor({ state: "visible" });
  const cell = async (m: string) => Number(await row.locator(`[data-measure="${m}"]`).textContent());
  return { total: await cell("total"), due: await cell("due"), overdue: await cell("overdue"), lapsing: await cell("lapsing"), lapsed: await cell("lapsed") };
}

async function openTeam(page: Page, lang = "en-US", theme: "light" | "dark" = "light") {
  await openPane(page, { lang, user: MANAGER, theme });
  // Keyboard, not a pointer click: a tooltip another view opens on load can sit over the tab strip.
  const tab = page.getByRole("tab", { name: lang === "zh-CN" ? "团队" : "Team", exact: true });
  await tab.focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("team-view").waitFor();
}

test("per-salesperson counts match the seeded data; the follow-up flag filters; CSV export equals the view", async () => {
  const page = await newPage(browser, server, { width: 400, height: 1400 });
  await openTeam(page);

  const data = new Map<string, Contact[]>();
  for (const upn of SALESPEOPLE) data.set(upn, await folderOverHttp(page, upn));
  for (const upn of SALESPEOPLE) {
    const expected = expectedCounts(data.get(upn) as Contact[]);
    expect(expected.total).toBeGreaterThan(0);
    expect(await shownCounts(page, upn)).toEqual(expected);
  }
  const all = [...data.values()].flat();
  const sum = (f: (c: Contact) => boolean) => all.filter(f).length;
  expect(sum((c) => followUpInfo(c.fields, schema, E2E_NOW, TZ).status === "overdue")).toBeGreaterThan(0);
  await page.getByText(T.rows.summary.replace("{{count}}", String(all.length))).waitFor();
  await page.getByTestId("team-chart").locator("svg").first().waitFor({ state: "visible" });
  await screenshot(page, "team-en-US", { fullPage: true });

  // Filter: needs re-contact = yes.
  await page.getByRole("combobox", { name: T.filters.flag }).selectOption({ label: T.filters.flagYes });
  const flagged = all.filter((c) => c.fields.NeedsRecontact === true);
  expect(flagged.length).toBeGreaterThan(0);
  expect(flagged.length).toBeLessThan(all.length);
  await page.getByText(T.rows.summary.replace("{{count}}", String(flagged.length))).waitFor();
  for (const upn of SALESPEOPLE) {
    expect((await shownCounts(page, upn)).total).toBe(flagged.filter((c) => c.mailbox === upn).length);
  }
  await screenshot(page, "team-flag-yes", { fullPage: true });

  // Export the filtered view: a Blob download, BOM first, parsed back = the rows of the view.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: T.export }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync((await download.path()) as string, "utf8");
  expect(text.startsWith(UTF8_BOM)).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(expect.arrayContaining(["Name", "E-mail Address", "Needs re-contact", "Customer tier", "Owner"]));
  expect(parsed.data).toHaveLength(flagged.length);
  expect(parsed.data.every((r) => r["Needs re-contact"] === "Yes")).toBe(true);
  const names = await page.getByRole("list", { name: T.rows.heading }).getByRole("listitem").evaluateAll((lis) => lis.map((li) => li.firstElementChild?.textContent ?? ""));
  expect(names.length).toBe(Math.min(100, flagged.length));
  expect(parsed.data.slice(0, names.length).map((r) => r.Name)).toEqual(names);
  expect(new Set(parsed.data.map((r) => r["E-mail Address"]))).toEqual(new Set(flagged.map((c) => c.emailAddresses[0]?.address ?? "")));

  expect(await axeSeriousViolations(page, '[data-testid="team-view"]')).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("a folder that is not shared gets its own message; the others still load (zh-CN, dark theme, 320 px)", async () => {
  server.emulator.admin.unshare("wang.fang@contoso.com", MANAGER);
  const page = await newPage(browser, server, { width: 320, height: 1000 });
  await openTeam(page, "zh-CN", "dark");
  await page.getByText("wang.fang@contoso.com 尚未与您共享联系人文件夹。请让对方共享（读取权限）。").waitFor();
  await page.getByTestId("counts-zhang.wei@contoso.com").waitFor();
  expect(await page.getByTestId("counts-wang.fang@contoso.com").count()).toBe(0);
  // No horizontal overflow of the pane at 320 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  // The view follows the Office theme: text on the dark neutral background, not black on black.
  const color = await page.getByRole("heading", { name: "团队成员" }).evaluate((el) => getComputedStyle(el).color);
  const [r = 0, g = 0, b = 0] = (color.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeGreaterThan(3 * 160);
  await screenshot(page, "team-not-shared-zh-CN-dark", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="team-view"]')).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
