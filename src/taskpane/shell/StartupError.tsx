import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { isOfficeError } from "../../app";
import { createI18n } from "../i18n/createI18n";
import { resolveLocale } from "../i18n/resolveLocale";
import { ErrorPanel } from "./ErrorBoundary";

function StartupErrorBody({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  const notInOutlook = isOfficeError(error) && error.code === "NotAvailable";
  return (
    <ErrorPanel
      title={t("errors.startupTitle")}
      body={notInOutlook ? t("errors.startupNotInOutlook") : t("errors.startupFailed")}
      onReload={onReload}
    />
  );
}

/** Shown when Office never became ready or the services could not be built: there is no Outlook language yet. */
export function StartupError({ error, onReload = () => window.location.reload() }: { error: unknown; onReload?: () => void }) {
  const i18n = useMemo(() => createI18n(resolveLocale(navigator.language, window.location.search)), []);
  return (
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={i18n}>
        <StartupErrorBody error={error} onReload={onReload} />
      </I18nextProvider>
    </FluentProvider>
  );
}
