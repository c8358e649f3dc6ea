/**
 * User commands as registered actions (conventions.md "User commands are registered actions"): buttons,
 * keyboard shortcuts and tests call `perform(services, args)` the same way.
 */
import { fieldByRole } from "../domain/schema";
import { planTagging, planUndo, type TagChange, type TaggingPlan } from "../domain/tagging";
import type { FieldOp, FieldSchema, WriteResult } from "../domain/types";
import type { WriteProgress } from "./contacts";
import type { Services } from "./Services";

export interface Action<A, R> {
  name: string;
  perform(services: Pick<Services, "contacts">, args: A): Promise<R>;
}

function defineAction<A, R>(name: string, perform: Action<A, R>["perform"]): Action<A, R> {
  return { name, perform };
}

/** The seed's workflow: tick "needs re-contact" for one contact (optimistic; the list regroups at once). */
export const setNeedsRecontact = defineAction<{ contactId: string; value: boolean }, WriteResult[]>(
  "contacts.setNeedsRecontact",
  async ({ contacts }, { contactId, value }) => {
    const field = fieldByRole(contacts.snapshot().schema, "needsRecontact");
    if (!field) throw Object.assign(new Error("No needs-re-contact field"), { code: "fieldNotFound" });
    return contacts.applyOps([contactId], [{ op: "set", field: field.propertyName, value }]);
  },
);

/** Plans a bulk change (domain tagging plan) without writing: the preview. Throws FieldValueError on bad input. */
export function previewBulkChange(contacts: Pick<Services, "contacts">["contacts"], contactIds: readonly string[], change: TagChange): TaggingPlan {
  const wanted = new Set(contactIds);
  const snap = contacts.snapshot();
  return planTagging(
    snap.contacts.filter((c) => wanted.has(c.id)),
    snap.schema,
    change,
  );
}

export const applyBulkChange = defineAction<
  { plan: TaggingPlan; onProgress?: (p: WriteProgress) => void },
  WriteResult[]
>("contacts.applyBulkChange", async ({ contacts }, { plan, onProgress }) => {
  const byId: Record<string, FieldOp[]> = {};
  for (const p of plan.plans) byId[p.contactId] = p.ops;
  return contacts.applyOps(Object.keys(byId), byId, onProgress);
});

/** Undo of a bulk change: per contact the inverse ops of what the plan wrote (domain planUndo). */
export const undoBulkChange = defineAction<{ plan: TaggingPlan; onProgress?: (p: WriteProgress) => void }, WriteResult[]>(
  "contacts.undoBulkChange",
  async ({ contacts }, { plan, onProgress }) => {
    const byId: Record<string, FieldOp[]> = {};
    for (const p of planUndo(plan)) byId[p.contactId] = p.ops;
    return contacts.applyOps(Object.keys(byId), byId, onProgress);
  },
);

export const saveContactFields = defineAction<{ contactId: string; ops: FieldOp[] }, WriteResult[]>(
  "contacts.saveFields",
  async ({ contacts }, { contactId, ops }) => (ops.length ? contacts.applyOps([contactId], ops) : []),
);

export const saveFieldSchema = defineAction<{ schema: FieldSchema }, void>("settings.saveFieldSchema", async ({ contacts }, { schema }) =>
  contacts.saveSchema(schema),
);

export const ACTIONS = [setNeedsRecontact, applyBulkChange, undoBulkChange, saveContactFields, saveFieldSchema] as const;
