import type ExcelJS from 'exceljs';
import type { CellValue, GridRow } from '../grid';
import { isDateFormat, serialToDate, zeroPadWidth } from '../number-format';

/**
 * One ExcelJS row to a compact grid row. Formulas become their cached result, rich text its
 * plain text, errors their code ("#N/A") so validation can name them.
 */
export function toGridRow(row: ExcelJS.Row, date1904: boolean): GridRow | null {
  const cells: CellValue[] = [];
  let formats: Record<number, string> | undefined;
  let last = -1;
  row.eachCell((cell, col) => {
    const i = col - 1;
    const numFmt = cell.numFmt;
    let v = plainValue(cell.value);
    if (typeof v === 'number' && isDateFormat(numFmt)) v = serialToDate(v, date1904); // formula results
    if (v === null) return;
    if (v instanceof Date || (typeof v === 'number' && zeroPadWidth(numFmt) > 0)) (formats ??= {})[i] = numFmt;
    while (cells.length < i) cells.push(null);
    cells[i] = v;
    last = i;
  });
  if (last < 0) return null;
  return formats ? { row: row.number, cells, formats } : { row: row.number, cells };
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return null;
  if ('richText' in v && Array.isArray(v.richText)) {
    const s = v.richText.map((r) => r?.text ?? '').join('');
    return s === '' ? null : s;
  }
  if ('error' in v && v.error) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: unknown }).result;
    if (r === undefined || r === null) return null; // no cached result: nothing we can show
    if (typeof r === 'object' && r && 'error' in r) return String((r as { error: unknown }).error);
    return plainValue(r as ExcelJS.CellValue);
  }
  if ('text' in v && typeof v.text === 'string') return v.text === '' ? null : v.text; // hyperlink
  return null;
}
