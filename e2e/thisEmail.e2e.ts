/**
 * The "This email" tab in Chinese, at the narrowest pane width: the open email's people matched to contacts,
 * a quick edit and a one-click "create contact" persisted in the emulator, and following the pinned pane's
 * item changes (to no item and back). Screenshots: e2e/screenshots/this-email-*.png.
 */
import type { Browser } from "playwright-core";
import { DEMO_FACTS } from "../emulator/seed";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

const T = DEMO_FACTS.secondThread;
const PS = "{00020329-0000-0000-C000-000000000046}";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

async function graphGet<R>(pathAndQuery: string): Promise<R> {
  const res = await server.emulator.handler(
    new Request(`https://graph.microsoft.com/v1.0${pathAndQuery}`, { headers: { Authorization: `Bearer dev:${T.mailbox}` } }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as R;
}

interface GraphContact {
  displayName: string;
  companyName?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
}

async function contactsWith(address: string): Promise<GraphContact[]> {
  const q = new URLSearchParams({
    $filter: `emailAddresses/any(a:a/address eq '${address}')`,
    $select: "displayName,companyName",
    $expand: `singleValueExtendedProperties($filter=id eq 'Boolean ${PS} Name NeedsRecontact')`,
  });
  return (await graphGet<{ value: GraphContact[] }>(`/me/contacts?${q.toString().replace(/\+/g, "%20")}`)).value;
}

test("zh-CN at 320 px: people matched, quick edit and create contact persisted, ItemChanged followed", async () => {
  const q = new URLSearchParams({ $filter: `conversationId eq '${T.conversationId}'`, $select: "id,receivedDateTime" });
  const { value } = await graphGet<{ value: { id: string; receivedDateTime: string }[] }>(`/me/messages?${q.toString().replace(/\+/g, "%20")}`);
  // The first message: James Miller → me, Cc Olivia Brown.
  const first = value.sort((a, b) => a.receivedDateTime.localeCompare(b.receivedDateTime))[0]!.id;
  const james = T.contactAddresses[0]!;
  const olivia = T.nonContactAddresses[0]!;
  const [jamesBefore] = await contactsWith(james);
  expect(jamesBefore).toBeDefined();

  const page = await newPage(browser, server, { width: 360, height: 1200 });
  await openPane(page, { lang: "zh-CN", item: first, width: 320 });
  await selectTab(page, "本邮件");
  const people = page.getByRole("list", { name: "此邮件中的人员" });
  await people.waitFor();
  const card = (address: string) => people.locator(`[data-testid="person-card"][data-address="${address}" i]`);
  await expect(card(james).innerText()).resolves.toContain("联系人");
  await expect(card(olivia).innerText()).resolves.toContain("不是联系人");
  await expect(card(T.mailbox).innerText()).resolves.toContain("您本人");
  await page.getByRole("button", { name: "标记此会话中的所有人" }).waitFor();

  // No horizontal overflow at the narrowest pane width.
  const overflow = await page.locator("#container").evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "this-email-zh-CN", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]', { excludeTabsterDummies: false })).toEqual([]);

  // Quick edit: tick "needs re-contact" for James (whatever it was, it flips).
  const box = card(james).getByRole("checkbox");
  const wasChecked = await box.isChecked();
  await box.click();
  await page.waitForFunction(
    ([sel, want]) => (document.querySelector(sel) as HTMLInputElement | null)?.checked === want && !(document.querySelector(sel) as HTMLInputElement).disabled,
    [`[data-testid="person-card"][data-address="${james}" i] input[type="checkbox"]`, !wasChecked] as const,
  );
  const [jamesAfter] = await contactsWith(james);
  expect(jamesAfter!.singleValueExtendedProperties?.[0]?.value).toBe(String(!wasChecked));

  // One click creates Olivia from the address header: name, company from the domain.
  await card(olivia).getByRole("button", { name: /创建联系人/ }).click();
  await page.waitForFunction((sel) => /^(?!.*不是联系人).*联系人/s.test(document.querySelector(sel)?.textContent ?? ""), `[data-testid="person-card"][data-address="${olivia}" i]`);
  const [created] = await contactsWith(olivia);
  expect(created).toMatchObject({ displayName: "Olivia Brown", companyName: "Fabrikam" });
  await screenshot(page, "this-email-zh-CN-after-edit", { fullPage: true });

  // Pinned pane: no item → empty state; another item → its people.
  await page.getByTestId("demo-item").selectOption("none");
  await page.getByRole("heading", { name: "未打开邮件" }).waitFor();
  await screenshot(page, "this-email-zh-CN-no-item");
  await page.getByTestId("demo-item").selectOption("0");
  await people.waitFor();
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("compose mode (reply all) in the dark theme: the recipients are matched, and the view passes axe", async () => {
  const page = await newPage(browser, server, { width: 400, height: 1000 });
  await openPane(page, { lang: "en-US", theme: "dark", mode: "compose", item: "0" });
  await selectTab(page, "This email");
  await page.getByText("Composing", { exact: true }).waitFor();
  const people = page.getByRole("list", { name: "People in this email" });
  await people.waitFor();
  expect(await people.locator('[data-testid="person-card"]').count()).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Tag everyone in this conversation" }).waitFor();
  // Follows the Office theme: the pane's background is dark.
  const bg = await page.getByTestId("this-email").evaluate((el) => {
    let n: Element | null = el;
    while (n) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
      n = n.parentElement;
    }
    return "";
  });
  const [r, g, b] = (bg.match(/\d+/g) ?? ["255", "255", "255"]).map(Number);
  expect((r! + g! + b!) / 3).toBeLessThan(100);
  await screenshot(page, "this-email-compose-dark", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]', { excludeTabsterDummies: false })).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
