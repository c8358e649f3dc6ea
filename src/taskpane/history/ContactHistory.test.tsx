import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { customer, DAY, iso, ME, NOW, renderWith, setup } from "../today/testSupport";
import { ContactHistory } from "./ContactHistory";

jest.setTimeout(30_000);

const c = customer("Liu Yang", { CustomerTier: "regular", Owner: ME, LastContacted: iso(NOW.getTime() - 10 * DAY), NeedsRecontact: true });

test("record a visit now and a backdated call: both listed newest first, the backdated one says when it was recorded; last contacted moves to the latest", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [c] } });
  renderWith(<ContactHistory contact={c} />, s);
  expect(await screen.findByText("No contacts recorded yet.")).toBeInTheDocument();
  const form = screen.getByRole("form", { name: "Record a contact with Liu Yang" });
  expect(within(form).getByLabelText("When")).toHaveValue("2026-03-02T09:00"); // now, in Shanghai

  await user.selectOptions(within(form).getByLabelText("Channel"), "Visit");
  await user.selectOptions(within(form).getByLabelText("Purpose"), "Order");
  await user.type(within(form).getByLabelText("Outcome"), "Ordered 20 units");
  await user.type(within(form).getByLabelText("Next step"), "Deliver Friday");
  await user.click(within(form).getByRole("button", { name: "Record contact" }));
  expect(await screen.findByText("Contact recorded.")).toBeInTheDocument();

  fireEvent.change(within(form).getByLabelText("When"), { target: { value: "2026-02-27T15:30" } });
  await user.selectOptions(within(form).getByLabelText("Purpose"), "Collection");
  await user.type(within(form).getByLabelText("Outcome"), "Paid the February invoice");
  await user.click(within(form).getByRole("button", { name: "Record contact" }));

  const list = await screen.findByRole("list", { name: "Contacts with Liu Yang" });
  await within(list).findByText("Paid the February invoice");
  const items = within(list).getAllByTestId("history-entry");
  expect(items.map((i) => i.textContent)).toEqual([
    expect.stringContaining("Ordered 20 units"),
    expect.stringContaining("Paid the February invoice"),
  ]);
  expect(items[0]!.textContent).toContain("Next: Deliver Friday");
  expect(items[0]!.textContent).not.toContain("backdated");
  expect(items[1]!.textContent).toContain("backdated, recorded 03/02/2026, 09:00");
  expect(s.contacts.snapshot().contacts[0]!.fields.LastContacted).toBe(NOW.toISOString());
});

test("a time more than 7 days back is refused with a message and nothing is recorded", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [c] } });
  renderWith(<ContactHistory contact={c} />, s, "zh-CN");
  const form = await screen.findByRole("form", { name: "记录与Liu Yang的联系" });
  fireEvent.change(within(form).getByLabelText("时间"), { target: { value: "2026-02-20T09:00" } });
  await user.click(within(form).getByRole("button", { name: "记录联系" }));
  expect(await screen.findByText("最多只能补录 7 天内的联系。")).toBeInTheDocument();
  expect(screen.getByText("还没有联系记录。")).toBeInTheDocument();
  expect(s.contacts.snapshot().contacts[0]!.fields.LastContacted).toBe(iso(NOW.getTime() - 10 * DAY));
});

test("a complaint is open until closed by a later entry (客诉处理)", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [c] } });
  renderWith(<ContactHistory contact={c} />, s, "zh-CN");
  const form = await screen.findByRole("form", { name: "记录与Liu Yang的联系" });
  await user.selectOptions(within(form).getByLabelText("目的"), "客诉处理");
  await user.type(within(form).getByLabelText("结果"), "包装破损");
  await user.click(within(form).getByRole("button", { name: "记录联系" }));
  const list = await screen.findByRole("list", { name: "与Liu Yang的联系" });
  expect(await within(list).findByText("未结")).toBeInTheDocument();

  await user.selectOptions(within(form).getByLabelText("目的"), "客诉处理");
  await user.selectOptions(within(form).getByLabelText("客诉"), within(form).getByRole("option", { name: /^结案：/ }));
  await user.type(within(form).getByLabelText("结果"), "已换货");
  await user.click(within(form).getByRole("button", { name: "记录联系" }));
  expect(await within(list).findByText("已换货")).toBeInTheDocument();
  expect(within(list).getByText("已结")).toBeInTheDocument();
  expect(within(list).queryByText("未结")).toBeNull();
});

test("read-only (the manager's team view): the history, no form", async () => {
  const s = setup({ contacts: { contacts: [c] } });
  renderWith(<ContactHistory contact={{ ...c, mailbox: "zhang.wei@contoso.com" }} readOnly />, s);
  expect(await screen.findByText("No contacts recorded yet.")).toBeInTheDocument();
  expect(screen.queryByRole("form")).toBeNull();
});
