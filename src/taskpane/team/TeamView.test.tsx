import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type Services, type TeamFolderData, type TeamService } from "../../app";
import { createFakeServices } from "../../app/testing/fakeServices";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { TeamView } from "./TeamView";

// The view's chunks load lazily; under the shared machine's load the first import takes seconds.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

const NOW = new Date("2026-03-02T01:00:00Z"); // 09:00 in Shanghai
const TZ = "Asia/Shanghai";
const schema = DEFAULT_SCHEMA as FieldSchema;
const DAY = 86_400_000;

let seq = 0;
function customer(name: string, fields: Contact["fields"]): Contact {
  seq++;
  return { id: `c${seq}`, displayName: name, emailAddresses: [{ address: `c${seq}@example.com` }], categories: [], fields };
}
const iso = (ms: number) => new Date(ms).toISOString();

/** zhang: 1 overdue + flagged, 1 due today (claim lapsing), 1 upcoming (claim lapsed). */
const ZHANG = [
  customer("Alpha Ltd", { NeedsRecontact: true, NextContact: iso(NOW.getTime() - 2 * DAY), Owner: "zhang.wei@contoso.com", LastContacted: iso(NOW.getTime() - 1 * DAY), CustomerTier: "key" }),
  customer("Beta Co", { NeedsRecontact: false, NextContact: iso(NOW.getTime() + 3_600_000), Owner: "zhang.wei@contoso.com", LastContacted: iso(NOW.getTime() - 6 * DAY), CustomerTier: "regular" }),
  customer("Gamma 公司", { NeedsRecontact: false, NextContact: iso(NOW.getTime() + 5 * DAY), Owner: "zhang.wei@contoso.com", LastContacted: iso(NOW.getTime() - 9 * DAY) }),
];

function fakeTeam(loadFolder: TeamService["loadFolder"], members = ["zhang.wei@contoso.com", "wang.fang@contoso.com"]): TeamService & { saved: string[][] } {
  const saved: string[][] = [];
  return { saved, members: async () => members, saveMembers: async (l) => void saved.push([...l]), loadFolder };
}

function renderView(team: TeamService, lang: "en-US" | "zh-CN" = "en-US", now: Date = NOW) {
  const services: Services = { ...createFakeServices({ user: { emailAddress: "li.na@contoso.com", displayName: "Li Na" } }), team };
  return render(
    <I18nextProvider i18n={createI18n(lang)}>
      <ServicesProvider services={services}>
        <TeamView now={() => now} timeZone={TZ} />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

const data = (contacts: Contact[]): TeamFolderData => ({ contacts, schema, requests: 3 });

function countsRow(upn: string) {
  const row = screen.getByTestId(`counts-${upn}`);
  const cell = (m: string) => row.querySelector(`[data-measure="${m}"]`)?.textContent;
  return { total: cell("total"), due: cell("due"), overdue: cell("overdue"), lapsing: cell("lapsing"), lapsed: cell("lapsed") };
}

it("shows a loading state until the folders arrive", async () => {
  let release!: (d: TeamFolderData) => void;
  const pending = new Promise<TeamFolderData>((r) => (release = r));
  renderView(fakeTeam(() => pending, ["zhang.wei@contoso.com"]));
  expect(await screen.findByText("Loading the team's contacts…")).toBeInTheDocument();
  release(data(ZHANG));
  expect(await screen.findByRole("table", { name: "Per salesperson" })).toBeInTheDocument();
  expect(screen.queryByText("Loading the team's contacts…")).not.toBeInTheDocument();
});

it("shows an empty state when there is no teammate, and adds one by address", async () => {
  const team = fakeTeam(async () => data(ZHANG), []);
  renderView(team);
  expect(await screen.findByRole("heading", { name: "No teammates yet" })).toBeInTheDocument();
  const input = screen.getByRole("textbox", { name: "Teammate's e-mail address" });
  await userEvent.type(input, "not an address");
  await userEvent.click(screen.getByRole("button", { name: "Add teammate" }));
  expect(screen.getByText("Enter a valid e-mail address.")).toBeInTheDocument();
  await userEvent.clear(input);
  await userEvent.type(input, "Zhang.Wei@Contoso.com{Enter}");
  expect(await screen.findByRole("button", { name: "Remove zhang.wei@contoso.com" })).toBeInTheDocument();
  expect(team.saved).toEqual([["zhang.wei@contoso.com"]]);
  expect(await screen.findByTestId("counts-zhang.wei@contoso.com")).toBeInTheDocument();
});

it("counts due, overdue, lapsing and lapsed per salesperson and filters by the follow-up flag", async () => {
  renderView(fakeTeam(async (upn) => data(upn.startsWith("zhang") ? ZHANG : [])));
  await screen.findByTestId("counts-zhang.wei@contoso.com");
  expect(countsRow("zhang.wei@contoso.com")).toEqual({ total: "3", due: "1", overdue: "1", lapsing: "1", lapsed: "1" });
  expect(countsRow("wang.fang@contoso.com")).toEqual({ total: "0", due: "0", overdue: "0", lapsing: "0", lapsed: "0" });
  expect(screen.getByText("3 contacts in this view")).toBeInTheDocument();

  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Needs re-contact" }), "Yes");
  expect(screen.getByText("1 contacts in this view")).toBeInTheDocument();
  const list = screen.getByRole("list", { name: "Contacts" });
  expect(within(list).getAllByRole("listitem")).toHaveLength(1);
  expect(within(list).getByText("Alpha Ltd")).toBeInTheDocument();
  expect(countsRow("zhang.wei@contoso.com").total).toBe("1");

  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Needs re-contact" }), "No");
  expect(screen.getByText("2 contacts in this view")).toBeInTheDocument();
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Follow-up" }), "Due today");
  expect(within(screen.getByRole("list", { name: "Contacts" })).getByText("Beta Co")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
  expect(screen.getByText("3 contacts in this view")).toBeInTheDocument();
});

it("says per folder when a teammate has not shared theirs, and still shows the others", async () => {
  const forbidden = Object.assign(new Error("Graph request failed (403 ErrorAccessDenied)"), { code: "ErrorAccessDenied", status: 403 });
  const missing = Object.assign(new Error("Graph request failed (404 ErrorInvalidUser)"), { code: "ErrorInvalidUser", status: 404 });
  renderView(
    fakeTeam(
      async (upn) => {
        if (upn.startsWith("wang")) throw forbidden;
        if (upn.startsWith("nobody")) throw missing;
        return data(ZHANG);
      },
      ["zhang.wei@contoso.com", "wang.fang@contoso.com", "nobody@contoso.com"],
    ),
  );
  expect(await screen.findByText(/wang\.fang@contoso\.com has not shared their contacts folder with you/)).toBeInTheDocument();
  expect(screen.getByText(/There is no mailbox nobody@contoso\.com/)).toBeInTheDocument();
  expect(screen.getByTestId("counts-zhang.wei@contoso.com")).toBeInTheDocument();
  expect(screen.queryByTestId("counts-wang.fang@contoso.com")).not.toBeInTheDocument();
  expect(screen.getAllByRole("button", { name: "Reload" })).toHaveLength(2);
});

it("shows the not-shared message in Chinese", async () => {
  const forbidden = Object.assign(new Error("403"), { code: "ErrorAccessDenied", status: 403 });
  renderView(fakeTeam(async () => Promise.reject(forbidden), ["wang.fang@contoso.com"]), "zh-CN");
  expect(await screen.findByText(/wang\.fang@contoso\.com 尚未与您共享联系人文件夹/)).toBeInTheDocument();
});

it("handles many contacts: counts all of them, lists the first 100", async () => {
  const many = Array.from({ length: 1500 }, (_, i) => customer(`Customer ${String(i).padStart(4, "0")}`, { NeedsRecontact: i % 3 === 0, Owner: "chen.jie@contoso.com", LastContacted: iso(NOW.getTime() - (i % 10) * DAY) }));
  renderView(fakeTeam(async () => data(many), ["chen.jie@contoso.com"]));
  await screen.findByTestId("counts-chen.jie@contoso.com");
  expect(countsRow("chen.jie@contoso.com").total).toBe("1500");
  // lapsed = last contacted ≥ 7 days ago (i % 10 ∈ {7,8,9}); lapsing = 5–6 days ago.
  expect(countsRow("chen.jie@contoso.com").lapsed).toBe("450");
  expect(countsRow("chen.jie@contoso.com").lapsing).toBe("300");
  expect(within(screen.getByRole("list", { name: "Contacts" })).getAllByRole("listitem")).toHaveLength(100);
  expect(screen.getByText("Showing the first 100 of 1500")).toBeInTheDocument();
  await waitFor(() => expect(screen.getByTestId("chart-stub")).toHaveTextContent("Follow-ups and claims per salesperson"));
});

it("the CSV file is named after the user's calendar day, not UTC's (07:00 on 2 March in Shanghai is still 1 March in UTC)", async () => {
  const user = userEvent.setup();
  const names: string[] = [];
  const url = URL as unknown as { createObjectURL?: unknown; revokeObjectURL?: unknown };
  const saved = { create: url.createObjectURL, revoke: url.revokeObjectURL };
  url.createObjectURL = () => "blob:team";
  url.revokeObjectURL = () => undefined;
  const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  try {
    renderView(fakeTeam(async () => data(ZHANG), ["zhang.wei@contoso.com"]), "en-US", new Date("2026-03-01T23:00:00Z"));
    await user.click(await screen.findByRole("button", { name: "Export view to CSV" }));
    expect(names).toEqual(["team-contacts-2026-03-02.csv"]);
  } finally {
    click.mockRestore();
    url.createObjectURL = saved.create;
    url.revokeObjectURL = saved.revoke;
  }
});
