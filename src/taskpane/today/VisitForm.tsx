import { Button, Field, Input, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useState } from "react";
import { useVisitStrings } from "./useVisitStrings";
import { useSalesService, type Contact, type VisitResult } from "../../app";
import { addDays, localDateKey } from "../../domain/dates";
import { isoToLocalDateTime, PURPOSES, type Purpose } from "../../domain/history";
import type { Locale } from "../../domain/types";
import { MAX_AREA_LENGTH, MAX_VISIT_NOTE_LENGTH, VisitError, type PlannedVisit, type VisitErrorCode } from "../../domain/visitPlan";
import { useTodayStyles } from "./Today.styles";
import { useSalesSettings } from "./useSalesSettings";

/**
 * Plan a visit to a customer (每日访问计划表: day, time or range, purpose from the handbook's list, area defaulting
 * to the business city), or move a planned one. Validation is the domain's (VisitError codes → messages); nothing
 * is written on an error. With the calendar option on, the visit also lands on the Outlook calendar.
 */
export function VisitForm(props: { contact: Contact; visit?: PlannedVisit; onDone: (r: VisitResult) => void; onClose: () => void }) {
  const { t, i18n } = useVisitStrings();
  const styles = useTodayStyles();
  const sales = useSalesService();
  const { settings } = useSalesSettings();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const { contact, visit } = props;
  const name = contact.displayName || contact.emailAddresses[0]?.address || "";
  const tz = sales.timeZone;
  const start = visit ? isoToLocalDateTime(visit.start, tz) : undefined;
  const [date, setDate] = useState(start?.slice(0, 10) ?? localDateKey(addDays(sales.now(), 1), tz));
  const [time, setTime] = useState(start?.slice(11) ?? "10:00");
  const [endTime, setEndTime] = useState(visit?.end ? isoToLocalDateTime(visit.end, tz).slice(11) : "");
  const [purpose, setPurpose] = useState<Purpose>(visit?.purpose ?? "other");
  const [area, setArea] = useState(visit?.area ?? contact.businessCity ?? "");
  const [note, setNote] = useState(visit?.note ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<VisitErrorCode | "failed" | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const cal = { calendarOn: settings.calendarOn, locale };
    try {
      const r = visit
        ? await sales.visits.move(contact, visit.id, { date, time, endTime }, cal)
        : await sales.visits.plan(contact, { date, time, endTime, purpose, area, note }, cal);
      props.onDone(r);
    } catch (e) {
      setError(e instanceof VisitError ? e.code : "failed");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.form}
      aria-label={t("today.visits.form.title", { name })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className={styles.row}>
        <Field label={t("today.visits.form.date")}>
          <Input type="date" value={date} onChange={(_e, d) => setDate(d.value)} />
        </Field>
        <Field label={t("today.visits.form.time")}>
          <Input type="time" value={time} onChange={(_e, d) => setTime(d.value)} />
        </Field>
        <Field label={t("today.visits.form.endTime")}>
          <Input type="time" value={endTime} onChange={(_e, d) => setEndTime(d.value)} />
        </Field>
      </div>
      {!visit && (
        <>
          <Field label={t("today.visits.form.purpose")}>
            <Select value={purpose} onChange={(_e, d) => setPurpose(d.value as Purpose)}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`history.purposes.${p}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("today.visits.form.area")}>
            <Input value={area} maxLength={MAX_AREA_LENGTH} onChange={(_e, d) => setArea(d.value)} />
          </Field>
          <Field label={t("today.visits.form.note")}>
            <Input value={note} maxLength={MAX_VISIT_NOTE_LENGTH} onChange={(_e, d) => setNote(d.value)} />
          </Field>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error === "failed" ? t("today.visits.failed") : t(`today.visits.errors.${error}`)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {visit ? t("today.visits.form.saveMove") : t("today.visits.form.save")}
        </Button>
        <Button onClick={props.onClose}>{t("today.visits.form.close")}</Button>
      </div>
    </form>
  );
}

export default VisitForm;
