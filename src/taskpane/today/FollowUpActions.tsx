import { Button, Field, Input, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { CheckmarkRegular, FlagRegular } from "@fluentui/react-icons";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../app";
import { formatDay } from "../i18n/formatDay";
import { useTodayStyles } from "./Today.styles";
import { useFollowUpActions } from "./useFollowUpActions";

/**
 * "Contacted" and "Follow up" for one contact, with last contacted (recorded and from email). For the details
 * panel; memoized so typing in the panel's form does not re-render it.
 */
export const FollowUpActions = memo(function FollowUpActions({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const styles = useTodayStyles();
  const f = useFollowUpActions(contact);
  const day = (key: string) => formatDay(key, i18n.language);
  const m = f.message;
  return (
    <section className={styles.section} aria-label={t("today.actionsLabel")} data-testid="follow-up-actions">
      <Text size={200}>
        {t("today.labelValue", { label: t("today.lastContacted"), value: f.recorded ? day(f.recorded) : t("today.never") })} ·{" "}
        {t("today.labelValue", {
          label: t("today.lastEmail"),
          value:
            f.mail.status === "loading"
              ? t("today.lastEmailLoading")
              : f.mail.status === "failed"
                ? t("today.lastEmailUnavailable")
                : f.mail.at
                  ? day(f.mail.at)
                  : t("today.never"),
        })}
        {f.emailNewer && t("today.parenthetical", { text: t("today.usedEmail") })}
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<CheckmarkRegular />} disabled={f.busy} aria-label={t("today.contactedFor", { name: f.name })} onClick={() => void f.onContacted()}>
          {t("today.contacted")}
        </Button>
        <Field label={t("today.followUpDue")} validationMessage={f.dueError ? t("today.followUpDuePast") : undefined}>
          <Input type="date" value={f.due} min={f.dueMin} onChange={f.onDueChange} />
        </Field>
        <Button icon={<FlagRegular />} disabled={f.busy || !f.due || f.dueError !== null} aria-label={t("today.followUpFor", { name: f.name })} onClick={() => void f.onFollowUp()}>
          {t("today.followUp")}
        </Button>
      </div>
      <div role="status">
        {m && (
          <MessageBar intent={m.kind === "failed" ? "error" : "success"}>
            <MessageBarBody>
              {m.kind === "failed"
                ? t("today.writeFailed", { name: f.name })
                : m.kind === "flagged"
                  ? t("today.followUpSaved", { name: f.name, date: day(m.date) })
                  : t("today.contactedDone", { name: f.name, date: m.next ? day(m.next) : "—" })}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
});
