import { Body1, Button, Field, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { ComplaintRow } from "../../domain/complaints";
import type { Contact } from "../../domain/types";
import { useTeamViewStyles } from "./TeamView.styles";
import { COMPLAINT_PERIODS, type ComplaintPeriod, type useTeamComplaints } from "./useTeamComplaints";

export interface TeamComplaintsProps {
  complaints: ReturnType<typeof useTeamComplaints>;
  nameOf: (address: string) => string;
  timeZone: string;
  onOpen: (ev: unknown, data: { contact: Contact }) => void;
}

/**
 * The team's complaints (客诉处理, issue 13 item 6): every open one, the longest-waiting first — customer,
 * salesperson, opened, days open, the latest note — and those closed in the chosen period.
 */
export function TeamComplaints({ complaints, nameOf, timeZone, onOpen }: TeamComplaintsProps) {
  const { t, i18n } = useTranslation();
  const styles = useTeamViewStyles();
  const day = new Intl.DateTimeFormat(i18n.language, { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const { list } = complaints;

  const table = (rows: ComplaintRow<Contact>[], kind: "open" | "closed") => (
    <div className={styles.tableWrap} role="region" aria-labelledby={`team-complaints-${kind}`} tabIndex={0}>
      <Table size="extra-small" aria-labelledby={`team-complaints-${kind}`} data-testid={`team-complaints-${kind}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("teamView.complaints.customer")}</TableHeaderCell>
            <TableHeaderCell>{t("teamView.complaints.salesperson")}</TableHeaderCell>
            <TableHeaderCell>{kind === "open" ? t("teamView.complaints.opened") : t("teamView.complaints.closedOn")}</TableHeaderCell>
            {kind === "open" && <TableHeaderCell className={styles.numericHeader}>{t("teamView.complaints.age")}</TableHeaderCell>}
            <TableHeaderCell>{kind === "open" ? t("teamView.complaints.lastNote") : t("teamView.complaints.resolution")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${r.customer.mailbox}/${r.complaint.id}`}>
              <TableCell>
                <Button size="small" appearance="transparent" onClick={(ev) => onOpen(ev, { contact: r.customer })}>
                  {r.customer.displayName}
                </Button>
              </TableCell>
              <TableCell title={r.owner}>{nameOf(r.owner)}</TableCell>
              <TableCell>{day.format(new Date(kind === "open" ? r.openedAt : (r.closedBy?.at ?? r.openedAt)))}</TableCell>
              {kind === "open" && (
                <TableCell className={styles.numericCell} data-measure="age">
                  {r.ageDays}
                </TableCell>
              )}
              <TableCell>{r.lastNote.outcome || r.complaint.outcome || "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );

  return (
    <section aria-labelledby="team-complaints-heading" className={styles.section} data-testid="team-complaints">
      <h2 id="team-complaints-heading" className={styles.heading}>
        {t("teamView.complaints.heading")}
      </h2>
      {complaints.status === "loading" && <Spinner size="tiny" label={t("teamView.complaints.loading")} />}
      {complaints.status === "failed" && <Body1>{t("teamView.complaints.failed")}</Body1>}
      <h3 id="team-complaints-open" className={styles.subheading}>
        {t("teamView.complaints.openHeading", { count: list.open.length })}
      </h3>
      {list.open.length ? table(list.open, "open") : <Body1 className={styles.muted}>{t("teamView.complaints.noneOpen")}</Body1>}
      <div className={styles.actions}>
        <h3 id="team-complaints-closed" className={styles.subheading}>
          {t("teamView.complaints.closedHeading", { count: list.closed.length, days: complaints.period })}
        </h3>
        <Field label={t("teamView.complaints.period")} size="small" orientation="horizontal">
          <Select size="small" value={String(complaints.period)} onChange={(_ev, d) => complaints.setPeriod(Number(d.value) as ComplaintPeriod)}>
            {COMPLAINT_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t("teamView.complaints.days", { count: p })}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {list.closed.length ? table(list.closed, "closed") : <Body1 className={styles.muted}>{t("teamView.complaints.noneClosed")}</Body1>}
    </section>
  );
}
