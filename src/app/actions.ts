/**
 * User commands as registered actions (conventions.md "User commands are registered actions"): buttons,
 * keyboard shortcuts and tests call `perform(services, args)` the same way.
 */
import { followUpEdited } from "../domain/followUp";
import { fieldByRole } from "../domain/schema";
import { planTagging, planUndo, type TagChange, type TaggingPlan } from "../domain/tagging";
import type { FieldOp, FieldSchema, WriteResult } from "../domain/types";
import type { WriteProgress } from "./contacts";
import type { SalesService } from "./sales/createSalesService";
import type { Services } from "./Services";

/**
 * What an action may use: the contacts store, and — where the pane has one — the follow-up service, so an edit of a
 * contact's next-contact date or "needs re-contact" moves its To Do task (issue 10 item 13).
 */
export type ActionServices = Pick<Services, "contacts"> & { followUpTasks?: Pick<SalesService, "followTasks"> };

export interface Action<A, R> {
  name: string;
  perform(services: ActionServices, args: A): Promise<R>;
}

/**
 * The written contacts whose follow-up fields these ops changed get their open task updated, in the background: the
 * edit is saved and shown at once; the task follows a moment later (the service never throws).
 */
function followTasksOf(services: ActionServices, results: readonly WriteResult[], opsOf: (contactId: string) => readonly FieldOp[] | undefined): void {
  if (!services.followUpTasks) return;
  const ids = followUpEdited(results, opsOf, services.contacts.snapshot().schema);
  if (ids.length) void services.followUpTasks.followTasks(ids);
}

/** applyOps with per-contact ops, then the follow-up tasks of the contacts written. */
async function applyAndFollow(services: ActionServices, byId: Record<string, FieldOp[]>, onProgress?: (p: WriteProgress) => void): Promise<WriteResult[]> {
  const results = await services.contacts.applyOps(Object.keys(byId), byId, onProgress);
  followTasksOf(services, results, (id) => byId[id]);
  return results;
}

function defineAction<A, R>(name: string, perform: Action<A, R>["perform"]): Action<A, R> {
  return { name, perform };
}

/** The seed's workflow: tick "needs re-contact" for one contact (optimistic; the list regroups at once). */
export const setNeedsRecontact = defineAction<{ contactId: string; value: boolean }, WriteResult[]>(
  "contacts.setNeedsRecontact",
  async (services, { contactId, value }) => {
    const field = fieldByRole(services.contacts.snapshot().schema, "needsRecontact");
    if (!field) throw Object.assign(new Error("No needs-re-contact field"), { code: "fieldNotFound" });
    const ops: FieldOp[] = [{ op: "set", field: field.propertyName, value }];
    const results = await services.contacts.applyOps([contactId], ops);
    followTasksOf(services, results, () => ops);
    return results;
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
>("contacts.applyBulkChange", async (services, { plan, onProgress }) => {
  const byId: Record<string, FieldOp[]> = {};
  for (const p of plan.plans) byId[p.contactId] = p.ops;
  return applyAndFollow(services, byId, onProgress);
});

/** Undo of a bulk change: per contact the inverse ops of what the plan wrote (domain planUndo). */
export const undoBulkChange = defineAction<{ plan: TaggingPlan; onProgress?: (p: WriteProgress) => void }, WriteResult[]>(
  "contacts.undoBulkChange",
  async (services, { plan, onProgress }) => {
    const byId: Record<string, FieldOp[]> = {};
    for (const p of planUndo(plan)) byId[p.contactId] = p.ops;
    return applyAndFollow(services, byId, onProgress);
  },
);

export const saveContactFields = defineAction<{ contactId: string; ops: FieldOp[] }, WriteResult[]>(
  "contacts.saveFields",
  async (services, { contactId, ops }) => {
    if (!ops.length) return [];
    const results = await services.contacts.applyOps([contactId], ops);
    followTasksOf(services, results, () => ops);
    return results;
  },
);

export const saveFieldSchema = defineAction<{ schema: FieldSchema }, void>("settings.saveFieldSchema", async ({ contacts }, { schema }) =>
  contacts.saveSchema(schema),
);

export const ACTIONS = [setNeedsRecontact, applyBulkChange, undoBulkChange, saveContactFields, saveFieldSchema] as const;
