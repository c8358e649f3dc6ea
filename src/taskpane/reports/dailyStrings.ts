/**
 * The daily report's review and "My reports" strings travel with the lazy chunks that use them, not with the pane's
 * initial JavaScript (its 250 KB budget, test/build.test.ts): added to the pane's i18n instance on first use.
 */
import { useTranslation } from "react-i18next";
import enUS from "./strings.daily.en-US.json";
import zhCN from "./strings.daily.zh-CN.json";

export const DAILY_REPORT_RESOURCES = { "en-US": enUS, "zh-CN": zhCN } as const;

export function useDailyReportStrings() {
  const r = useTranslation();
  if (!r.i18n.exists("reports.daily.heading", { lng: "en-US" })) {
    for (const [lng, res] of Object.entries(DAILY_REPORT_RESOURCES)) r.i18n.addResourceBundle(lng, "translation", res, true, false);
  }
  return r;
}
