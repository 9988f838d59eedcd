import type { RawCell, RowEdit } from './sheet-types';
import type { CellRange } from './selection';

/** The changes of one sheet action (a paste, a fill, a delete), with the text each cell was given. */
export interface CellPlan {
  edits: RowEdit[];
  creates: { values: Record<string, RawCell> }[];
  /** the text of every planned cell, by row (edit id, or `new:<index>`) and column, for red marks */
  texts: Map<string, string>;
  cells: number;
  /** the block's size as pasted */
  rows: number;
  columns: number;
  /** rows the block would add below the last row where the sheet adds none */
  dropped: number;
}

export const textKey = (row: number | string, key: string) => `${row}\u0000${key}`;

const blank = (t: string): RawCell => (t.trim() === '' ? null : t);

/**
 * A block copied from Excel/WPS laid onto the sheet, as Excel does: one value into every selected
 * cell; otherwise the block from the range's top-left cell, rows past the last one becoming new
 * rows (when the sheet adds rows) and columns past the last one dropped. Columns that cannot be
 * edited are skipped over, keeping the block's shape.
 * `rowIds[i]` is the id of the sheet row `range.top + i`.
 */
export function planPaste(block: string[][], t: { range: CellRange; columns: (string | null)[]; rowIds: number[]; total: number; canCreate: boolean }): CellPlan {
  const plan: CellPlan = { edits: [], creates: [], texts: new Map(), cells: 0, rows: block.length, columns: Math.max(0, ...block.map((r) => r.length)), dropped: 0 };
  const oneValue = block.length === 1 && block[0]!.length === 1;
  const height = oneValue ? t.range.bottom - t.range.top + 1 : block.length;
  const width = oneValue ? t.range.right - t.range.left + 1 : plan.columns;
  for (let r = 0; r < height; r++) {
    const cells = oneValue ? null : block[r]!;
    const values: Record<string, RawCell> = {};
    const texts: [string, string][] = [];
    for (let c = 0; c < width; c++) {
      const key = t.columns[t.range.left + c];
      const text = oneValue ? block[0]![0]! : cells![c];
      if (!key || text === undefined) continue;
      values[key] = blank(text);
      texts.push([key, text]);
    }
    if (texts.length === 0) continue;
    const index = t.range.top + r;
    if (index < t.total) {
      const id = t.rowIds[r];
      if (id === undefined) continue;
      plan.edits.push({ id, values });
      for (const [k, text] of texts) plan.texts.set(textKey(id, k), text);
    } else if (t.canCreate) {
      for (const [k, text] of texts) plan.texts.set(textKey(`new:${plan.creates.length}`, k), text);
      plan.creates.push({ values });
    } else {
      plan.dropped++;
      continue;
    }
    plan.cells += texts.length;
  }
  return plan;
}

/**
 * Ctrl+D / Ctrl+R as in Excel: the range's first row (or column) copied into the rest of it; a
 * range one row high (one column wide) takes the row above (the column to the left).
 * `source(row, col)` gives the value to copy and its text; columns not editable are left alone.
 */
export function planFill(
  dir: 'down' | 'right',
  range: CellRange,
  t: { columns: (string | null)[]; rowIds: (number | undefined)[]; source: (row: number, col: number) => { value: RawCell; text: string } | null },
): CellPlan {
  const plan: CellPlan = { edits: [], creates: [], texts: new Map(), cells: 0, rows: range.bottom - range.top + 1, columns: range.right - range.left + 1, dropped: 0 };
  const fromRow = dir === 'down' ? (range.top === range.bottom ? range.top - 1 : range.top) : null;
  const fromCol = dir === 'right' ? (range.left === range.right ? range.left - 1 : range.left) : null;
  for (let row = range.top; row <= range.bottom; row++) {
    if (fromRow !== null && row === fromRow) continue;
    const id = t.rowIds[row - range.top];
    if (id === undefined) continue;
    const values: Record<string, RawCell> = {};
    for (let col = range.left; col <= range.right; col++) {
      if (fromCol !== null && col === fromCol) continue;
      const key = t.columns[col];
      if (!key) continue;
      const src = t.source(fromRow ?? row, fromCol ?? col);
      if (!src) continue;
      values[key] = src.value;
      plan.texts.set(textKey(id, key), src.text);
      plan.cells++;
    }
    if (Object.keys(values).length) plan.edits.push({ id, values });
  }
  return plan;
}

/** Delete on a range: every editable cell emptied. */
export function planClear(range: CellRange, t: { columns: (string | null)[]; rowIds: (number | undefined)[] }): CellPlan {
  const plan: CellPlan = { edits: [], creates: [], texts: new Map(), cells: 0, rows: range.bottom - range.top + 1, columns: range.right - range.left + 1, dropped: 0 };
  for (let row = range.top; row <= range.bottom; row++) {
    const id = t.rowIds[row - range.top];
    if (id === undefined) continue;
    const values: Record<string, RawCell> = {};
    for (let col = range.left; col <= range.right; col++) {
      const key = t.columns[col];
      if (!key) continue;
      values[key] = null;
      plan.texts.set(textKey(id, key), '');
      plan.cells++;
    }
    if (Object.keys(values).length) plan.edits.push({ id, values });
  }
  return plan;
}
