/**
 * This email, read mode, when the open message is a daily report (每日销售报告) or its sign-off (签收), issue 13
 * item 3. The manager sees the report's sections read back from the message and signs it off with optional
 * comments (a new message to the salesperson, reviewed and sent in Outlook); the salesperson opening the
 * sign-off sees who signed off and the comments. Lazy: its own chunk, loaded only for such messages.
 */
import { Badge, Button, Field, MessageBar, MessageBarBody, Spinner, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircleRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { useReportsService, type MailItemSnapshot } from "../../app";
import type { ReportCopy, ReportLineCopy } from "../../domain/reportMessage";
import { formatDay } from "../i18n/formatDay";
import { useDailyReportStrings } from "./dailyStrings";
import { useReportReview } from "./useReportReview";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  section: { margin: 0, marginTop: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  meta: { color: tokens.colorNeutralForeground3 },
  text: { margin: 0, whiteSpace: "pre-wrap" },
  counts: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: tokens.spacingHorizontalM, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

const SECTIONS = ["visits", "complaints", "collections", "competitors", "feedback", "news", "insights", "tomorrow", "summary"] as const;
const COUNTS = ["contacts", "customers", "visits", "newCustomers", "complaints", "complaintsClosed", "collections", "orders", "tomorrow"] as const;

function useWhen() {
  const { i18n } = useTranslation();
  const { timeZone } = useReportsService();
  return (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone }).format(new Date(iso));
}

function Lines({ lines }: { lines: ReportLineCopy[] }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const { timeZone } = useReportsService();
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  if (lines.length === 0) return <p className={styles.text}>{t("reports.daily.none")}</p>;
  return (
    <ul className={styles.list}>
      {lines.map((l, i) => (
        <li key={`${l.at}-${i}`} data-testid="report-line">
          <span>
            {t("reports.daily.line", {
              time: `${time.format(new Date(l.at))}${l.backdated ? ` (${t("reports.daily.backdated")})` : ""}`,
              customer: l.company ? `${l.customer} (${l.company})` : l.customer,
              channel: t(`history.channels.${l.channel}`),
              purpose: `${t(`history.purposes.${l.purpose}`)}${l.complaintState ? ` · ${t(`reports.daily.complaintState.${l.complaintState}`)}` : ""}`,
            })}
          </span>
          {l.outcome && <div>{t("reports.daily.outcome", { text: l.outcome })}</div>}
          {l.nextStep && <div className={styles.meta}>{t("reports.daily.nextStep", { text: l.nextStep })}</div>}
        </li>
      ))}
    </ul>
  );
}

function Sections({ report }: { report: ReportCopy }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const text = (s: string) => <p className={styles.text}>{s.trim() ? s : t("reports.daily.none")}</p>;
  const body = (k: (typeof SECTIONS)[number]) => {
    switch (k) {
      case "visits":
      case "complaints":
      case "collections":
        return <Lines lines={report[k]} />;
      case "competitors":
      case "feedback":
      case "news":
      case "insights":
        return text(report[k]);
      case "tomorrow":
        return report.tomorrow.length === 0 ? (
          text("")
        ) : (
          <ul className={styles.list}>
            {report.tomorrow.map((x, i) => (
              <li key={i}>{x.nextStep ? t("reports.daily.tomorrowLine", { customer: x.customer, text: x.nextStep }) : x.customer}</li>
            ))}
          </ul>
        );
      case "summary":
        return (
          <dl className={styles.counts}>
            {COUNTS.map((c) => (
              <div key={c} style={{ display: "contents" }}>
                <dt>{t(`reports.daily.counts.${c}`)}</dt>
                <dd style={{ margin: 0 }} data-count={c}>
                  {report.counts[c]}
                </dd>
              </div>
            ))}
          </dl>
        );
    }
  };
  return (
    <>
      {SECTIONS.map((k) => (
        <section key={k} aria-labelledby={`report-section-${k}`} data-section={k}>
          <h4 id={`report-section-${k}`} className={styles.section}>
            {t(`reports.daily.sections.${k}`)}
          </h4>
          {body(k)}
        </section>
      ))}
    </>
  );
}

export default function ReportReview({ item }: { item: MailItemSnapshot }) {
  const { t, i18n } = useDailyReportStrings();
  const styles = useStyles();
  const when = useWhen();
  const r = useReportReview(item);
  const { open } = r;
  if (open === "loading") return <Spinner size="tiny" label={t("reports.daily.loading")} />;
  if (open.kind === "none") return null;

  if (open.kind === "signOff") {
    const copy = "signOff" in open.copy ? open.copy.signOff : null;
    const by = copy?.byName || open.from?.name || open.from?.address || "";
    return (
      <section className={styles.root} aria-labelledby="signoff-heading" data-testid="report-signoff">
        <h3 id="signoff-heading" className={styles.heading}>
          {t("reports.daily.signOffHeading", { date: formatDay(open.subject.date, i18n.language) })}
        </h3>
        <div>
          <Badge appearance="tint" color="success" icon={<CheckmarkCircleRegular />}>
            {t("reports.daily.signedOffBy", { name: by })}
          </Badge>
        </div>
        {copy ? (
          <p className={styles.text} data-testid="signoff-comment">
            {copy.comment ? t("reports.daily.signOffComment", { text: copy.comment }) : t("reports.daily.signOffNoComment")}
          </p>
        ) : (
          <MessageBar intent="warning">
            <MessageBarBody>{t("reports.daily.signOffUnreadable")}</MessageBarBody>
          </MessageBar>
        )}
      </section>
    );
  }

  const name = open.subject.name || open.from?.name || open.from?.address || "";
  const date = formatDay(open.subject.date, i18n.language);
  const copyProblem = "error" in open.copy ? open.copy.error : null;
  return (
    <section className={styles.root} aria-labelledby="report-heading" data-testid="report-review">
      <h3 id="report-heading" className={styles.heading}>
        {t("reports.daily.heading", { name, date })}
      </h3>
      {copyProblem && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t(copyProblem === "missing" ? "reports.daily.copyMissing" : copyProblem === "corrupt" ? "reports.daily.copyCorrupt" : "reports.daily.copyUnreadable")}</MessageBarBody>
        </MessageBar>
      )}
      {"report" in open.copy && <Sections report={open.copy.report} />}
      {open.mine ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("reports.daily.mine")}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {r.signedAt[0] && (
            <MessageBar intent="success">
              <MessageBarBody>{t("reports.daily.alreadySigned", { when: when(r.signedAt[0]) })}</MessageBarBody>
            </MessageBar>
          )}
          <Field
            label={t("reports.daily.comment")}
            validationState={r.status.kind === "tooLong" ? "error" : "none"}
            validationMessage={r.status.kind === "tooLong" ? t("reports.daily.commentTooLong", { max: r.maxComment }) : undefined}
          >
            <Textarea value={r.comment} resize="vertical" onChange={(e, d) => r.onCommentChange(e, { value: d.value })} />
          </Field>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={<CheckmarkCircleRegular />}
              disabled={r.status.kind === "busy" || !open.from}
              aria-label={t("reports.daily.signOffFor", { name, date })}
              onClick={() => void r.onSignOff()}
            >
              {t("reports.daily.signOff")}
            </Button>
          </div>
          {r.status.kind === "opened" && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t("reports.daily.signOffOpened", { name })}</MessageBarBody>
            </MessageBar>
          )}
          {r.status.kind === "failed" && (
            <MessageBar intent="error">
              <MessageBarBody>{t("reports.daily.signOffFailed")}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </section>
  );
}
