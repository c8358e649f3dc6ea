import { localDateKey } from "../../domain/dates";
import { splitKeywordInput } from "../../domain/fieldValues";
import type { FieldDefinition } from "../../domain/types";

/** Form text → the raw input the domain normalizes (booleans and keyword lists need a nudge). */
export function rawFieldInput(field: FieldDefinition, text: string): unknown {
  if (field.kind === "yesno") return text === "" ? null : text === "true";
  if (field.kind === "keywords") return splitKeywordInput(text);
  return text;
}

/** A stored value → the form's text; a date is the calendar day it falls on in `timeZone` (the user's zone). */
export function fieldInputText(field: FieldDefinition, value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return "";
  if (field.kind === "yesno") return value === true ? "true" : value === false ? "false" : "";
  if (field.kind === "keywords") return Array.isArray(value) ? value.join(", ") : "";
  if (field.kind === "date") return typeof value === "string" && Number.isFinite(Date.parse(value)) ? localDateKey(value, timeZone) : "";
  return String(value);
}
