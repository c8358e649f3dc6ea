import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_CONTACT_LIST_VIEW, useContacts, type ContactListView, type ContactListViewStore, type ContactsService } from "../../app";
import { createContactQueryEngine, type ColumnRef, type Condition, type ContactGroup, type SortSpec } from "../../domain/contactQuery";
import type { PinyinMatcher } from "../../domain/pinyinSearch";
import { fieldByRole, visibleFields } from "../../domain/schema";
import type { Contact, FieldDefinition } from "../../domain/types";
import { LOCAL_TIME_ZONE, toLocale } from "./fieldText";
import { loadPinyinMatcher } from "./loadPinyinMatcher";

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

/** A search with a Latin letter in it may be pinyin: only then is the pinyin library loaded. */
const MAYBE_PINYIN = /[a-z]/i;

/**
 * The stored view (group, sort, filters) of this user: read once, applied unless the user changed the view first;
 * every change saved after that (one save at a time, the latest view last — a save is a round trip to the mailbox).
 */
function useStoredView(store: ContactListViewStore | undefined) {
  const [view, setView] = useState<ContactListView>(DEFAULT_CONTACT_LIST_VIEW);
  /** The latest view, including changes not rendered yet (two changes in one event both count). */
  const latest = useRef(view);
  const changed = useRef(false);
  useEffect(() => {
    if (!store) return;
    let live = true;
    store.load().then(
      (stored) => {
        // Nothing stored (or the same view): no re-render.
        if (!live || changed.current || JSON.stringify(stored) === JSON.stringify(latest.current)) return;
        latest.current = stored;
        setView(stored);
      },
      // Unreadable settings: the default view stays (the list keeps working).
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store]);
  const saving = useRef<{ busy: boolean; next?: ContactListView }>({ busy: false });
  const update = useCallback(
    (change: (v: ContactListView) => ContactListView) => {
      changed.current = true;
      const next = change(latest.current);
      latest.current = next;
      setView(next);
      const q = saving.current;
      if (!store) return;
      q.next = next;
      if (q.busy) return;
      q.busy = true;
      void (async () => {
        while (q.next) {
          const v = q.next;
          q.next = undefined;
          // A view that could not be saved is only not remembered: nothing of the user's data is lost.
          await store.save(v).catch(() => undefined);
        }
        q.busy = false;
      })();
    },
    [store],
  );
  return { view, update };
}

/**
 * The contacts view's state: query (group / sort / filters / search) through the domain engine, collapsed
 * groups, selection. The engine instance lives as long as the view, so its rank tables and search index are
 * reused across regroups (that is what keeps 50,000 contacts fast). Group, sort and filters are the user's
 * stored view (`viewStore`, roaming settings per mailbox user); search is pinyin-aware once typed.
 */
export function useContactList(service: ContactsService, viewStore?: ContactListViewStore) {
  const { i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const snap = useContacts(service);
  const engine = useMemo(() => createContactQueryEngine(), []);
  const { view, update } = useStoredView(viewStore);
  const { groupBy, sort, filters } = view;
  const setGroupBy = useCallback((c: ColumnRef | undefined) => update((v) => (c ? { ...v, groupBy: c } : { sort: v.sort, filters: v.filters })), [update]);
  const setSort = useCallback((s: SortSpec) => update((v) => ({ ...v, sort: s })), [update]);
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const [pinyin, setPinyin] = useState<PinyinMatcher | undefined>(undefined);
  const wantsPinyin = MAYBE_PINYIN.test(deferredSearch);
  useEffect(() => {
    if (!wantsPinyin || pinyin) return;
    let live = true;
    loadPinyinMatcher().then(
      (m) => live && setPinyin(() => m),
      // Not loaded (offline, a blocked chunk): search stays plain text, and the next search tries again.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wantsPinyin, pinyin]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const fields: FieldDefinition[] = useMemo(() => visibleFields(snap.schema), [snap.schema]);
  const needsField = useMemo(() => fieldByRole(snap.schema, "needsRecontact"), [snap.schema]);

  // A field removed from the schema (or hidden) must not break the query.
  const known = useCallback((c: ColumnRef | undefined) => !c || !("field" in c) || snap.schema.fields.some((f) => f.propertyName === c.field), [snap.schema]);
  const effectiveGroup = known(groupBy) ? groupBy : undefined;
  const effectiveSort: SortSpec = useMemo(() => (known(sort.column) ? sort : { column: { builtin: "displayName" }, direction: "asc" }), [known, sort]);
  // A stored condition the engine refuses (a field that changed kind since) is left out, not a broken list.
  const accepted = useCallback(
    (f: Condition) => {
      try {
        engine.query([], snap.schema, { locale, filters: [f] });
        return true;
      } catch {
        return false;
      }
    },
    [engine, snap.schema, locale],
  );
  const effectiveFilters = useMemo(() => filters.filter((f) => known(f.column) && accepted(f)), [filters, known, accepted]);

  const result = useMemo(
    () =>
      engine.query(snap.contacts, snap.schema, {
        locale,
        timeZone: LOCAL_TIME_ZONE,
        ...(effectiveGroup ? { groupBy: effectiveGroup } : {}),
        sort: effectiveSort,
        filters: effectiveFilters,
        search: deferredSearch,
        ...(pinyin && wantsPinyin ? { pinyin } : {}),
      }),
    [engine, snap.contacts, snap.schema, locale, effectiveGroup, effectiveSort, effectiveFilters, deferredSearch, pinyin, wantsPinyin],
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
    addFilter: useCallback((c: Condition) => update((v) => ({ ...v, filters: [...v.filters, c] })), [update]),
    // By the chip's index among the filters shown (a stored one for a deleted field is not shown).
    removeFilter: useCallback(
      (i: number) => {
        const gone = effectiveFilters[i];
        update((v) => ({ ...v, filters: v.filters.filter((f) => f !== gone) }));
      },
      [effectiveFilters, update],
    ),
    clearFilters: useCallback(() => update((v) => ({ ...v, filters: [] })), [update]),
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
