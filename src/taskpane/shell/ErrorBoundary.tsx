import { Body1, Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  details: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, wordBreak: "break-word" },
});

export interface ErrorFallbackProps {
  error: Error;
  onReload: () => void;
}

export interface ErrorPanelProps {
  title: string;
  body: ReactNode;
  onReload: () => void;
  /** Shown below the reload button. */
  children?: ReactNode;
}

/** An error the pane cannot get past (a crash, a failed start-up): what happened, and a reload button. */
export function ErrorPanel({ title, body, onReload, children }: ErrorPanelProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.root} role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {body}
        </MessageBarBody>
      </MessageBar>
      <div>
        <Button appearance="primary" onClick={onReload}>
          {t("errors.reload")}
        </Button>
      </div>
      {children}
    </div>
  );
}

/** What the user sees instead of a blank pane: what happened, that their data is safe, and a way out. */
export function ErrorFallback({ error, onReload }: ErrorFallbackProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <ErrorPanel title={t("errors.title")} body={<Body1>{t("errors.body")}</Body1>} onReload={onReload}>
      <details className={styles.details}>
        <summary>{t("errors.details")}</summary>
        {/* The message only: stacks and payloads may carry personal data (conventions.md "Avoid"). */}
        {error.message}
      </details>
    </ErrorPanel>
  );
}

interface Props {
  children?: ReactNode;
  /** Defaults to reloading the page: a fresh pane re-reads Outlook's state. */
  onReload?: () => void;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // No personal data in logs: an error's message may quote a contact's values, so log its kind and code only.
    console.error("Task pane crashed", errorKind(error), info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <ErrorFallback error={this.state.error} onReload={this.props.onReload ?? (() => window.location.reload())} />;
    }
    return this.props.children;
  }
}

/** The error's class name and code (e.g. "GraphRequestError ErrorItemNotFound"), never its message. */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" || typeof code === "number" ? `${error.name} ${code}` : error.name;
}
