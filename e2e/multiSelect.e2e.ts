/**
 * Multi-select (Mailbox 1.13): select 3 emails in the demo bar → the pane follows SelectedItemsChanged and tags
 * the participants of all three conversations. On a host claiming only Mailbox 1.12 the pane explains what is
 * missing, in English and Chinese. Screenshots: e2e/screenshots/multi-select-*.png.
 */
import type { Browser } from "playwright-core";
import { DEMO_FACTS } from "../emulator/seed";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

const ME = DEMO_FACTS.defaultUser;

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

interface Msg {
  id: string;
  conversationId: string;
  from?: { emailAddress: { address: string } };
  toRecipients: { emailAddress: { address: string } }[];
  ccRecipients: { emailAddress: { address: string } }[];
}

async function graphGet<T>(pathAndQuery: string): Promise<T> {
  const res = await server.emulator.handler(
    new Request(`https://graph.microsoft.com/v1.0${pathAndQuery}`, { headers: { Authorization: `Bearer dev:${ME}` } }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

test("select 3 emails: the participants of all three conversations appear and can be tagged", async () => {
  const { value: messages } = await graphGet<{ value: Msg[] }>(
    "/me/messages?$select=id,conversationId,from,toRecipients,ccRecipients&$top=100",
  );
  const byConv = new Map<string, Msg[]>();
  for (const m of messages) byConv.set(m.conversationId, [...(byConv.get(m.conversationId) ?? []), m]);
  const third = [...byConv.keys()].find((c) => c !== DEMO_FACTS.wellKnownThread.conversationId && c !== DEMO_FACTS.secondThread.conversationId)!;
  const convs = [DEMO_FACTS.wellKnownThread.conversationId, DEMO_FACTS.secondThread.conversationId, third];
  const picked = convs.map((c) => byConv.get(c)![0]!.id);
  // Everyone of the three whole conversations (the pane lists all messages of each, not only the selected ones).
  const expected = new Set<string>();
  for (const c of convs)
    for (const m of byConv.get(c)!)
      for (const a of [m.from, ...m.toRecipients, ...m.ccRecipients]) if (a) expected.add(a.emailAddress.address.toLowerCase());

  const page = await newPage(browser, server, { width: 420, height: 1400 });
  await openPane(page, { lang: "en-US" });
  await selectTab(page, "This email");
  await page.getByTestId("demo-multiselect").locator("summary").click();
  for (const id of picked) await page.locator(`[data-testid="demo-multiselect"] input[data-item-id="${id}"]`).check();
  await expect(page.getByTestId("demo-selected-count").innerText()).resolves.toContain("3 selected");

  await page.getByRole("heading", { name: "3 emails selected" }).waitFor();
  await page.getByRole("button", { name: "Tag everyone in the selected emails" }).click();
  const table = page.getByRole("table", { name: "People to tag" });
  await table.waitFor();
  const shown = await table.locator('[data-testid="tag-row"]').evaluateAll((rows) => rows.map((r) => (r.getAttribute("data-address") ?? "").toLowerCase()));
  expect(new Set(shown)).toEqual(expected);
  for (const a of [...DEMO_FACTS.wellKnownThread.nonContactAddresses, ...DEMO_FACTS.secondThread.nonContactAddresses]) {
    await expect(table.locator(`[data-testid="tag-row"][data-address="${a}" i]`).innerText()).resolves.toContain("Will be created");
  }
  await page.getByRole("textbox", { name: "Intended products", exact: true }).fill("Multi-select demo");
  await screenshot(page, "multi-select-preview", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]', { excludeTabsterDummies: false })).toEqual([]);

  const apply = page.getByRole("button", { name: /^Apply to \d+ people$/ });
  const count = Number((await apply.innerText()).match(/\d+/)![0]);
  expect(count).toBeGreaterThanOrEqual(4);
  await apply.click();
  const summary = page.getByTestId("tag-summary");
  await summary.waitFor();
  await expect(summary.innerText()).resolves.toMatch(/ 0 failed$/);
  expect(await page.getByTestId("tag-result").count()).toBe(count);
  await screenshot(page, "multi-select-results", { fullPage: true });

  // Olivia (second thread, not a contact) now exists with the keyword.
  const q = new URLSearchParams({
    $filter: "emailAddresses/any(a:a/address eq 'olivia.brown@fabrikam.com')",
    $expand: "multiValueExtendedProperties($filter=id eq 'StringArray {00020329-0000-0000-C000-000000000046} Name IntendedProducts')",
  });
  const { value } = await graphGet<{ value: { multiValueExtendedProperties?: { value: string[] }[] }[] }>(`/me/contacts?${q.toString().replace(/\+/g, "%20")}`);
  expect(value).toHaveLength(1);
  expect(value[0]!.multiValueExtendedProperties?.[0]?.value).toEqual(["Multi-select demo"]);

  // Clearing the selection brings the open email back.
  await page.getByTestId("demo-select-none").click();
  await page.getByRole("button", { name: "Tag everyone in this conversation" }).waitFor();
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("without Mailbox 1.13 the pane explains what is missing (en-US and zh-CN)", async () => {
  const page = await newPage(browser, server, { width: 360, height: 900 });
  await openPane(page, { lang: "en-US", sets: "Mailbox:1.12" });
  await selectTab(page, "This email");
  await page.getByText("Selecting several emails is not available").waitFor();
  await expect(page.getByTestId("multiselect-unsupported").innerText()).resolves.toContain("Mailbox 1.13");
  await expect(page.getByTestId("demo-selected-count").innerText()).resolves.toContain("not available");
  await page.getByRole("button", { name: "Tag everyone in this conversation" }).waitFor();
  await screenshot(page, "multi-select-unsupported-en-US", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]', { excludeTabsterDummies: false })).toEqual([]);

  await openPane(page, { lang: "zh-CN", sets: "Mailbox:1.12" });
  await selectTab(page, "本邮件");
  await page.getByText("无法选择多封邮件").waitFor();
  await screenshot(page, "multi-select-unsupported-zh-CN", { fullPage: true });
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
