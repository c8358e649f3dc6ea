import { useCallback, useMemo, useState } from "react";
import { applyBulkChange, previewBulkChange, undoBulkChange, type ActionServices, type ContactsService, type WriteProgress, type WriteResult } from "../../app";
import type { TagChange, TaggingPlan } from "../../domain/tagging";
import type { FieldDefinition } from "../../domain/types";
import { rawFieldInput } from "./rawValue";

export type BulkAction = "set" | "clear" | "addKeyword" | "removeKeyword";

export function actionsFor(field: FieldDefinition | undefined): BulkAction[] {
  if (!field) return [];
  return field.kind === "keywords" ? ["addKeyword", "removeKeyword", "set", "clear"] : ["set", "clear"];
}

function toChange(field: FieldDefinition, action: BulkAction, text: string): TagChange {
  switch (action) {
    case "set":
      return { set: { [field.propertyName]: rawFieldInput(field, text) } };
    case "clear":
      return { clear: [field.propertyName] };
    case "addKeyword":
      return { addKeywords: { [field.propertyName]: rawFieldInput(field, text) as string[] } };
    case "removeKeyword":
      return { removeKeywords: { [field.propertyName]: rawFieldInput(field, text) as string[] } };
  }
}

/**
 * Bulk edit of the selected contacts: preview (domain tagging plan), apply with progress and per-contact
 * results, undo of the last applied change (domain planUndo through the undo action).
 */
export function useBulkEdit(service: ContactsService, fields: FieldDefinition[], selectedIds: readonly string[], followUpTasks?: ActionServices["followUpTasks"]) {
  const writer: ActionServices = useMemo(() => ({ contacts: service, ...(followUpTasks ? { followUpTasks } : {}) }), [service, followUpTasks]);
  const [fieldName, setFieldName] = useState<string>(fields[0]?.propertyName ?? "");
  const field = fields.find((f) => f.propertyName === fieldName) ?? fields[0];
  const [action, setAction] = useState<BulkAction | undefined>(undefined);
  const actions = actionsFor(field);
  const effectiveAction = action && actions.includes(action) ? action : (actions[0] ?? "set");
  const [value, setValue] = useState("");
  const [plan, setPlan] = useState<TaggingPlan | undefined>();
  const [error, setError] = useState<unknown>();
  const [progress, setProgress] = useState<WriteProgress | undefined>();
  const [results, setResults] = useState<WriteResult[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [lastApplied, setLastApplied] = useState<TaggingPlan | undefined>();
  const [undoneCount, setUndoneCount] = useState<number | undefined>();

  const reset = () => {
    setPlan(undefined);
    setResults(undefined);
    setError(undefined);
    setUndoneCount(undefined);
  };

  const preview = useCallback(() => {
    reset();
    if (!field) return;
    try {
      setPlan(previewBulkChange(service, selectedIds, toChange(field, effectiveAction, value)));
    } catch (e) {
      setError(e);
    }
  }, [service, selectedIds, field, effectiveAction, value]);

  const run = async (fn: () => Promise<WriteResult[]>) => {
    setBusy(true);
    setProgress({ done: 0, total: 0 });
    try {
      const r = await fn();
      setResults(r);
      return r;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  const apply = useCallback(async () => {
    if (!plan) return;
    const applied = plan;
    const r = await run(() => applyBulkChange.perform(writer, { plan: applied, onProgress: setProgress }));
    if (r) {
      setLastApplied(applied);
      setPlan(undefined);
    }
  }, [plan, writer]);

  const undo = useCallback(async () => {
    if (!lastApplied) return;
    const p = lastApplied;
    setPlan(undefined);
    const r = await run(() => undoBulkChange.perform(writer, { plan: p, onProgress: setProgress }));
    if (r) {
      setLastApplied(undefined);
      setUndoneCount(r.filter((x) => x.status === "written").length);
    }
  }, [lastApplied, writer]);

  return {
    field,
    setField: (name: string) => {
      setFieldName(name);
      setAction(undefined);
      setValue("");
      reset();
    },
    action: effectiveAction,
    actions,
    setAction: (a: BulkAction) => {
      setAction(a);
      reset();
    },
    value,
    setValue: (v: string) => {
      setValue(v);
      setPlan(undefined);
    },
    plan,
    error,
    progress,
    results,
    busy,
    canUndo: !!lastApplied && !busy,
    undoneCount,
    preview,
    apply,
    undo,
  };
}
