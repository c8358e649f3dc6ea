/**
 * The Monday weekly report (周进度, issue 13) for the manager's team: one row per salesperson and the team total,
 * computed from the shared folders' contact histories (domain weeklyReport), a chart, CSV export (UTF-8 BOM) and
 * an email draft. Lazy: its own chunk, with the chart in the Team view's chart chunk.
 */
import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { ArrowDownloadRegular, MailRegular } from "@fluentui/react-icons";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { formatWeekly, weeklyLabel, WEEKLY_MEASURES } from "../../domain/weeklyReport";
import type { WeeklyInputFolder } from "./useWeeklyReport";
import { useWeeklyReport } from "./useWeeklyReport";

const TeamChart = lazy(() => import(/* webpackChunkName: "team-chart" */ "../team/TeamChart"));

const shortName = (upn: string) => upn.split("@")[0] ?? upn;

/** `nameOf`: the salesperson's display name (the Team view's names, issue 13); else the address's local part. */
export default function WeeklyReport({ folders, timeZone, now, chartWidth = 290, nameOf = shortName }: { folders: readonly WeeklyInputFolder[]; timeZone: string; now: Date; chartWidth?: number; nameOf?: (upn: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const w = useWeeklyReport(folders, { timeZone, now, locale });
  return (
    <section aria-labelledby="weekly-heading" data-testid="weekly-report">
      <h2 id="weekly-heading">{t("reports.weekly.heading")}</h2>
      <Field label={t("reports.weekly.week")}>
        <Select value={w.week} onChange={(e, d) => w.setWeek(e, { week: d.value })}>
          {w.weeks.map((k) => (
            <option key={k.start} value={k.start}>
              {t("reports.weekly.weekOption", { start: k.start, end: k.end })}
            </option>
          ))}
        </Select>
      </Field>
      {w.status === "loading" && <Spinner size="tiny" label={t("reports.weekly.loading")} />}
      {w.status === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{t("reports.weekly.failed")}</MessageBarBody>
        </MessageBar>
      )}
      {w.report && (
        <>
          {/* A scrollable region is focusable, so keyboard users can scroll the wide table (axe scrollable-region-focusable). */}
          <div style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={t("reports.weekly.heading")}>
            <Table size="extra-small" aria-labelledby="weekly-heading" data-testid="weekly-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("reports.weekly.salesperson")}</TableHeaderCell>
                  {WEEKLY_MEASURES.map((m) => (
                    <TableHeaderCell key={m}>{weeklyLabel(m, locale)}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...w.report.rows, w.report.team].map((r) => (
                  <TableRow key={r.upn || "team"} data-testid={r.upn ? `weekly-${r.upn}` : "weekly-team"}>
                    <TableCell title={r.upn}>{r.upn ? nameOf(r.upn) : t("reports.weekly.team")}</TableCell>
                    {WEEKLY_MEASURES.map((m) => (
                      <TableCell key={m} data-measure={m}>
                        {formatWeekly(r, m)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
            <Button size="small" icon={<ArrowDownloadRegular />} onClick={w.exportCsv}>
              {t("reports.weekly.export")}
            </Button>
            <Button size="small" icon={<MailRegular />} onClick={() => void w.draftEmail(t("reports.weekly.subject", { start: w.report!.weekStart, end: w.report!.weekEnd }))}>
              {t("reports.weekly.draft")}
            </Button>
          </div>
          <Suspense fallback={<Spinner size="tiny" label={t("reports.weekly.loading")} />}>
            <TeamChart
              title={t("reports.weekly.chart", { start: w.report.weekStart })}
              width={chartWidth}
              groups={w.report.rows.map((r) => ({
                name: nameOf(r.upn),
                bars: (["contacts", "visits", "effectiveVisits", "newCustomers"] as const).map((m) => ({ key: m, legend: weeklyLabel(m, locale), value: r[m] })),
              }))}
            />
          </Suspense>
        </>
      )}
    </section>
  );
}
