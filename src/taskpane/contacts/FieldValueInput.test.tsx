import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { FieldDefinition } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { FieldValueInput, type FieldValueInputProps } from "./FieldValueInput";

const field = (name: string) => DEFAULT_SCHEMA.fields.find((f) => f.propertyName === name)!;
const tier = field("CustomerTier");
const vip = field("NeedsRecontact");
const due = field("NextContact");

function renderInput(props: Partial<FieldValueInputProps> & { field: FieldDefinition }) {
  const onChange = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n("en-US")}>
        <label>
          Value
          <FieldValueInput value="" onChange={onChange} locale="en-US" {...props} />
        </label>
      </I18nextProvider>
    </FluentProvider>,
  );
  return onChange;
}

const optionNames = () => screen.getAllByRole("option").map((o) => o.textContent);

it("yes/no: a blank choice only when the value may be empty; an empty value otherwise shows as yes", () => {
  renderInput({ field: vip });
  expect(optionNames()).toEqual(["Yes", "No"]);
  expect(screen.getByRole("combobox", { name: "Value" })).toHaveValue("true");
});

it("yes/no with allowEmpty starts blank", () => {
  renderInput({ field: vip, allowEmpty: true });
  expect(optionNames()).toEqual(["", "Yes", "No"]);
  expect(screen.getByRole("combobox", { name: "Value" })).toHaveValue("");
});

it("choice: the field's choices in the locale, and a pick reports the stored value", async () => {
  const onChange = renderInput({ field: tier });
  expect(optionNames()).toEqual(["", "Key", "Regular", "Potential"]);
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Value" }), "Regular");
  expect(onChange).toHaveBeenLastCalledWith(expect.anything(), { value: "regular" });
});

it("choice as free text (to add or remove a value), with the placeholder", async () => {
  const onChange = renderInput({ field: tier, choiceList: false, placeholder: "a value" });
  await userEvent.type(screen.getByRole("textbox", { name: "Value" }), "x");
  expect(onChange).toHaveBeenLastCalledWith(expect.anything(), { value: "x" });
  expect(screen.getByRole("textbox", { name: "Value" })).toHaveAttribute("placeholder", "a value");
});

it("dates get a date input", () => {
  renderInput({ field: due });
  expect(screen.getByLabelText("Value")).toHaveAttribute("type", "date");
});
