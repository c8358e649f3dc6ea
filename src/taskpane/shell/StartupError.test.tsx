import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { OfficeError } from "../../app";
import { StartupError } from "./StartupError";

it("outside Outlook: says where to open the pane, with a reload button", async () => {
  const onReload = jest.fn();
  render(<StartupError error={new OfficeError("NotAvailable", "no Office")} onReload={onReload} />);
  expect(screen.getByRole("alert")).toHaveTextContent("The add-in could not start");
  expect(screen.getByRole("alert")).toHaveTextContent("This page must be opened from Outlook");
  await userEvent.click(screen.getByRole("button", { name: "Reload" }));
  expect(onReload).toHaveBeenCalledTimes(1);
});

it("any other start-up failure: asks for a reload", () => {
  render(<StartupError error={new Error("boom")} onReload={() => undefined} />);
  expect(screen.getByRole("alert")).toHaveTextContent("Outlook did not provide what the add-in needs");
  expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
});
