import { Field, Textarea } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { ReportTexts } from "../../domain/handbookReport";
import { useTodayStyles } from "./Today.styles";

const KEYS = ["competitors", "feedback", "news", "insights"] as const;

/**
 * The daily report's free sections (handbook 每日销售报告表: competitor information, customer feedback,
 * customers' news, today's insights). The visits, complaints, collections, tomorrow's plan and counts come from
 * the day's contact history; market research and service outcomes are added below what is typed here.
 */
export function ReportTextsFields({ texts, onChange }: { texts: Partial<ReportTexts>; onChange: (e: unknown, data: { key: keyof ReportTexts; value: string }) => void }) {
  const { t } = useTranslation();
  const styles = useTodayStyles();
  return (
    <div className={styles.section} data-testid="report-texts">
      {KEYS.map((k) => (
        <Field key={k} label={t(`today.reportTexts.${k}`)} className={styles.note}>
          <Textarea value={texts[k] ?? ""} resize="vertical" maxLength={2000} onChange={(e, d) => onChange(e, { key: k, value: d.value })} />
        </Field>
      ))}
    </div>
  );
}
