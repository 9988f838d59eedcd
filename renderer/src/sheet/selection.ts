/** A cell of a sheet by position: the displayed row index and the displayed data column index. */
export interface CellPos {
  row: number;
  col: number;
}

/** A rectangle of cells, inclusive on every side. */
export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The selection as Excel keeps it: a range from `anchor` to `end` (Shift+arrows and Shift+click
 * move the end) and the active cell inside it, where typing goes.
 */
export interface Selection {
  anchor: CellPos;
  end: CellPos;
  active: CellPos;
}

/** Bounds of the sheet: rows 0..rows-1, columns 0..cols-1. */
export interface Bounds {
  rows: number;
  cols: number;
}

export function rangeOf(s: Selection): CellRange {
  return {
    top: Math.min(s.anchor.row, s.end.row),
    bottom: Math.max(s.anchor.row, s.end.row),
    left: Math.min(s.anchor.col, s.end.col),
    right: Math.max(s.anchor.col, s.end.col),
  };
}

export const cellsIn = (r: CellRange) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

export const inRange = (r: CellRange, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function clampPos(p: CellPos, b: Bounds): CellPos {
  return { row: clamp(p.row, 0, Math.max(0, b.rows - 1)), col: clamp(p.col, 0, Math.max(0, b.cols - 1)) };
}

export const single = (p: CellPos): Selection => ({ anchor: p, end: p, active: p });

/** Shift+click: the range from the anchor to `p`, the active cell unchanged. */
export const extendTo = (s: Selection, p: CellPos): Selection => ({ ...s, end: p });

/**
 * An arrow key (or Tab, Enter, the Page keys): without `extend` the active cell moves by
 * (dRow, dCol) and the range collapses onto it; with `extend` (Shift) the range's end moves and
 * the active cell stays. `toEdge` (Ctrl) jumps to the first or last row or column.
 */
export function moveSelection(s: Selection, dRow: number, dCol: number, b: Bounds, opts: { extend?: boolean; toEdge?: boolean } = {}): Selection {
  const from = opts.extend ? s.end : s.active;
  const step = (d: number, at: number, max: number) => (d === 0 ? at : opts.toEdge ? (d < 0 ? 0 : max - 1) : at + d);
  const to = clampPos({ row: step(dRow, from.row, b.rows), col: step(dCol, from.col, b.cols) }, b);
  return opts.extend ? { ...s, end: to } : single(to);
}

/** Ctrl+A: every cell, the active cell where it was. */
export function selectAll(s: Selection | null, b: Bounds): Selection {
  return { anchor: { row: 0, col: 0 }, end: { row: Math.max(0, b.rows - 1), col: Math.max(0, b.cols - 1) }, active: s ? clampPos(s.active, b) : { row: 0, col: 0 } };
}

/** Whole rows (a click on the row numbers), top to bottom across every column. */
export function selectRows(from: number, to: number, b: Bounds, active?: CellPos): Selection {
  const anchor = { row: from, col: 0 };
  return { anchor, end: { row: to, col: Math.max(0, b.cols - 1) }, active: active ?? anchor };
}
