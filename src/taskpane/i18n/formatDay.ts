import { formatDayKey } from "../../domain/dates";

/**
 * A calendar day ("YYYY-MM-DD", from domain/dates localDateKey) as the pane shows it: one form everywhere,
 * the same as the Contacts list's date cells (domain formatFieldValue): English "Mar 2, 2026" (medium date),
 * Chinese 2026/03/02. Anything that is not a day key (a placeholder such as "—") passes through unchanged.
 */
export function formatDay(key: string, language: string): string {
  return formatDayKey(key, language);
}
