import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../../domain/types";
import enUS from "./en-US.json";
import zhCN from "./zh-CN.json";
import contactListEnUS from "../contacts/strings.en-US.json";
import contactListZhCN from "../contacts/strings.zh-CN.json";
import fieldDesignerEnUS from "../settings/strings.en-US.json";
import fieldDesignerZhCN from "../settings/strings.zh-CN.json";
import emailTaggingEnUS from "../thisEmail/strings.en-US.json";
import emailTaggingZhCN from "../thisEmail/strings.zh-CN.json";
// The Team view's strings come with its lazily loaded chunk (TeamViewContent); only its loading label is here.
import teamViewEnUS from "../team/loading.strings.en-US.json";
import teamViewZhCN from "../team/loading.strings.zh-CN.json";
import csvImportEnUS from "../csvImport/strings.en-US.json";
import csvImportZhCN from "../csvImport/strings.zh-CN.json";
import todayEnUS from "../today/strings.en-US.json";
import todayZhCN from "../today/strings.zh-CN.json";
import poolEnUS from "../pool/strings.en-US.json";
import poolZhCN from "../pool/strings.zh-CN.json";
import historyEnUS from "../history/strings.en-US.json";
import historyZhCN from "../history/strings.zh-CN.json";
import reportsEnUS from "../reports/strings.en-US.json";
import reportsZhCN from "../reports/strings.zh-CN.json";

export const RESOURCES = {
  "en-US": { ...enUS, ...contactListEnUS, ...fieldDesignerEnUS, ...emailTaggingEnUS, ...teamViewEnUS, ...csvImportEnUS, ...todayEnUS, ...poolEnUS, ...historyEnUS, ...reportsEnUS },
  "zh-CN": { ...zhCN, ...contactListZhCN, ...fieldDesignerZhCN, ...emailTaggingZhCN, ...teamViewZhCN, ...csvImportZhCN, ...todayZhCN, ...poolZhCN, ...historyZhCN, ...reportsZhCN },
} as const;

/** One i18next instance per pane (not the global singleton), so tests can render both languages side by side. */
export function createI18n(locale: Locale): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: "en-US",
    supportedLngs: ["en-US", "zh-CN"],
    // Resources are bundled: initialise synchronously so the first render already has text.
    initAsync: false,
    resources: { "en-US": { translation: RESOURCES["en-US"] }, "zh-CN": { translation: RESOURCES["zh-CN"] } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // No vendor banner in the console of a customer's Outlook.
    showSupportNotice: false,
  });
  return instance;
}
