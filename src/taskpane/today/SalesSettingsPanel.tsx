import { Button, Field, Input, MessageBar, MessageBarBody, Switch } from "@fluentui/react-components";
import { useVisitStrings } from "./useVisitStrings";
import { useTodayStyles } from "./Today.styles";
import { useSalesSettingsForm, type SettingsDraft } from "./useSalesSettingsForm";

type DayKey = "key" | "regular" | "potential" | "lapseDays" | "warnDays";

/** Settings → "Follow-up and claims": cadence per tier, claim lapse and warning, reminders, report recipient. */
export function SalesSettingsPanel() {
  const { t } = useVisitStrings();
  const styles = useTodayStyles();
  const f = useSalesSettingsForm();
  const dayInput = (k: DayKey, label: string) => (
    <Field label={label} validationState={f.invalid.days ? "error" : "none"}>
      <Input
        className={styles.number}
        type="number"
        inputMode="numeric"
        min={k === "warnDays" ? 0 : 1}
        max={365}
        value={f.draft[k]}
        onChange={(e, data) => f.onChange(e, { [k]: data.value } as Partial<SettingsDraft>)}
      />
    </Field>
  );
  return (
    <section className={styles.form} aria-labelledby="sales-settings-heading">
      <h2 id="sales-settings-heading" className={styles.subheading}>
        {t("today.settings.heading")}
      </h2>
      <fieldset className={styles.fieldset}>
        <legend className={styles.meta}>{t("today.settings.cadence")}</legend>
        <div className={styles.row}>
          {dayInput("key", t("today.settings.cadenceKey"))}
          {dayInput("regular", t("today.settings.cadenceRegular"))}
          {dayInput("potential", t("today.settings.cadencePotential"))}
        </div>
      </fieldset>
      <div className={styles.row}>
        {dayInput("lapseDays", t("today.settings.lapseDays"))}
        {dayInput("warnDays", t("today.settings.warnDays"))}
      </div>
      {f.invalid.days && (
        <MessageBar intent="error">
          <MessageBarBody>{t("today.settings.daysInvalid")}</MessageBarBody>
        </MessageBar>
      )}
      <Field hint={t("today.settings.remindersHint")}>
        <Switch
          label={t("today.settings.reminders")}
          checked={f.draft.remindersOn}
          onChange={(e, data) => f.onChange(e, { remindersOn: data.checked })}
        />
      </Field>
      <Field hint={t("today.settings.calendarHint")}>
        <Switch label={t("today.settings.calendar")} checked={f.draft.calendarOn} onChange={(e, data) => f.onChange(e, { calendarOn: data.checked })} />
      </Field>
      <Field
        label={t("today.settings.manager")}
        validationState={f.invalid.manager ? "error" : "none"}
        validationMessage={f.invalid.manager ? t("today.settings.managerInvalid") : undefined}
      >
        <Input type="email" value={f.draft.managerAddress} onChange={(e, data) => f.onChange(e, { managerAddress: data.value })} />
      </Field>
      <Field hint={t("today.settings.flagMirrorHint")}>
        <Switch
          label={t("today.settings.flagMirror")}
          checked={f.draft.flagMirrorOn}
          onChange={(e, data) => f.onChange(e, { flagMirrorOn: data.checked })}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={f.invalid.days || f.invalid.manager || f.status === "saving"} onClick={() => void f.onSave()}>
          {t("today.settings.save")}
        </Button>
        {f.status === "saved" && <span role="status">{t("today.settings.saved")}</span>}
      </div>
      {f.status === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{t("today.settings.saveFailed")}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
