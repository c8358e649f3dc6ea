/**
 * Tag everyone in the seeded well-known thread (DEMO_FACTS.wellKnownThread) from the "This email" tab, in real
 * Chromium against the demo build + Graph emulator, then check the emulator over its HTTP API with a dev token:
 * the non-contact was created with the values, the existing contact got the keyword merged (not overwritten),
 * the noreply address and the colleague were excluded; then the people cards, not reopened, show the created contact
 * and edit it (one create POST counted, one contact for the address, read back over HTTP). Screenshots: e2e/screenshots/thread-tagging-*.png.
 */
import type { Browser } from "playwright-core";
import { DEMO_FACTS } from "../emulator/seed";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations, selectTab } from "./helpers";

const T = DEMO_FACTS.wellKnownThread;
const PS = "{00020329-0000-0000-C000-000000000046}";
const PROP = {
  products: `StringArray ${PS} Name IntendedProducts`,
  needs: `Boolean ${PS} Name NeedsRecontact`,
  tier: `String ${PS} Name CustomerTier`,
};

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

interface GraphContact {
  id: string;
  displayName: string;
  companyName?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  multiValueExtendedProperties?: { id: string; value: string[] }[];
}

async function graphGet<T>(pathAndQuery: string, upn = T.mailbox): Promise<T> {
  const res = await server.emulator.handler(
    new Request(`https://graph.microsoft.com/v1.0${pathAndQuery}`, { headers: { Authorization: `Bearer dev:${upn}` } }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function contactsWith(address: string): Promise<GraphContact[]> {
  const q = new URLSearchParams({
    $filter: `emailAddresses/any(a:a/address eq '${address}')`,
    $select: "id,displayName,companyName",
    $expand: `singleValueExtendedProperties($filter=id eq '${PROP.needs}' or id eq '${PROP.tier}'),multiValueExtendedProperties($filter=id eq '${PROP.products}')`,
  });
  return (await graphGet<{ value: GraphContact[] }>(`/me/contacts?${q.toString().replace(/\+/g, "%20")}`)).value;
}

const single = (c: GraphContact, id: string) => c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
const multi = (c: GraphContact, id: string) => c.multiValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;

async function threadMessageIds(): Promise<string[]> {
  const q = new URLSearchParams({ $filter: `conversationId eq '${T.conversationId}'`, $select: "id,receivedDateTime" });
  const { value } = await graphGet<{ value: { id: string; receivedDateTime: string }[] }>(`/me/messages?${q.toString().replace(/\+/g, "%20")}`);
  return value.sort((a, b) => a.receivedDateTime.localeCompare(b.receivedDateTime)).map((m) => m.id);
}

test("tags everyone in the well-known thread: non-contact created, keyword merged, noreply and colleague excluded", async () => {
  const ids = await threadMessageIds();
  expect(ids).toHaveLength(T.messageCount);
  const [liuBefore] = await contactsWith(T.contactAddresses[0]!);
  expect(liuBefore).toBeDefined();
  const productsBefore = multi(liuBefore!, PROP.products) ?? [];
  expect(await contactsWith(T.nonContactAddresses[0]!)).toEqual([]);

  const page = await newPage(browser, server, { width: 400, height: 1100 });
  await openPane(page, { lang: "en-US", item: ids[ids.length - 1] });
  await selectTab(page, "This email");
  await page.getByRole("heading", { name: T.subject }).waitFor();
  await page.getByRole("list", { name: "People in this email" }).waitFor();

  await page.getByRole("button", { name: "Tag everyone in this conversation" }).click();
  const table = page.getByRole("table", { name: "People to tag" });
  await table.waitFor();
  const row = (address: string) => table.locator(`[data-testid="tag-row"][data-address="${address}" i]`);
  for (const a of T.participants) await row(a).waitFor();
  expect(await table.locator('[data-testid="tag-row"]').count()).toBe(T.participants.length);
  await expect(row(T.contactAddresses[0]!).innerText()).resolves.toContain("Existing contact");
  await expect(row(T.nonContactAddresses[0]!).innerText()).resolves.toContain("Will be created");
  await expect(row(T.noreplyAddress).innerText()).resolves.toContain("Excluded: automated address");
  await expect(row(T.colleagueAddresses[0]!).innerText()).resolves.toContain("Excluded: a colleague");
  await expect(row(T.mailbox).innerText()).resolves.toContain("Excluded: you");
  expect(await row(T.noreplyAddress).getByRole("checkbox").isDisabled()).toBe(true);

  await page.getByRole("textbox", { name: "Intended products", exact: true }).fill("伺服电机 Servo");
  await page.getByRole("combobox", { name: "Customer tier", exact: true }).selectOption("key");
  await page.getByRole("combobox", { name: "Needs re-contact", exact: true }).selectOption("yes");
  await screenshot(page, "thread-tagging-preview", { fullPage: true });
  expect(await axeSeriousViolations(page, '[data-testid="view-thisEmail"]', { excludeTabsterDummies: false })).toEqual([]);

  // Every create POST the page sends (top level or inside $batch), by the new contact's address: "exactly once" counted.
  const creates = new Map<string, number>();
  page.on("request", (r) => {
    if (r.method() !== "POST") return;
    const path = new URL(r.url()).pathname;
    const subs: { method: string; url: string; body?: { emailAddresses?: { address?: string }[] } }[] = path.endsWith("/$batch")
      ? ((r.postDataJSON() as { requests: [] } | null)?.requests ?? [])
      : [{ method: "POST", url: path, body: r.postDataJSON() as never }];
    for (const s of subs) {
      if (s.method !== "POST" || !/\/contacts$/.test(s.url.split("?")[0]!)) continue;
      const a = (s.body?.emailAddresses?.[0]?.address ?? "?").toLowerCase();
      creates.set(a, (creates.get(a) ?? 0) + 1);
    }
  });

  server.emulator.resetStats();
  const started = Date.now();
  await page.getByRole("button", { name: "Apply to 2 people" }).click();
  const summary = page.getByTestId("tag-summary");
  await summary.waitFor();
  const stats = server.emulator.stats();
  console.log(`thread tagging apply: ${Date.now() - started} ms wall, ${stats.requests} Graph requests ${JSON.stringify(stats.byMethod)}, ${stats.batchSubRequests} batch sub-requests`);
  // HTTP round trips: 1 $batch creating the new contact, 1 $batch with the existing contact's write, and the
  // refresh that brings the new contact in (1 delta + 1 $batch re-read). byMethod also counts batch sub-requests.
  expect(stats.requests).toBeLessThanOrEqual(4);
  await expect(summary.innerText()).resolves.toContain("1 created, 1 updated, 0 unchanged, 0 failed");
  await screenshot(page, "thread-tagging-results", { fullPage: true });

  // The emulator, over HTTP with a dev token: the created contact and the merged keyword.
  const [zhao] = await contactsWith(T.nonContactAddresses[0]!);
  expect(zhao).toBeDefined();
  expect(zhao!.displayName).toBe("赵磊");
  expect(zhao!.companyName).toBe("Huaxin-tech");
  expect(single(zhao!, PROP.needs)).toBe("true");
  expect(single(zhao!, PROP.tier)).toBe("key");
  expect(multi(zhao!, PROP.products)).toEqual(["伺服电机 Servo"]);

  const [liu] = await contactsWith(T.contactAddresses[0]!);
  expect(multi(liu!, PROP.products)).toEqual([...productsBefore.filter((p) => p !== "伺服电机 Servo"), "伺服电机 Servo"]);
  expect(single(liu!, PROP.needs)).toBe("true");
  expect(single(liu!, PROP.tier)).toBe("key");
  // Excluded people were not created.
  expect(await contactsWith(T.noreplyAddress)).toEqual([]);
  expect(await contactsWith(T.colleagueAddresses[0]!)).toEqual([]);

  // Issue 10 item 8: the people cards above follow the store — without reopening the email, 赵磊's card shows the
  // contact the tagging created (its values, no "Create contact"), and using the card edits that contact.
  const people = page.getByRole("list", { name: "People in this email" });
  const card = (address: string) => people.locator(`[data-testid="person-card"][data-address="${address}" i]`);
  const zhaoCard = card(T.nonContactAddresses[0]!);
  await zhaoCard.getByText("Contact", { exact: true }).waitFor();
  expect(await zhaoCard.getByRole("button", { name: /Create contact/ }).count()).toBe(0);
  expect(await zhaoCard.getByText("Not a contact", { exact: true }).count()).toBe(0);
  const zhaoTier = zhaoCard.getByRole("combobox", { name: "Customer tier for 赵磊" });
  expect(await zhaoTier.inputValue()).toBe("key");
  expect(await card(T.contactAddresses[0]!).getByRole("combobox", { name: "Customer tier for 刘洋" }).inputValue()).toBe("key");
  await zhaoTier.selectOption("regular");
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel) as HTMLSelectElement | null;
      return el?.value === "regular" && !el.disabled;
    },
    `[data-testid="person-card"][data-address="${T.nonContactAddresses[0]!}" i] select`,
  );
  await zhaoCard.getByRole("textbox", { name: "Add an intended product for 赵磊" }).fill("PLC; 变频器，HMI");
  await zhaoCard.getByRole("button", { name: "Add", exact: true }).click();
  await zhaoCard.getByText("Intended products: 伺服电机 Servo; PLC; 变频器; HMI").waitFor();

  // Read back over HTTP (the e2e server's /v1.0, a dev token): one contact for the address, created by one POST,
  // carrying the card's edits.
  const overHttp = await page.request.get(`${server.url}/v1.0/me/contacts?${new URLSearchParams({
    $filter: `emailAddresses/any(a:a/address eq '${T.nonContactAddresses[0]!}')`,
    $select: "id,displayName",
    $expand: `singleValueExtendedProperties($filter=id eq '${PROP.tier}'),multiValueExtendedProperties($filter=id eq '${PROP.products}')`,
  }).toString().replace(/\+/g, "%20")}`, { headers: { Authorization: `Bearer dev:${T.mailbox}` } });
  expect(overHttp.status()).toBe(200);
  const zhaoNow = ((await overHttp.json()) as { value: GraphContact[] }).value;
  expect(zhaoNow).toHaveLength(1);
  expect(zhaoNow[0]!.id).toBe(zhao!.id);
  expect(single(zhaoNow[0]!, PROP.tier)).toBe("regular");
  expect(multi(zhaoNow[0]!, PROP.products)).toEqual(["伺服电机 Servo", "PLC; 变频器", "HMI"]);
  expect(Object.fromEntries(creates)).toEqual({ [T.nonContactAddresses[0]!]: 1 });
  await screenshot(page, "thread-tagging-cards-after", { fullPage: true });

  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
