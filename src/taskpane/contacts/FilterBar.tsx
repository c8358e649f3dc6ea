import { Button, Field, Select } from "@fluentui/react-components";
import { DismissRegular, FilterAddRegular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Condition, ConditionOp } from "../../domain/contactQuery";
import type { FieldDefinition, FieldKind, Locale } from "../../domain/types";
import { useContactListStyles } from "./ContactList.styles";
import { FieldValueInput } from "./FieldValueInput";
import { fieldLabel } from "./fieldText";

const OPS_BY_KIND: Record<FieldKind, ConditionOp[]> = {
  text: ["contains", "eq", "isEmpty", "notEmpty"],
  choice: ["eq", "ne", "isEmpty", "notEmpty"],
  yesno: ["eq"],
  number: ["eq", "gt", "lt", "isEmpty", "notEmpty"],
  date: ["before", "after", "isEmpty", "notEmpty"],
  keywords: ["hasKeyword", "isEmpty", "notEmpty"],
};

function needsValue(op: ConditionOp): boolean {
  return op !== "isEmpty" && op !== "notEmpty";
}

/** Builds a domain Condition from the form; undefined while incomplete. */
function toCondition(
  field: FieldDefinition,
  op: ConditionOp,
  raw: string,
): Condition | undefined {
  const column = { field: field.propertyName };
  if (!needsValue(op)) return { column, op: op as "isEmpty" | "notEmpty" };
  if (raw.trim() === "") return undefined;
  switch (op) {
    case "eq":
    case "ne":
      if (field.kind === "yesno") return { column, op, value: raw === "true" };
      if (field.kind === "number")
        return Number.isFinite(Number(raw))
          ? { column, op, value: Number(raw) }
          : undefined;
      return { column, op, value: raw };
    case "gt":
    case "lt":
      return Number.isFinite(Number(raw))
        ? { column, op, value: Number(raw) }
        : undefined;
    case "before":
    case "after":
      return { column, op, value: raw };
    case "contains":
    case "hasKeyword":
      return { column, op, value: raw };
    default:
      return undefined;
  }
}

export function describeCondition(
  c: Condition,
  fields: FieldDefinition[],
  locale: Locale,
  t: (k: string) => string,
): string {
  const f =
    "field" in c.column
      ? fields.find(
          (x) => x.propertyName === (c.column as { field: string }).field,
        )
      : undefined;
  const name = f ? fieldLabel(f, locale) : "";
  if (!("value" in c)) return `${name} ${t(`contactList.op.${c.op}`)}`;
  let v = String(c.value);
  if (f?.kind === "yesno")
    v = c.value === true ? t("contactList.yes") : t("contactList.no");
  if (f?.kind === "choice")
    v = f.choices?.find((o) => o.value === c.value)?.label[locale] ?? v;
  return `${name} ${t(`contactList.op.${c.op}`)} ${v}`;
}

export function FilterBar(props: {
  fields: FieldDefinition[];
  filters: Condition[];
  locale: Locale;
  onAdd: (e: unknown, data: { condition: Condition }) => void;
  onRemove: (e: unknown, data: { index: number }) => void;
  onClear: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  const [open, setOpen] = useState(false);
  const [fieldName, setFieldName] = useState(
    props.fields[0]?.propertyName ?? "",
  );
  const field =
    props.fields.find((f) => f.propertyName === fieldName) ?? props.fields[0];
  const ops = field ? OPS_BY_KIND[field.kind] : [];
  const [op, setOp] = useState<ConditionOp>(ops[0] ?? "eq");
  const effectiveOp = ops.includes(op) ? op : (ops[0] ?? "eq");
  const [value, setValue] = useState("");
  const condition = useMemo(
    () =>
      field
        ? toCondition(
            field,
            effectiveOp,
            field.kind === "yesno" && !value ? "true" : value,
          )
        : undefined,
    [field, effectiveOp, value],
  );

  return (
    <div className={styles.chips}>
      <Button
        size="small"
        icon={<FilterAddRegular />}
        aria-expanded={open}
        aria-controls="contacts-add-filter"
        onClick={() => setOpen((o) => !o)}
      >
        {t("contactList.addFilter")}
      </Button>
      {open && (
        // Inline (not a popover): nothing to portal or trap at 320 px, and Escape closes it.
        <section
          id="contacts-add-filter"
          aria-label={t("contactList.addFilter")}
          className={styles.filterForm}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          <div className={styles.panel}>
            <Field label={t("contactList.filterField")}>
              <Select
                value={field?.propertyName ?? ""}
                onChange={(_e, d) => {
                  setFieldName(d.value);
                  setValue("");
                }}
              >
                {props.fields.map((f) => (
                  <option key={f.propertyName} value={f.propertyName}>
                    {fieldLabel(f, props.locale)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("contactList.filterOp")}>
              <Select
                value={effectiveOp}
                onChange={(_e, d) => setOp(d.value as ConditionOp)}
              >
                {ops.map((o) => (
                  <option key={o} value={o}>
                    {t(`contactList.op.${o}`)}
                  </option>
                ))}
              </Select>
            </Field>
            {field && needsValue(effectiveOp) && (
              <Field label={t("contactList.filterValue")}>
                <FieldValueInput field={field} value={value} onChange={(_e, d) => setValue(d.value)} locale={props.locale} />
              </Field>
            )}
            <Button
              appearance="primary"
              disabled={!condition}
              onClick={(e) => {
                if (!condition) return;
                props.onAdd(e, { condition });
                setOpen(false);
                setValue("");
              }}
            >
              {t("contactList.applyFilter")}
            </Button>
          </div>
        </section>
      )}
      {props.filters.map((c, i) => {
        const text = describeCondition(c, props.fields, props.locale, t);
        return (
          <Button
            key={`${i}-${text}`}
            size="small"
            shape="circular"
            icon={<DismissRegular />}
            iconPosition="after"
            aria-label={t("contactList.removeFilter", { text })}
            onClick={(e) => props.onRemove(e, { index: i })}
          >
            {text}
          </Button>
        );
      })}
      {props.filters.length > 1 && (
        <Button
          size="small"
          appearance="subtle"
          onClick={(e) => props.onClear(e)}
        >
          {t("contactList.clearFilters")}
        </Button>
      )}
    </div>
  );
}
