import { PeopleTeamRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../shell/EmptyState";

/** The manager's view of colleagues' shared contact folders grows here. */
export function TeamView() {
  const { t } = useTranslation();
  return (
    <section aria-label={t("team.heading")}>
      <EmptyState icon={<PeopleTeamRegular />} title={t("team.emptyTitle")} body={t("team.emptyBody")} />
    </section>
  );
}
