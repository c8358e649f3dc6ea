import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { ArrowDownRegular, ArrowUpRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { FIELD_KINDS, MAX_FIELDS } from "../../domain/schema";
import type { FieldKind } from "../../domain/types";
import { useFieldDesignerStyles } from "./FieldDesigner.styles";
import { useFieldDesigner } from "./useFieldDesigner";

function errorText(
  t: (k: string, o?: Record<string, unknown>) => string,
  e: unknown,
): string | undefined {
  if (!e) return undefined;
  const code =
    typeof e === "object" && e && "code" in e
      ? String((e as { code: unknown }).code)
      : "unknown";
  const params =
    typeof e === "object" && e && "params" in e
      ? (e as { params: Record<string, unknown> }).params
      : {};
  return t(`fieldDesigner.error.${code}`, {
    ...params,
    code,
    defaultValue: t("fieldDesigner.error.unknown", { code }),
  });
}

/** Settings → fields: add, rename, reorder, hide; how to show each one in classic Outlook. */
export function FieldDesigner() {
  const { t, i18n } = useTranslation();
  const uiLocale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const styles = useFieldDesignerStyles();
  const d = useFieldDesigner();
  if (!d.loaded)
    return <Spinner size="tiny" label={t("fieldDesigner.loading")} />;
  const fields = d.schema.fields;
  return (
    <section
      className={styles.root}
      aria-labelledby="field-designer-heading"
      data-testid="field-designer"
    >
      <Subtitle2 as="h3" id="field-designer-heading">
        {t("fieldDesigner.heading")}
      </Subtitle2>
      <Text size={200}>{t("fieldDesigner.intro")}</Text>
      <Caption1>
        {t("fieldDesigner.count", { count: fields.length, max: MAX_FIELDS })}
      </Caption1>
      <ol className={styles.list}>
        {fields.map((f, i) => {
          const name = f.label["en-US"] || f.propertyName;
          const shown = f.label;
          // Every field has a Chinese and an English label input: each is named after its field ("Chinese label of
          // Owner"), so a screen reader's list of form controls tells them apart. The visible label stays short.
          const own = shown[uiLocale] || shown["en-US"] || shown["zh-CN"] || f.propertyName;
          return (
            <li
              key={f.propertyName}
              className={styles.item}
              data-testid={`designer-field-${f.propertyName}`}
            >
              <div className={styles.row}>
                <Field
                  label={t("fieldDesigner.labelZh")}
                  className={styles.grow}
                >
                  <Input
                    className={styles.input}
                    aria-label={t("fieldDesigner.labelZhOf", { name: own })}
                    value={shown["zh-CN"]}
                    onChange={(_e, x) =>
                      d.rename(f.propertyName, "zh-CN", x.value)
                    }
                  />
                </Field>
                <Field
                  label={t("fieldDesigner.labelEn")}
                  className={styles.grow}
                >
                  <Input
                    className={styles.input}
                    aria-label={t("fieldDesigner.labelEnOf", { name: own })}
                    value={shown["en-US"]}
                    onChange={(_e, x) =>
                      d.rename(f.propertyName, "en-US", x.value)
                    }
                  />
                </Field>
              </div>
              <div className={styles.row}>
                <Caption1>
                  {t("fieldDesigner.kind")}:{" "}
                  {t(`fieldDesigner.kinds.${f.kind}`)}
                </Caption1>
                <Checkbox
                  checked={!!f.hidden}
                  label={t("fieldDesigner.hidden")}
                  aria-label={t("fieldDesigner.hide", { name })}
                  onChange={(_e, x) =>
                    d.hide(f.propertyName, x.checked === true)
                  }
                />
                <Button
                  size="small"
                  icon={<ArrowUpRegular />}
                  aria-label={t("fieldDesigner.moveUp", { name })}
                  disabled={i === 0}
                  onClick={() => d.move(f.propertyName, i - 1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownRegular />}
                  aria-label={t("fieldDesigner.moveDown", { name })}
                  disabled={i === fields.length - 1}
                  onClick={() => d.move(f.propertyName, i + 1)}
                />
              </div>
              <Caption1 className={styles.classic}>
                {t("fieldDesigner.classic", {
                  name: f.propertyName,
                  type: t(`fieldDesigner.outlookTypes.${f.kind}`),
                })}
              </Caption1>
            </li>
          );
        })}
      </ol>
      {d.editError !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{errorText(t, d.editError)}</MessageBarBody>
        </MessageBar>
      )}
      <form
        className={styles.add}
        aria-labelledby="field-designer-add"
        onSubmit={(e) => {
          e.preventDefault();
          d.add();
        }}
      >
        <Subtitle2 as="h4" id="field-designer-add">
          {t("fieldDesigner.addHeading")}
        </Subtitle2>
        <Field label={t("fieldDesigner.kind")}>
          <Select
            value={d.form.kind}
            onChange={(_e, x) => d.setForm({ kind: x.value as FieldKind })}
          >
            {FIELD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fieldDesigner.kinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("fieldDesigner.labelZh")}>
          <Input
            className={styles.input}
            value={d.form.zh}
            onChange={(_e, x) => d.setForm({ zh: x.value })}
          />
        </Field>
        <Field label={t("fieldDesigner.labelEn")}>
          <Input
            className={styles.input}
            value={d.form.en}
            onChange={(_e, x) => d.setForm({ en: x.value })}
          />
        </Field>
        {d.form.kind === "choice" && (
          <Field label={t("fieldDesigner.choices")}>
            <Input
              className={styles.input}
              value={d.form.choices}
              onChange={(_e, x) => d.setForm({ choices: x.value })}
            />
          </Field>
        )}
        <Field
          label={t("fieldDesigner.propertyName")}
          validationMessage={errorText(t, d.addError)}
        >
          <Input
            className={styles.input}
            value={d.form.propertyName}
            onChange={(_e, x) => d.setForm({ propertyName: x.value })}
          />
        </Field>
        <Button type="submit">{t("fieldDesigner.add")}</Button>
      </form>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!d.dirty || d.status === "saving"}
          onClick={() => void d.save()}
        >
          {d.status === "saving"
            ? t("fieldDesigner.saving")
            : t("fieldDesigner.save")}
        </Button>
        {d.dirty && (
          <Button onClick={d.discard}>{t("fieldDesigner.discard")}</Button>
        )}
        <span role="status">
          {d.status === "added" && t("fieldDesigner.added")}
          {d.status === "saved" && t("fieldDesigner.saved")}
          {d.status === "idle" && d.dirty && t("fieldDesigner.unsaved")}
          {d.status === "failed" && errorText(t, d.saveError)}
        </span>
      </div>
    </section>
  );
}
