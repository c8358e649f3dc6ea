/**
 * Tagging plans: a requested change over many contacts becomes per-contact field-level operations, so the
 * data layer can re-apply them after a 412 (re-read, re-apply) and arrays are merged, not overwritten.
 */
import { FieldValueError } from "./errors";
import { assertFieldValue, isEmptyValue, keywordKey, MAX_KEYWORDS, valuesEqual } from "./fieldValues";
import { requireField } from "./schema";
import type { Contact, FieldOp, FieldSchema, FieldValue, FieldValues } from "./types";

export interface TagChange {
  /** Field → new value (validated and normalized against the schema). */
  set?: Record<string, unknown>;
  /** Fields to empty. */
  clear?: string[];
  /** Keywords field → values to add (kept alongside what each contact already has). */
  addKeywords?: Record<string, string[]>;
  /** Keywords field → values to remove (case-insensitive). */
  removeKeywords?: Record<string, string[]>;
}

export interface ContactPlan {
  contactId: string;
  ops: FieldOp[];
  /** Values of the touched fields before the change: the basis of the undo plan. */
  before: FieldValues;
  after: FieldValues;
}

export interface PlanRefusal {
  contactId: string;
  code: "tooManyKeywords";
  field: string;
}

export interface TaggingPlan {
  plans: ContactPlan[];
  /** Contacts for which the change would do nothing. */
  unchanged: string[];
  /** Contacts the change cannot apply to (nothing is written for them). */
  refused: PlanRefusal[];
}

/**
 * Validates the change once (throws FieldValueError before anything is planned — nothing half-written),
 * then plans each contact, leaving out no-op contacts and no-op operations.
 */
export function planTagging(contacts: readonly Contact[], schema: FieldSchema, change: TagChange): TaggingPlan {
  const ops: FieldOp[] = [];
  for (const [name, raw] of Object.entries(change.set ?? {})) {
    const f = requireFieldForValue(schema, name);
    ops.push({ op: "set", field: name, value: assertFieldValue(f, raw) });
  }
  for (const name of change.clear ?? []) {
    requireFieldForValue(schema, name);
    ops.push({ op: "clear", field: name });
  }
  for (const [kind, table] of [["addKeyword", change.addKeywords], ["removeKeyword", change.removeKeywords]] as const) {
    for (const [name, values] of Object.entries(table ?? {})) {
      const f = requireFieldForValue(schema, name);
      if (f.kind !== "keywords") throw new FieldValueError("wrongType", { field: name, expected: "keywords" });
      const normalized = assertFieldValue(f, values);
      for (const v of (normalized as string[] | null) ?? []) ops.push({ op: kind, field: name, value: v });
    }
  }

  const result: TaggingPlan = { plans: [], unchanged: [], refused: [] };
  for (const c of contacts) {
    const effective: FieldOp[] = [];
    let current = c.fields;
    for (const op of ops) {
      const next = applyOps(current, [op]);
      if (!valuesEqual(next[op.field], current[op.field])) effective.push(op);
      current = next;
    }
    if (effective.length === 0) {
      result.unchanged.push(c.id);
      continue;
    }
    const touched = [...new Set(effective.map((o) => o.field))];
    const tooMany = touched.find((name) => {
      const v = current[name];
      return Array.isArray(v) && v.length > MAX_KEYWORDS;
    });
    if (tooMany) {
      result.refused.push({ contactId: c.id, code: "tooManyKeywords", field: tooMany });
      continue;
    }
    result.plans.push({
      contactId: c.id,
      ops: effective,
      before: pick(c.fields, touched),
      after: pick(current, touched),
    });
  }
  return result;
}

function requireFieldForValue(schema: FieldSchema, name: string) {
  try {
    return requireField(schema, name);
  } catch {
    throw new FieldValueError("fieldNotFound", { field: name });
  }
}

function pick(fields: FieldValues, names: string[]): FieldValues {
  const out: FieldValues = {};
  for (const n of names) out[n] = fields[n] ?? null;
  return out;
}

/**
 * Applies operations to a contact's field values (returns a new object). Keyword ops merge: add keeps the
 * other values and skips one already present (case-insensitively); remove drops every case variant; an
 * emptied keyword list becomes null (the stored "empty").
 */
export function applyOps(fields: FieldValues, ops: readonly FieldOp[]): FieldValues {
  const out: FieldValues = { ...fields };
  for (const op of ops) {
    switch (op.op) {
      case "set":
        out[op.field] = Array.isArray(op.value) ? (op.value.length ? [...op.value] : null) : op.value;
        break;
      case "clear":
        out[op.field] = null;
        break;
      case "addKeyword": {
        const cur = asKeywords(out[op.field]);
        const k = keywordKey(op.value);
        if (cur.some((x) => keywordKey(x) === k)) break;
        const at = op.before === undefined ? -1 : cur.findIndex((x) => keywordKey(x) === keywordKey(op.before!));
        out[op.field] = at < 0 ? [...cur, op.value] : [...cur.slice(0, at), op.value, ...cur.slice(at)];
        break;
      }
      case "removeKeyword": {
        const cur = asKeywords(out[op.field]);
        const k = keywordKey(op.value);
        const next = cur.filter((x) => keywordKey(x) !== k);
        if (next.length !== cur.length) out[op.field] = next.length ? next : null;
        break;
      }
    }
  }
  return out;
}

function asKeywords(v: FieldValue | undefined): string[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string" && v !== "") return [v];
  return [];
}

/**
 * The operations that undo `ops` given the values before them. Keyword additions are undone by removing
 * just what was added (and removals by adding back), so a colleague's concurrent keyword edit survives
 * the undo; set/clear restore the previous value.
 */
export function invertOps(before: FieldValues, ops: readonly FieldOp[]): FieldOp[] {
  const inverse: FieldOp[] = [];
  const restored = new Set<string>();
  let state = { ...before };
  for (const op of ops) {
    const prev = state[op.field];
    if (op.op === "addKeyword" || op.op === "removeKeyword") {
      if (!restored.has(op.field)) {
        const had = asKeywords(prev).some((x) => keywordKey(x) === keywordKey(op.value));
        if (op.op === "addKeyword" && !had) inverse.push({ op: "removeKeyword", field: op.field, value: op.value });
        if (op.op === "removeKeyword" && had) {
          // Added back in front of the keyword that followed it, so the undo restores the original order.
          const list = asKeywords(prev);
          const k = keywordKey(op.value);
          list.forEach((x, i) => {
            if (keywordKey(x) !== k) return;
            const next = list.slice(i + 1).find((y) => keywordKey(y) !== k);
            inverse.push(next === undefined ? { op: "addKeyword", field: op.field, value: x } : { op: "addKeyword", field: op.field, value: x, before: next });
          });
        }
      }
    } else if (!restored.has(op.field)) {
      // After a set/clear the field's whole value is restored; later keyword ops on it need no own inverse.
      const orig = before[op.field];
      inverse.push(isEmptyValue(orig) || orig === undefined ? { op: "clear", field: op.field } : { op: "set", field: op.field, value: orig });
      restored.add(op.field);
    }
    state = applyOps(state, [op]);
  }
  // Undo in reverse order; set/clear restorations go last so they win over keyword inverses.
  const kw = inverse.filter((o) => o.op === "addKeyword" || o.op === "removeKeyword").reverse();
  const whole = inverse.filter((o) => o.op === "set" || o.op === "clear");
  return [...kw.filter((o) => !whole.some((w) => w.field === o.field)), ...whole];
}

/** "Undo last bulk change": per contact, the inverse of what the plan wrote. */
export function planUndo(plan: TaggingPlan): ContactPlan[] {
  return plan.plans
    .map((p) => {
      const ops = invertOps(p.before, p.ops);
      return { contactId: p.contactId, ops, before: p.after, after: applyOps(p.after, ops) };
    })
    .filter((p) => p.ops.length > 0);
}
