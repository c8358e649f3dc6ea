import { useCallback, useMemo, useRef, useState } from "react";
import { taggingActions, useTagging, type MailItemSnapshot, type SelectedItem, type TagOutcome, type TagProgress, type TagRow } from "../../app";
import { FieldValueError } from "../../domain/errors";
import { splitKeywordInput } from "../../domain/fieldValues";
import { fieldByRole } from "../../domain/schema";
import type { TagChange } from "../../domain/tagging";
import type { Participant } from "../../domain/threadParticipants";

export type TagSource = { kind: "thread"; item: MailItemSnapshot } | { kind: "selection"; items: readonly SelectedItem[] };

export type TagPhase =
  | { phase: "idle" }
  | { phase: "loading" }
  | { phase: "error"; code: string }
  | { phase: "preview" }
  | { phase: "applying"; progress: TagProgress }
  | { phase: "done"; outcome: TagOutcome };

/** The values the user picks: "" = leave unchanged. */
export interface TagValues {
  products: string;
  needsRecontact: "" | "yes" | "no";
  tier: string;
}

const codeOf = (e: unknown) => String((e as { code?: unknown })?.code ?? "unknown");

/**
 * Thread / selection tagging: collect participants (with exclusions), let the user untick people and pick
 * values, apply through the registered action with progress, keep the per-person results.
 */
export function useParticipantTagging(source: TagSource) {
  const tagging = useTagging();
  const [state, setState] = useState<TagPhase>({ phase: "idle" });
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [included, setIncluded] = useState<Set<string>>(new Set());
  const [values, setValues] = useState<TagValues>({ products: "", needsRecontact: "yes", tier: "" });
  const [problem, setProblem] = useState<string | undefined>();
  const generation = useRef(0);

  const collect = useCallback(() => {
    const mine = ++generation.current;
    setState({ phase: "loading" });
    setProblem(undefined);
    const p = source.kind === "thread" ? tagging.threadParticipants(source.item) : tagging.selectionParticipants(source.items);
    p.then(
      (list) => {
        if (mine !== generation.current) return;
        setParticipants(list);
        setIncluded(new Set(list.filter((x) => x.status.kind !== "excluded").map((x) => x.address)));
        setState({ phase: "preview" });
      },
      (e: unknown) => mine === generation.current && setState({ phase: "error", code: codeOf(e) }),
    );
  }, [tagging, source]);

  const reset = useCallback(() => {
    generation.current++;
    setState({ phase: "idle" });
    setProblem(undefined);
  }, []);

  const toggle = useCallback((address: string, on: boolean) => {
    setIncluded((prev) => {
      const next = new Set(prev);
      if (on) next.add(address);
      else next.delete(address);
      return next;
    });
  }, []);

  const change = useMemo((): TagChange => {
    const schema = tagging.schema();
    const out: TagChange = {};
    const products = fieldByRole(schema, "products");
    const needs = fieldByRole(schema, "needsRecontact");
    const tier = fieldByRole(schema, "tier");
    const list = splitKeywordInput(values.products);
    if (products && list.length) out.addKeywords = { [products.propertyName]: list };
    const set: Record<string, unknown> = {};
    if (needs && values.needsRecontact) set[needs.propertyName] = values.needsRecontact === "yes";
    if (tier && values.tier) set[tier.propertyName] = values.tier;
    if (Object.keys(set).length) out.set = set;
    return out;
    // The schema is read when the values change; it is loaded before the preview is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tagging, values, state.phase]);

  const rows: TagRow[] = useMemo(
    () => participants.filter((p) => p.status.kind !== "excluded" && included.has(p.address)).map(({ address, name, status }) => ({ address, name, status })),
    [participants, included],
  );
  const hasValues = Boolean(change.set || change.addKeywords);

  const apply = useCallback(async () => {
    if (!hasValues || rows.length === 0) {
      setProblem("nothingChosen");
      return;
    }
    setProblem(undefined);
    setState({ phase: "applying", progress: { done: 0, total: rows.length } });
    try {
      const outcome = await taggingActions.tagParticipants.perform(tagging, {
        rows,
        change,
        onProgress: (progress) => setState({ phase: "applying", progress }),
      });
      setState({ phase: "done", outcome });
    } catch (e) {
      setProblem(`${e instanceof FieldValueError ? "invalid" : "failed"}:${codeOf(e)}`);
      setState({ phase: "preview" });
    }
  }, [tagging, rows, change, hasValues]);

  return { state, participants, included, toggle, values, setValues, rows, apply, collect, reset, problem, schema: tagging.schema };
}
