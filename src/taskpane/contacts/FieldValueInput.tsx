import { Input, Select } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { FieldDefinition, Locale } from "../../domain/types";
import { useContactListStyles } from "./ContactList.styles";

export interface FieldValueInputProps {
  field: FieldDefinition;
  value: string;
  onChange: (event: unknown, data: { value: string }) => void;
  locale: Locale;
  /** Yes/no with a blank choice first (the value may be empty); without it an empty value shows as "yes". */
  allowEmpty?: boolean;
  /** Choice fields as a list of their choices (default); false: free text, e.g. to add or remove a keyword. */
  choiceList?: boolean;
  placeholder?: string;
}

/**
 * The value control for one custom field, by its kind: a yes/no list, the field's choices, or a date, number or
 * text input. Shared by the filter form and the bulk editor; the caller wraps it in a labelled Field.
 */
export function FieldValueInput({ field, value, onChange, locale, allowEmpty = false, choiceList = true, placeholder }: FieldValueInputProps) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  if (field.kind === "yesno") {
    return (
      <Select value={allowEmpty ? value : value || "true"} onChange={(e, d) => onChange(e, { value: d.value })}>
        {allowEmpty && <option value="" />}
        <option value="true">{t("contactList.yes")}</option>
        <option value="false">{t("contactList.no")}</option>
      </Select>
    );
  }
  if (field.kind === "choice" && choiceList) {
    return (
      <Select value={value} onChange={(e, d) => onChange(e, { value: d.value })}>
        <option value="" />
        {(field.choices ?? []).map((c) => (
          <option key={c.value} value={c.value}>
            {c.label[locale]}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      className={styles.fillInput}
      type={field.kind === "date" ? "date" : field.kind === "number" ? "number" : "text"}
      value={value}
      onChange={(e, d) => onChange(e, { value: d.value })}
      placeholder={placeholder}
    />
  );
}
