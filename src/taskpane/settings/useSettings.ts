import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useServices } from "../../app";
import type { Locale } from "../../domain/types";

export const LANGUAGE_NAMES: Record<Locale, string> = { "en-US": "English", "zh-CN": "中文（简体）" };

/** What the settings page shows and changes. The field designer (issue 5) adds its state here. */
export function useSettings() {
  const { environment, config } = useServices();
  const { i18n } = useTranslation();
  const language: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const setLanguage = useCallback(
    (next: Locale) => {
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return {
    user: environment.user,
    theme: environment.theme,
    multiSelect: environment.multiSelect,
    demo: config.demo,
    language,
    setLanguage,
  };
}
