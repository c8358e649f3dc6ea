import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircleRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    whiteSpace: "nowrap",
  },
});

/**
 * The header's sync area. The write queue (src/store) reports pending/failed writes here; until a feature writes,
 * there is nothing pending and this says so.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div role="status" aria-label={t("sync.label")} className={styles.root} data-testid="sync-status">
      <CheckmarkCircleRegular aria-hidden />
      <Caption1>{t("sync.idle")}</Caption1>
    </div>
  );
}
