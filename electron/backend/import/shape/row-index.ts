import type { GridRow, MergeRange } from '../read/grid';

/** Grid rows by sheet row number, and the small helpers header and data shaping share. */
export class RowIndex {
  private readonly byRow = new Map<number, GridRow>();

  constructor(readonly rows: readonly GridRow[]) {
    for (const r of rows) this.byRow.set(r.row, r);
  }

  get(row: number): GridRow | undefined {
    return this.byRow.get(row);
  }

  /** The value at a 1-based sheet row and 0-based column. */
  value(row: number, col: number) {
    return this.byRow.get(row)?.cells[col] ?? null;
  }
}

export const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export const spansRows = (m: MergeRange) => m.bottom > m.top;
export const spansCols = (m: MergeRange) => m.right > m.left;

export function colLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
