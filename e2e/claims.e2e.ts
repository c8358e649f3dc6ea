/**
 * Claims (issue 6, 客户认领): James Miller (zhang.wei's customer, last contacted 9 days before E2E_NOW in the seed)
 * has lapsed and lands in the pool; Liu Yang (2 days) has not. wang.fang claims James Miller from zhang.wei's
 * shared folder: he moves into her own contacts (issue 10 item 10). zhang.wei cannot renew his own lapsed claim
 * by claiming it again; recording a contact keeps the customer (issue 10 item 11). A claim is not a contact: read
 * back over HTTP, the claimed customer's last contacted is what it was before, and her "Contacted today" list does
 * not show him (issue 10).
 * Screenshots: e2e/screenshots/pool-*.png. axe on the Pool view.
 */
import type { Browser, Page } from "playwright-core";
import poolEn from "../src/taskpane/pool/strings.en-US.json";
import poolZh from "../src/taskpane/pool/strings.zh-CN.json";
import { E2E_NOW, type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet } from "./salesHelpers";

const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const OWNER_PROP = "String {00020329-0000-0000-C000-000000000046} Name Owner";
const JAMES = "James Miller";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

async function openPool(page: Page, user: string, lang: "en-US" | "zh-CN", tabs: { today: string; pool: string }) {
  await openPane(page, { lang, user });
  await selectTab(page, tabs.today);
  await selectTab(page, tabs.pool);
  await page.getByTestId("pool-item").first().waitFor();
}

const poolItem = (page: Page, name: string, owner: string) =>
  page.getByTestId("pool-item").filter({ hasText: name }).filter({ hasText: owner });

type C = { value: { id: string; displayName: string; singleValueExtendedProperties?: { id: string; value: string }[] }[] };
const LAST_PROP = "SystemTime {00020329-0000-0000-C000-000000000046} Name LastContacted";
const MOVED_PROP = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name MovedFrom";
const CLAIMED_PROP = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name ClaimedAt";

/** The contacts of `upn`'s own folder with this address, read over HTTP, with owner / last contacted / moved-from / claim stamp. */
async function contactsByAddress(page: Page, upn: string, address: string) {
  const filter = encodeURIComponent(`emailAddresses/any(a:a/address eq '${address}')`);
  const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${OWNER_PROP}' or id eq '${LAST_PROP}' or id eq '${MOVED_PROP}' or id eq '${CLAIMED_PROP}')`);
  const found = await graphGet<C>(page, server, upn, `/me/contacts?$filter=${filter}&$expand=${expand}`);
  return found.value.map((c) => {
    const prop = (id: string) => c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
    const claimed = prop(CLAIMED_PROP);
    return { id: c.id, owner: prop(OWNER_PROP), lastContacted: prop(LAST_PROP), movedFrom: prop(MOVED_PROP), claimed: claimed ? (JSON.parse(claimed) as { owner: string; at: string }) : undefined };
  });
}

test("a lapsed customer claimed from a teammate's folder moves into the claimant's contacts, exactly once (issue 10 item 10)", async () => {
  // zhang.wei opens the pool first (in Chinese): his own lapsed James Miller cannot be claimed (renewed) by him.
  const zhang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPool(zhang, ZHANG, "zh-CN", { today: "今日", pool: "公海" });
  expect(await poolItem(zhang, JAMES, ZHANG).count()).toBe(1);
  expect(await zhang.getByTestId("pool-item").filter({ hasText: "刘洋" }).count()).toBe(0); // contacted 2 days ago: still claimed
  expect(await poolItem(zhang, JAMES, ZHANG).getByRole("button", { name: `认领 ${JAMES}` }).count()).toBe(0);
  expect(await axeSeriousViolations(zhang, '[data-testid="view-today"]')).toEqual([]);
  await screenshot(zhang, "pool-zh-CN");
  const [original] = await contactsByAddress(zhang, ZHANG, "james.miller@fabrikam.com");
  expect(original).toBeDefined();
  const deletesBefore = server.emulator.stats().byMethod.DELETE ?? 0;

  // wang.fang claims James Miller from zhang.wei's folder.
  const wang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPool(wang, WANG, "en-US", { today: "Today", pool: "Pool" });
  const item = poolItem(wang, JAMES, ZHANG);
  expect(await item.count()).toBe(1);
  expect(await axeSeriousViolations(wang, '[data-testid="view-today"]')).toEqual([]);
  await item.getByRole("button", { name: `Claim ${JAMES}` }).click();
  // The outcome shows on the card itself; the Claim button is gone.
  await item.getByTestId("pool-message").filter({ hasText: poolEn.pool.claimed.replace("{{name}}", JAMES) }).waitFor();
  expect(await item.getByRole("button").count()).toBe(0);
  await screenshot(wang, "pool-claimed-en-US");

  // Over HTTP: gone from zhang.wei's folder; exactly one James Miller in wang.fang's, hers, marked with its origin.
  expect(await contactsByAddress(zhang, ZHANG, "james.miller@fabrikam.com")).toEqual([]);
  const mine = await contactsByAddress(wang, WANG, "james.miller@fabrikam.com");
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ owner: WANG, movedFrom: `${ZHANG}/${original!.id}` });
  // A claim is not a contact (issue 10): last contacted is what it was in zhang.wei's folder (9 days ago), the
  // claim is recorded beside it (when, by whom) and gives her the full 7 days from now.
  expect(original!.lastContacted).toBeDefined();
  expect(mine[0]!.lastContacted).toBe(original!.lastContacted);
  expect(Date.parse(mine[0]!.lastContacted!)).toBeLessThan(E2E_NOW.getTime() - 7 * 86_400_000);
  expect(mine[0]!.claimed?.owner).toBe(WANG);
  const claimedAt = Date.parse(mine[0]!.claimed!.at);
  expect(claimedAt).toBeGreaterThanOrEqual(E2E_NOW.getTime());
  expect(claimedAt).toBeLessThan(E2E_NOW.getTime() + 10 * 60_000);
  // One delete for the move (the copy is counted above: exactly one James Miller in her folder).
  const stats = server.emulator.stats();
  expect((stats.byMethod.DELETE ?? 0) - deletesBefore).toBe(1);

  // She works it where she works every customer: her Contacts list has him.
  await selectTab(wang, "Contacts");
  await wang.getByRole("searchbox", { name: "Search contacts" }).fill(JAMES);
  await wang.locator(`[data-contact-id="${mine[0]!.id}"]`).waitFor();
  // Nobody spoke to him: her "Contacted today" list does not show him.
  await selectTab(wang, "Today");
  await selectTab(wang, "Plan");
  await wang.getByRole("heading", { name: /^Contacted today/ }).waitFor();
  expect(await wang.getByTestId("report-item").filter({ hasText: JAMES }).count()).toBe(0);

  // zhang.wei opens the pool again: James Miller is no longer there.
  await selectTab(zhang, "联系人");
  await selectTab(zhang, "今日");
  await selectTab(zhang, "公海");
  await zhang.getByTestId("pool-item").first().waitFor();
  expect(await poolItem(zhang, JAMES, ZHANG).count()).toBe(0);

  expect(pageErrors(zhang)).toEqual([]);
  expect(pageErrors(wang)).toEqual([]);
  await zhang.context().close();
  await wang.context().close();
});

test("my own lapsed customer is kept only by recording a contact, never by claiming it again (issue 10 item 11)", async () => {
  const zhang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPool(zhang, ZHANG, "zh-CN", { today: "今日", pool: "公海" });
  // One of his own lapsed customers.
  const own = zhang.getByTestId("pool-item").filter({ hasText: ZHANG }).filter({ hasText: poolZh.pool.mineLapsed }).first();
  await own.waitFor();
  const name = (await own.locator("span").first().textContent()) ?? "";
  expect(name).not.toBe("");
  // Its only button records a contact; there is no claim / renew.
  const buttons = await own.getByRole("button").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(buttons).toEqual([poolZh.pool.recordContactFor.replace("{{name}}", name)]);
  // Not in today's report before any contact.
  await selectTab(zhang, "计划");
  await zhang.getByRole("heading", { name: /^今天已联系/ }).waitFor();
  expect(await zhang.getByTestId("report-item").filter({ hasText: name }).count()).toBe(0);
  await selectTab(zhang, "公海");
  const card = zhang.getByTestId("pool-item").filter({ hasText: name });
  await card.getByRole("button", { name: poolZh.pool.recordContactFor.replace("{{name}}", name) }).click();
  await card.getByTestId("pool-message").filter({ hasText: poolZh.pool.contactRecorded.replace("{{name}}", name) }).waitFor();

  // Over HTTP: a contact recorded now, owner unchanged.
  const list = await graphGet<C>(zhang, server, ZHANG, `/me/contacts?$top=1000&$select=id,displayName&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${OWNER_PROP}' or id eq '${LAST_PROP}')`)}`);
  const stored = list.value.find((c) => c.displayName === name)!;
  const prop = (id: string) => stored.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
  expect(prop(OWNER_PROP)).toBe(ZHANG);
  expect(Date.parse(prop(LAST_PROP) ?? "")).toBe(Math.floor(E2E_NOW.getTime() / 1000) * 1000);
  // A recorded contact is what the daily report shows.
  await selectTab(zhang, "计划");
  await zhang.getByTestId("report-item").filter({ hasText: name }).waitFor();
  expect(pageErrors(zhang)).toEqual([]);
  await zhang.context().close();
});
