import { Button, Caption1, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { CheckmarkCircleRegular, ErrorCircleRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { useContacts, useServices } from "../../app";

const useStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    minWidth: 0,
  },
  failed: { color: tokens.colorPaletteRedForeground1, display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXXS },
});

/**
 * The header's sync area: writes pending in the queue, writes that failed (kept, with "retry"), or "all saved".
 * Nothing is dropped silently: a failed write stays counted here until it is retried and written. Writes that
 * could not reach Outlook say when they are tried again on their own, with "Try now" to send them at once.
 */
export function SyncStatus() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const { contacts } = useServices();
  const snap = useContacts();
  const pending = snap.pending.length;
  const failed = snap.failed.length;
  const waiting = pending > 0 && !snap.progress && snap.nextAttemptAt;
  const at = snap.nextAttemptAt ? new Date(snap.nextAttemptAt).toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "";
  return (
    <div className={styles.root} data-testid="sync-status">
      <div role="status" aria-label={t("sync.label")} className={styles.root}>
        {waiting ? (
          <Caption1 data-testid="sync-waiting">{t("syncStatus.waiting", { count: pending, time: at })}</Caption1>
        ) : pending > 0 ? (
          <>
            <Spinner size="extra-tiny" aria-hidden />
            <Caption1 data-testid="sync-pending">
              {snap.progress && snap.progress.total > 1
                ? t("syncStatus.progress", { done: snap.progress.done, total: snap.progress.total })
                : t("syncStatus.pending", { count: pending })}
            </Caption1>
          </>
        ) : failed === 0 ? (
          <>
            <CheckmarkCircleRegular aria-hidden />
            <Caption1>{snap.loaded ? t("syncStatus.idle") : t("sync.idle")}</Caption1>
          </>
        ) : null}
        {failed > 0 && (
          <span className={styles.failed} data-testid="sync-failed">
            <ErrorCircleRegular aria-hidden />
            <Caption1>{t("syncStatus.failed", { count: failed })}</Caption1>
          </span>
        )}
      </div>
      {failed > 0 && (
        <Button size="small" appearance="subtle" aria-label={t("syncStatus.retryLabel", { count: failed })} onClick={() => void contacts.retry()}>
          {t("syncStatus.retry")}
        </Button>
      )}
      {waiting && failed === 0 && (
        <Button size="small" appearance="subtle" aria-label={t("syncStatus.sendNowLabel", { count: pending })} onClick={() => void contacts.retry()}>
          {t("syncStatus.sendNow")}
        </Button>
      )}
    </div>
  );
}
