/**
 * A calendar day ("YYYY-MM-DD", from domain/dates localDateKey) as the pane shows it: Chinese readers expect
 * 2026/03/02 (the same form the Contacts list's Intl zh-CN date cells use), English keeps the unambiguous ISO
 * form. Anything that is not a day key (a placeholder such as "—") passes through unchanged.
 */
export function formatDay(key: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return key;
  return language === "zh-CN" ? key.replace(/-/g, "/") : key;
}
