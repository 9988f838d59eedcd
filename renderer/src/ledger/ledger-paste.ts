import type { RawCell } from '../../../shared/domain/ledger';

export interface LedgerPastePlan {
  edits: { id: number; values: Record<string, RawCell> }[];
  creates: { values: Record<string, RawCell> }[];
  /** rows of the block that landed on rows not read yet (far below): left alone */
  unloaded: number;
  cells: number;
  rows: number;
  columns: number;
}

/**
 * Lays a block copied from Excel/WPS onto the grid from the focused cell, like Excel: rows
 * past the last record become new records; columns past the last one are dropped.
 * `rowAt(i)` gives the record id shown at row i, undefined when that row is not loaded.
 */
export function planLedgerPaste(
  block: string[][],
  target: { columns: string[]; startColumn: number; startRow: number; total: number; rowAt: (index: number) => number | undefined },
): LedgerPastePlan {
  const plan: LedgerPastePlan = { edits: [], creates: [], unloaded: 0, cells: 0, rows: block.length, columns: Math.max(0, ...block.map((r) => r.length)) };
  block.forEach((cells, r) => {
    const values: Record<string, RawCell> = {};
    cells.forEach((text, c) => {
      const key = target.columns[target.startColumn + c];
      if (key === undefined) return;
      values[key] = text.trim() === '' ? null : text;
      plan.cells++;
    });
    if (Object.keys(values).length === 0) return;
    const index = target.startRow + r;
    if (index >= target.total) {
      plan.creates.push({ values });
      return;
    }
    const id = target.rowAt(index);
    if (id === undefined) plan.unloaded++;
    else plan.edits.push({ id, values });
  });
  return plan;
}
