import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import type { FieldDefinition } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { FieldValueInput, type FieldValueInputProps } from "./FieldValueInput";

const stage: FieldDefinition = {
  propertyName: "Stage",
  kind: "choice",
  label: { "en-US": "Stage", "zh-CN": "阶段" },
  choices: [
    { value: "lead", label: { "en-US": "Lead", "zh-CN": "线索" } },
    { value: "won", label: { "en-US": "Won", "zh-CN": "成交" } },
  ],
};
const vip: FieldDefinition = { propertyName: "Vip", kind: "yesno", label: { "en-US": "VIP", "zh-CN": "重要" } };
const due: FieldDefinition = { propertyName: "Due", kind: "date", label: { "en-US": "Due", "zh-CN": "到期" } };

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
  const onChange = renderInput({ field: stage });
  expect(optionNames()).toEqual(["", "Lead", "Won"]);
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Value" }), "Won");
  expect(onChange).toHaveBeenLastCalledWith(expect.anything(), { value: "won" });
});

it("choice as free text (to add or remove a value), with the placeholder", async () => {
  const onChange = renderInput({ field: stage, choiceList: false, placeholder: "a value" });
  await userEvent.type(screen.getByRole("textbox", { name: "Value" }), "x");
  expect(onChange).toHaveBeenLastCalledWith(expect.anything(), { value: "x" });
  expect(screen.getByRole("textbox", { name: "Value" })).toHaveAttribute("placeholder", "a value");
});

it("dates get a date input", () => {
  renderInput({ field: due });
  expect(screen.getByLabelText("Value")).toHaveAttribute("type", "date");
});
