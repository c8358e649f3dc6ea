import { Body1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalXXL,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: tokens.fontSizeHero800, color: tokens.colorBrandForeground1 },
});

/** The shared "nothing here yet" block: an icon, a title and one sentence saying what will appear. */
export function EmptyState({ icon, title, body }: { icon?: ReactNode; title: string; body: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {icon && (
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
      )}
      <Subtitle2 as="h2">{title}</Subtitle2>
      <Body1>{body}</Body1>
    </div>
  );
}
