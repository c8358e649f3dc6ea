/**
 * The contact details form as a salesperson works it (issue 10 items 7 and 9), in Chromium in Asia/Shanghai:
 * open James Miller, "Follow up" on 20 December, then change the customer tier and Save. The Save sends only the
 * tier (PATCH bodies counted as they leave the page); the emulator, read over HTTP, keeps the flag and the
 * follow-up day; reopened, the form shows 20 December (not the UTC day, the 19th).
 */
import type { Browser, Request } from "playwright-core";
import { graphGet } from "./contactsHelpers";
import { type E2EServer, newPage, openPane, pageErrors, withE2E } from "./harness";

const PS = "{00020329-0000-0000-C000-000000000046}";
const NEEDS_ID = `Boolean ${PS} Name NeedsRecontact`;
const NEXT_ID = `SystemTime ${PS} Name NextContact`;
const TIER_ID = `String ${PS} Name CustomerTier`;
const LIU = "James Miller"; // one of zhang.wei's customers in the demo seed

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

type Props = { singleValueExtendedProperties?: { id: string; value: string }[] };

async function stored(contactId: string): Promise<Record<string, string | undefined>> {
  const q = `$select=id&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${NEEDS_ID}' or id eq '${NEXT_ID}' or id eq '${TIER_ID}')`)}`;
  const c = await graphGet<Props>(server, `/me/contacts/${encodeURIComponent(contactId)}?${q}`);
  const v = (id: string) => c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
  return { needs: v(NEEDS_ID), next: v(NEXT_ID), tier: v(TIER_ID) };
}

/** The extended-property ids of every PATCH of `contactId` the page sends (directly or inside a $batch). */
function patchesOf(contactId: string, requests: Request[]): string[][] {
  const out: string[][] = [];
  const ids = (body: unknown) => ((body as Props | undefined)?.singleValueExtendedProperties ?? []).map((p) => p.id.split(" Name ")[1] ?? p.id);
  for (const r of requests) {
    const url = new URL(r.url());
    if (r.method() === "POST" && url.pathname.endsWith("/$batch")) {
      const batch = JSON.parse(r.postData() ?? "{}") as { requests?: { method: string; url: string; body?: unknown }[] };
      for (const s of batch.requests ?? []) if (s.method === "PATCH" && s.url.includes(encodeURIComponent(contactId))) out.push(ids(s.body));
    } else if (r.method() === "PATCH" && url.pathname.includes(encodeURIComponent(contactId))) {
      out.push(ids(JSON.parse(r.postData() ?? "{}")));
    }
  }
  return out;
}

test("follow up on 20 December, then change the tier and save: only the tier is sent; the follow-up stays; the day shows as picked", async () => {
  const page = await newPage(browser, server, { width: 400, height: 1000 });
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  await openPane(page, { lang: "en-US" });
  await page.getByRole("list", { name: "Contacts list" }).waitFor();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill(LIU);
  await page.getByRole("button", { name: `Open details of ${LIU}` }).click();
  const panel = page.getByTestId("contact-details");
  await panel.waitFor();
  const row = page.locator('[data-testid="contact-row"]').filter({ hasText: LIU }).first();
  const id = (await row.getAttribute("data-contact-id")) as string;
  expect(id).toBeTruthy();
  const tierBefore = (await stored(id)).tier;
  const newTier = tierBefore === "key" ? "potential" : "key";

  // 1. Follow up on 20 December.
  await panel.getByLabel("Follow-up date").fill("2026-12-20");
  await panel.getByRole("button", { name: `Follow up with ${LIU}` }).click();
  await panel.getByText(`${LIU} flagged for follow-up on Dec 20, 2026.`).waitFor();
  // The form follows: the flag and the day as picked.
  await expectValue(() => panel.getByLabel("Next contact", { exact: true }).inputValue(), "2026-12-20");
  expect(await panel.getByLabel("Needs re-contact", { exact: true }).inputValue()).toBe("true");
  await page.getByText("All changes saved").waitFor();
  const patchesAfterFollowUp = patchesOf(id, requests).length;

  // 2. Change another field and save.
  await panel.getByLabel("Customer tier", { exact: true }).selectOption(newTier);
  await panel.getByRole("button", { name: "Save", exact: true }).click();
  await panel.getByText("Saved.").waitFor();
  await page.getByText("All changes saved").waitFor();
  const savePatches = patchesOf(id, requests).slice(patchesAfterFollowUp);
  expect(savePatches).toEqual([["CustomerTier"]]);

  // 3. In the mailbox: the flag, the follow-up day (00:00 on 20 December in Shanghai) and the new tier.
  expect(await stored(id)).toEqual({ needs: "true", next: "2026-12-19T16:00:00Z", tier: newTier });

  // 4. Closed and reopened: 20 December, as picked.
  await panel.getByRole("button", { name: "Close details" }).click();
  await page.getByRole("button", { name: `Open details of ${LIU}` }).click();
  await expectValue(() => page.getByTestId("contact-details").getByLabel("Next contact", { exact: true }).inputValue(), "2026-12-20");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

async function expectValue(read: () => Promise<string>, want: string): Promise<void> {
  let v = await read();
  for (let i = 0; i < 50 && v !== want; i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  expect(v).toBe(want);
}
