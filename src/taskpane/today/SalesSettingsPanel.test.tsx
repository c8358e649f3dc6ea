import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SalesSettingsPanel } from "./SalesSettingsPanel";
import { renderWith, setup } from "./testSupport";

test("defaults (key 7 / regular 30 / potential 14, lapse 7, reminders off), validation, save to roaming settings", async () => {
  const user = userEvent.setup();
  const s = setup();
  renderWith(<SalesSettingsPanel />, s);
  expect(await screen.findByRole("spinbutton", { name: "Key customers" })).toHaveValue(7);
  expect(screen.getByRole("spinbutton", { name: "Regular customers" })).toHaveValue(30);
  expect(screen.getByRole("spinbutton", { name: "Potential customers" })).toHaveValue(14);
  expect(screen.getByRole("spinbutton", { name: /Claim lapses after/ })).toHaveValue(7);
  expect(screen.getByRole("switch", { name: "Reminders in Microsoft To Do" })).not.toBeChecked();
  expect(screen.getByRole("textbox", { name: "Daily report goes to" })).toHaveValue("li.na@contoso.com");
  expect(screen.getByRole("switch", { name: "Also set Outlook's own follow-up flag (off by default)" })).not.toBeChecked();
  // Planned visits on the calendar: off by default (Calendars.ReadWrite is asked for only once it is on).
  expect(screen.getByRole("switch", { name: "Put planned visits on my Outlook calendar" })).not.toBeChecked();

  const warn = screen.getByRole("spinbutton", { name: /Warn before lapsing/ });
  await user.clear(warn);
  await user.type(warn, "9");
  expect(screen.getByText(/the warning must be shorter than the lapse/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Save follow-up settings" })).toBeDisabled();
  await user.clear(warn);
  await user.type(warn, "3");

  await user.clear(screen.getByRole("spinbutton", { name: "Key customers" }));
  await user.type(screen.getByRole("spinbutton", { name: "Key customers" }), "5");
  await user.click(screen.getByRole("switch", { name: "Reminders in Microsoft To Do" }));
  await user.click(screen.getByRole("switch", { name: "Put planned visits on my Outlook calendar" }));
  await user.clear(screen.getByRole("textbox", { name: "Daily report goes to" }));
  await user.type(screen.getByRole("textbox", { name: "Daily report goes to" }), "boss@contoso.com");
  await user.click(screen.getByRole("button", { name: "Save follow-up settings" }));
  expect(await screen.findByRole("status")).toHaveTextContent("Saved.");
  const saved = await s.sales.loadSettings();
  expect(saved).toMatchObject({ cadence: { key: 5, regular: 30, potential: 14 }, warnDays: 3, remindersOn: true, calendarOn: true, managerAddress: "boss@contoso.com" });
}, 30_000); // a dozen user-event edits of the whole form: seconds under the shared 2-core load, over jest's 5 s default
