/**
 * Applies field-level operations to a contact's values. Keyword ops merge into the array (set semantics,
 * case- and width-insensitive as Outlook categories), so re-applying the same ops after a conflict or a
 * replay converges instead of overwriting another writer's keywords.
 */
import { keywordKey } from "../domain/fieldValues";
import type { FieldOp, FieldValue, FieldValues } from "../domain/types";

export function applyFieldOps(fields: FieldValues, ops: readonly FieldOp[]): FieldValues {
  const out: FieldValues = { ...fields };
  for (const op of ops) {
    switch (op.op) {
      case "set":
        out[op.field] = cloneValue(op.value);
        break;
      case "clear":
        out[op.field] = null;
        break;
      case "addKeyword": {
        const cur = Array.isArray(out[op.field]) ? (out[op.field] as string[]) : [];
        const key = keywordKey(op.value);
        out[op.field] = cur.some((k) => keywordKey(k) === key) ? [...cur] : [...cur, op.value];
        break;
      }
      case "removeKeyword": {
        const cur = Array.isArray(out[op.field]) ? (out[op.field] as string[]) : [];
        const key = keywordKey(op.value);
        const next = cur.filter((k) => keywordKey(k) !== key);
        out[op.field] = next.length ? next : null;
        break;
      }
    }
  }
  return out;
}

function cloneValue(v: FieldValue): FieldValue {
  return Array.isArray(v) ? [...v] : v;
}
