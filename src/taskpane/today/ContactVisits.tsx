import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import { useVisitStrings } from "./useVisitStrings";
import { useSalesService, type Contact } from "../../app";
import { isoToLocalDateTime } from "../../domain/history";
import { formatDay } from "../i18n/formatDay";
import { useTodayStyles } from "./Today.styles";
import { VisitForm } from "./VisitForm";

/**
 * "Plan a visit" on a contact's details panel (every customer, not only those due today). Loaded with the first
 * opened contact (React.lazy in ContactDetails), so the form's Select stays out of the pane's initial JavaScript.
 */
export function ContactVisits({ contact }: { contact: Contact }) {
  const { t, i18n } = useVisitStrings();
  const styles = useTodayStyles();
  const sales = useSalesService();
  const [open, setOpen] = useState(false);
  const [planned, setPlanned] = useState<{ date: string; time: string; pending: boolean } | null>(null);
  const name = contact.displayName || contact.emailAddresses[0]?.address || "";
  return (
    <section className={styles.section} aria-label={t("today.visits.planFor", { name })}>
      {!open && (
        <div className={styles.actions}>
          <Button
            aria-label={t("today.visits.planFor", { name })}
            onClick={() => {
              setPlanned(null);
              setOpen(true);
            }}
          >
            {t("today.visits.plan")}
          </Button>
        </div>
      )}
      {open && (
        <VisitForm
          contact={contact}
          onDone={(r) => {
            const local = isoToLocalDateTime(r.visit.start, sales.timeZone);
            setPlanned({ date: local.slice(0, 10), time: local.slice(11), pending: r.calendar === "failed" });
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
      <div role="status">
        {planned && (
          <MessageBar intent={planned.pending ? "warning" : "success"}>
            <MessageBarBody>
              {t("today.visits.saved", { name, date: formatDay(planned.date, i18n.language), time: planned.time })}
              {planned.pending ? ` ${t("today.visits.calendarPending")}` : ""}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
