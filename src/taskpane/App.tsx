import { FluentProvider, makeStyles, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type Services } from "../app";
import { createI18n } from "./i18n/createI18n";
import { resolveLocale } from "./i18n/resolveLocale";
import { ErrorBoundary } from "./shell/ErrorBoundary";
import { Shell } from "./shell/Shell";
import type { Section } from "./shell/useShell";

const useStyles = makeStyles({
  // Fill the pane, so the theme's background reaches the bottom edge in dark mode too.
  provider: { minHeight: "100%", display: "flex", flexDirection: "column" },
});

export interface AppProps {
  services: Services;
  /** The page's query string (`?lang=` override); defaults to the real one. */
  search?: string;
  initialSection?: Section;
  onReload?: () => void;
}

/** Providers (theme from Outlook, language, services, error boundary) around the shell. */
export function App({ services, search = window.location.search, initialSection, onReload }: AppProps) {
  const i18n = useMemo(
    () => createI18n(resolveLocale(services.environment.displayLanguage, search)),
    [services.environment.displayLanguage, search],
  );

  // Screen readers and the browser's font choice for CJK text follow <html lang>.
  useEffect(() => {
    const apply = (lng: string) => document.documentElement.setAttribute("lang", lng);
    apply(i18n.language);
    i18n.on("languageChanged", apply);
    return () => i18n.off("languageChanged", apply);
  }, [i18n]);

  const styles = useStyles();
  const theme = services.environment.theme === "dark" ? webDarkTheme : webLightTheme;
  return (
    <FluentProvider
      theme={theme}
      className={styles.provider}
      // The layout class (min-height: 100%) must not reach Fluent's portal node, or every menu/popover would
      // mount a full-page layer over the pane that swallows clicks.
      applyStylesToPortals={false}
      data-theme={services.environment.theme}
    >
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={services}>
          <ErrorBoundary onReload={onReload}>
            <Shell initialSection={initialSection} />
          </ErrorBoundary>
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>
  );
}
