import type XLSXModule from '@e965/xlsx';
import { ImportFileError, overLimit } from '../../errors';
import { chooseSheet, type SheetCandidate } from '../choose-sheet';
import type { FileBytes } from '../file-bytes';
import type { CellValue, GridRow, MergeRange, SheetInfo } from '../grid';
import { wan, withDefaults, type ReadLimits } from '../limits';
import { isDateFormat, serialToDate, zeroPadWidth } from '../number-format';
import { BATCH_ROWS, PREVIEW_ROWS, type ReadRequest, type ReadSink } from '../read-request';

/**
 * Old .xls workbooks (Excel 97–2003, the "兼容格式" of WPS and of many offices' templates),
 * read by SheetJS Community Edition 0.20.3 (published on npm as @e965/xlsx; Apache-2.0,
 * without the prototype-pollution and ReDoS advisories of 0.18.5). It runs only here, in
 * the isolated read worker, under the same heap cap and watchdog as the .xlsx reader, and
 * hands on the same grid rows: header finding, mapping and preview do not know the
 * difference. The format bounds itself (65,536 rows × 256 columns a sheet); we bound the
 * file's size, the sheets, the cells and the characters of a cell as for .xlsx.
 */
const RESAVE = '请在 Excel 或 WPS 中打开它，“文件 → 另存为”选择 Excel 工作簿（*.xlsx）后再导入。';
const MAX_CELL_CHARS = 32_767;

type Workbook = ReturnType<typeof XLSXModule.read>;
type Sheet = Workbook['Sheets'][string];
type Cell = { t: string; v?: unknown; w?: string; z?: string | number };

export async function readXls(file: FileBytes, req: ReadRequest, sink: ReadSink): Promise<void> {
  const limits = withDefaults(req.limits);
  if (file.size > limits.maxXlsBytes) {
    throw overLimit(`这个 .xls 文件有 ${Math.round(file.size / 1048576)} MB，超过了本程序读取旧版 Excel 文件的上限（${Math.round(limits.maxXlsBytes / 1048576)} MB）。${RESAVE}`);
  }
  const wb = parse(file);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const names = wb.SheetNames;
  if (names.length === 0) throw new ImportFileError('IMPORT_NO_DATA', '这个工作簿里没有工作表，无法导入。');
  if (names.length > limits.maxSheets) {
    throw overLimit(`工作簿中有 ${names.length} 个工作表，超过了本程序的上限（${limits.maxSheets} 个）。请只保留需要导入的工作表后另存为 .xlsx 再导入`);
  }
  const hidden = (i: number) => (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
  const label = (i: number) => `第${i + 1}个工作表（${names[i]}）`;
  const rowsOf = (i: number) => sheetRows(wb.Sheets[names[i]!], label(i), date1904, limits);

  const chosen = pickSheet(req, names, hidden, (i) => rowsOf(i).slice(0, PREVIEW_ROWS));
  const rows = rowsOf(chosen);
  const name = names[chosen]!;
  sink.sheet({ format: 'xls', name, merges: merges(wb.Sheets[name]), date1904 });
  if (req.mode === 'inspect') sink.rows(rows.slice(0, PREVIEW_ROWS));
  else {
    if (rows.length > limits.maxRows) {
      throw overLimit(`${label(chosen)}有超过 ${wan(limits.maxRows)}行数据，超出了本程序一次导入的上限（${wan(limits.maxRows)}行）。请把表格分成几个文件，每个不超过 ${wan(limits.maxRows)}行，分别导入`);
    }
    // the first batch is the preview's size: the receiver finds the header in it and narrows what follows
    sink.rows(rows.slice(0, PREVIEW_ROWS));
    for (let at = PREVIEW_ROWS; at < rows.length; at += BATCH_ROWS) {
      sink.rows(rows.slice(at, at + BATCH_ROWS));
      sink.progress(Math.min(rows.length, at + BATCH_ROWS));
    }
    sink.progress(rows.length);
  }
  const sheets: SheetInfo[] = names.map((n, i) => ({ name: n, rows: i === chosen ? rows.length : countRows(wb.Sheets[n]), hidden: hidden(i) }));
  sink.meta({ format: 'xls', sheets, chosenSheet: name, date1904 });
}

function parse(file: FileBytes): Workbook {
  // loaded on the first .xls only: every other read leaves the library unevaluated
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('@e965/xlsx') as typeof XLSXModule;
  try {
    return XLSX.read(file.read(0, file.size), {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellText: true,
      bookVBA: false,
      bookFiles: false,
      WTF: false,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) {
      return refuse(new ImportFileError('IMPORT_FILE_ENCRYPTED', `这个 .xls 文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中输入密码打开，取消密码后另存为 .xlsx 再导入。`));
    }
    // SheetJS's own words are English: say what the clerk has and what to do
    return refuse(new ImportFileError('IMPORT_FILE_DAMAGED', `文件无法读取：这个旧版 Excel 97-2003（.xls）文件已损坏或内容不完整。${RESAVE}如仍不行，请向发件单位重新索要原表。`));
  }
}

const refuse = (e: ImportFileError): never => {
  throw e;
};

function pickSheet(req: ReadRequest, names: string[], hidden: (i: number) => boolean, preview: (i: number) => GridRow[]): number {
  if (req.sheet !== undefined) {
    let i = names.indexOf(req.sheet);
    if (i === -1) i = names.findIndex((n) => n.trim() === req.sheet?.trim());
    if (i === -1) {
      throw new ImportFileError('IMPORT_SHEET_NOT_FOUND', `工作簿中没有名为“${req.sheet}”的工作表。现有工作表：${names.map((x) => `“${x}”`).join('、')}。`);
    }
    return i;
  }
  const visible = names.map((_, i) => i).filter((i) => !hidden(i));
  if (visible.length === 1) return visible[0]!;
  const candidates: SheetCandidate[] = [];
  for (const i of visible) {
    const p = preview(i);
    if (p.length > 0) candidates.push({ index: i, name: names[i]!, preview: p });
  }
  const best = chooseSheet(candidates, req.hints);
  if (!best) throw new ImportFileError('IMPORT_NO_DATA', '工作簿中没有任何有内容的工作表（所有工作表都是空的或被隐藏）。');
  return best.index;
}

/** Cells of a dense SheetJS sheet, row by row (`!data`; rows and cells may be missing). */
const dataOf = (ws: Sheet | undefined): (Cell[] | undefined)[] => ((ws as unknown as { '!data'?: (Cell[] | undefined)[] } | undefined)?.['!data'] ?? []);

function sheetRows(ws: Sheet | undefined, label: string, date1904: boolean, limits: ReadLimits): GridRow[] {
  const out: GridRow[] = [];
  let gridCells = 0;
  const data = dataOf(ws);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: CellValue[] = [];
    let formats: Record<number, string> | undefined;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const v = cellValue(cell, date1904);
      if (v === null || v === '') continue;
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        throw overLimit(`${label}第${r + 1}行第${c + 1}列的单元格有 ${v.length.toLocaleString('en-US')} 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制（文件可能被其他程序改动过）。${RESAVE}`);
      }
      while (cells.length < c) cells.push(null);
      cells[c] = v;
      const z = typeof cell.z === 'string' ? cell.z : undefined;
      if (z && (v instanceof Date || (typeof v === 'number' && zeroPadWidth(z) > 0))) (formats ??= {})[c] = z;
    }
    if (cells.length === 0) continue;
    gridCells += cells.length;
    if (gridCells > limits.maxGridCells) throw overLimit(`${label}的单元格超过了本程序一次导入的上限（${wan(limits.maxGridCells)}个）。请删除多余的内容，或分成几个文件导入`);
    out.push(formats ? { row: r + 1, cells, formats } : { row: r + 1, cells });
  }
  return out;
}

function cellValue(cell: Cell, date1904: boolean): CellValue {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : cell.w ?? null;
    case 'n': {
      const n = cell.v;
      if (typeof n !== 'number' || !Number.isFinite(n)) return null;
      return isDateFormat(typeof cell.z === 'string' ? cell.z : undefined) ? serialToDate(n, date1904) : n;
    }
    case 'b':
      return Boolean(cell.v);
    case 'e':
      // "#N/A", "#DIV/0!": validation names them
      return cell.w ?? '#N/A';
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    default:
      return null;
  }
}

function countRows(ws: Sheet | undefined): number {
  let n = 0;
  for (const row of dataOf(ws)) if (row?.some((c) => c && c.t !== 'z' && c.v !== undefined && c.v !== '')) n++;
  return n;
}

function merges(ws: Sheet | undefined): MergeRange[] {
  const list = (ws as unknown as { '!merges'?: { s: { r: number; c: number }; e: { r: number; c: number } }[] } | undefined)?.['!merges'] ?? [];
  return list.slice(0, 100_000).map((m) => ({
    top: Math.min(m.s.r, m.e.r) + 1,
    bottom: Math.max(m.s.r, m.e.r) + 1,
    left: Math.min(m.s.c, m.e.c) + 1,
    right: Math.max(m.s.c, m.e.c) + 1,
  }));
}
