import { Field, Select } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../domain/types";
import { CsvImport } from "../csvImport/CsvImport";
import { SalesSettingsPanel } from "../today/SalesSettingsPanel";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { FieldDesigner } from "./FieldDesigner";
import { useSettingsStyles } from "./SettingsView.styles";
import { LANGUAGE_NAMES, useSettings } from "./useSettings";

/** Who is signed in, the pane's language and what this Outlook supports. The field designer comes here. */
export function SettingsView() {
  const { t } = useTranslation();
  const styles = useSettingsStyles();
  const s = useSettings();
  return (
    <section className={styles.root} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className={styles.heading}>
        {t("settings.heading")}
      </h2>
      <dl className={styles.fields}>
        <dt className={styles.term}>{t("settings.signedInAs")}</dt>
        <dd className={styles.definition} data-testid="settings-user">
          {s.user.displayName} ({s.user.emailAddress})
        </dd>
        <dt className={styles.term}>{t("settings.theme")}</dt>
        <dd className={styles.definition}>{s.theme === "dark" ? t("settings.themeDark") : t("settings.themeLight")}</dd>
        <dt className={styles.term}>{t("settings.multiSelect")}</dt>
        <dd className={styles.definition}>{s.multiSelect ? t("settings.multiSelectYes") : t("settings.multiSelectNo")}</dd>
        <dt className={styles.term}>{t("settings.build")}</dt>
        <dd className={styles.definition}>{s.demo ? t("settings.buildDemo") : t("settings.buildProduction")}</dd>
      </dl>
      <Field label={t("settings.language")}>
        <Select
          className={styles.select}
          value={s.language}
          onChange={(_e, data) => s.setLanguage(data.value as Locale)}
          data-testid="settings-language"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
      <FieldDesigner />
      {/* Importing into my own contacts is everyone's (it lived in the Team view, which only managers see now). */}
      <CsvImport />
      <SalesSettingsPanel />
      <DiagnosticsPanel />
    </section>
  );
}
