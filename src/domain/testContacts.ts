/** Builders for domain tests (kept in src/domain because this part owns only this folder). */
import type { Contact, FieldValues } from "./types";

let seq = 0;

export function contact(partial: Partial<Contact> & { fields?: FieldValues } = {}): Contact {
  seq++;
  return {
    id: partial.id ?? `c${seq}`,
    displayName: partial.displayName ?? `Contact ${seq}`,
    emailAddresses: partial.emailAddresses ?? [],
    categories: partial.categories ?? [],
    ...partial,
    fields: partial.fields ?? {},
  };
}

/** Hostile strings from design.md §7. */
export const HOSTILE: readonly string[] = [
  `O'Brien "quoted" \`tick\``,
  "#&+%?/\\=",
  "😀👍🏽 emoji 👨‍👩‍👧",
  "שלום مرحبا RTL \u202Eevil",
  "<script>alert(1)</script>",
  `<img src=x onerror="alert('x')">`,
  "=HYPERLINK(\"http://evil\")",
  "x".repeat(10_000),
];
