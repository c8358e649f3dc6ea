import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MutableRefObject, type RefObject } from "react";
import type { FixedSizeList } from "react-window";

/**
 * Roving focus for the virtualized contact list (WAI-ARIA "one tab stop" pattern): exactly one control in the
 * list is tabbable. ArrowUp/ArrowDown/Home/End move between rows (scrolling the window so the row is rendered),
 * ArrowLeft/ArrowRight move between the controls of the focused row. Controls carry `data-roving`; rows carry
 * `data-row-index`. Focus that arrives any other way (mouse, focus restore) makes that control the current one.
 */
export interface RovingState {
  /** The current row's index and the control (position within its row) that holds the tab stop. */
  index: number;
  col: number;
}

export interface RovingRows {
  state: RovingState;
  /** The row that holds the tab stop (the current row if rendered, else the first rendered row). */
  tabRow: number;
  /** Set when a key moved the current row: the row focuses itself once rendered. */
  wantFocus: MutableRefObject<boolean>;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: (e: { target: EventTarget | null }) => void;
  onItemsRendered: (range: { overscanStartIndex: number; overscanStopIndex: number; visibleStartIndex: number }) => void;
}

/** Position of the control that starts a row: its main button (name / group toggle). */
export const PRIMARY_COL = -1;

function rowOf(target: EventTarget | null): { row: HTMLElement; index: number; controls: HTMLElement[]; at: number } | undefined {
  if (!(target instanceof HTMLElement)) return undefined;
  const row = target.closest<HTMLElement>("[data-row-index]");
  if (!row) return undefined;
  const controls = [...row.querySelectorAll<HTMLElement>("[data-roving]")];
  return { row, index: Number(row.dataset.rowIndex), controls, at: controls.indexOf(target) };
}

export function useRovingRows(length: number, listRef: RefObject<FixedSizeList | null>): RovingRows {
  const [state, setState] = useState<RovingState>({ index: 0, col: PRIMARY_COL });
  const [range, setRange] = useState({ start: 0, stop: -1, visible: 0 });
  const wantFocus = useRef(false);
  const index = Math.max(0, Math.min(state.index, length - 1));
  const rendered = index >= range.start && index <= range.stop;
  const tabRow = rendered || range.stop < 0 ? index : Math.min(range.visible, length - 1);

  // The list shrank (search, collapse): keep the current row inside it.
  useEffect(() => {
    if (length > 0 && state.index > length - 1) setState((s) => ({ ...s, index: length - 1 }));
  }, [length, state.index]);

  const moveTo = useCallback(
    (next: number, col: number) => {
      if (length === 0) return;
      const i = Math.max(0, Math.min(next, length - 1));
      wantFocus.current = true;
      setState({ index: i, col });
      listRef.current?.scrollToItem(i);
    },
    [length, listRef],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const at = rowOf(e.target);
      if (!at || e.altKey || e.ctrlKey || e.metaKey) return;
      const primary = at.controls.findIndex((c) => c.dataset.roving === "primary");
      const col = at.controls[at.at]?.dataset.roving === "primary" ? PRIMARY_COL : at.at;
      switch (e.key) {
        case "ArrowDown":
          moveTo(at.index + 1, col);
          break;
        case "ArrowUp":
          moveTo(at.index - 1, col);
          break;
        case "Home":
          moveTo(0, col);
          break;
        case "End":
          moveTo(length - 1, col);
          break;
        case "ArrowRight":
        case "ArrowLeft": {
          const from = at.at < 0 ? primary : at.at;
          const to = Math.max(0, Math.min(from + (e.key === "ArrowRight" ? 1 : -1), at.controls.length - 1));
          const el = at.controls[to];
          if (el && to !== from) {
            setState({ index: at.index, col: el.dataset.roving === "primary" ? PRIMARY_COL : to });
            el.focus();
          }
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    },
    [length, moveTo],
  );

  const onFocus = useCallback((e: { target: EventTarget | null }) => {
    const at = rowOf(e.target);
    if (!at || at.at < 0) return;
    const col = at.controls[at.at]?.dataset.roving === "primary" ? PRIMARY_COL : at.at;
    setState((s) => (s.index === at.index && s.col === col ? s : { index: at.index, col }));
  }, []);

  const onItemsRendered = useCallback(
    (r: { overscanStartIndex: number; overscanStopIndex: number; visibleStartIndex: number }) =>
      setRange((old) =>
        old.start === r.overscanStartIndex && old.stop === r.overscanStopIndex && old.visible === r.visibleStartIndex
          ? old
          : { start: r.overscanStartIndex, stop: r.overscanStopIndex, visible: r.visibleStartIndex },
      ),
    [],
  );

  return { state: { index, col: state.col }, tabRow, wantFocus, onKeyDown, onFocus, onItemsRendered };
}
