import path from 'node:path';
import ExcelJS from 'exceljs';

/** Writes an .xlsx with ExcelJS's regular writer (the kind of file Excel itself reads). */
export async function writeWorkbook(dir: string, name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Rows from the top-left, one array per row. */
export function putRows(ws: ExcelJS.Worksheet, rows: unknown[][], startRow = 1): void {
  rows.forEach((r, i) => {
    const row = ws.getRow(startRow + i);
    r.forEach((v, c) => {
      if (v !== undefined) row.getCell(c + 1).value = v as ExcelJS.CellValue;
    });
    row.commit();
  });
}
