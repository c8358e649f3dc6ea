import type { TFunction } from "i18next";
import { formatFieldValue } from "../../domain/fieldValues";
import type { FieldDefinition, FieldValue, Locale } from "../../domain/types";

/** The pane's IANA zone for date display and day comparisons. */
export const LOCAL_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function toLocale(language: string): Locale {
  return language === "zh-CN" ? "zh-CN" : "en-US";
}

export function fieldLabel(field: FieldDefinition, locale: Locale): string {
  return field.label[locale] || field.label["en-US"] || field.propertyName;
}

export function displayValue(field: FieldDefinition, value: FieldValue | undefined, locale: Locale): string {
  return formatFieldValue(field, value, { locale, timeZone: LOCAL_TIME_ZONE });
}

/** Domain FieldValueError codes (and coded Graph errors) → a localized sentence. */
export function fieldErrorMessage(t: TFunction, e: unknown): string {
  const code = e && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : "unknown";
  const params = (e && typeof e === "object" && "params" in e ? (e as { params: Record<string, unknown> }).params : {}) ?? {};
  const key = `contactList.fieldError.${code}`;
  return t(key, { ...params, code, defaultValue: t("contactList.fieldError.unknown", { code }) });
}
