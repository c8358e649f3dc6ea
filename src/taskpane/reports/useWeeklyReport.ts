import { useCallback, useEffect, useState } from "react";
import { useSalesService } from "../../app";
import { dayKeyToNumber, dayNumberToKey } from "../../domain/dates";
import type { HistoryLog } from "../../domain/history";
import { fieldByRole } from "../../domain/schema";
import type { Contact, FieldSchema, Locale } from "../../domain/types";
import { buildWeeklyReport, mondayOf, previousWeek, renderWeeklyReportHtml, weekBounds, weeklyReportCsv, type WeeklyReport } from "../../domain/weeklyReport";
import { useSalesSettings } from "../today/useSalesSettings";

export interface WeeklyInputFolder {
  upn: string;
  contacts: readonly Contact[];
  schema: FieldSchema;
}

/** Weeks offered: this week and the three before it (the Monday report defaults to last week). */
const WEEKS_SHOWN = 4;

export function useWeeklyReport(folders: readonly WeeklyInputFolder[], opts: { timeZone: string; now: Date; locale: Locale }) {
  const sales = useSalesService();
  const { settings } = useSalesSettings();
  const [week, setWeekState] = useState(() => previousWeek(opts.now, opts.timeZone));
  const [report, setReport] = useState<WeeklyReport | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const thisWeek = dayKeyToNumber(mondayOf(opts.now, opts.timeZone));
  const weeks = Array.from({ length: WEEKS_SHOWN }, (_, i) => ({ start: dayNumberToKey(thisWeek - 7 * i), end: dayNumberToKey(thisWeek - 7 * i + 6) }));
  const key = folders.map((f) => `${f.upn}:${f.contacts.length}`).join(",");

  useEffect(() => {
    let live = true;
    setStatus("loading");
    const { from } = weekBounds(week, opts.timeZone);
    // Only customers contacted since the week began can hold an entry of it (last contacted derives from history).
    Promise.all(
      folders.map(async (f) => {
        const lastF = fieldByRole(f.schema, "lastContacted");
        const ids = f.contacts
          .filter((c) => {
            const v = lastF ? c.fields[lastF.propertyName] : null;
            return typeof v === "string" && Date.parse(v) >= from;
          })
          .map((c) => c.id);
        const histories: Map<string, HistoryLog> = ids.length ? await sales.loadHistories(f.upn, ids) : new Map();
        return { ...f, histories };
      }),
    ).then(
      (loaded) => {
        if (!live) return;
        setReport(buildWeeklyReport(loaded, { weekStart: week, now: opts.now, timeZone: opts.timeZone }));
        setStatus("ready");
      },
      () => live && setStatus("failed"),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the week or the folders' contents change
  }, [sales, week, key, opts.timeZone]);

  const exportCsv = useCallback(() => {
    if (!report) return;
    const url = URL.createObjectURL(new Blob([weeklyReportCsv(report, opts.locale)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `weekly-report-${report.weekStart}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }, [report, opts.locale]);

  const draftEmail = useCallback(
    async (subject: string) => {
      if (!report) return;
      await sales.draftEmail({ subject, htmlBody: renderWeeklyReportHtml(report, opts.locale), settings });
    },
    [report, sales, settings, opts.locale],
  );

  return { week, weeks, setWeek: (_e: unknown, d: { week: string }) => setWeekState(d.week), report, status: report && status === "ready" ? "ready" : status, exportCsv, draftEmail };
}
