import { Button, Field, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useServices } from "../../app";
import { useSettingsStyles } from "./SettingsView.styles";

type State = { kind: "idle" } | { kind: "running" } | { kind: "done"; ok: boolean; text: string } | { kind: "failed"; code: string };

/** Settings → Diagnostics: runs the tenant self-check and shows a report that can be copied into a ticket. */
export function DiagnosticsPanel() {
  const { t } = useTranslation();
  const styles = useSettingsStyles();
  const { diagnostics } = useServices();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [copied, setCopied] = useState(false);
  if (!diagnostics) return null;
  const run = async () => {
    setState({ kind: "running" });
    setCopied(false);
    try {
      const r = await diagnostics.run();
      setState({ kind: "done", ok: r.ok, text: r.text });
    } catch (e) {
      const code = e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : "unknown";
      setState({ kind: "failed", code });
    }
  };
  const copy = async () => {
    if (state.kind !== "done") return;
    try {
      await navigator.clipboard.writeText(state.text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="diagnostics-heading" className={styles.root}>
      <h3 id="diagnostics-heading" className={styles.heading}>
        {t("diagnostics.heading")}
      </h3>
      <p className={styles.definition}>{t("diagnostics.intro")}</p>
      <div>
        <Button onClick={() => void run()} disabled={state.kind === "running"}>
          {t("diagnostics.run")}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {state.kind === "running" && t("diagnostics.running")}
        {state.kind === "done" && (state.ok ? t("diagnostics.ok") : t("diagnostics.attention"))}
        {state.kind === "failed" && t("diagnostics.failed", { code: state.code })}
        {copied && ` ${t("diagnostics.copied")}`}
      </div>
      {state.kind === "done" && (
        <>
          <Field label={t("diagnostics.report")}>
            <Textarea readOnly value={state.text} resize="vertical" rows={12} data-testid="diagnostics-report" textarea={{ style: { fontFamily: "monospace", fontSize: "11px" } }} />
          </Field>
          <div>
            <Button onClick={() => void copy()}>{t("diagnostics.copy")}</Button>
          </div>
        </>
      )}
    </section>
  );
}
