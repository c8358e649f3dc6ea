/**
 * Claims (issue 6, 客户认领): James Miller (zhang.wei's customer, last contacted 9 days before E2E_NOW in the seed)
 * has lapsed and lands in the pool; Liu Yang (2 days) has not. wang.fang claims James Miller from zhang.wei's
 * shared folder; zhang.wei, whose pool was opened before that, is refused with the new owner's name.
 * Screenshots: e2e/screenshots/pool-*.png. axe on the Pool view.
 */
import type { Browser, Page } from "playwright-core";
import poolEn from "../src/taskpane/pool/strings.en-US.json";
import poolZh from "../src/taskpane/pool/strings.zh-CN.json";
import { launchBrowser, newPage, openPane, pageErrors, screenshot, startServer, type E2EServer } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";
import { graphGet } from "./salesHelpers";

const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const OWNER_PROP = "String {00020329-0000-0000-C000-000000000046} Name Owner";
const JAMES = "James Miller";

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

async function openPool(page: Page, user: string, lang: "en-US" | "zh-CN", tabs: { today: string; pool: string }) {
  await openPane(page, { lang, user });
  await selectTab(page, tabs.today);
  await selectTab(page, tabs.pool);
  await page.getByTestId("pool-item").first().waitFor();
}

const poolItem = (page: Page, name: string, owner: string) =>
  page.getByTestId("pool-item").filter({ hasText: name }).filter({ hasText: owner });

test("a lapsed customer is claimed by another salesperson; the stale claim of the former owner is refused", async () => {
  // zhang.wei opens the pool first (in Chinese).
  const zhang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPool(zhang, ZHANG, "zh-CN", { today: "今日", pool: "公海" });
  expect(await poolItem(zhang, JAMES, ZHANG).count()).toBe(1);
  expect(await zhang.getByTestId("pool-item").filter({ hasText: "刘洋" }).count()).toBe(0); // contacted 2 days ago: still claimed
  expect(await axeSeriousViolations(zhang, '[data-testid="view-today"]')).toEqual([]);
  await screenshot(zhang, "pool-zh-CN");

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

  // On the contact itself (over HTTP): owner is wang.fang now.
  type C = { value: { id: string; singleValueExtendedProperties?: { id: string; value: string }[] }[] };
  const filter = encodeURIComponent("emailAddresses/any(a:a/address eq 'james.miller@fabrikam.com')");
  const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${OWNER_PROP}')`);
  const found = await graphGet<C>(zhang, server, ZHANG, `/me/contacts?$filter=${filter}&$expand=${expand}`);
  expect(found.value).toHaveLength(1);
  expect(found.value[0]!.singleValueExtendedProperties?.[0]?.value).toBe(WANG);

  // zhang.wei's pool still shows James Miller (opened before) as his own lapsed customer ("重新认领", renew);
  // renewing now is refused, naming wang.fang.
  const stale = poolItem(zhang, JAMES, ZHANG);
  await stale.getByRole("button", { name: `重新认领 ${JAMES}` }).click();
  const refusal = stale.getByTestId("pool-message");
  await refusal.waitFor();
  const text = (await refusal.textContent()) ?? "";
  expect(text).toContain(JAMES);
  expect(text).toContain(WANG);
  expect(text).toContain(poolZh.pool.refusedOther.split("{{owner}}")[0]!.replace("{{name}}", JAMES).trim());
  expect(await stale.getByRole("button", { name: `重新认领 ${JAMES}` }).isDisabled()).toBe(true);
  await screenshot(zhang, "pool-refused-zh-CN");

  expect(pageErrors(zhang)).toEqual([]);
  expect(pageErrors(wang)).toEqual([]);
  await zhang.context().close();
  await wang.context().close();
});
