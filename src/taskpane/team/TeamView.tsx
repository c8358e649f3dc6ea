import { Spinner } from "@fluentui/react-components";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { TeamViewProps } from "./TeamViewContent";

/**
 * The Team view is loaded on first use: a salesperson may never open it, and its CSV code (papaparse) and the
 * chart stay out of the pane's initial JavaScript (bench/README.md: ≤ 250 KB gzipped).
 */
const TeamViewContent = lazy(() => import(/* webpackChunkName: "team" */ "./TeamViewContent"));

export function TeamView(props: TeamViewProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Spinner size="tiny" label={t("teamView.loading")} />}>
      <TeamViewContent {...props} />
    </Suspense>
  );
}
