/**
 * The Monday weekly report (issue 13) in real Chromium: zhang.wei's history for last week is written into the
 * emulator over HTTP (visits effective and not, a new customer, a complaint opened and closed, one still open,
 * an entry outside the week); the manager's Team view shows, for every salesperson and the team, figures equal
 * to values computed here independently from the emulator's data read over HTTP — in Chinese and in English.
 */
import type { Browser, Page } from "playwright-core";
import { claimInfo } from "../src/domain/claims";
import { followUpInfo } from "../src/domain/followUp";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import type { FieldSchema } from "../src/domain/types";
import { buildExpand, CONTACT_SELECT, fromGraphContact, type GraphContact } from "../src/graph/extendedProperties";
import { HISTORY_PROPERTY_ID } from "../src/graph/history";
import { E2E_NOW, launchBrowser, newPage, openPane, pageErrors, screenshot, startServer, type E2EServer } from "./harness";
import { selectTab } from "./helpers";

const MANAGER = "li.na@contoso.com";
const ZHANG = "zhang.wei@contoso.com";
const SALESPEOPLE = ["zhang.wei@contoso.com", "wang.fang@contoso.com", "chen.jie@contoso.com", "emily.zhou@contoso.com"];
const schema = DEFAULT_SCHEMA as FieldSchema;
const TZ = "Asia/Shanghai";
// E2E_NOW is Monday 2026-03-02 09:00 in Shanghai: the Monday report covers 2026-02-23 00:00 – 2026-03-02 00:00 (+08:00).
const FROM = Date.parse("2026-02-23T00:00:00+08:00");
const TO = Date.parse("2026-03-02T00:00:00+08:00");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type RawEntry = { id: string; at: string; recordedAt: string; channel: string; purpose: string; outcome: string; nextStep: string; by: string; closes?: string; resolved?: boolean };
const e = (id: string, at: string, channel: string, purpose: string, outcome: string, nextStep = "", extra: Partial<RawEntry> = {}): RawEntry => ({ id, at, recordedAt: at, channel, purpose, outcome, nextStep, by: ZHANG, ...extra });

async function seedHistory(page: Page, server: E2EServer) {
  const headers = { Authorization: `Bearer dev:${ZHANG}` };
  const list = await page.request.get(`${server.url}/v1.0/me/contacts?$top=6&$select=id`, { headers });
  const ids = ((await list.json()) as { value: { id: string }[] }).value.map((c) => c.id);
  const logs: RawEntry[][] = [
    [e("a1", "2026-02-23T02:00:00Z", "visit", "newCustomer", "met the buyer", "send samples"), e("a2", "2026-02-24T02:00:00Z", "visit", "service", "")],
    [e("b1", "2026-02-25T02:00:00Z", "call", "complaint", "late delivery"), e("b2", "2026-02-26T02:00:00Z", "call", "complaint", "redelivered", "", { closes: "b1" })],
    [e("c1", "2026-02-27T02:00:00Z", "visit", "order", "20 units"), e("c2", "2026-02-28T02:00:00Z", "meeting", "complaint", "wrong invoice")],
    [e("d1", "2026-02-20T02:00:00Z", "visit", "order", "the week before"), e("d2", "2026-02-26T08:00:00Z", "email", "collection", "paid")],
  ];
  for (let i = 0; i < logs.length; i++) {
    const last = logs[i]!.map((x) => x.at).sort().at(-1)!;
    const res = await page.request.patch(`${server.url}/v1.0/me/contacts/${ids[i]}`, {
      headers: { ...headers, "Content-Type": "application/json" },
      data: {
        singleValueExtendedProperties: [
          { id: HISTORY_PROPERTY_ID, value: JSON.stringify({ v: 1, entries: logs[i] }) },
          { id: "SystemTime {00020329-0000-0000-C000-000000000046} Name LastContacted", value: last },
        ],
      },
    });
    expect(res.status()).toBe(200);
  }
}

/** Every figure for one salesperson, computed from their folder over HTTP without the add-in's report code. */
async function expectedFor(page: Page, server: E2EServer, upn: string) {
  const headers = { Authorization: `Bearer dev:${MANAGER}` };
  const expand = `${buildExpand(schema, [HISTORY_PROPERTY_ID])}`;
  let url: string | undefined = `${server.url}/v1.0/users/${upn}/contacts?$top=1000&$select=${CONTACT_SELECT.join(",")}&$expand=${encodeURIComponent(expand)}`;
  const f = { contacts: 0, visits: 0, effectiveVisits: 0, newCustomers: 0, followUpsDue: 0, followUpsOverdue: 0, lapsedClaims: 0, complaintsOpen: 0, complaintsClosed: 0 };
  while (url) {
    const res = await page.request.get(url, { headers });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { value: GraphContact[]; "@odata.nextLink"?: string };
    for (const g of body.value) {
      const c = fromGraphContact(g, schema);
      const s = followUpInfo(c.fields, schema, E2E_NOW, TZ).status;
      if (s === "dueToday") f.followUpsDue++;
      if (s === "overdue") f.followUpsOverdue++;
      if (claimInfo(c, schema, E2E_NOW).state === "lapsed") f.lapsedClaims++;
      const raw = g.singleValueExtendedProperties?.find((p) => p.id.toLowerCase().endsWith("name customerfollowuphistory"))?.value;
      const entries: RawEntry[] = raw ? (JSON.parse(raw) as { entries: RawEntry[] }).entries : [];
      const inWeek = (x: RawEntry) => Date.parse(x.at) >= FROM && Date.parse(x.at) < TO;
      const week = entries.filter(inWeek);
      f.contacts += week.length;
      f.visits += week.filter((x) => x.channel === "visit").length;
      f.effectiveVisits += week.filter((x) => x.channel === "visit" && x.outcome && (x.purpose === "order" || x.purpose === "collection" || x.nextStep)).length;
      if (week.some((x) => x.purpose === "newCustomer")) f.newCustomers++;
      const closers = entries.filter((x) => x.closes);
      for (const k of entries.filter((x) => x.purpose === "complaint" && !x.closes)) {
        const closer = k.resolved ? k : closers.find((x) => x.closes === k.id);
        if (!closer && inWeek(k)) f.complaintsOpen++;
        if (closer && inWeek(closer)) f.complaintsClosed++;
      }
    }
    url = body["@odata.nextLink"];
  }
  return { ...f, effectiveVisitRate: f.visits ? `${Math.round((f.effectiveVisits / f.visits) * 100)}%` : "—" };
}

async function shown(page: Page, testId: string) {
  const row = page.getByTestId(testId);
  await row.waitFor();
  const out: Record<string, string> = {};
  for (const m of ["contacts", "visits", "effectiveVisits", "effectiveVisitRate", "newCustomers", "followUpsDue", "followUpsOverdue", "lapsedClaims", "complaintsOpen", "complaintsClosed"]) {
    out[m] = ((await row.locator(`[data-measure="${m}"]`).textContent()) ?? "").trim();
  }
  return out;
}

for (const lang of ["zh-CN", "en-US"] as const) {
  test(`the weekly report's figures equal values computed from the emulator's data (${lang})`, async () => {
    const server = await startServer();
    try {
      const page = await newPage(browser, server, { width: 420, height: 1600 });
      await seedHistory(page, server);
      await openPane(page, { lang, user: MANAGER });
      await selectTab(page, lang === "zh-CN" ? "团队" : "Team");
      await page.getByTestId("weekly-table").waitFor({ timeout: 30_000 });
      const team: Record<string, number> = {};
      for (const upn of SALESPEOPLE) {
        const want = await expectedFor(page, server, upn);
        const got = await shown(page, `weekly-${upn}`);
        expect(got).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, String(v)])));
        for (const [k, v] of Object.entries(want)) if (typeof v === "number") team[k] = (team[k] ?? 0) + v;
      }
      // zhang.wei's week, by hand: 7 entries in the week, 3 visits (2 effective), 1 new customer, 1 closed, 1 open.
      expect(await shown(page, `weekly-${ZHANG}`)).toMatchObject({ contacts: "7", visits: "3", effectiveVisits: "2", effectiveVisitRate: "67%", newCustomers: "1", complaintsOpen: "1", complaintsClosed: "1" });
      const teamRow = await shown(page, "weekly-team");
      for (const [k, v] of Object.entries(team)) expect(teamRow[k]).toBe(String(v));
      await screenshot(page, `weekly-${lang}`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    } finally {
      await server.close();
    }
  });
}
