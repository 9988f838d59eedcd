import { ImportFileError } from '../errors';
import { countFieldsNamed } from '../mapping/match-header';
import type { GridRow, HeaderHints, MergeRange } from '../read/grid';
import { PREVIEW_ROWS } from '../read/read-request';
import { isEmpty, spansCols, spansRows, type RowIndex } from './row-index';

/**
 * Finds the header: the row among the first ones that names most of the target's fields,
 * below title rows and "填报单位：… 填报日期：…" lines. Then decides whether the row above or
 * below belongs to it (a two-row header such as 整改情况 over 整改措施 | 完成时限 | 办理状态).
 */
const FILLING_LINE = /^(填\s*报|报\s*送|制\s*表|统\s*计)?\s*(单\s*位|日\s*期|时\s*间|部\s*门)\s*[:：]/;

const nonEmpty = (r: GridRow) => r.cells.filter((c) => !isEmpty(c));
const allText = (r: GridRow) => nonEmpty(r).every((c) => typeof c === 'string');
const isFillingLine = (r: GridRow) => nonEmpty(r).some((c) => typeof c === 'string' && FILLING_LINE.test(c.trim()));

/** A row that looks like a header when no field names are known: two or more distinct texts. */
function headerLike(r: GridRow): boolean {
  const cells = nonEmpty(r);
  if (cells.length < 2 || !allText(r) || isFillingLine(r)) return false;
  return new Set(cells.map((c) => String(c).trim())).size >= 2;
}

export function findHeaderRow(rows: readonly GridRow[], hints: HeaderHints | undefined, sheet: string): GridRow {
  if (rows.length === 0) throw new ImportFileError('IMPORT_NO_DATA', `工作表“${sheet}”是空的，没有可导入的内容。`);
  const window = rows.slice(0, PREVIEW_ROWS);
  if (hints && hints.fields.length > 0) {
    const needed = hints.fields.length >= 3 ? 2 : 1;
    let best: { r: GridRow; n: number } | null = null;
    for (const r of window) {
      if (isFillingLine(r)) continue;
      const n = countFieldsNamed(r.cells, hints.fields);
      if (n >= needed && (!best || n > best.n)) best = { r, n };
    }
    if (best) return best.r;
  }
  const r = window.find(headerLike);
  if (!r) {
    throw new ImportFileError(
      'IMPORT_NO_DATA',
      `在工作表“${sheet}”的前 ${PREVIEW_ROWS} 行中没有找到表头（列名行）。请确认选对了工作表，表头在数据上方的一行。`,
    );
  }
  return r;
}

/**
 * Do sheet rows `top` and `top + 1` form one two-row header? Yes when a merge ties them
 * (a header cell merged down over both, or a group title merged across columns that have
 * their own names below), or, without merges, when a group title repeats across columns
 * that are named differently below. Both rows must be all text.
 */
export function isHeaderPair(index: RowIndex, top: number, merges: readonly MergeRange[]): boolean {
  const a = index.get(top);
  const b = index.get(top + 1);
  if (!a || !b || !allText(a) || !allText(b) || isFillingLine(a) || isFillingLine(b)) return false;
  if (nonEmpty(b).length === 0) return false;
  const inHeader = merges.filter((m) => m.top >= top && m.bottom <= top + 1);
  if (inHeader.some((m) => spansRows(m) && m.top === top)) return true;
  for (const m of inHeader) {
    if (m.top === top && m.bottom === top && spansCols(m)) {
      for (let c = m.left - 1; c < m.right; c++) if (!isEmpty(b.cells[c])) return true;
    }
  }
  // no merges: "整改情况 整改情况 整改情况" over "整改措施 完成时限 办理状态"
  for (let c = 0; c + 1 < a.cells.length; c++) {
    const v = a.cells[c];
    if (isEmpty(v) || v !== a.cells[c + 1]) continue;
    const under = [b.cells[c], b.cells[c + 1]];
    if (under.every((u) => !isEmpty(u)) && under[0] !== under[1]) return true;
  }
  return false;
}

/** The header's sheet rows: one, or two when the row above or below belongs to it. */
export function headerBlock(index: RowIndex, header: GridRow, merges: readonly MergeRange[]): number[] {
  if (isHeaderPair(index, header.row, merges)) return [header.row, header.row + 1];
  if (isHeaderPair(index, header.row - 1, merges)) return [header.row - 1, header.row];
  return [header.row];
}
