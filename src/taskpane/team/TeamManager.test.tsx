/**
 * The manager's side of the Team view (issue 13 items 5 and 6): owners by display name, a customer opened with its
 * fields and history, reassigning it, and the team's complaints list.
 */
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type Services, type TeamFolderData, type TeamService } from "../../app";
import { createMemoryHistoryStore, createSalesService } from "../../app/sales";
import { createFakeServices } from "../../app/testing/fakeServices";
import type { HistoryEntry, HistoryLog } from "../../domain/history";
import type { Person } from "../../domain/people";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema, Locale } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { TeamView } from "./TeamView";

// The view's chunks load lazily; under the shared machine's load the first import takes seconds.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

const NOW = new Date("2026-03-09T01:00:00Z"); // 09:00 in Shanghai
const TZ = "Asia/Shanghai";
const DAY = 86_400_000;
const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const LI = { emailAddress: "li.na@contoso.com", displayName: "李娜" };
const schema = DEFAULT_SCHEMA as FieldSchema;
const iso = (ms: number) => new Date(ms).toISOString();

const alpha: Contact = { id: "a1", displayName: "Alpha Ltd", companyName: "Alpha", emailAddresses: [{ address: "buyer@alpha.cn" }], categories: [], fields: { CustomerTier: "key", Owner: ZHANG, LastContacted: iso(NOW.getTime() - 2 * DAY) } };
const beta: Contact = { id: "b1", displayName: "Beta Co", emailAddresses: [], categories: [], fields: { Owner: WANG, LastContacted: iso(NOW.getTime() - 40 * DAY) } };
const gamma: Contact = { id: "g1", displayName: "Gamma 公司", emailAddresses: [], categories: [], fields: { Owner: WANG, LastContacted: iso(NOW.getTime() - 1 * DAY) } };

const entry = (id: string, daysAgo: number, outcome: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  at: iso(NOW.getTime() - daysAgo * DAY),
  recordedAt: iso(NOW.getTime() - daysAgo * DAY),
  channel: "call",
  purpose: "complaint",
  outcome,
  nextStep: "",
  by: ZHANG,
  byName: "张伟",
  ...extra,
});
const LOGS: Record<string, HistoryLog> = {
  // Alpha: a complaint 5 days old, a service visit about it 2 days ago.
  a1: { v: 1, entries: [entry("k1", 5, "货物破损"), entry("s1", 2, "已拍照，等工厂回复", { purpose: "service", channel: "visit" })] },
  // Beta: an open complaint 40 days old that nobody has touched (found by the marker, not by last contacted).
  b1: { v: 1, entries: [entry("k2", 40, "发票错误", { by: WANG, byName: "王芳" })] },
  // Gamma: raised 6 days ago and closed yesterday.
  g1: { v: 1, entries: [entry("k3", 6, "送货晚", { by: WANG }), entry("k4", 1, "已补发", { by: WANG, closes: "k3" })] },
};

function fakeTeam(over: Partial<TeamService> = {}) {
  const loads: string[] = [];
  const complaintReads: { upn: string; also: readonly string[] }[] = [];
  const reassigned: { contact: string; to: Person }[] = [];
  const team: TeamService = {
    members: async () => ["张伟 <zhang.wei@contoso.com>", "王芳 <wang.fang@contoso.com>"],
    saveMembers: async () => undefined,
    loadFolder: async (upn): Promise<TeamFolderData> => {
      loads.push(upn);
      return { contacts: upn === ZHANG ? [alpha] : [beta, gamma], schema, requests: 3, folderId: `f-${upn}` };
    },
    // The marker finds the open ones; `also` (contacted in the period) brings the closed one.
    loadComplaintHistories: async (upn, _folderId, also) => {
      complaintReads.push({ upn, also });
      const ids = upn === ZHANG ? ["a1"] : ["b1", ...also.filter((id) => id === "g1")];
      return new Map(ids.map((id) => [id, LOGS[id]!]));
    },
    reassign: async ({ contact, to }) => {
      reassigned.push({ contact: contact.id, to });
      return { mailbox: to.address, id: `${contact.id}-moved`, decided: true, copied: true };
    },
    ...over,
  };
  return { team, loads, complaintReads, reassigned };
}

function renderView(team: TeamService, lang: Locale = "en-US") {
  const base = createFakeServices({ user: LI });
  const memory = createMemoryHistoryStore(LOGS);
  const sales = createSalesService({
    contacts: base.contacts,
    teamMembers: async () => [ZHANG, WANG],
    me: LI.emailAddress,
    displayName: LI.displayName,
    demo: true,
    office: base.office,
    clientFor: () => {
      throw new Error("no Graph in component tests");
    },
    now: () => NOW,
    timeZone: TZ,
    history: memory,
  });
  const services: Services = { ...base, team, sales };
  return render(
    <I18nextProvider i18n={createI18n(lang)}>
      <ServicesProvider services={services}>
        <TeamView now={() => NOW} timeZone={TZ} />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

test("owners show by the name the team gives them, the address as a tooltip — members, counts, rows", async () => {
  renderView(fakeTeam().team);
  const row = await screen.findByTestId(`counts-${ZHANG}`);
  expect(within(row).getByText("张伟")).toHaveAttribute("title", ZHANG);
  expect(within(screen.getByTestId(`counts-${WANG}`)).getByText("王芳")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Remove 张伟" })).toHaveAttribute("title", ZHANG);
  const rows = screen.getByRole("list", { name: "Contacts" });
  const alphaRow = within(rows).getByRole("button", { name: "Open Alpha Ltd" }).closest("li") as HTMLElement;
  expect(alphaRow).toHaveTextContent("张伟 ·");
  expect(within(screen.getByRole("combobox", { name: "Owner" })).getByRole("option", { name: "王芳" })).toHaveValue(WANG);
});

test("the complaints list: every open complaint with salesperson, age and latest note (oldest first); the closed ones of the period", async () => {
  const { team, complaintReads } = fakeTeam();
  renderView(team);
  const open = await screen.findByTestId("team-complaints-open");
  const lines = within(open)
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
  expect(lines).toEqual([
    ["Beta Co", "王芳", "01/28/2026", "40", "发票错误"],
    ["Alpha Ltd", "张伟", "03/04/2026", "5", "已拍照，等工厂回复"],
  ]);
  const closed = screen.getByTestId("team-complaints-closed");
  expect(within(closed).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([["Gamma 公司", "王芳", "03/08/2026", "已补发"]]);
  // Contacted within the period (30 days): Alpha and Gamma; Beta (40 days) only through the open-complaint marker.
  expect(complaintReads.map((r) => [r.upn, [...r.also].sort()])).toEqual([
    [ZHANG, ["a1"]],
    [WANG, ["g1"]],
  ]);
  // A shorter period: the complaint closed yesterday is still in it.
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Closed in" }), "the last 7 days");
  expect(await screen.findByRole("heading", { name: "Closed (1)" })).toBeInTheDocument();
});

test("the manager opens a customer: its fields and history with the open complaint, read-only; reassigns it to 王芳", async () => {
  const user = userEvent.setup();
  const { team, reassigned, loads } = fakeTeam();
  renderView(team);
  await user.click(await screen.findByRole("button", { name: "Open Alpha Ltd" }));
  const panel = await screen.findByTestId("team-customer");
  expect(within(panel).getByRole("heading", { name: "Alpha Ltd" })).toHaveFocus();
  expect(panel).toHaveTextContent("Salesperson: 张伟 (zhang.wei@contoso.com)");
  const fields = within(panel).getByLabelText("Customer fields");
  expect(fields).toHaveTextContent("Key");
  expect(fields).toHaveTextContent("buyer@alpha.cn");
  expect(await within(panel).findByTestId("open-complaints")).toHaveTextContent("Open complaints: 1");
  expect(within(panel).getAllByTestId("history-entry")).toHaveLength(2);
  expect(within(panel).queryByRole("form", { name: /Record a contact/ })).toBeNull();

  const form = within(panel).getByRole("form", { name: "Reassign the customer" });
  // The customer's own salesperson is not offered.
  expect(within(form).queryByRole("option", { name: /张伟/ })).toBeNull();
  await user.selectOptions(within(form).getByRole("combobox", { name: "Reassign to" }), "王芳 (wang.fang@contoso.com)");
  const before = loads.length;
  await user.click(within(form).getByRole("button", { name: "Reassign to 王芳" }));
  expect(await screen.findByTestId("team-reassigned")).toHaveTextContent("Alpha Ltd now belongs to 王芳");
  expect(reassigned).toEqual([{ contact: "a1", to: { address: WANG, name: "王芳" } }]);
  expect(screen.queryByTestId("team-customer")).toBeNull();
  // The folders are read again: the customer is now in 王芳's.
  await waitFor(() => expect(loads.length).toBe(before + 2));
});

test("a refused reassignment says why (zh-CN), keeps the customer open and writes nothing else", async () => {
  const user = userEvent.setup();
  const refused = Object.assign(new Error("Reassign refused: notShared"), { code: "notShared" });
  const { team } = fakeTeam({ reassign: async () => Promise.reject(refused) });
  renderView(team, "zh-CN");
  await user.click(await screen.findByRole("button", { name: "打开Alpha Ltd" }));
  const panel = await screen.findByTestId("team-customer");
  await user.selectOptions(within(panel).getByRole("combobox", { name: "分配给" }), "王芳 (wang.fang@contoso.com)");
  await user.click(within(panel).getByRole("button", { name: "分配给王芳" }));
  expect(await within(panel).findByText("张伟或王芳的联系人文件夹没有以编辑权限共享给您。请对方以“编辑者”权限共享后重试。")).toBeInTheDocument();
  expect(screen.getByTestId("team-customer")).toBeInTheDocument();
  expect(screen.queryByTestId("team-reassigned")).toBeNull();
});
