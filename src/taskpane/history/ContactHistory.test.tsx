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

test("the contact shows its open complaints; 'Close this complaint' prefills the closing entry, which settles it", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [c] } });
  renderWith(<ContactHistory contact={c} />, s);
  const form = await screen.findByRole("form", { name: "Record a contact with Liu Yang" });
  await user.selectOptions(within(form).getByLabelText("Purpose"), "Complaint");
  await user.type(within(form).getByLabelText("Outcome"), "Box damaged");
  await user.click(within(form).getByRole("button", { name: "Record contact" }));
  expect(await screen.findByTestId("open-complaints")).toHaveTextContent("Open complaints: 1");

  await user.click(screen.getByRole("button", { name: "Close this complaint" }));
  expect(within(form).getByLabelText("Purpose")).toHaveValue("complaint");
  expect((within(form).getByLabelText("Complaint") as HTMLSelectElement).selectedOptions[0]!.textContent).toMatch(/Box damaged/);
  await user.type(within(form).getByLabelText("Outcome"), "Replaced");
  await user.click(within(form).getByRole("button", { name: "Record contact" }));
  const list = await screen.findByRole("list", { name: "Contacts with Liu Yang" });
  expect(await within(list).findByText("Replaced")).toBeInTheDocument();
  expect(screen.queryByTestId("open-complaints")).toBeNull();
  expect(screen.queryByRole("button", { name: "Close this complaint" })).toBeNull();
});

test("read-only, a reassigned customer lists who reassigned it from whom to whom; no close button for the manager", async () => {
  const s = setup({ contacts: { contacts: [c] } });
  const log = {
    v: 1 as const,
    entries: [{ id: "k1", at: iso(NOW.getTime() - DAY), recordedAt: iso(NOW.getTime() - DAY), channel: "call" as const, purpose: "complaint" as const, outcome: "Late delivery", nextStep: "", by: ME }],
    events: [{ id: "r1", at: iso(NOW.getTime() - 3_600_000), kind: "reassigned" as const, by: "li.na@contoso.com", byName: "李娜", from: ME, fromName: "张伟", to: "wang.fang@contoso.com", toName: "王芳" }],
  };
  s.sales.loadHistory = async () => log;
  renderWith(<ContactHistory contact={{ ...c, mailbox: "wang.fang@contoso.com" }} readOnly />, s, "zh-CN");
  expect(await screen.findByTestId("open-complaints")).toHaveTextContent("未结客诉：1");
  expect(screen.getByTestId("history-events")).toHaveTextContent("李娜将客户从张伟重新分配给王芳");
  expect(screen.queryByRole("button", { name: "结案此客诉" })).toBeNull();
});
