import type { CellValue, GridRow } from './grid';

/**
 * Grid rows packed for the trip from the worker: typed arrays and one string per batch
 * instead of an object graph. Structured clone of 100,000 rows × 12 cells cost about half a
 * second on each side; this is a few memcpys and a loop. Only cells holding a value travel,
 * with their column: a row whose one stray value sits in column XFD costs one cell, not
 * 16,384. Strings are stored end to end with their lengths, so any character (even U+0000
 * from a CSV) survives.
 */
export interface PackedRows {
  rowNumbers: Int32Array;
  /** cells holding a value, per row */
  counts: Int32Array;
  /** per cell: its 0-based column */
  columns: Int32Array;
  /** per cell: 1 string, 2 number, 3 true, 4 false, 5 date (ms in `numbers`), 6 long string (in `long`) */
  tags: Uint8Array;
  numbers: Float64Array;
  text: string;
  textLengths: Int32Array;
  /**
   * Texts of 13 characters or more, each on its own: a piece cut from the batch's `text`
   * that long is a view that keeps the whole batch alive (an ID number held 2,000 rows' text),
   * where a string that crosses on its own arrives as its own copy.
   */
  long: string[];
  /** per cell: 1 + its number format's index in `formatTable`, or 0 (most cells carry none) */
  formatIds: Int32Array;
  /** the batch's distinct formats (a workbook uses a handful over thousands of cells) */
  formatTable: string[];
}

const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const DATE = 5;
const LONG_STRING = 6;
/** V8 cuts a string this long out of another as a view, not a copy */
const LONG = 13;

export function packRows(rows: readonly GridRow[]): PackedRows {
  let cellCount = 0;
  for (const r of rows) {
    const cells = r.cells;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v !== null && v !== undefined) cellCount++;
    }
  }
  const rowNumbers = new Int32Array(rows.length);
  const counts = new Int32Array(rows.length);
  const columns = new Int32Array(cellCount);
  const tags = new Uint8Array(cellCount);
  const numbers = new Float64Array(cellCount);
  const formatIds = new Int32Array(cellCount);
  const formatTable: string[] = [];
  const formatIndex = new Map<string, number>();
  const strings: string[] = [];
  const long: string[] = [];
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    rowNumbers[i] = r.row;
    const start = k;
    const cells = r.cells;
    const formats = r.formats;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      columns[k] = c;
      if (typeof v === 'string') {
        if (v.length >= LONG) {
          tags[k] = LONG_STRING;
          long.push(v);
        } else {
          tags[k] = STRING;
          strings.push(v);
        }
      } else if (typeof v === 'number') {
        tags[k] = NUMBER;
        numbers[k] = v;
      } else if (typeof v === 'boolean') tags[k] = v ? TRUE : FALSE;
      else {
        tags[k] = DATE;
        numbers[k] = v.getTime();
      }
      const f = formats?.[c];
      if (f !== undefined) {
        let id = formatIndex.get(f);
        if (id === undefined) {
          id = formatTable.push(f);
          formatIndex.set(f, id);
        }
        formatIds[k] = id;
      }
      k++;
    }
    counts[i] = k - start;
  }
  const textLengths = new Int32Array(strings.length);
  for (let s = 0; s < strings.length; s++) textLengths[s] = strings[s]!.length;
  return { rowNumbers, counts, columns, tags, numbers, text: strings.join(''), textLengths, long, formatIds, formatTable };
}

/**
 * Equal short texts in a column that repeats itself become one string (100,000 rows of
 * “中共党员” held 100,000 copies); a column that does not repeat (names, ID numbers) stops
 * being looked up after a trial.
 */
const INTERN_MAX_LENGTH = 24;
const INTERN_COLUMNS = 64;
const INTERN_TRIAL = 100;

/**
 * The rows again, dense from column A. Cells at or beyond `width` are dropped: once the
 * header is known, columns past the table (a stray value in XFD) are never built.
 */
export function unpackRows(p: PackedRows, width = Number.POSITIVE_INFINITY): GridRow[] {
  const rows: GridRow[] = new Array<GridRow>(p.rowNumbers.length);
  const interned = new Map<string, string>();
  const tries = new Uint32Array(INTERN_COLUMNS);
  const hits = new Uint32Array(INTERN_COLUMNS);
  let k = 0;
  let s = 0;
  let l = 0;
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const end = k + p.counts[i]!;
    const cells: CellValue[] = [];
    let formats: Record<number, string> | undefined;
    for (; k < end; k++) {
      const tag = p.tags[k];
      let v: CellValue;
      if (tag === STRING) {
        const len = p.textLengths[s++]!;
        v = p.text.slice(at, at + len);
        at += len;
        const c = p.columns[k]!;
        if (len <= INTERN_MAX_LENGTH && c < INTERN_COLUMNS && (tries[c]! < INTERN_TRIAL || hits[c]! * 2 >= tries[c]!)) {
          // a column of repeated values (性别, 政治面貌, 所在单位, 职务…) shares one string per value
          tries[c]!++;
          const seen = interned.get(v);
          if (seen === undefined) interned.set(v, v);
          else {
            hits[c]!++;
            v = seen;
          }
        }
      } else if (tag === LONG_STRING) v = p.long[l++]!;
      else if (tag === NUMBER) v = p.numbers[k]!;
      else if (tag === TRUE) v = true;
      else if (tag === FALSE) v = false;
      else v = new Date(p.numbers[k]!);
      const c = p.columns[k]!;
      if (c >= width) continue;
      while (cells.length < c) cells.push(null);
      cells[c] = v;
      const f = p.formatIds[k]!;
      if (f !== 0) (formats ??= {})[c] = p.formatTable[f - 1]!;
    }
    rows[i] = formats ? { row: p.rowNumbers[i]!, cells, formats } : { row: p.rowNumbers[i]!, cells };
  }
  return rows;
}

/** The typed arrays' buffers, to transfer rather than copy. */
export const transferList = (p: PackedRows): ArrayBuffer[] =>
  [p.rowNumbers, p.counts, p.columns, p.tags, p.numbers, p.textLengths, p.formatIds].map((a) => a.buffer as ArrayBuffer);
