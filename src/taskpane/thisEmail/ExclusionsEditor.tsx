import { Button, Field, Switch, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { parseNeverTagEntry, useTagging } from "../../app";
import { useThisEmailStyles } from "./ThisEmailView.styles";

/** The personal exclusions (roaming settings): exclude my own domain, and a never-tag list of addresses/@domains. */
export function ExclusionsEditor({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  const tagging = useTagging();
  const [ownDomain, setOwnDomain] = useState(true);
  const [text, setText] = useState("");
  const [message, setMessage] = useState<{ intent: "ok" | "error"; text: string } | undefined>();

  useEffect(() => {
    let live = true;
    tagging.readSettings().then(
      (s) => {
        if (!live) return;
        setOwnDomain(s.excludeOwnDomain);
        setText(s.neverTag.join("\n"));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tagging]);

  const save = async () => {
    const entries = text.split(/[\n,;]/).map((s) => s.trim()).filter(Boolean);
    const invalid = entries.filter((e) => parseNeverTagEntry(e) === null);
    if (invalid.length) {
      setMessage({ intent: "error", text: t("emailTagging.exclusions.invalid", { entries: invalid.join(", ") }) });
      return;
    }
    try {
      const saved = await tagging.saveSettings({ neverTag: entries, excludeOwnDomain: ownDomain });
      setText(saved.neverTag.join("\n"));
      setMessage({ intent: "ok", text: t("emailTagging.exclusions.saved") });
      onSaved?.();
    } catch {
      setMessage({ intent: "error", text: t("emailTagging.exclusions.saveFailed") });
    }
  };

  return (
    <div className={styles.exclusions}>
      <Switch checked={ownDomain} label={t("emailTagging.exclusions.ownDomain")} onChange={(_e, data) => setOwnDomain(data.checked)} />
      <Field label={t("emailTagging.exclusions.neverTag")}>
        <Textarea value={text} resize="vertical" onChange={(_e, data) => setText(data.value)} />
      </Field>
      <div>
        <Button size="small" onClick={() => void save()}>
          {t("emailTagging.exclusions.save")}
        </Button>
      </div>
      {message && (
        <Text role={message.intent === "error" ? "alert" : "status"} className={message.intent === "error" ? styles.problem : undefined}>
          {message.text}
        </Text>
      )}
    </div>
  );
}
