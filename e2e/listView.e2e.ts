/**
 * The contacts list's view in real Chromium (issue 11 item 6): group-by, sort and filters remembered per user
 * across reloads (roaming settings — the demo host keeps them in localStorage per mailbox user); date group
 * headers read as the date cells do; search finds Chinese names by pinyin, with pinyin-match fetched as its own
 * chunk only when a search is typed.
 */
import type { Browser, Page } from "playwright-core";
import { type E2EServer, newPage, openPane, pageErrors, withE2E } from "./harness";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";

/** What the user sees of the view: group-by, sort column and direction, filter chips, the count line. */
async function viewOf(page: Page) {
  await page.locator('[data-testid="contact-row"]').first().waitFor();
  return {
    groupBy: await page.getByRole("combobox", { name: "Group by" }).inputValue(),
    sortBy: await page.getByRole("combobox", { name: "Sort by" }).inputValue(),
    direction: await page.getByRole("button", { name: /^Sort direction: / }).getAttribute("aria-label"),
    filters: await page.getByRole("button", { name: /^Remove filter: / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))),
    count: (await page.getByTestId("contacts-count").textContent())?.trim(),
  };
}

/** Waits until the demo host has saved this user's roaming settings with the contacts view in them. */
async function savedView(page: Page, upn: string): Promise<unknown> {
  const handle = await page.waitForFunction(
    (key) => {
      const raw = window.localStorage.getItem(key);
      const view = raw ? (JSON.parse(raw) as Record<string, unknown>)[Object.keys(JSON.parse(raw)).find((k) => k.startsWith("contactListView:")) ?? ""] : undefined;
      return view ?? null;
    },
    `fakeOutlook:roamingSettings:${upn}`,
  );
  return handle.jsonValue();
}

test("group-by, sort and filters survive a reload, per user: another user keeps the default view", async () => {
  const page = await newPage(browser, server, { width: 400, height: 800 });
  await openPane(page, { lang: "en-US" });
  const defaults = await viewOf(page);
  expect(defaults).toMatchObject({ groupBy: "", sortBy: "b:displayName", direction: "Sort direction: Ascending", filters: [] });

  await page.getByRole("combobox", { name: "Group by" }).selectOption("f:CustomerTier");
  await page.getByRole("combobox", { name: "Sort by" }).selectOption("b:companyName");
  await page.getByRole("button", { name: "Sort direction: Ascending" }).click();
  await page.getByRole("button", { name: "Add filter" }).click();
  const form = page.getByRole("region", { name: "Add filter" });
  await form.getByRole("combobox", { name: "Field" }).selectOption("NeedsRecontact");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: /^Remove filter: / }).waitFor();
  const chosen = await viewOf(page);
  expect(chosen).toMatchObject({ groupBy: "f:CustomerTier", sortBy: "b:companyName", direction: "Sort direction: Descending", filters: [expect.stringMatching(/^Remove filter: Needs re-contact/)] });
  expect(chosen.count).toMatch(/^\d+ of \d+ contacts/);
  await savedView(page, ZHANG);

  // Reload: the same view, the same contacts.
  await page.reload({ waitUntil: "load" });
  expect(await viewOf(page)).toEqual(chosen);
  const headers = await page.locator('[role="listitem"][data-testid^="group-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(headers[0]).toBe("group-key");

  // Another salesperson in the same Outlook (same browser): her own, default view.
  await openPane(page, { lang: "en-US", user: WANG });
  expect(await viewOf(page)).toMatchObject({ groupBy: "", sortBy: "b:displayName", direction: "Sort direction: Ascending", filters: [] });
  // …and her change does not touch his.
  await page.getByRole("combobox", { name: "Group by" }).selectOption("b:companyName");
  await savedView(page, WANG);
  await openPane(page, { lang: "en-US", user: ZHANG });
  expect(await viewOf(page)).toEqual(chosen);

  // Removing the filter is remembered too.
  await page.getByRole("button", { name: /^Remove filter: / }).click();
  await page.waitForFunction(() => !document.querySelector('[aria-label^="Remove filter: "]'));
  await page.waitForFunction(
    (key) => /"filters":\[\]/.test(window.localStorage.getItem(key) ?? ""),
    `fakeOutlook:roamingSettings:${ZHANG}`,
  );
  await page.reload({ waitUntil: "load" });
  expect(await viewOf(page)).toMatchObject({ groupBy: "f:CustomerTier", sortBy: "b:companyName", filters: [] });
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("date group headers read as the date cells do", async () => {
  const page = await newPage(browser, server, { width: 1000, height: 900 });
  for (const lang of ["en-US", "zh-CN"]) {
    await openPane(page, { lang });
    await page.locator('[data-testid="contact-row"]').first().waitFor();
    await page.getByTestId("group-by").selectOption("f:LastContacted");
    await page.locator('[role="listitem"][data-testid^="group-"]').first().waitFor();
    // Each group header of a rendered group, and the Last contacted cells of the rows under it.
    const pairs = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>("[data-row-key]")].sort((a, b) => Number(a.dataset.rowIndex) - Number(b.dataset.rowIndex));
      const out: { header: string; cell: string }[] = [];
      let header: string | undefined;
      for (const r of rows) {
        if (r.dataset.testid?.startsWith("group-")) header = r.dataset.testid === "group-none" ? undefined : r.querySelector("button[aria-expanded]")?.textContent ?? "";
        else if (header !== undefined) out.push({ header, cell: r.querySelector('[data-column="f:LastContacted"]')?.textContent ?? "" });
      }
      return out;
    });
    expect(pairs.length).toBeGreaterThan(3);
    for (const { header, cell } of pairs) expect({ header, cell, starts: header.startsWith(`${cell},`) || header.startsWith(`${cell}，`) }).toEqual({ header, cell, starts: true });
    expect(pairs[0]!.cell).toMatch(lang === "zh-CN" ? /^\d{4}\/\d{2}\/\d{2}$/ : /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  }
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("pinyin search: 'ly', 'liuyang' and 'liu' find 刘洋; pinyin-match is fetched once, on the first search", async () => {
  const page = await newPage(browser, server, { width: 400, height: 800 });
  const chunks: string[] = [];
  page.on("request", (r) => {
    if (/\.chunk\.js$/.test(new URL(r.url()).pathname)) chunks.push(new URL(r.url()).pathname);
  });
  await openPane(page, { lang: "zh-CN" });
  await page.locator('[data-testid="contact-row"]').first().waitFor();
  const pinyinChunks = () => chunks.filter((c) => /\/pinyin\./.test(c));
  expect(pinyinChunks()).toEqual([]);

  const search = page.getByRole("searchbox");
  const names = async () => (await page.locator('[data-testid="contact-row"] [data-column="b:displayName"] button').allTextContents()).map((n) => n.trim());
  for (const term of ["ly", "liuyang", "liu", "LiuYang"]) {
    await search.fill(term);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="contact-row"]')].some((r) => r.textContent?.includes("刘洋")));
    const shown = await names();
    expect({ term, found: shown.includes("刘洋") }).toEqual({ term, found: true });
    // Every name shown matches: by pinyin here, none of them is a plain-text match for "liuyang".
    if (term.toLowerCase() === "liuyang") expect(shown).toEqual(["刘洋"]);
  }
  // Plain text still works, and a term pinyin cannot spell finds nobody.
  await search.fill("华信科技");
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="contact-row"]')].some((r) => r.textContent?.includes("刘洋")));
  await search.fill("xqzv");
  await page.getByRole("heading", { name: "没有匹配的联系人" }).waitFor();
  expect(pinyinChunks()).toHaveLength(1);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
