import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text, Textarea } from "@fluentui/react-components";
import { HistoryRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../app";
import { CHANNELS, isBackdated, MAX_BACKDATE_DAYS, MAX_NEXT_STEP_LENGTH, MAX_OUTCOME_LENGTH, PURPOSES, type Channel, type Purpose } from "../../domain/history";
import { useHistoryStyles } from "./ContactHistory.styles";
import { useContactHistory } from "./useContactHistory";
import complaintsEnUS from "./complaints.strings.en-US.json";
import complaintsZhCN from "./complaints.strings.zh-CN.json";

/**
 * A customer's contact history (客户洽谈记录, issue 13), newest first: when, channel, purpose, outcome, next
 * step, who; backdated entries show when they were recorded; complaints show open/closed. With `readOnly`
 * false (my own customer) a form records a new contact, backdated up to 7 days.
 */
export function ContactHistory({ contact, readOnly = false }: { contact: Pick<Contact, "id" | "mailbox" | "displayName"> & Partial<Contact>; readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  // Complaint and owner-change strings (issue 13) come with this lazily loaded view, not with the pane's initial
  // JavaScript (250 KB budget); merged into the pane's resources before the first render.
  useState(() => {
    i18n.addResourceBundle("en-US", "translation", complaintsEnUS, true, false);
    i18n.addResourceBundle("zh-CN", "translation", complaintsZhCN, true, false);
    return true;
  });
  const styles = useHistoryStyles();
  const h = useContactHistory(contact, readOnly);
  const fmt = new Intl.DateTimeFormat(i18n.language, { timeZone: h.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const when = (iso: string) => fmt.format(new Date(iso));
  const state = new Map(h.complaintStates.map((c) => [c.id, c.state]));
  const name = contact.displayName;
  return (
    <section className={styles.root} aria-labelledby={`history-${contact.id}`} data-testid="contact-history">
      <h3 id={`history-${contact.id}`} className={styles.heading}>
        <HistoryRegular /> {t("history.heading")}
      </h3>
      {/* Open complaints (客诉处理, issue 13) are what a manager asks about first: counted above the log. */}
      {h.openComplaints.length > 0 && (
        <Badge appearance="filled" color="danger" className={styles.openBadge} data-testid="open-complaints">
          {t("history.openComplaints", { count: h.openComplaints.length })}
        </Badge>
      )}
      {!readOnly && (
        <form
          className={styles.form}
          aria-label={t("history.formLabel", { name })}
          // Our own localized messages instead of the browser's bubble (the min/max still guide the picker).
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void h.record();
          }}
        >
          <Field label={t("history.when")} hint={t("history.whenHint", { days: MAX_BACKDATE_DAYS })}>
            <Input type="datetime-local" value={h.draft.at} min={h.min} max={h.max} onChange={(e, d) => h.change(e, { at: d.value })} />
          </Field>
          <div className={styles.row}>
            <Field label={t("history.channel")}>
              <Select value={h.draft.channel} onChange={(e, d) => h.change(e, { channel: d.value as Channel })}>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`history.channels.${c}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("history.purpose")}>
              <Select value={h.draft.purpose} onChange={(e, d) => h.change(e, { purpose: d.value as Purpose, complaint: "" })}>
                {PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {t(`history.purposes.${p}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {h.draft.purpose === "complaint" && (
            <Field label={t("history.complaint")}>
              <Select value={h.draft.complaint} onChange={(e, d) => h.change(e, { complaint: d.value })}>
                <option value="">{t("history.complaintNew")}</option>
                <option value="resolved">{t("history.complaintResolved")}</option>
                {h.openComplaints.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t("history.complaintCloses", { date: when(c.at), text: c.outcome.slice(0, 30) })}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label={t("history.outcome")}>
            <Textarea value={h.draft.outcome} maxLength={MAX_OUTCOME_LENGTH} onChange={(e, d) => h.change(e, { outcome: d.value })} />
          </Field>
          <Field label={t("history.nextStep")}>
            <Input value={h.draft.nextStep} maxLength={MAX_NEXT_STEP_LENGTH} onChange={(e, d) => h.change(e, { nextStep: d.value })} />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={h.busy}>
              {t("history.record")}
            </Button>
          </div>
          <div role="status">
            {h.message && (
              <MessageBar intent={h.message.kind === "saved" ? "success" : "error"}>
                <MessageBarBody>
                  {h.message.kind === "saved" ? t("history.saved") : h.message.kind === "invalid" ? t(`history.errors.${h.message.code}`, { days: MAX_BACKDATE_DAYS }) : t("history.failed")}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        </form>
      )}
      {h.status === "loading" ? (
        <Spinner size="tiny" label={t("history.loading")} />
      ) : h.status === "failed" ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {t("history.loadFailed")}{" "}
            <Button size="small" onClick={h.retry}>
              {t("history.retry")}
            </Button>
          </MessageBarBody>
        </MessageBar>
      ) : h.entries.length === 0 ? (
        <Text size={200}>{t("history.empty")}</Text>
      ) : (
        <ol className={styles.list} aria-label={t("history.listLabel", { name })} data-testid="history-entries">
          {h.entries.map((e) => (
            <li key={e.id} className={styles.entry} data-testid="history-entry">
              <div className={styles.entryHeader}>
                <span className={styles.when}>{when(e.at)}</span>
                <Badge appearance="tint" color="brand">
                  {t(`history.purposes.${e.purpose}`)}
                </Badge>
                <Badge appearance="outline">{t(`history.channels.${e.channel}`)}</Badge>
                {state.get(e.id) && (
                  <Badge appearance="filled" color={state.get(e.id) === "open" ? "danger" : "success"}>
                    {t(`history.complaintState.${state.get(e.id) as "open" | "closed"}`)}
                  </Badge>
                )}
                {e.closes && <Badge appearance="tint" color="success">{t("history.closesBadge")}</Badge>}
              </div>
              {!readOnly && state.get(e.id) === "open" && (
                // Closing is a later entry of purpose complaint that names this one: the form, prefilled.
                <Button size="small" appearance="secondary" className={styles.closeButton} onClick={(ev) => h.change(ev, { purpose: "complaint", complaint: e.id })}>
                  {t("history.closeComplaint")}
                </Button>
              )}
              {e.outcome && <Text>{e.outcome}</Text>}
              {e.nextStep && <Text size={200}>{t("history.nextStepValue", { text: e.nextStep })}</Text>}
              <Text size={200} className={styles.meta}>
                {t("history.by", { name: e.byName || e.by })}
                {isBackdated(e) && ` · ${t("history.backdated", { date: when(e.recordedAt) })}`}
              </Text>
            </li>
          ))}
        </ol>
      )}
      {h.events.length > 0 && (
        <>
          <h4 id={`history-events-${contact.id}`} className={styles.heading}>
            {t("history.events")}
          </h4>
          <ul className={styles.events} aria-labelledby={`history-events-${contact.id}`} data-testid="history-events">
            {h.events.map((e) => (
              <li key={e.id}>
                <Text size={200}>{t("history.reassigned", { date: when(e.at), by: e.byName || e.by, from: e.fromName || e.from, to: e.toName || e.to })}</Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {h.trimmed && h.trimmed.count > 0 && <Text size={200}>{t("history.trimmed", { count: h.trimmed.count, date: when(h.trimmed.until) })}</Text>}
    </section>
  );
}
