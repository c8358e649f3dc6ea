import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from "react";
import type { FixedSizeList } from "react-window";
import type { RowModel } from "./useContactList";

/** A row's focusable controls, in order. Group headers have no "needs" control (their primary is the fold button). */
export type RowCol = "select" | "needs" | "primary";

export interface RovingTarget {
  /** The row's key: a contact's id or a group's "g:" key — stable across re-sorts and regroups, unlike an index. */
  key: string;
  col: RowCol;
}

export interface RovingRows {
  /** The one control of the list that Tab reaches (tabIndex 0); every other control is -1. */
  tabStop: RovingTarget | undefined;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: (e: FocusEvent<HTMLElement>) => void;
  onBlur: (e: FocusEvent<HTMLElement>) => void;
  onItemsRendered: (range: { overscanStartIndex: number; overscanStopIndex: number; visibleStartIndex: number }) => void;
}

function cssString(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&")}"`;
}

/** The control `col` of the rendered row `key` inside `root` (its primary control if the row has no such column). */
function controlOf(root: HTMLElement | null, t: RovingTarget): HTMLElement | null {
  const row = root?.querySelector<HTMLElement>(`[data-row-key=${cssString(t.key)}]`);
  return row?.querySelector<HTMLElement>(`[data-col="${t.col}"]`) ?? row?.querySelector<HTMLElement>('[data-col="primary"]') ?? null;
}

function targetOf(el: EventTarget | null): (RovingTarget & { index: number; row: HTMLElement }) | undefined {
  if (!(el instanceof HTMLElement)) return undefined;
  const control = el.closest<HTMLElement>("[data-col]");
  const row = el.closest<HTMLElement>("[data-row-key]");
  if (!control || !row) return undefined;
  return { key: row.dataset.rowKey!, col: control.dataset.col as RowCol, index: Number(row.dataset.rowIndex), row };
}

/**
 * Roving focus for the virtualized contact list (WAI-ARIA "one tab stop" pattern): exactly one control in the
 * list is tabbable; Up/Down/Home/End move between rows (scrolling the window), Left/Right between a row's controls.
 *
 * Focus moves without racing React (the earlier attempt, fa00093, let every row's effect look for "the row that
 * wants focus" through a shared flag after re-rendering; a render that ran before the flag was set, or a row
 * re-rendered while not yet marked current, left focus on the first row):
 * - a target row that is already in the DOM (the usual case: the next row is always within the overscan) is
 *   focused synchronously in the key handler itself, then the tab stop state follows;
 * - a row outside the rendered window (Home/End, or a ticked contact that moved to another group) is scrolled to,
 *   and focused by the list's own commit hooks — the layout effect after a render of the list and react-window's
 *   onItemsRendered after it rendered the new window — whichever sees it in the DOM first, by key, never by index;
 * - when a re-render removed the focused control (a ticked row moved away), focus follows that contact to its new
 *   row instead of falling to the page body. Only for keyboard focus: a mouse user's list is not scrolled away.
 */
export function useRovingRows(rows: RowModel, rootRef: RefObject<HTMLElement | null>, listRef: RefObject<FixedSizeList | null>): RovingRows {
  const [current, setCurrent] = useState<RovingTarget | undefined>();
  const [firstVisible, setFirstVisible] = useState(0);
  const [rendered, setRendered] = useState({ start: 0, stop: -1 });
  /** Where focus is in the list (and whether it came from the keyboard), to follow the row if it is re-rendered away. */
  const focused = useRef<(RovingTarget & { keyboard: boolean }) | undefined>(undefined);
  /** A row scrolled to but not yet rendered: focus it once it is. */
  const pending = useRef<RovingTarget | undefined>(undefined);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const focusNow = useCallback(
    (t: RovingTarget): boolean => {
      const el = controlOf(rootRef.current, t);
      if (!el) return false;
      el.focus();
      return true;
    },
    [rootRef],
  );

  /** Focuses `t` now if its row is rendered, else scrolls to it and leaves it pending. */
  const goTo = useCallback(
    (index: number, t: RovingTarget) => {
      setCurrent(t);
      listRef.current?.scrollToItem(index);
      pending.current = focusNow(t) ? undefined : t;
    },
    [focusNow, listRef],
  );

  const settle = useCallback(() => {
    const p = pending.current;
    if (p) {
      if (focusNow(p)) pending.current = undefined;
      return;
    }
    const f = focused.current;
    const active = document.activeElement;
    // The focused control was removed by a re-render (its row moved out of the window): follow the contact.
    if (f && f.keyboard && (active === null || active === document.body)) {
      if (focusNow(f)) return;
      const index = rowsRef.current.indexOf(f.key);
      if (index < 0) {
        focused.current = undefined; // filtered out or folded away: nothing to follow
        return;
      }
      pending.current = { key: f.key, col: f.col };
      setCurrent(pending.current);
      listRef.current?.scrollToItem(index);
    }
  }, [focusNow, listRef]);

  // After every commit of the list (no dependency list on purpose: any re-render may have moved the focused row).
  useLayoutEffect(settle);

  const onItemsRendered = useCallback(
    (r: { overscanStartIndex: number; overscanStopIndex: number; visibleStartIndex: number }) => {
      setFirstVisible(r.visibleStartIndex);
      setRendered((old) => (old.start === r.overscanStartIndex && old.stop === r.overscanStopIndex ? old : { start: r.overscanStartIndex, stop: r.overscanStopIndex }));
      settle();
    },
    [settle],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const at = targetOf(e.target);
      if (!at || e.altKey || e.ctrlKey || e.metaKey) return;
      const list = rowsRef.current;
      const rowAt = (i: number) => {
        const index = Math.max(0, Math.min(i, list.length - 1));
        const row = list.at(index);
        return { index, t: { key: row.key, col: row.kind === "group" && at.col === "needs" ? "primary" : at.col } as RovingTarget };
      };
      let next: { index: number; t: RovingTarget } | undefined;
      switch (e.key) {
        case "ArrowDown":
          next = rowAt(at.index + 1);
          break;
        case "ArrowUp":
          next = rowAt(at.index - 1);
          break;
        case "Home":
          next = rowAt(0);
          break;
        case "End":
          next = rowAt(list.length - 1);
          break;
        case "ArrowLeft":
        case "ArrowRight": {
          const controls = [...at.row.querySelectorAll<HTMLElement>("[data-col]")];
          const from = controls.findIndex((c) => c.dataset.col === at.col);
          const el = controls[from + (e.key === "ArrowRight" ? 1 : -1)];
          e.preventDefault();
          if (el) {
            el.focus();
            setCurrent({ key: at.key, col: el.dataset.col as RowCol });
          }
          return;
        }
        default:
          return;
      }
      e.preventDefault();
      goTo(next.index, next.t);
    },
    [goTo],
  );

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const at = targetOf(e.target);
    if (!at) return;
    let keyboard = true;
    try {
      keyboard = e.target.matches(":focus-visible");
    } catch {
      // an engine without :focus-visible (jsdom): treat as keyboard focus
    }
    focused.current = { key: at.key, col: at.col, keyboard };
    setCurrent((c) => (c && c.key === at.key && c.col === at.col ? c : { key: at.key, col: at.col }));
  }, []);

  const onBlur = useCallback((e: FocusEvent<HTMLElement>) => {
    // Focus left the list on purpose (Tab, a click elsewhere): stop following. A control removed by a re-render is
    // no longer connected (and browsers may not report its blur at all): keep following it then.
    const to = e.relatedTarget;
    if (to instanceof Node && e.currentTarget.contains(to)) return;
    if (e.target instanceof HTMLElement && e.target.isConnected) focused.current = undefined;
  }, []);

  // The tab stop: the current row if it is rendered, else the first visible row (so Tab always finds the list).
  // (Looked up among the ~20 rendered rows, not the whole list.)
  let currentRendered = false;
  for (let i = Math.max(0, rendered.start); current && i <= Math.min(rendered.stop, rows.length - 1); i++) {
    if (rows.at(i).key === current.key) currentRendered = true;
  }
  const tabStop: RovingTarget | undefined =
    current && currentRendered
      ? current
      : rows.length > 0
        ? { key: rows.at(Math.min(firstVisible, rows.length - 1)).key, col: "primary" }
        : undefined;

  return { tabStop, onKeyDown, onFocus, onBlur, onItemsRendered };
}
