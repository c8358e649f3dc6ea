/**
 * Today → My reports (issue 13 item 3): the salesperson's daily reports of the last two weeks and whether the
 * manager signed each off — read from her own mailbox's headers (Mail.ReadBasic: subject, sender, time). The
 * comments are in the sign-off email's body, which the pane shows when she opens that email (This email).
 * Lazy: its own chunk.
 */
import { Badge, Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwiseRegular, CheckmarkCircleRegular } from "@fluentui/react-icons";
import { useCallback, useEffect, useState } from "react";
import { REPORT_LIST_DAYS, useReportsService } from "../../app";
import type { ReportStatus } from "../../domain/reportMessage";
import { formatDay } from "../i18n/formatDay";
import { useDailyReportStrings } from "./dailyStrings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
  },
  day: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground3 },
});

type State = { status: "loading" } | { status: "failed" } | { status: "ready"; statuses: ReportStatus[]; truncated: boolean };

export default function MyReports() {
  const { t, i18n } = useDailyReportStrings();
  const styles = useStyles();
  const reports = useReportsService();
  const [state, setState] = useState<State>({ status: "loading" });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    reports.listMyReports().then(
      (r) => live && setState({ status: "ready", ...r }),
      () => live && setState({ status: "failed" }),
    );
    return () => {
      live = false;
    };
  }, [reports, round]);
  const { timeZone } = reports;
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone }).format(new Date(iso));

  return (
    <section className={styles.root} aria-labelledby="my-reports-heading" data-testid="my-reports">
      <h2 id="my-reports-heading" className={styles.heading}>
        {t("reports.mine.heading", { days: REPORT_LIST_DAYS })}
      </h2>
      <div>
        <Button size="small" icon={<ArrowClockwiseRegular />} onClick={refresh} disabled={state.status === "loading"}>
          {t("reports.mine.refresh")}
        </Button>
      </div>
      {state.status === "loading" && <Spinner size="tiny" label={t("reports.mine.loading")} />}
      {state.status === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t("reports.mine.failed")}{" "}
            <Button size="small" appearance="transparent" onClick={refresh}>
              {t("reports.mine.retry")}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === "ready" && state.statuses.length === 0 && <span className={styles.meta}>{t("reports.mine.empty", { days: REPORT_LIST_DAYS })}</span>}
      {state.status === "ready" && state.statuses.length > 0 && (
        <>
          <ul className={styles.list} aria-labelledby="my-reports-heading">
            {state.statuses.map((s) => (
              <li key={s.date} className={styles.item} data-testid="my-report">
                <span className={styles.day}>{formatDay(s.date, i18n.language)}</span>
                <span className={styles.meta}>{s.sentAt ? t("reports.mine.sentAt", { when: when(s.sentAt) }) : t("reports.mine.notFound")}</span>
                <div>
                  {s.signedOff ? (
                    <Badge appearance="tint" color="success" icon={<CheckmarkCircleRegular />} data-testid="my-report-status">
                      {t("reports.mine.signedOff", { name: s.signedOff.byName, when: when(s.signedOff.at) })}
                    </Badge>
                  ) : (
                    <Badge appearance="tint" color="warning" data-testid="my-report-status">
                      {t("reports.mine.notSigned")}
                    </Badge>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <span className={styles.meta}>{t("reports.mine.hint")}</span>
        </>
      )}
      {state.status === "ready" && state.truncated && (
        <MessageBar intent="info">
          <MessageBarBody>{t("reports.mine.truncated")}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
