import { Spinner, Tab, TabList } from "@fluentui/react-components";
import { CalendarCheckmarkRegular, MailRegular, PeopleRegular, PeopleTeamRegular, SettingsRegular } from "@fluentui/react-icons";
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { isManager, useServices } from "../../app";
import { ContactsView } from "../contacts/ContactsView";
import { TeamView } from "../team/TeamView";
import { DemoBanner } from "./DemoBanner";
import { ErrorBoundary } from "./ErrorBoundary";
import { useShellStyles } from "./Shell.styles";
import { SyncStatus } from "./SyncStatus";
import { useShell, type Section } from "./useShell";

const ICONS: Record<Section, ReactElement> = {
  contacts: <PeopleRegular />,
  today: <CalendarCheckmarkRegular />,
  thisEmail: <MailRegular />,
  team: <PeopleTeamRegular />,
  settings: <SettingsRegular />,
};

// Contacts is the first view a user sees and ships in the initial bundle; the other sections load on first use,
// which keeps the pane's initial JavaScript well under the 250 KB gzip budget (bench/README.md).
const TodayView = lazy(() => import(/* webpackChunkName: "today" */ "../today/TodayView").then((m) => ({ default: m.TodayView })));
const ThisEmailView = lazy(() =>
  import(/* webpackChunkName: "this-email" */ "../thisEmail/ThisEmailView").then((m) => ({ default: m.ThisEmailView })),
);
const SettingsView = lazy(() =>
  import(/* webpackChunkName: "settings" */ "../settings/SettingsView").then((m) => ({ default: m.SettingsView })),
);

/** Each section is a component whose props are all optional (views may take test/option props). */
const VIEWS: Record<Section, ComponentType> = {
  contacts: ContactsView,
  today: TodayView,
  thisEmail: ThisEmailView,
  team: TeamView,
  settings: SettingsView,
};

/** Header (title + sync status), demo banner, section tabs and the selected section. */
export function Shell({ initialSection }: { initialSection?: Section }) {
  const { t } = useTranslation();
  const services = useServices();
  const { config } = services;
  const styles = useShellStyles();
  // The Team tab is the managers' (issue 13 item 5). Navigation only: the folders a user can read are what their
  // colleagues shared with them, whatever tab they see.
  const manager = isManager(services);
  const sections = (Object.keys(VIEWS) as Section[]).filter((s) => s !== "team" || manager);
  const { section: chosen, onTabSelect } = useShell(initialSection);
  const section = sections.includes(chosen) ? chosen : "contacts";
  const View = VIEWS[section];
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t("app.title")}</h1>
        <SyncStatus />
      </header>
      {config.demo && (
        <div className={styles.banner}>
          <DemoBanner />
        </div>
      )}
      <TabList
        className={styles.tabs}
        selectedValue={section}
        onTabSelect={onTabSelect}
        size="small"
        aria-label={t("tabs.label")}
      >
        {sections.map((s) => (
          <Tab key={s} value={s} id={`tab-${s}`} icon={ICONS[s]} data-testid={`tab-${s}`}>
            {t(`tabs.${s}`)}
          </Tab>
        ))}
      </TabList>
      <main className={styles.panel} role="tabpanel" aria-labelledby={`tab-${section}`} data-testid={`view-${section}`}>
        {/* One section crashing must not take the navigation with it. */}
        <ErrorBoundary key={section}>
          <Suspense fallback={<Spinner size="small" label={t("app.loading")} />}>
            <View />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
