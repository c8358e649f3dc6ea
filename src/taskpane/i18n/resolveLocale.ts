import type { Locale } from "../../domain/types";

/**
 * The pane's language: `?lang=` wins (demo, e2e, support), else Outlook's display language.
 * Any Chinese variant → zh-CN (the only Chinese we ship); everything else → en-US.
 */
export function resolveLocale(displayLanguage: string | undefined, search = ""): Locale {
  const override = new URLSearchParams(search).get("lang");
  const tag = (override || displayLanguage || "").trim().toLowerCase();
  return tag === "zh" || tag.startsWith("zh-") ? "zh-CN" : "en-US";
}
