import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useContacts, type ContactsService } from "../../app";
import { createContactQueryEngine, type ColumnRef, type Condition, type ContactGroup, type SortSpec } from "../../domain/contactQuery";
import { fieldByRole, visibleFields } from "../../domain/schema";
import type { Contact, FieldDefinition } from "../../domain/types";
import { LOCAL_TIME_ZONE, toLocale } from "./fieldText";

/** One line of the virtualized list: group headers are rows too, so 50,000 contacts stay one flat list. */
export type ListRow =
  | { kind: "group"; key: string; group: ContactGroup; collapsed: boolean }
  | { kind: "contact"; key: string; contact: Contact; groupKey: string | null };

export type RowSync = "pending" | "failed" | undefined;

/**
 * The list's rows without materializing them: 50,000 contacts would mean 50,000 row objects per regroup, and
 * only the ~30 visible rows are ever asked for. Grouped: each group's first index (its header) is kept, and
 * row i is found by binary search over those starts.
 */
export interface RowModel {
  length: number;
  at(index: number): ListRow;
  /** The index of the row with this key (a contact's id, a group's "g:" key), or -1 (e.g. in a folded group). */
  indexOf(key: string): number;
}

const NONE_KEY = "\u0000none";

export function createRowModel(rows: readonly Contact[], groups: readonly ContactGroup[] | null, collapsed: ReadonlySet<string>): RowModel {
  if (!groups) {
    let index: Map<string, number> | undefined;
    return {
      length: rows.length,
      at: (i) => ({ kind: "contact", key: rows[i]!.id, contact: rows[i]!, groupKey: null }),
      // Built on first use only (keyboard focus following a moved row), not per regroup.
      indexOf: (key) => (index ??= new Map(rows.map((c, i) => [c.id, i]))).get(key) ?? -1,
    };
  }
  const starts: number[] = [];
  let length = 0;
  for (const g of groups) {
    starts.push(length);
    length += 1 + (collapsed.has(g.key ?? NONE_KEY) ? 0 : g.rows.length);
  }
  return {
    length,
    at(i) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= i) lo = mid;
        else hi = mid - 1;
      }
      const g = groups[lo]!;
      const gk = g.key ?? NONE_KEY;
      const offset = i - starts[lo]!;
      if (offset === 0) return { kind: "group", key: `g:${gk}`, group: g, collapsed: collapsed.has(gk) };
      const c = g.rows[offset - 1]!;
      // Keyed by the contact alone: a contact that moves to another group (ticked) keeps its row element and its focus.
      return { kind: "contact", key: c.id, contact: c, groupKey: gk };
    },
    indexOf(key) {
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k]!;
        const gk = g.key ?? NONE_KEY;
        if (key === `g:${gk}`) return starts[k]!;
        if (collapsed.has(gk)) continue;
        const at = g.rows.findIndex((c) => c.id === key);
        if (at >= 0) return starts[k]! + 1 + at;
      }
      return -1;
    },
  };
}

export function columnKey(c: ColumnRef): string {
  return "field" in c ? `f:${c.field}` : `b:${c.builtin}`;
}

export function parseColumnKey(key: string): ColumnRef | undefined {
  if (key.startsWith("f:")) return { field: key.slice(2) };
  if (key.startsWith("b:")) return { builtin: key.slice(2) as "displayName" };
  return undefined;
}

/**
 * The contacts view's state: query (group / sort / filters / search) through the domain engine, collapsed
 * groups, selection. The engine instance lives as long as the view, so its rank tables and search index are
 * reused across regroups (that is what keeps 50,000 contacts fast).
 */
export function useContactList(service: ContactsService) {
  const { i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const snap = useContacts(service);
  const engine = useMemo(() => createContactQueryEngine(), []);
  const [groupBy, setGroupBy] = useState<ColumnRef | undefined>(undefined);
  const [sort, setSort] = useState<SortSpec>({ column: { builtin: "displayName" }, direction: "asc" });
  const [filters, setFilters] = useState<Condition[]>([]);
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const fields: FieldDefinition[] = useMemo(() => visibleFields(snap.schema), [snap.schema]);
  const needsField = useMemo(() => fieldByRole(snap.schema, "needsRecontact"), [snap.schema]);

  // A field removed from the schema (or hidden) must not break the query.
  const known = useCallback((c: ColumnRef | undefined) => !c || !("field" in c) || snap.schema.fields.some((f) => f.propertyName === c.field), [snap.schema]);
  const effectiveGroup = known(groupBy) ? groupBy : undefined;
  const effectiveSort: SortSpec = useMemo(() => (known(sort.column) ? sort : { column: { builtin: "displayName" }, direction: "asc" }), [known, sort]);
  const effectiveFilters = useMemo(() => filters.filter((f) => known(f.column)), [filters, known]);

  const result = useMemo(
    () =>
      engine.query(snap.contacts, snap.schema, {
        locale,
        timeZone: LOCAL_TIME_ZONE,
        ...(effectiveGroup ? { groupBy: effectiveGroup } : {}),
        sort: effectiveSort,
        filters: effectiveFilters,
        search: deferredSearch,
      }),
    [engine, snap.contacts, snap.schema, locale, effectiveGroup, effectiveSort, effectiveFilters, deferredSearch],
  );

  const rows: RowModel = useMemo(() => createRowModel(result.rows, result.groups, collapsed), [result, collapsed]);

  const syncById = useMemo(() => {
    const m = new Map<string, RowSync>();
    for (const p of snap.pending) m.set(p.contactId, "pending");
    for (const f of snap.failed) m.set(f.contactId, "failed");
    return m;
  }, [snap.pending, snap.failed]);

  const toggleGroup = useCallback((groupKey: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(groupKey)) next.delete(groupKey);
      else next.add(groupKey);
      return next;
    });
  }, []);

  const setSelection = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const [anchor, setAnchor] = useState<string | undefined>(undefined);
  /** Click toggles one; shift-click selects the range from the last clicked contact (in list order). */
  const selectContact = useCallback(
    (id: string, on: boolean, shift: boolean) => {
      if (shift && anchor) {
        const order = result.rows.map((c) => c.id);
        const a = order.indexOf(anchor);
        const b = order.indexOf(id);
        if (a >= 0 && b >= 0) {
          setSelection(order.slice(Math.min(a, b), Math.max(a, b) + 1), on);
          setAnchor(id);
          return;
        }
      }
      setSelection([id], on);
      setAnchor(id);
    },
    [anchor, result.rows, setSelection],
  );

  return {
    snap,
    locale,
    fields,
    needsField,
    groupBy: effectiveGroup,
    setGroupBy,
    sort: effectiveSort,
    setSort,
    filters: effectiveFilters,
    addFilter: useCallback((c: Condition) => setFilters((prev) => [...prev, c]), []),
    removeFilter: useCallback((i: number) => setFilters((prev) => prev.filter((_, j) => j !== i)), []),
    clearFilters: useCallback(() => setFilters([]), []),
    search,
    setSearch,
    result,
    rows,
    syncById,
    toggleGroup,
    selected,
    selectContact,
    setSelection,
    clearSelection: useCallback(() => setSelected(new Set()), []),
  };
}

export type ContactListState = ReturnType<typeof useContactList>;
