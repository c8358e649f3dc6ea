/** Which rows the CSV import's preview and results list show (plain functions: the benchmark uses them too). */
import type { ImportPreviewRow, ImportRowStatus } from "../../domain/csv";

/** Rows the preview table and the results list show: every row up to this, else the rows with problems first. */
export const MAX_SHOWN_ROWS = 200;

/** The dry run's result: counts of every row, and the rows shown (at most MAX_SHOWN_ROWS: rowsToShow). */
export interface PreviewState {
  counts: Record<ImportRowStatus, number>;
  total: number;
  rows: ImportPreviewRow[];
}

/**
 * What the preview keeps while the rows stream by: the first MAX_SHOWN_ROWS rows with a problem and the first
 * MAX_SHOWN_ROWS new ones, never every row (a 100,000-row file's drafts would be ~150 MB of heap).
 */
export function createShownRows() {
  const problems: ImportPreviewRow[] = [];
  const fine: ImportPreviewRow[] = [];
  return {
    add(row: ImportPreviewRow) {
      const list = row.status === "new" ? fine : problems;
      if (list.length < MAX_SHOWN_ROWS) list.push(row);
    },
    rows: (): ImportPreviewRow[] => [...problems, ...fine.slice(0, Math.max(0, MAX_SHOWN_ROWS - problems.length))].sort((a, b) => a.line - b.line),
  };
}

/** Up to MAX_SHOWN_ROWS rows in file order: all of them, or those with problems first and then the others. */
export function rowsToShow<R extends { line: number }>(rows: readonly R[], hasProblem: (r: R) => boolean): R[] {
  if (rows.length <= MAX_SHOWN_ROWS) return [...rows];
  const problems = rows.filter(hasProblem).slice(0, MAX_SHOWN_ROWS);
  const rest = problems.length < MAX_SHOWN_ROWS ? rows.filter((r) => !hasProblem(r)).slice(0, MAX_SHOWN_ROWS - problems.length) : [];
  return [...problems, ...rest].sort((a, b) => a.line - b.line);
}

