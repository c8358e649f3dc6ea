import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { webcrypto } from "node:crypto";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider } from "../../app";
import { createFakeContactsService } from "../../app/testing/fakeContactsService";
import { createFakeServices } from "../../app/testing/fakeServices";
import { createI18n } from "../i18n/createI18n";
import { FieldDesigner } from "./FieldDesigner";

jest.setTimeout(30_000);

beforeAll(() => {
  if (!globalThis.crypto?.getRandomValues) Object.defineProperty(globalThis, "crypto", { value: webcrypto });
});

function renderDesigner(lang: "en-US" | "zh-CN" = "en-US") {
  const contacts = createFakeContactsService({ contacts: [] });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n(lang)}>
        <ServicesProvider services={createFakeServices({ contacts })}>
          <FieldDesigner />
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
  return contacts;
}

describe("FieldDesigner", () => {
  it("lists the fields with how to show each in classic Outlook", async () => {
    renderDesigner();
    expect(await screen.findByRole("heading", { name: "Contact fields" })).toBeInTheDocument();
    expect(screen.getByText("Classic Outlook: Field Chooser → New… a user-defined field named “NeedsRecontact” of type Yes/No.")).toBeInTheDocument();
    expect(screen.getByText("Classic Outlook: Field Chooser → New… a user-defined field named “LastContacted” of type Date/Time.")).toBeInTheDocument();
  });

  it("refuses a name that is one of Outlook's own fields, then adds a choice field and saves the schema on the folder", async () => {
    const contacts = renderDesigner();
    const form = await screen.findByRole("form", { name: "Add a field" });
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Type" }), "choice");
    await userEvent.type(within(form).getByRole("textbox", { name: "Chinese label" }), "地区");
    await userEvent.type(within(form).getByRole("textbox", { name: "English label" }), "Region");
    await userEvent.type(within(form).getByRole("textbox", { name: "Choices (comma-separated)" }), "North, South");
    await userEvent.type(within(form).getByRole("textbox", { name: /Name in classic Outlook/ }), "Keywords");
    await userEvent.click(within(form).getByRole("button", { name: "Add field" }));
    expect(await within(form).findByText("“Keywords” is one of Outlook's own fields. Choose another name.")).toBeInTheDocument();
    await userEvent.clear(within(form).getByRole("textbox", { name: /Name in classic Outlook/ }));
    await userEvent.type(within(form).getByRole("textbox", { name: /Name in classic Outlook/ }), "SalesRegion");
    await userEvent.click(within(form).getByRole("button", { name: "Add field" }));
    expect(screen.getByText(/named “SalesRegion” of type Text/)).toBeInTheDocument();
    expect(contacts.calls).toHaveLength(0); // nothing stored until saved
    await userEvent.click(screen.getByRole("button", { name: "Move Region up" }));
    await userEvent.click(screen.getByRole("button", { name: "Save fields" }));
    expect(await screen.findByText("Fields saved on your Contacts folder.")).toBeInTheDocument();
    const saved = contacts.snapshot().schema.fields;
    expect(saved.map((f) => f.propertyName).slice(-2)).toEqual(["SalesRegion", "NextContact"]);
    expect(saved.find((f) => f.propertyName === "SalesRegion")).toMatchObject({ kind: "choice", label: { "zh-CN": "地区", "en-US": "Region" }, choices: [{ value: "c1" }, { value: "c2" }] });
  });

  it("names each field's label inputs after the field, in both languages", async () => {
    renderDesigner("en-US");
    await screen.findByTestId("designer-field-CustomerTier");
    const names = screen.getAllByRole("textbox").map((el) => el.getAttribute("aria-label") ?? "");
    const perField = names.filter((n) => / label of /.test(n));
    // Two per field, none shared (they were all just "Chinese label" / "English label").
    expect(new Set(perField).size).toBe(perField.length);
    expect(perField).toEqual(expect.arrayContaining(["Chinese label of Customer tier", "English label of Customer tier", "Chinese label of Owner"]));
    expect(screen.getByRole("textbox", { name: "English label of Needs re-contact" })).toHaveValue("Needs re-contact");
    cleanup();
    renderDesigner("zh-CN");
    expect(await screen.findByRole("textbox", { name: "客户类别的中文名称" })).toHaveValue("客户类别");
  });

  it("renames a label and hides a field; an empty label is refused with a message", async () => {
    const contacts = renderDesigner("zh-CN");
    const item = await screen.findByTestId("designer-field-CustomerTier");
    const en = within(item).getByRole("textbox", { name: "客户类别的英文名称" });
    await userEvent.type(en, "!");
    await userEvent.click(within(item).getByRole("checkbox", { name: /隐藏/ }));
    await userEvent.click(screen.getByRole("button", { name: "保存字段" }));
    const tier = contacts.snapshot().schema.fields.find((f) => f.propertyName === "CustomerTier")!;
    expect(tier).toMatchObject({ hidden: true, label: { "en-US": "Customer tier!" } });
    await userEvent.clear(within(screen.getByTestId("designer-field-Owner")).getByRole("textbox", { name: /的中文名称$/ }));
    expect(await screen.findByText("请输入名称。")).toBeInTheDocument();
  });
});
