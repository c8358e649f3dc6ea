import { Spinner, Tab, TabList } from "@fluentui/react-components";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { PoolView } from "../pool/PoolView";
import { TodayPlan } from "./TodayPlan";
import { useTodayStyles } from "./Today.styles";

type SubView = "plan" | "pool" | "reports";

/** My daily reports and their sign-off (issue 13): its own chunk. */
const MyReports = lazy(() => import(/* webpackChunkName: "my-reports" */ "../reports/MyReports"));

/**
 * The salesperson's day: the plan (who to call, then the report) and the pool of lapsed customers to claim.
 * The pool sits here rather than under Contacts because claiming is part of planning the day's calls.
 */
export function TodayView({ initial = "plan" }: { initial?: SubView } = {}) {
  const { t } = useTranslation();
  const styles = useTodayStyles();
  const [view, setView] = useState<SubView>(initial);
  return (
    <div className={styles.root}>
      <TabList
        className={styles.subTabs}
        size="small"
        appearance="subtle"
        selectedValue={view}
        onTabSelect={(_e, data) => setView(data.value === "pool" || data.value === "reports" ? data.value : "plan")}
        aria-label={t("today.views")}
      >
        <Tab value="plan" id="today-plan-tab">
          {t("today.planTab")}
        </Tab>
        <Tab value="pool" id="today-pool-tab">
          {t("today.poolTab")}
        </Tab>
        <Tab value="reports" id="today-reports-tab">
          {t("today.reportsTab")}
        </Tab>
      </TabList>
      <div role="tabpanel" aria-labelledby={`today-${view}-tab`}>
        {view === "plan" ? (
          <TodayPlan />
        ) : view === "pool" ? (
          <PoolView />
        ) : (
          <Suspense fallback={<Spinner size="tiny" />}>
            <MyReports />
          </Suspense>
        )}
      </div>
    </div>
  );
}
