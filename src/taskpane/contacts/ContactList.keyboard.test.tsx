import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider } from "../../app";
import { createFakeContactsService } from "../../app/testing/fakeContactsService";
import { createFakeServices } from "../../app/testing/fakeServices";
import type { Contact } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { ContactsView } from "./ContactsView";

function person(i: number): Contact {
  return {
    id: `c${i}`,
    displayName: `Person ${String(i).padStart(5, "0")}`,
    companyName: `Company ${i % 7}`,
    emailAddresses: [{ address: `p${i}@example.com` }],
    categories: [],
    fields: { NeedsRecontact: false },
  };
}

function renderView(count: number) {
  const contacts = createFakeContactsService({ contacts: Array.from({ length: count }, (_, i) => person(i + 1)) });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n("en-US")}>
        <ServicesProvider services={createFakeServices({ contacts })}>
          <ContactsView />
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
}

jest.setTimeout(30_000);

const openName = (n: number) => screen.getByRole("button", { name: `Open details of Person ${String(n).padStart(5, "0")}` });

describe("contact list keyboard (one tab stop, roving focus)", () => {
  it("Tab enters the list once and leaves it with the next Tab; arrows move; Space selects; Enter opens details", async () => {
    const user = userEvent.setup();
    renderView(40);
    const list = await screen.findByRole("list", { name: "Contacts list" });
    // Exactly one tabbable control among all rendered rows (was 3 per row).
    expect(list.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    expect(within(list).getAllByRole("listitem").length).toBeGreaterThan(5);

    await user.click(screen.getByRole("searchbox", { name: "Search contacts" }));
    let tabs = 0;
    while (!list.contains(document.activeElement) && tabs < 40) {
      await user.tab();
      tabs += 1;
    }
    expect(openName(1)).toHaveFocus();
    await user.tab();
    expect(list.contains(document.activeElement)).toBe(false);
    await user.tab({ shift: true });
    expect(openName(1)).toHaveFocus();

    await user.keyboard("{ArrowDown}");
    expect(openName(2)).toHaveFocus();
    expect(list.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    await user.keyboard("{ArrowUp}{ArrowDown}");
    expect(openName(2)).toHaveFocus();

    // Left/Right reach the row's checkboxes; Up/Down keep the column.
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("checkbox", { name: "Needs re-contact: Person 00002" })).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("checkbox", { name: "Select Person 00002" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("checkbox", { name: "Select Person 00003" })).toHaveFocus();
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(openName(3)).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(openName(2)).toHaveFocus();

    // Space selects the row (does not open it).
    await user.keyboard(" ");
    expect(screen.getByRole("checkbox", { name: "Select Person 00002" })).toBeChecked();
    expect(screen.getByText(/1 selected/)).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Details of Person 00002" })).not.toBeInTheDocument();
    expect(openName(2)).toHaveFocus();

    // End scrolls the virtualized window to the last row and focuses it; Home comes back.
    await user.keyboard("{End}");
    expect(openName(40)).toHaveFocus();
    await user.keyboard("{Home}");
    expect(openName(1)).toHaveFocus();
    await user.keyboard("{ArrowDown}");

    await user.keyboard("{Enter}");
    expect(screen.getByRole("region", { name: "Details of Person 00002" })).toBeInTheDocument();
  });

  it("group headers: ArrowDown reaches them, Enter folds the group, Space selects all in it", async () => {
    const user = userEvent.setup();
    renderView(4);
    await screen.findByRole("list", { name: "Contacts list" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Group by" }), "f:NeedsRecontact");
    const header = await screen.findByRole("button", { name: "No, 4 contacts" });
    header.focus();
    await user.keyboard("{ArrowDown}");
    expect(openName(1)).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(header).toHaveFocus();
    await user.keyboard(" ");
    expect(screen.getByText(/4 selected/)).toBeInTheDocument();
    expect(header).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: "No, 4 contacts" })).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("button", { name: /^Open details of / })).not.toBeInTheDocument();
  });

  it("names the keys in a description of the row's main control", async () => {
    renderView(3);
    await screen.findByRole("list", { name: "Contacts list" });
    expect(openName(1)).toHaveAccessibleDescription(/Arrow Up and Down move between rows/);
  });
});
