import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FollowUpActions } from "./FollowUpActions";
import { customer, DAY, iso, ME, NOW, renderWith, setup } from "./testSupport";

const c = customer("Liu Yang", { CustomerTier: "regular", Owner: ME, LastContacted: iso(NOW.getTime() - 10 * DAY), NeedsRecontact: true });

test("shows the recorded last contact beside the latest email, the newer one used", async () => {
  const s = setup({ contacts: { contacts: [c] }, sales: { latestMailWith: async () => iso(NOW.getTime() - 2 * DAY) } });
  renderWith(<FollowUpActions contact={c} />, s);
  expect(await screen.findByText("Last contacted: Feb 20, 2026 · Last email: Feb 28, 2026 (newer than recorded: used)")).toBeInTheDocument();
});

test("no email at all, or mail unavailable", async () => {
  renderWith(<FollowUpActions contact={c} />, setup({ contacts: { contacts: [c] }, sales: { latestMailWith: async () => undefined } }));
  expect(await screen.findByText("Last contacted: Feb 20, 2026 · Last email: never")).toBeInTheDocument();
});

test("Contacted schedules by tier (regular: 30 days); Follow up flags with the picked local day", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [c] }, sales: { latestMailWith: async () => undefined } });
  renderWith(<FollowUpActions contact={c} />, s);
  await user.click(await screen.findByRole("button", { name: "Mark Liu Yang contacted" }));
  expect(await screen.findByText("Liu Yang contacted. Next contact: Apr 1, 2026.")).toBeInTheDocument();

  const date = screen.getByLabelText("Follow-up date");
  expect(date).toHaveValue("2026-03-03");
  // The accessible name holds the visible label "Follow up" (WCAG 2.5.3, axe label-content-name-mismatch).
  await user.click(screen.getByRole("button", { name: "Follow up with Liu Yang" }));
  expect(await screen.findByText("Liu Yang flagged for follow-up on Mar 3, 2026.")).toBeInTheDocument();
  const after = s.contacts.snapshot().contacts[0]!;
  expect(after.fields.NeedsRecontact).toBe(true);
  expect(after.fields.NextContact).toBe("2026-03-02T16:00:00.000Z"); // 00:00 on 3 March in Shanghai
});

test("Chinese: full-width colons and 2026/02/20-style dates (QA round 2)", async () => {
  const s = setup({ contacts: { contacts: [c] }, sales: { latestMailWith: async () => iso(NOW.getTime() - 2 * DAY) } });
  renderWith(<FollowUpActions contact={c} />, s, "zh-CN");
  expect(await screen.findByText("最后联系：2026/02/20 · 最近邮件：2026/02/28（比记录更新：以此为准）")).toBeInTheDocument();
});

test("a follow-up day in the past (a typo such as 1899) is refused with a message, not saved (QA round 2)", async () => {
  const s = setup({ contacts: { contacts: [c] }, sales: { latestMailWith: async () => undefined } });
  renderWith(<FollowUpActions contact={c} />, s);
  const date = screen.getByLabelText("Follow-up date");
  fireEvent.change(date, { target: { value: "1899-02-02" } });
  expect(await screen.findByText("Pick today or a later day.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Follow up with Liu Yang" })).toBeDisabled();
  fireEvent.change(date, { target: { value: "2026-03-02" } }); // today is fine
  expect(screen.queryByText("Pick today or a later day.")).not.toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Follow up with Liu Yang" })).toBeEnabled();
  expect(s.contacts.snapshot().contacts[0]!.fields.NextContact).toBeUndefined();
});
