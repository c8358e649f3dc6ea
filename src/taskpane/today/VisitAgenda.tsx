import { Badge, Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { CheckmarkRegular, DismissRegular } from "@fluentui/react-icons";
import { useVisitStrings } from "./useVisitStrings";
import type { AgendaItem } from "../../domain/visitPlan";
import { formatDay } from "../i18n/formatDay";
import { useTodayStyles } from "./Today.styles";
import type { VisitMessage, VisitPlanState } from "./useVisitPlan";
import { VisitForm } from "./VisitForm";

/** Today's and tomorrow's planned visits (每日访问计划表) in time order, with record / move / cancel. */
export function VisitAgenda({ v }: { v: VisitPlanState }) {
  const { t, i18n } = useVisitStrings();
  const styles = useTodayStyles();
  const day = (key: string) => formatDay(key, i18n.language);
  const m = v.message;
  const text = (x: VisitMessage): string => {
    switch (x.kind) {
      case "failed":
        return t("today.visits.failed");
      case "recorded":
        return t("today.visits.recorded", { name: x.name });
      case "cancelled":
        return t("today.visits.cancelled", { name: x.name });
      case "saved":
      case "moved":
        return `${t(x.kind === "moved" ? "today.visits.moved" : "today.visits.saved", { name: x.name, date: day(x.date), time: x.time })}${x.calendarPending ? ` ${t("today.visits.calendarPending")}` : ""}`;
    }
  };

  const item = (x: AgendaItem, isToday: boolean) => {
    const c = x.contact;
    const name = c.displayName || c.emailAddresses[0]?.address || "";
    const done = x.visit.status === "done";
    const busy = !!v.busy[x.visit.id];
    const editing = v.form?.visitId === x.visit.id;
    return (
      <li key={x.visit.id} className={styles.item} data-testid="visit-item">
        <div className={styles.itemHeader}>
          <span className={styles.noWrap}>{x.endTime ? `${x.time}–${x.endTime}` : x.time}</span>
          <span className={styles.name}>{name}</span>
          <Badge appearance="tint" color="brand">
            {t(`history.purposes.${x.visit.purpose}`)}
          </Badge>
          {done && (
            <Badge appearance="filled" color="success" icon={<CheckmarkRegular />}>
              {t("today.visits.done")}
            </Badge>
          )}
          {v.calendarOn && x.visit.event && !done && (
            <Badge appearance="outline" color="informative">
              {t("today.visits.onCalendar")}
            </Badge>
          )}
        </div>
        {(x.visit.area || c.companyName) && <span className={styles.meta}>{[x.visit.area, c.companyName].filter(Boolean).join(" · ")}</span>}
        {x.visit.note && <span className={styles.meta}>{x.visit.note}</span>}
        {!done && !editing && (
          <div className={styles.actions}>
            {isToday && (
              <Button appearance="primary" size="small" icon={busy ? <Spinner size="extra-tiny" /> : <CheckmarkRegular />} disabled={busy} aria-label={t("today.visits.recordFor", { name })} onClick={() => void v.onRecord(x)}>
                {t("today.visits.record")}
              </Button>
            )}
            <Button size="small" disabled={busy} aria-label={t("today.visits.moveFor", { name })} onClick={() => v.onOpenForm(c, x.visit.id)}>
              {t("today.visits.move")}
            </Button>
            <Button size="small" icon={<DismissRegular />} disabled={busy} aria-label={t("today.visits.cancelFor", { name })} onClick={() => void v.onCancel(x)}>
              {t("today.visits.cancel")}
            </Button>
          </div>
        )}
        {editing && <VisitForm contact={c} visit={x.visit} onDone={(r) => v.onFormDone(c, r, true)} onClose={v.onCloseForm} />}
      </li>
    );
  };

  return (
    <section className={styles.section} aria-labelledby="today-visits-heading">
      <h2 id="today-visits-heading" className={styles.subheading}>
        {t("today.visits.heading", { date: day(v.today) })}
      </h2>
      <div role="status">
        {m && (
          <MessageBar intent={m.kind === "failed" ? "error" : m.kind === "saved" || m.kind === "moved" ? (m.calendarPending ? "warning" : "success") : "success"}>
            <MessageBarBody>{text(m)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {v.status === "loading" ? (
        <Spinner size="tiny" />
      ) : v.status === "failed" ? (
        <span className={styles.meta}>{t("today.visits.loadFailed")}</span>
      ) : v.agenda.length === 0 ? (
        <span className={styles.meta}>{t("today.visits.empty")}</span>
      ) : (
        <ul className={styles.list} aria-labelledby="today-visits-heading">
          {v.agenda.map((x) => item(x, true))}
        </ul>
      )}
      <h3 id="tomorrow-visits-heading" className={styles.subheading}>
        {t("today.visits.tomorrowHeading", { date: day(v.tomorrow) })}
      </h3>
      {v.tomorrowAgenda.length === 0 ? (
        <span className={styles.meta}>{t("today.visits.tomorrowEmpty")}</span>
      ) : (
        <ul className={styles.list} aria-labelledby="tomorrow-visits-heading">
          {v.tomorrowAgenda.map((x) => item(x, false))}
        </ul>
      )}
    </section>
  );
}
