import type ExcelJS from 'exceljs';
import type { CellValue } from './cell-value';
import type { CellStyle } from './sheet-styles';

/**
 * The data rows of a sheet, written as SpreadsheetML straight into ExcelJS's streaming
 * worksheet. Going through ExcelJS's Row and Cell objects costs more than everything else
 * in an export (an object, a model and an XML writer per cell); here a row is one string.
 * Heading, header, merges, totals and page setup still go through ExcelJS's public API.
 *
 * This leans on three internals of exceljs 4.4.0's WorksheetWriter (the version is pinned in
 * package.json): `_write` (appends text to the sheet part), `_rowZero` (the next row number
 * it may write) and `_workbook.styles.addStyleModel` (a style's id in styles.xml). The export
 * tests read every written file back with openpyxl and through our own import.
 */
interface WorksheetInternals {
  _write(text: string): void;
  _rowZero: number;
  _rows: unknown[];
  _workbook: { styles: { addStyleModel(style: CellStyle, cellType?: number): number } };
}

/** ExcelJS's ValueType numbers, for the default number format of a style without one. */
const NUMBER_TYPE = 2;
const DATE_TYPE = 4;
const STRING_TYPE = 3;

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel 1900-system serial
// what XML 1.0 cannot carry at all is dropped; the five specials are escaped
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SPECIAL = /[<>&"']/;
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

function xmlText(s: string): string {
  const clean = s.replace(INVALID_XML, '');
  return SPECIAL.test(clean) ? clean.replace(/[<>&"']/g, (c) => ESCAPES[c]!) : clean;
}

function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export class RawRows {
  private readonly ws: WorksheetInternals;
  private readonly letters: string[] = [];
  private readonly ids = new Map<CellStyle, number>();
  private pending: string[] = [];
  private last = 0;

  /** Every row up to `lastWritten` must already be committed through ExcelJS. */
  constructor(worksheet: ExcelJS.Worksheet, lastWritten: number) {
    this.ws = worksheet as unknown as WorksheetInternals;
    if (this.ws._rows.length > 0 || this.ws._rowZero !== lastWritten + 1) throw new Error('RawRows: earlier rows are not committed');
    this.last = lastWritten;
  }

  /**
   * A style's id, registered on first use. ExcelJS remembers a style object's id by identity
   * (its weak map), so the cell type of that first use decides for the object, as it would
   * through ExcelJS's own rows; a style without a number format is the only case it matters.
   */
  private styleId(style: CellStyle, type: number): number {
    let id = this.ids.get(style);
    if (id === undefined) {
      id = this.ws._workbook.styles.addStyleModel(style, type);
      this.ids.set(style, id);
    }
    return id;
  }

  /** One row: cells from column 1, each with its style; `height` in points for wrapped rows. */
  add(rowNumber: number, cells: readonly { value: CellValue; style: CellStyle }[], height?: number): void {
    if (rowNumber <= this.last) throw new Error('RawRows: rows must be written in order');
    this.last = rowNumber;
    let xml = height ? `<row r="${rowNumber}" ht="${height}" customHeight="1">` : `<row r="${rowNumber}">`;
    for (let i = 0; i < cells.length; i++) {
      const { value, style } = cells[i]!;
      const ref = (this.letters[i] ??= columnLetters(i + 1)) + rowNumber;
      if (value === null) xml += `<c r="${ref}" s="${this.styleId(style, STRING_TYPE)}"/>`;
      else if (typeof value === 'number') xml += `<c r="${ref}" s="${this.styleId(style, NUMBER_TYPE)}"><v>${value}</v></c>`;
      else if (value instanceof Date) xml += `<c r="${ref}" s="${this.styleId(style, DATE_TYPE)}"><v>${EXCEL_EPOCH_DAYS + value.getTime() / 86_400_000}</v></c>`;
      else xml += `<c r="${ref}" s="${this.styleId(style, STRING_TYPE)}" t="str"><v>${xmlText(value)}</v></c>`;
    }
    this.pending.push(`${xml}</row>`);
    if (this.pending.length >= 200) this.flush();
  }

  /** Hands what is pending to the sheet; after it, ExcelJS may go on from the next row. */
  flush(): void {
    if (this.pending.length) this.ws._write(this.pending.join(''));
    this.pending = [];
    this.ws._rowZero = this.last + 1;
  }
}
