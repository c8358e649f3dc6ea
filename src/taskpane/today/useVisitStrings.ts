import { useTranslation } from "react-i18next";
import type { i18n } from "i18next";
import enUS from "./visitStrings.en-US.json";
import zhCN from "./visitStrings.zh-CN.json";

const registered = new WeakSet<i18n>();

/**
 * useTranslation() for the visit plan's views: its strings (today.visits.*, the calendar setting) travel with its lazy
 * chunks, not with the pane — the task pane's initial JavaScript has a 250 KB gzipped budget (bench/README.md) — and
 * are added (deep, without overwriting) to the pane's i18next instance the first time one of these views renders.
 */
export function useVisitStrings(): ReturnType<typeof useTranslation> {
  const r = useTranslation();
  if (!registered.has(r.i18n)) {
    r.i18n.addResourceBundle("en-US", "translation", enUS, true, false);
    r.i18n.addResourceBundle("zh-CN", "translation", zhCN, true, false);
    registered.add(r.i18n);
  }
  return r;
}
