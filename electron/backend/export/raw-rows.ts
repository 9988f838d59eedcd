import type ExcelJS from 'exceljs';
import type { CellValue } from './cell-value';
import type { CellStyle } from './sheet-styles';

/**
 * The data rows of a sheet, written through ExcelJS's public streaming API: a row added,
 * its cells given their shared style objects, committed. No private internals (issue 11:
 * they pinned us to exceljs 4.4.0): what made this fast before — writing row XML into the
 * writer ourselves — is now had by keeping ExcelJS's per-row work small: one values array
 * per row, one shared style object per cell (ExcelJS caches a style's id by identity), and
 * the row committed at once so nothing accumulates. Heading, header, merges, totals and page
 * setup go through the same public API in table-sheet.ts.
 */

// what XML 1.0 cannot carry at all is dropped (the writer would put it in the file as is)
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const INVALID_XML_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const xmlSafe = (v: CellValue): CellValue => (typeof v === 'string' && INVALID_XML.test(v) ? v.replace(INVALID_XML_ALL, '') : v);

export class RawRows {
  private last = 0;
  private readonly values: CellValue[] = [];

  /** Every row up to `lastWritten` must already be committed through ExcelJS. */
  constructor(
    private readonly worksheet: ExcelJS.Worksheet,
    lastWritten: number,
  ) {
    this.last = lastWritten;
  }

  /** One row: cells from column 1, each with its style; `height` in points for wrapped rows. */
  add(rowNumber: number, cells: readonly { value: CellValue; style: CellStyle }[], height?: number): void {
    if (rowNumber <= this.last) throw new Error('RawRows: rows must be written in order');
    this.last = rowNumber;
    const values = this.values;
    values.length = cells.length;
    for (let i = 0; i < cells.length; i++) values[i] = xmlSafe(cells[i]!.value);
    const row = this.worksheet.getRow(rowNumber);
    row.values = values;
    for (let i = 0; i < cells.length; i++) row.getCell(i + 1).style = cells[i]!.style as Partial<ExcelJS.Style>;
    if (height) row.height = height;
    row.commit();
  }

  /** Kept for its callers: rows are committed as they are added, nothing is pending. */
  flush(): void {}
}
