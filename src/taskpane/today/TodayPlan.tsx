import { Badge, Button, Field, MessageBar, MessageBarBody, Spinner, Textarea } from "@fluentui/react-components";
import { CalendarCheckmarkRegular, CheckmarkRegular, MailRegular } from "@fluentui/react-icons";
import { useVisitStrings } from "./useVisitStrings";
import type { PlanItem } from "../../domain/dailyPlan";
import { fieldByRole } from "../../domain/schema";
import type { FieldSchema } from "../../domain/types";
import { formatDay } from "../i18n/formatDay";
import { EmptyState } from "../shell/EmptyState";
import { useTodayStyles } from "./Today.styles";
import { ReportTextsFields } from "./ReportTextsFields";
import { useToday, type ItemMessage } from "./useToday";
import { useVisitPlan } from "./useVisitPlan";
import { VisitAgenda } from "./VisitAgenda";
import { VisitForm } from "./VisitForm";

const TIERS = ["key", "regular", "potential"] as const;

function tierOf(item: PlanItem, schema: FieldSchema): string | null {
  const f = fieldByRole(schema, "tier");
  const v = f ? item.contact.fields[f.propertyName] : null;
  return typeof v === "string" && (TIERS as readonly string[]).includes(v) ? v : null;
}

/** Today's plan: one card per customer to call, a note and "Contacted"; then who was contacted and the report. */
export function TodayPlan() {
  const { t, i18n } = useVisitStrings();
  const styles = useTodayStyles();
  const s = useToday();
  const v = useVisitPlan(s.mine, s.schema, s.notes);
  const day = (key: string) => formatDay(key, i18n.language);

  if (s.status === "loading") return <Spinner size="small" label={t("today.loading")} />;
  if (s.status === "error") {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t("today.error")}{" "}
          <Button size="small" onClick={s.retry}>
            {t("today.retry")}
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }

  const message = (name: string, m: ItemMessage | undefined) => {
    if (!m) return null;
    if (m.kind === "failed") {
      return (
        <MessageBar intent="error">
          <MessageBarBody>{t("today.writeFailed", { name })}</MessageBarBody>
        </MessageBar>
      );
    }
    return (
      <MessageBar intent={m.reminderFailed ? "warning" : "success"}>
        <MessageBarBody>
          {t("today.contactedDone", { name, date: m.next ? day(m.next) : "—" })}
          {m.reminder ? ` ${t("today.reminderSet", { date: day(m.reminder) })}` : ""}
          {m.reminderFailed ? ` ${t("today.reminderFailed")}` : ""}
        </MessageBarBody>
      </MessageBar>
    );
  };

  const justContacted = s.contactedToday.filter((r) => s.messages[r.contactId]);

  return (
    <div className={styles.root}>
      <VisitAgenda v={v} />
      <section className={styles.section} aria-labelledby="today-plan-heading">
        <h2 id="today-plan-heading" className={styles.heading}>
          {t("today.planHeading", { date: day(s.today) })}
        </h2>
        {justContacted.map((r) => (
          <div key={r.contactId}>{message(r.name, s.messages[r.contactId])}</div>
        ))}
        {s.plan.length === 0 ? (
          <EmptyState icon={<CalendarCheckmarkRegular />} title={t("today.emptyTitle")} body={t("today.emptyBody")} />
        ) : (
          <>
            <span className={styles.count}>{t("today.count", { count: s.plan.length })}</span>
            <ul className={styles.list} aria-labelledby="today-plan-heading">
              {s.plan.map((item) => {
                const c = item.contact;
                const name = c.displayName || c.emailAddresses[0]?.address || "";
                const tier = tierOf(item, s.schema);
                const busy = !!s.busy[c.id];
                return (
                  <li key={c.id} className={styles.item} data-testid="plan-item">
                    <div className={styles.itemHeader}>
                      <span className={styles.name}>{name}</span>
                      {item.status === "overdue" ? (
                        <Badge appearance="tint" color="danger">
                          {t("today.overdue", { count: item.daysOverdue })}
                        </Badge>
                      ) : item.status === "dueToday" ? (
                        <Badge appearance="tint" color="warning">
                          {t("today.dueToday")}
                        </Badge>
                      ) : (
                        <Badge appearance="tint" color="informative">
                          {t("today.flaggedNoDate")}
                        </Badge>
                      )}
                      {tier && (
                        <Badge appearance="outline" color={tier === "key" ? "brand" : "informative"}>
                          {t(`today.tier.${tier}`)}
                        </Badge>
                      )}
                    </div>
                    {(c.companyName || c.emailAddresses[0]) && (
                      <span className={styles.meta}>
                        {[c.companyName, c.emailAddresses[0]?.address].filter(Boolean).join(" · ")}
                      </span>
                    )}
                    {s.messages[c.id]?.kind === "failed" && message(name, s.messages[c.id])}
                    <Field label={t("today.note")} className={styles.note}>
                      <Textarea
                        aria-label={t("today.noteFor", { name })}
                        placeholder={t("today.notePlaceholder")}
                        value={s.notes[c.id] ?? ""}
                        resize="vertical"
                        onChange={(e, data) => s.onNoteChange(e, { contactId: c.id, value: data.value })}
                        onBlur={s.onNoteCommit}
                      />
                    </Field>
                    <div className={styles.actions}>
                      <Button
                        appearance="primary"
                        icon={busy ? <Spinner size="extra-tiny" /> : <CheckmarkRegular />}
                        disabled={busy}
                        aria-label={t("today.contactedFor", { name })}
                        onClick={(e) => void s.onContacted(e, { contact: c })}
                      >
                        {busy ? t("today.saving") : t("today.contacted")}
                      </Button>
                      <Button aria-label={t("today.visits.planFor", { name })} onClick={() => v.onOpenForm(c)}>
                        {t("today.visits.plan")}
                      </Button>
                    </div>
                    {v.form && !v.form.visitId && v.form.contact.id === c.id && <VisitForm contact={c} onDone={(r) => v.onFormDone(c, r, false)} onClose={v.onCloseForm} />}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="today-report-heading">
        <h2 id="today-report-heading" className={styles.subheading}>
          {t("today.reportHeading")} ({s.contactedToday.length})
        </h2>
        {s.contactedToday.length === 0 ? (
          <span className={styles.meta}>{t("today.reportEmpty")}</span>
        ) : (
          <ul className={styles.list} aria-labelledby="today-report-heading">
            {s.contactedToday.map((r) => (
              <li key={r.contactId} className={styles.item} data-testid="report-item">
                <span className={styles.name}>{r.name}</span>
                {r.company && <span className={styles.meta}>{r.company}</span>}
                <Field label={t("today.note")} className={styles.note}>
                  <Textarea
                    aria-label={t("today.noteFor", { name: r.name })}
                    placeholder={t("today.notePlaceholder")}
                    value={s.notes[r.contactId] ?? ""}
                    resize="vertical"
                    onChange={(e, data) => s.onNoteChange(e, { contactId: r.contactId, value: data.value })}
                    onBlur={s.onNoteCommit}
                  />
                </Field>
              </li>
            ))}
          </ul>
        )}
        {!s.managerAddress && (
          <MessageBar intent="info">
            <MessageBarBody>{t("today.reportNoManager")}</MessageBarBody>
          </MessageBar>
        )}
        <ReportTextsFields texts={s.texts} onChange={s.onTextChange} />
        <div className={styles.actions}>
          <Button icon={<MailRegular />} disabled={s.report.kind === "busy"} onClick={() => void s.onDraftReport(v.tomorrowForReport)}>
            {t("today.reportButton")}
          </Button>
        </div>
        {s.report.kind === "drafted" && (
          <MessageBar intent="success">
            <MessageBarBody>{t("today.reportDrafted", { count: s.report.rows })}</MessageBarBody>
          </MessageBar>
        )}
        {s.report.kind === "failed" && (
          <MessageBar intent="error">
            <MessageBarBody>{t("today.reportFailed")}</MessageBarBody>
          </MessageBar>
        )}
      </section>
    </div>
  );
}
