import type ExcelJS from 'exceljs';
import type { CellValue } from './cell-value';
import { xmlSafe, type SheetRowsXml } from './row-xml';
import type { CellStyle } from './sheet-styles';
import { sheetRowsFor } from './workbook-file';

/**
 * The data rows of a sheet. In a workbook of writeWorkbookFile they are written as worksheet
 * XML by us (row-xml.ts) and joined to what ExcelJS writes around them when the file is put
 * together — ExcelJS's per-cell work is what made the export slow, and its public API has no
 * way to take row XML. Anywhere else they go through ExcelJS's public streaming API, one shared
 * style object per cell. Heading, header, merges, totals and page setup are ExcelJS's, in
 * table-sheet.ts.
 */

/** ExcelJS would put what XML 1.0 cannot carry in the file as is: dropped first. */
const safeValue = (v: CellValue): CellValue => (typeof v === 'string' ? xmlSafe(v) : v);

export class RawRows {
  private last = 0;
  private readonly values: CellValue[] = [];
  private readonly xml: SheetRowsXml | null;

  /** Every row up to `lastWritten` must already be committed through ExcelJS. */
  constructor(
    private readonly worksheet: ExcelJS.Worksheet,
    lastWritten: number,
  ) {
    this.last = lastWritten;
    this.xml = sheetRowsFor(worksheet, lastWritten);
  }

  /** One row: cells from column 1, each with its style; `height` in points for wrapped rows. */
  add(rowNumber: number, cells: readonly { value: CellValue; style: CellStyle }[], height?: number): void {
    if (rowNumber <= this.last) throw new Error('RawRows: rows must be written in order');
    this.last = rowNumber;
    if (this.xml) {
      this.xml.add(rowNumber, cells, height);
      // ExcelJS is told the row is done (an empty row writes nothing): a row it writes later
      // (the totals) then does not find a gap of every data row to step through, row by row
      this.worksheet.getRow(rowNumber).commit();
      return;
    }
    const values = this.values;
    values.length = cells.length;
    for (let i = 0; i < cells.length; i++) values[i] = safeValue(cells[i]!.value);
    const row = this.worksheet.getRow(rowNumber);
    row.values = values;
    for (let i = 0; i < cells.length; i++) row.getCell(i + 1).style = cells[i]!.style as Partial<ExcelJS.Style>;
    if (height) row.height = height;
    row.commit();
  }

  /** Kept for its callers: nothing is pending here (row-xml.ts compresses as it goes). */
  flush(): void {}
}
