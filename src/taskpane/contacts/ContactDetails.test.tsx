/**
 * The details form as a salesperson works it (issue 10 items 7 and 9): "Follow up" or "Contacted" first, then
 * another field edited and saved. The save writes only that field; the flag, the next date and last contacted
 * stay as the action left them; dates are the user's calendar days (Asia/Shanghai here, the sales service's zone).
 */
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useContacts, useServices } from "../../app";
import type { FakeContactsService } from "../../app/testing/fakeContactsService";
import { visibleFields } from "../../domain/schema";
import type { FieldOp } from "../../domain/types";
import { customer, DAY, iso, ME, NOW, renderWith, setup } from "../today/testSupport";
import { ContactDetails } from "./ContactDetails";

jest.setTimeout(30_000);

const liu = customer("Liu Yang", { CustomerTier: "regular", Owner: ME, LastContacted: iso(NOW.getTime() - 10 * DAY), NeedsRecontact: false, NextContact: null });

/** The panel as ContactsView shows it: the contact read from the store on every render. */
function Panel({ id }: { id: string }) {
  const services = useServices();
  const snap = useContacts();
  const c = snap.contacts.find((x) => x.id === id);
  if (!c) return null;
  return <ContactDetails service={services.contacts} contact={c} fields={visibleFields(snap.schema)} locale="en-US" onClose={() => undefined} />;
}

/** The ops of every applyOps call the form made (function ops are the follow-up actions'). */
const savedOps = (s: ReturnType<typeof setup>) =>
  (s.contacts as FakeContactsService).calls.filter((c) => c.method === "applyOps" && Array.isArray(c.args[1])).map((c) => c.args[1] as FieldOp[]);

test("follow up, then change the tier and save: only the tier is written; the follow-up survives and the form shows it", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [liu] }, sales: { latestMailWith: async () => undefined } });
  renderWith(<Panel id={liu.id} />, s);
  await user.click(await screen.findByRole("button", { name: "Follow up with Liu Yang" })); // tomorrow: 3 March
  expect(await screen.findByText("Liu Yang flagged for follow-up on Mar 3, 2026.")).toBeInTheDocument();
  const form = screen.getByTestId("contact-details");
  // The form follows the store: the flag and the local day (not the UTC day, 2 March) are shown.
  expect(within(form).getByLabelText("Next contact")).toHaveValue("2026-03-03");
  expect(within(form).getByLabelText("Needs re-contact")).toHaveValue("true");

  await user.selectOptions(within(form).getByLabelText("Customer tier"), "key");
  await user.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("Saved.")).toBeInTheDocument();
  expect(savedOps(s)).toEqual([[{ op: "set", field: "CustomerTier", value: "key" }]]);
  const after = s.contacts.snapshot().contacts[0]!;
  expect(after.fields).toMatchObject({ CustomerTier: "key", NeedsRecontact: true, NextContact: "2026-03-02T16:00:00.000Z", LastContacted: liu.fields.LastContacted });
});

test("contacted, then products typed and saved: last contacted and the next date are not reset (the claim does not lapse)", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [liu] }, sales: { latestMailWith: async () => undefined } });
  renderWith(<Panel id={liu.id} />, s);
  await user.click(await screen.findByRole("button", { name: "Mark Liu Yang contacted" }));
  expect(await screen.findByText("Liu Yang contacted. Next contact: Apr 1, 2026.")).toBeInTheDocument();
  const form = screen.getByTestId("contact-details");
  expect(within(form).getByLabelText("Last contacted")).toHaveValue("2026-03-02");
  await user.type(within(form).getByLabelText("Intended products"), "PLC");
  await user.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("Saved.")).toBeInTheDocument();
  expect(savedOps(s)).toEqual([[{ op: "set", field: "IntendedProducts", value: ["PLC"] }]]);
  expect(s.contacts.snapshot().contacts[0]!.fields).toMatchObject({ LastContacted: NOW.toISOString(), NeedsRecontact: false });
});

test("a date picked in the form is that calendar day in the user's zone (20 December in Shanghai stays 20 December)", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: [liu] }, sales: { latestMailWith: async () => undefined } });
  renderWith(<Panel id={liu.id} />, s);
  const form = await screen.findByTestId("contact-details");
  const next = within(form).getByLabelText("Next contact");
  fireEvent.change(next, { target: { value: "2026-12-20" } });
  await user.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("Saved.")).toBeInTheDocument();
  // 00:00 on 20 December in Shanghai = 16:00 UTC on the 19th; reopened, the form shows the 20th.
  expect(s.contacts.snapshot().contacts[0]!.fields.NextContact).toBe("2026-12-19T16:00:00.000Z");
  expect(within(form).getByLabelText("Next contact")).toHaveValue("2026-12-20");
});

test("follow up, then the next-contact date moved in the form and saved: the To Do task is asked to follow; a tier-only save is not (issue 10 item 13)", async () => {
  const user = userEvent.setup();
  const followed: string[][] = [];
  const s = setup({
    contacts: { contacts: [liu] },
    sales: { latestMailWith: async () => undefined, followTasks: async (ids) => (followed.push([...ids]), {}) },
  });
  renderWith(<Panel id={liu.id} />, s);
  await user.click(await screen.findByRole("button", { name: "Follow up with Liu Yang" }));
  expect(await screen.findByText("Liu Yang flagged for follow-up on Mar 3, 2026.")).toBeInTheDocument();
  const form = screen.getByTestId("contact-details");
  await user.selectOptions(within(form).getByLabelText("Customer tier"), "key");
  await user.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("Saved.")).toBeInTheDocument();
  expect(followed).toEqual([]);
  fireEvent.change(within(form).getByLabelText("Next contact"), { target: { value: "2026-03-09" } });
  await user.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("Saved.")).toBeInTheDocument();
  expect(followed).toEqual([[liu.id]]);
  expect(s.contacts.snapshot().contacts[0]!.fields).toMatchObject({ NextContact: "2026-03-08T16:00:00.000Z", NeedsRecontact: true, CustomerTier: "key" });
});
