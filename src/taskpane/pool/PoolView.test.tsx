import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClaimError, type FolderLoad } from "../../app";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { FieldSchema } from "../../domain/types";
import { customer, DAY, iso, ME, NOW, renderWith, setup } from "../today/testSupport";
import { PoolView } from "./PoolView";

const schema = DEFAULT_SCHEMA as FieldSchema;
const WANG = "wang.fang@contoso.com";

function folders(): FolderLoad[] {
  return [
    {
      mailbox: ME,
      own: true,
      status: "ok",
      schema,
      contacts: [
        customer("Mine Lapsed", { Owner: ME, LastContacted: iso(NOW.getTime() - 8 * DAY) }, { mailbox: ME }),
        customer("Mine Active", { Owner: ME, LastContacted: iso(NOW.getTime() - 2 * DAY) }, { mailbox: ME }),
      ],
    },
    {
      mailbox: WANG,
      own: false,
      status: "ok",
      schema,
      contacts: [
        customer("Wang Old", { Owner: WANG, LastContacted: iso(NOW.getTime() - 12 * DAY) }, { mailbox: WANG, companyName: "华信科技" }),
        customer("Wang Exactly 7", { Owner: WANG, LastContacted: iso(NOW.getTime() - 7 * DAY) }, { mailbox: WANG }),
        customer("Wang Lapsing", { Owner: WANG, LastContacted: iso(NOW.getTime() - 6 * DAY) }, { mailbox: WANG }),
      ],
    },
    { mailbox: "chen.jie@contoso.com", own: false, status: "notShared", schema, contacts: [] },
  ];
}

test("loading: a labelled spinner", async () => {
  renderWith(<PoolView />, setup({ sales: { loadFolders: () => new Promise(() => undefined) } }));
  expect(await screen.findByText("Loading the pool…")).toBeInTheDocument();
});

test("error: a message and a retry that loads again", async () => {
  const user = userEvent.setup();
  const loadFolders = jest.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce([]);
  renderWith(<PoolView />, setup({ sales: { loadFolders } }));
  expect(await screen.findByText(/The pool could not be loaded/)).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByRole("heading", { name: "The pool is empty" })).toBeInTheDocument();
  expect(loadFolders).toHaveBeenCalledTimes(2);
});

test("empty: no lapsed customer", async () => {
  renderWith(<PoolView />, setup({ sales: { loadFolders: async () => [folders()[0]!].map((f) => ({ ...f, contacts: f.contacts.slice(1) })) } }));
  expect(await screen.findByRole("heading", { name: "The pool is empty" })).toBeInTheDocument();
  expect(screen.getByText("No customer has gone 7 days without contact.")).toBeInTheDocument();
});

test("many: lapsed customers (7 days exactly included) across folders, oldest first; a folder not shared is named", async () => {
  renderWith(<PoolView />, setup({ sales: { loadFolders: async () => folders() } }));
  const list = await screen.findByRole("list", { name: "Customer pool" });
  const names = within(list)
    .getAllByRole("listitem")
    .map((li) => li.querySelector("span")?.textContent);
  expect(names).toEqual(["Wang Old", "Mine Lapsed", "Wang Exactly 7"]);
  expect(screen.getByText("3 lapsed customers")).toBeInTheDocument();
  expect(screen.getByText(/chen\.jie@contoso\.com has not shared their contacts with you/)).toBeInTheDocument();
  // My own lapsed customer cannot be claimed again (issue 10 item 11): only a recorded contact keeps it.
  expect(within(list).getAllByRole("button", { name: /^Claim / }).map((b) => b.getAttribute("aria-label"))).toEqual(["Claim Wang Old", "Claim Wang Exactly 7"]);
  const mine = within(list).getAllByRole("listitem").find((li) => li.textContent?.includes("Mine Lapsed"))!;
  expect(within(mine).getByText(/Your claim lapsed\. Claiming it again is not possible/)).toBeInTheDocument();
  expect(within(mine).getAllByRole("button").map((b) => b.getAttribute("aria-label"))).toEqual(["Record Mine Lapsed contacted"]);
});

test("a claim keeps a customer out of the pool for its 7 days, whatever the last contact; a lapsed one dates from the claim (issue 10)", async () => {
  const claimedAgo = (days: number) => ({ owner: WANG, at: iso(NOW.getTime() - days * DAY) });
  const loadFolders = async (): Promise<FolderLoad[]> => [
    {
      mailbox: WANG,
      own: false,
      status: "ok",
      schema,
      contacts: [
        customer("Claimed 3 days ago", { Owner: WANG, LastContacted: iso(NOW.getTime() - 12 * DAY) }, { mailbox: WANG, claimed: claimedAgo(3) }),
        customer("Claimed 9 days ago", { Owner: WANG, LastContacted: iso(NOW.getTime() - 30 * DAY) }, { mailbox: WANG, claimed: claimedAgo(9) }),
      ],
    },
  ];
  renderWith(<PoolView />, setup({ sales: { loadFolders } }));
  const list = await screen.findByRole("list", { name: "Customer pool" });
  const items = within(list).getAllByRole("listitem");
  expect(items.map((li) => li.querySelector("span")?.textContent)).toEqual(["Claimed 9 days ago"]);
  // Lapsed 7 days after the claim (2 days ago), not 7 days after the last contact (23 days ago); last contacted as it is.
  const day = (daysAgo: number) => new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", dateStyle: "medium" }).format(new Date(NOW.getTime() - daysAgo * DAY));
  expect(items[0]!.textContent).toContain(day(2));
  expect(items[0]!.textContent).not.toContain(day(23));
  expect(items[0]!.textContent).toContain(`Last contacted: ${day(30)}`);
});

test("claim: success on the card (moved into my contacts); a refusal names the owner and disables the button", async () => {
  const user = userEvent.setup();
  const claim = jest
    .fn()
    .mockImplementationOnce(async (c) => ({ ...c, id: "copy", mailbox: ME, fields: { ...c.fields, Owner: ME } }))
    .mockRejectedValueOnce(new ClaimError("claimedBySomeoneElse", { owner: "chen.jie@contoso.com", lapsesAt: "2026-03-09T01:00:00.000Z" }))
    .mockImplementationOnce(async (c) => ({ ...c, fields: { ...c.fields, Owner: ME } }));
  const s = setup({ sales: { loadFolders: async () => folders(), claim } });
  renderWith(<PoolView />, s);
  await user.click(await screen.findByRole("button", { name: "Claim Wang Old" }));
  const old = screen.getAllByRole("listitem").find((li) => li.textContent?.includes("Wang Old"))!;
  expect(await within(old).findByText("Wang Old is now your customer, in your contacts.")).toBeInTheDocument();
  expect(within(old).queryByRole("button")).toBeNull();
  expect(claim.mock.calls[0]![0].mailbox).toBe(WANG);

  await user.click(screen.getByRole("button", { name: "Claim Wang Exactly 7" }));
  expect(
    await screen.findByText("Wang Exactly 7 is still claimed by chen.jie@contoso.com (until Mar 9, 2026). It cannot be claimed now."),
  ).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Claim Wang Exactly 7" })).toBeDisabled();
});

test("a claim whose move did not finish says so (the customer is mine, still in the teammate's folder)", async () => {
  const user = userEvent.setup();
  const claim = jest.fn(async (c) => ({ ...c, fields: { ...c.fields, Owner: ME } })); // mailbox stays wang.fang's
  renderWith(<PoolView />, setup({ sales: { loadFolders: async () => folders(), claim } }));
  await user.click(await screen.findByRole("button", { name: "Claim Wang Old" }));
  expect(await screen.findByText(/Wang Old is now your customer\. Moving it into your contacts did not finish/)).toBeInTheDocument();
});

test.each([
  ["en-US", "Record Mine Lapsed contacted", "Contact recorded: Mine Lapsed stays your customer."],
  ["zh-CN", "记录 Mine Lapsed 已联系", "已记录联系：Mine Lapsed 仍是您的客户。"],
] as const)("%s: my own lapsed customer is kept by recording a contact, never by claiming it again", async (locale, button, message) => {
  const user = userEvent.setup();
  const claim = jest.fn();
  const markContacted = jest.fn(async (c) => ({ contact: { ...c, fields: { ...c.fields, LastContacted: NOW.toISOString() } } }));
  renderWith(<PoolView />, setup({ sales: { loadFolders: async () => folders(), claim, markContacted } }), locale);
  await user.click(await screen.findByRole("button", { name: button }));
  const mine = screen.getAllByTestId("pool-item").find((li) => li.textContent?.includes("Mine Lapsed"))!;
  expect(await within(mine).findByText(message)).toBeInTheDocument();
  expect(within(mine).queryByRole("button")).toBeNull();
  expect(claim).not.toHaveBeenCalled();
  expect(markContacted).toHaveBeenCalledTimes(1);
  expect(markContacted.mock.calls[0]![0].displayName).toBe("Mine Lapsed");
});

test("Chinese", async () => {
  renderWith(<PoolView />, setup({ sales: { loadFolders: async () => folders() } }), "zh-CN");
  expect(await screen.findByRole("heading", { name: "客户公海" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "认领 Wang Old" })).toBeInTheDocument();
  // Dates as 2026/02/18 and full-width colons in Chinese (QA round 2: ISO dates and "负责业务员: " read as English).
  const card = screen.getAllByTestId("pool-item").find((li) => li.textContent?.includes("Wang Old"))!;
  expect(card.textContent).toContain(`负责业务员：${WANG} · 最后联系：2026/02/18`);
  expect(card.textContent).toContain("自 2026/02/25 起失效");
  expect(card.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});

test("owners show by the name the team list gives them, with the address (issue 13)", async () => {
  const team = { members: async () => ["王芳 <wang.fang@contoso.com>"], saveMembers: async () => undefined, loadFolder: async () => Promise.reject(new Error("unused")) };
  renderWith(<PoolView />, setup({ team, sales: { loadFolders: async () => folders() } }));
  const item = (await screen.findAllByTestId("pool-item")).find((i) => i.textContent?.includes("Wang Old"))!;
  expect(await within(item).findByText(/Owner: 王芳 \(wang\.fang@contoso\.com\)/)).toBeInTheDocument();
});
