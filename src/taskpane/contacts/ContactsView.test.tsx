import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider } from "../../app";
import { createFakeContactsService, type FakeContactsOptions, type FakeContactsService } from "../../app/testing/fakeContactsService";
import { createFakeServices } from "../../app/testing/fakeServices";
import type { Contact } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { SyncStatus } from "../shell/SyncStatus";
import { ContactsView } from "./ContactsView";

function person(i: number, fields: Contact["fields"] = {}): Contact {
  return {
    id: `c${i}`,
    displayName: `Person ${String(i).padStart(5, "0")}`,
    companyName: `Company ${i % 7}`,
    emailAddresses: [{ address: `p${i}@example.com` }],
    categories: [],
    fields,
  };
}

function renderView(opts: FakeContactsOptions | FakeContactsService, lang: "en-US" | "zh-CN" = "en-US") {
  const contacts = "applyOps" in opts ? opts : createFakeContactsService(opts);
  const services = createFakeServices({ contacts });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n(lang)}>
        <ServicesProvider services={services}>
          <SyncStatus />
          <ContactsView />
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
  return contacts;
}

// Two shared cores: generous per-test time (the assertions, not the clock, are the point).
jest.setTimeout(30_000);

describe("ContactsView states", () => {
  it("loading: a spinner with a label", () => {
    renderView({ neverLoad: true });
    expect(screen.getByText("Loading your contacts…")).toBeInTheDocument();
  });

  it("empty: says what will appear", async () => {
    renderView({ contacts: [] });
    expect(await screen.findByRole("heading", { name: "No contacts yet" })).toBeInTheDocument();
  });

  it("error: says why (offline, or the code) and retries", async () => {
    const svc = createFakeContactsService({ contacts: [person(1)], loadError: { code: "ErrorAccessDenied", message: "denied" } });
    renderView(svc);
    expect(await screen.findByText(/could not be loaded/)).toBeInTheDocument();
    expect(screen.getByText(/ErrorAccessDenied/)).toBeInTheDocument();
    svc.setLoadError({ code: "network", message: "offline" });
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText(/Outlook could not be reached \(offline\?\)/)).toBeInTheDocument();
    svc.setLoadError(undefined);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: "Open details of Person 00001" })).toBeInTheDocument();
  });

  it("many: 5,000 contacts render only a window of rows, and search narrows them", async () => {
    renderView({ contacts: Array.from({ length: 5000 }, (_, i) => person(i)) });
    const list = await screen.findByRole("list", { name: "Contacts list" });
    const items = within(list).getAllByRole("listitem");
    expect(items.length).toBeGreaterThan(3);
    expect(items.length).toBeLessThan(60);
    expect(screen.getByText("5000 contacts")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("searchbox", { name: "Search contacts" }));
    await userEvent.paste("Person 04999");
    await waitFor(() => expect(screen.getByText("1 of 5000 contacts")).toBeInTheDocument());
  });

  it("zh-CN: labels and the field's Chinese name", async () => {
    renderView({ contacts: [person(1, { NeedsRecontact: true })] }, "zh-CN");
    expect(await screen.findByRole("checkbox", { name: "是否需要再次联系：Person 00001" })).toBeChecked();
    expect(screen.getByRole("combobox", { name: "分组依据" })).toBeInTheDocument();
  });
});

describe("ContactsView workflow", () => {
  it("groups by needs re-contact; ticking a contact writes at once and moves it to the other group", async () => {
    const svc = renderView({ contacts: [person(1, { NeedsRecontact: true }), person(2, { NeedsRecontact: true }), person(3, { NeedsRecontact: false })] });
    const groupBy = await screen.findByRole("combobox", { name: "Group by" });
    await userEvent.selectOptions(groupBy, "f:NeedsRecontact");
    expect(screen.getByRole("button", { name: "Yes, 2 contacts" })).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("button", { name: "No, 1 contact" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: "Needs re-contact: Person 00001" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Yes, 1 contact" })).toBeInTheDocument());
    expect(screen.getByRole("button", { name: "No, 2 contacts" })).toBeInTheDocument();
    expect(svc.calls[0]).toEqual({ method: "applyOps", args: [["c1"], [{ op: "set", field: "NeedsRecontact", value: false }]] });
    // Collapsing a group hides its rows.
    await userEvent.click(screen.getByRole("button", { name: "No, 2 contacts" }));
    expect(screen.queryByRole("button", { name: "Open details of Person 00001" })).not.toBeInTheDocument();
  });

  it("filters by several conditions shown as removable chips, and sorts by a column", async () => {
    renderView({
      contacts: [
        person(1, { CustomerTier: "key", IntendedProducts: ["Server"] }),
        person(2, { CustomerTier: "key" }),
        person(3, { CustomerTier: "regular", IntendedProducts: ["Server"] }),
      ],
    });
    const addFilter = async (field: string, op: string, value: { select?: string; text?: string }) => {
      await userEvent.click(await screen.findByRole("button", { name: "Add filter" }));
      const dialog = screen.getByRole("region", { name: "Add filter" });
      await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Field" }), field);
      await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Condition" }), op);
      if (value.select) await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Value" }), value.select);
      if (value.text) await userEvent.type(within(dialog).getByRole("textbox", { name: "Value" }), value.text);
      await userEvent.click(within(dialog).getByRole("button", { name: "Add" }));
    };
    await addFilter("CustomerTier", "eq", { select: "key" });
    expect(await screen.findByText("2 of 3 contacts")).toBeInTheDocument();
    await addFilter("IntendedProducts", "hasKeyword", { text: "Server" });
    expect(await screen.findByText("1 of 3 contacts")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove filter: Customer tier is Key" }));
    expect(await screen.findByText("2 of 3 contacts")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove filter: Intended products includes Server" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /^Name \(Sort direction/ }));
    const names = within(screen.getByRole("list", { name: "Contacts list" }))
      .getAllByRole("button", { name: /^Open details of / })
      .map((b) => b.textContent);
    expect(names).toEqual(["Person 00003", "Person 00001"]);
  });

  it("shows a failed write in the row and the header, and retry sends it again", async () => {
    const svc = renderView({ contacts: [person(1, { NeedsRecontact: false })], writeOutcome: () => ({ code: "forbidden", reason: "Access denied" }) });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Needs re-contact: Person 00001" }));
    expect(await screen.findByText("Not saved")).toBeInTheDocument();
    expect(screen.getByText("1 failed")).toBeInTheDocument();
    svc.setWriteOutcome(undefined);
    await userEvent.click(screen.getByRole("button", { name: "Retry 1 failed change" }));
    await waitFor(() => expect(screen.queryByText("1 failed")).not.toBeInTheDocument());
    expect(screen.getByText("All changes saved")).toBeInTheDocument();
  });

  it("a change that could not reach Outlook says when it is tried again, and 'Try now' sends it", async () => {
    const svc = renderView({ contacts: [person(1, { NeedsRecontact: false })], writeOutcome: () => ({ code: "network", reason: "offline" }) });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Needs re-contact: Person 00001" }));
    expect(await screen.findByText(/^1 change not sent \(no connection\)\. Next attempt at \d/)).toBeInTheDocument();
    svc.setWriteOutcome(undefined);
    await userEvent.click(screen.getByRole("button", { name: "Send 1 waiting change now" }));
    expect(await screen.findByText("All changes saved")).toBeInTheDocument();
    expect(svc.calls.filter((c) => c.method === "retry")).toHaveLength(1);
  });

  it("bulk edit: preview, apply with results, undo", async () => {
    const svc = renderView({ contacts: [person(1, { IntendedProducts: ["A"] }), person(2), person(3)] });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select Person 00001" }));
    const user = userEvent.setup();
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("checkbox", { name: "Select Person 00003" }));
    await user.keyboard("{/Shift}");
    expect(screen.getByText(/3 selected/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Bulk edit" }));
    const panel = screen.getByRole("region", { name: "Bulk edit 3 contacts" });
    await userEvent.selectOptions(within(panel).getByRole("combobox", { name: "Field" }), "IntendedProducts");
    await userEvent.type(within(panel).getByRole("textbox", { name: "Value" }), "B");
    await userEvent.click(within(panel).getByRole("button", { name: "Preview" }));
    expect(within(panel).getByText("Person 00001: A → A; B")).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole("button", { name: "Apply to 3 contacts" }));
    expect(await within(panel).findByText("Results: 3 saved, 0 failed")).toBeInTheDocument();
    expect(svc.snapshot().contacts.map((c) => c.fields.IntendedProducts)).toEqual([["A", "B"], ["B"], ["B"]]);
    await userEvent.click(within(panel).getByRole("button", { name: "Undo last bulk change" }));
    expect(await within(panel).findByText("Last bulk change undone for 3 contacts.")).toBeInTheDocument();
    expect(svc.snapshot().contacts.map((c) => c.fields.IntendedProducts ?? null)).toEqual([["A"], null, null]);
  });

  it("details: validation messages, then a save of only the changed field", async () => {
    const svc = renderView({ contacts: [person(1)] });
    await userEvent.click(await screen.findByRole("button", { name: "Open details of Person 00001" }));
    const panel = screen.getByRole("region", { name: "Details of Person 00001" });
    await userEvent.click(within(panel).getByRole("textbox", { name: "Owner" }));
    await userEvent.paste("x".repeat(300));
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    expect(await within(panel).findByText("Too long: at most 255 characters.")).toBeInTheDocument();
    expect(svc.calls).toHaveLength(0);
    await userEvent.clear(within(panel).getByRole("textbox", { name: "Owner" }));
    await userEvent.paste("zhang.wei@contoso.com");
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    expect(await within(panel).findByText("Saved.")).toBeInTheDocument();
    expect(svc.calls[0]!.args).toEqual([["c1"], [{ op: "set", field: "Owner", value: "zhang.wei@contoso.com" }]]);
  });

  it("details: focus moves into the panel on open and back to the contact's name on close (QA round 2: focus was lost to the page)", async () => {
    renderView({ contacts: [person(1), person(2)] });
    await userEvent.click(await screen.findByRole("button", { name: "Open details of Person 00002" }));
    expect(screen.getByRole("button", { name: "Close details" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByRole("region", { name: "Details of Person 00002" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open details of Person 00002" })).toHaveFocus();
  });
});

describe("ContactsView: the view is remembered, dates read alike, search knows pinyin (issue 11 item 6)", () => {
  function renderWith(services: ReturnType<typeof createFakeServices>) {
    return render(
      <FluentProvider theme={webLightTheme}>
        <I18nextProvider i18n={createI18n("en-US")}>
          <ServicesProvider services={services}>
            <ContactsView />
          </ServicesProvider>
        </I18nextProvider>
      </FluentProvider>,
    );
  }
  const contacts = [
    person(1, { CustomerTier: "key", NeedsRecontact: true }),
    person(2, { CustomerTier: "regular", NeedsRecontact: true }),
    person(3, { CustomerTier: "key", NeedsRecontact: false }),
  ];
  const KEY = "contactListView:zhang.wei@contoso.com";

  it("group-by, sort and filters come back after a reload (the user's roaming settings)", async () => {
    const services = createFakeServices({ contacts: createFakeContactsService({ contacts }) });
    const first = renderWith(services);
    await userEvent.selectOptions(await screen.findByRole("combobox", { name: "Group by" }), "f:CustomerTier");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "b:companyName");
    await userEvent.click(screen.getByRole("button", { name: "Sort direction: Ascending" }));
    await userEvent.click(screen.getByRole("button", { name: "Add filter" }));
    const form = screen.getByRole("region", { name: "Add filter" });
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Field" }), "NeedsRecontact");
    await userEvent.click(within(form).getByRole("button", { name: "Add" }));
    expect(await screen.findByText("2 of 3 contacts")).toBeInTheDocument();
    await waitFor(async () => expect(await services.office.roamingSettings.get(KEY)).toMatchObject({ filters: [{ op: "eq", value: true }] }));
    first.unmount();

    renderWith(services);
    expect(await screen.findByText("2 of 3 contacts")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Group by" })).toHaveValue("f:CustomerTier");
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("b:companyName");
    expect(screen.getByRole("button", { name: "Sort direction: Descending" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove filter: Needs re-contact is Yes" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Key, 1 contact" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Regular, 1 contact" })).toBeInTheDocument();
  });

  it("a stored view naming a deleted field, or a condition the field no longer takes, leaves only those parts out", async () => {
    const services = createFakeServices({ contacts: createFakeContactsService({ contacts }) });
    const gone = { column: { field: "DeletedField" }, op: "eq", value: "x" };
    await services.office.roamingSettings.set(KEY, {
      groupBy: { field: "DeletedField" },
      sort: { column: { field: "DeletedField" }, direction: "desc" },
      filters: [gone, { column: { field: "CustomerTier" }, op: "gt", value: 5 }, { column: { field: "CustomerTier" }, op: "eq", value: "key" }],
    });
    renderWith(services);
    expect(await screen.findByText("2 of 3 contacts")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Group by" })).toHaveValue("");
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("b:displayName");
    expect(screen.getAllByRole("button", { name: /^Remove filter: / }).map((b) => b.getAttribute("aria-label"))).toEqual(["Remove filter: Customer tier is Key"]);
    // Removing the chip removes that filter, not the first stored one.
    await userEvent.click(screen.getByRole("button", { name: "Remove filter: Customer tier is Key" }));
    expect(await screen.findByText("3 contacts")).toBeInTheDocument();
    await waitFor(async () => expect(((await services.office.roamingSettings.get(KEY)) as { filters: unknown[] }).filters).toHaveLength(2));
    expect(((await services.office.roamingSettings.get(KEY)) as { filters: unknown[] }).filters[0]).toEqual(gone);
  });

  it("a date group's header reads as the date cells under it", async () => {
    const dated = [person(1, { NextContact: "2026-03-02T12:00:00.000Z" }), person(2, { NextContact: "2026-03-02T12:00:00.000Z" }), person(3, { NextContact: "2026-11-25T12:00:00.000Z" })];
    renderWith(createFakeServices({ contacts: createFakeContactsService({ contacts: dated }) }));
    await userEvent.selectOptions(await screen.findByRole("combobox", { name: "Group by" }), "f:NextContact");
    const list = screen.getByRole("list", { name: "Contacts list" });
    const cells = [...list.querySelectorAll('[data-column="f:NextContact"]')].map((c) => c.textContent);
    expect(cells).toEqual(["Mar 2, 2026", "Mar 2, 2026", "Nov 25, 2026"]);
    expect(screen.getByRole("button", { name: "Mar 2, 2026, 2 contacts" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Nov 25, 2026, 1 contact" })).toBeInTheDocument();
  });

  it("search finds Chinese names by full pinyin, a first syllable and initials; plain text as before", async () => {
    const people: Contact[] = [
      { ...person(1), displayName: "刘洋", companyName: "华信科技有限公司" },
      { ...person(2), displayName: "李明", companyName: "Contoso" },
      { ...person(3), displayName: "Lily Evans", companyName: "Fabrikam" },
    ];
    renderWith(createFakeServices({ contacts: createFakeContactsService({ contacts: people }) }));
    const box = await screen.findByRole("searchbox", { name: "Search contacts" });
    const shown = () => within(screen.getByRole("list", { name: "Contacts list" })).getAllByRole("button", { name: /^Open details of / }).map((b) => b.textContent);
    for (const [term, names] of [
      ["liuyang", ["刘洋"]],
      ["liu", ["刘洋"]],
      ["ly", ["刘洋", "Lily Evans"]],
      ["lm", ["李明"]],
      ["hxkj", ["刘洋"]],
      ["fabrikam", ["Lily Evans"]],
    ] as const) {
      await userEvent.clear(box);
      await userEvent.type(box, term);
      await waitFor(() => expect({ term, names: shown() }).toEqual({ term, names }));
    }
  });
});
