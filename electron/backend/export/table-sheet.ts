import type ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/contract/define';
import type { ExportColumn, ExportRecord, ExportTable, Margins } from './table-spec';
import { MAX_CELL_TEXT, toCell, type CellOut } from './cell-value';
import { SAMPLE_ROWS, SEQ_WIDTH, fitWidths, sampleTexts } from './column-widths';
import { headerLayout, type HeaderLayout } from './header-layout';
import { writeHeading } from './form-heading';
import { looksLikeFormula } from './formula-guard';
import { sheetOptions } from './print-setup';
import { rowSource } from './row-source';
import { HEADER_STYLE, PARAGRAPH_STYLE, SEQ_STYLE, TOTAL_LABEL_STYLE, columnStyles, guardedStyle, type CellStyle, type ColumnStyles } from './sheet-styles';
import { RawRows } from './raw-rows';
import { countRow, newTally, type Tally } from './tally';
import { fitsOneLine, wrappedLines } from './text-width';
import { fitToHeightFor, fitWidthsToPage } from './print-fit';
import { ExportErrorCode } from './export-errors';
import type { WorkbookWriter } from './workbook-file';

/** How often progress is reported and the event loop gets a turn (so a cancel can arrive). */
const PROGRESS_EVERY = 500;
/** Points per line of 11 pt text as the CJK fonts readers substitute for 宋体 set it (Excel sets 宋体 at about 14.5), and Excel's tallest row. */
const LINE_HEIGHT = 16;
/** Points per line of a 12 pt paragraph. */
const PARAGRAPH_LINE = 17;
const MAX_ROW_HEIGHT = 409;
/** What a one-line row of 11 pt text takes on paper, for counting pages (readers grow it a little past 15). */
const ONE_LINE_ROW = 16;

export interface SheetRun {
  signal: AbortSignal;
  /** rows of this sheet written so far */
  onRows?: (rows: number) => void;
  margins?: Partial<Margins>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Excel's sheet limits: a file beyond them does not open. */
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

function checkTable(table: ExportTable): void {
  if (table.columns.length === 0 && !table.preamble?.length) throw new ApiError(ExportErrorCode.invalid, `“${table.sheetName}”没有可导出的列`);
  if (table.columns.length + 1 > MAX_COLUMNS) throw new ApiError(ExportErrorCode.invalid, `“${table.sheetName}”的列数超过 Excel 的上限（${MAX_COLUMNS} 列）`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(table.reportDate)) throw new ApiError(ExportErrorCode.invalid, `填报日期“${table.reportDate}”格式不对，应为如2026-03-02`);
}

/** Header rows: every cell of a merged area carries the bordered style, so the borders print. */
function writeHeader(ws: ExcelJS.Worksheet, layout: HeaderLayout, first: number, widths: readonly number[]): void {
  for (const h of layout.cells) {
    for (let r = h.row; r <= h.toRow; r++) {
      for (let c = h.col; c <= h.toCol; c++) ws.getCell(first + r, c).style = HEADER_STYLE;
    }
    const cell = ws.getCell(first + h.row, h.col);
    cell.value = h.text;
    cell.style = guardedStyle(HEADER_STYLE, h.text, looksLikeFormula);
    if (h.toRow > h.row || h.toCol > h.col) ws.mergeCells(first + h.row, h.col, first + h.toRow, h.toCol);
  }
  // Merged cells never grow to fit their text in Excel: size the header rows ourselves.
  const span = (h: HeaderLayout['cells'][number]) => widths.slice(h.col - 1, h.toCol).reduce((a, b) => a + b, 0);
  const lines = Array.from({ length: layout.rows }, () => 1);
  for (const h of layout.cells) if (h.row === h.toRow) lines[h.row] = Math.max(lines[h.row]!, wrappedLines(h.text, span(h)));
  for (const h of layout.cells) {
    if (h.row === h.toRow) continue;
    const need = wrappedLines(h.text, span(h));
    const have = lines.slice(h.row, h.toRow + 1).reduce((a, b) => a + b, 0);
    if (need > have) lines[h.toRow] = lines[h.toRow]! + need - have;
  }
  lines.forEach((n, r) => (ws.getRow(first + r).height = Math.max(20, n * LINE_HEIGHT + 6)));
}

/** Width (in column units) of a text-only sheet: about what A4 landscape holds at 100%. */
const TEXT_PAGE_WIDTH = 120;

/** Paragraphs between the heading and the table, each merged across the table and wrapped. */
function writePreamble(ws: ExcelJS.Worksheet, paragraphs: readonly string[], first: number, widths: readonly number[]): void {
  const total = widths.reduce((a, b) => a + b, 0);
  paragraphs.forEach((text, i) => {
    const r = first + i;
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.style = guardedStyle(PARAGRAPH_STYLE, text, looksLikeFormula);
    if (widths.length > 1) ws.mergeCells(r, 1, r, widths.length);
    ws.getRow(r).height = Math.min(MAX_ROW_HEIGHT, Math.max(20, wrappedLines(text, (total * 11) / 12) * PARAGRAPH_LINE + 6));
  });
}

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 10;
  return s.split('.')[1]?.length ?? 0;
}

/** Column sums for the 合计 row, rounded to the inputs' decimals (0.1 + 0.2 prints 0.3). */
class Totals {
  private readonly sums: number[];
  private readonly places: number[];
  constructor(private readonly columns: readonly ExportColumn[]) {
    this.sums = columns.map(() => 0);
    this.places = columns.map(() => 0);
  }
  add(cells: readonly CellOut[]): void {
    cells.forEach((cell, i) => {
      if (typeof cell.value === 'number') {
        this.sums[i]! += cell.value;
        this.places[i] = Math.max(this.places[i]!, decimals(cell.value));
      }
    });
  }
  value(i: number): number | null {
    const kind = this.columns[i]!.kind;
    if (kind !== 'number' && kind !== 'integer') return null;
    return Number(this.sums[i]!.toFixed(Math.min(10, this.places[i]!)));
  }
}

/**
 * Writes one table as an official form onto a new sheet of a streaming workbook and commits
 * it. Rows are converted and committed one by one; only the first SAMPLE_ROWS are held, to
 * fit the column widths before anything is written.
 */
export async function writeTableSheet(workbook: WorkbookWriter, table: ExportTable, run: SheetRun): Promise<Tally> {
  checkTable(table);
  const { columns } = table;
  const tally = newTally();
  const totals = new Totals(columns);
  const source = rowSource(table.rows);
  const convert = (record: ExportRecord): CellOut[] => {
    countRow(tally, record, table.summary);
    const cells = columns.map((c) => toCell(c.kind, record[c.key]));
    totals.add(cells);
    return cells;
  };
  try {
    // 1. Sample the first rows for the widths.
    const sample: CellOut[][] = [];
    let done = false;
    while (sample.length < SAMPLE_ROWS) {
      let r = source.next();
      if (r instanceof Promise) r = await r;
      if (r.done) {
        done = true;
        break;
      }
      run.signal.throwIfAborted();
      sample.push(convert(r.value));
    }
    // Text only (a bulletin without a task table): one column as wide as a landscape page.
    const textOnly = columns.length === 0;
    const widths = textOnly ? [TEXT_PAGE_WIDTH] : fitWidthsToPage(columns, [SEQ_WIDTH, ...fitWidths(columns, sample, table.dateFormat)], sampleTexts(columns, sample, table.dateFormat), run.margins);

    // 2. Heading, preamble and header, with the page setup that repeats and freezes the header
    // (not frozen below a preamble: the frozen part would fill the screen).
    const layout = headerLayout(columns);
    const preamble = table.preamble ?? [];
    const headerFirst = 3 + preamble.length;
    const headerLast = headerFirst + layout.rows - 1;
    const header = textOnly ? null : { first: headerFirst, last: headerLast, freeze: preamble.length === 0 };
    const ws = workbook.addWorksheet(table.sheetName, sheetOptions(header, run.margins));
    ws.columns = widths.map((width) => ({ width }));
    writeHeading(ws, table, widths);
    writePreamble(ws, preamble, 3, widths);
    if (textOnly) {
      ws.commit();
      return tally;
    }
    writeHeader(ws, layout, headerFirst, widths);
    const heightOf = (from: number, to: number) => {
      let h = 0;
      for (let r = from; r <= to; r++) h += ws.getRow(r).height ?? ONE_LINE_ROW;
      return h;
    };
    // the rows as they will stack on paper, to spare a last page of one or two rows
    const stack = { heading: heightOf(1, headerFirst - 1), header: heightOf(headerFirst, headerLast), rows: [] as number[] };

    // 3. Data rows, written as they come (see raw-rows.ts: straight to the sheet's XML).
    ws.getRow(headerLast).commit();
    const raw = new RawRows(ws, headerLast);
    const styles: ColumnStyles[] = columns.map((c) => columnStyles(c, table.dateFormat));
    let written = 0;
    const writeRow = (cells: readonly CellOut[]) => {
      written++;
      if (headerLast + written + (table.totalsRow ? 1 : 0) > MAX_ROWS) {
        throw new ApiError(ExportErrorCode.invalid, `“${table.sheetName}”超过 Excel 工作表的最大行数（${MAX_ROWS} 行），请筛选后分批导出`);
      }
      let lines = 1;
      const out: { value: CellOut['value']; style: CellStyle }[] = [{ value: written, style: SEQ_STYLE }];
      cells.forEach((cell, i) => {
        const v = cell.value;
        if (typeof v === 'string') {
          if (v.length > MAX_CELL_TEXT) {
            throw new ApiError(ExportErrorCode.invalid, `第 ${written} 行“${columns[i]!.label}”超过 Excel 单元格的上限（${MAX_CELL_TEXT} 个字符），无法导出`);
          }
          if (!fitsOneLine(v, widths[i + 1]!)) lines = Math.max(lines, wrappedLines(v, widths[i + 1]!));
        }
        out.push({ value: v, style: styles[i]![cell.variant] });
      });
      // One-line rows keep Excel's automatic height. Wrapped rows get theirs set: LibreOffice
      // (and so its PDF export) does not grow rows to fit on opening, and text would overprint
      // the next row. The estimate errs high, so nothing is clipped where Excel would have fitted.
      const height = lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4) : undefined;
      stack.rows.push(height ?? ONE_LINE_ROW);
      raw.add(headerLast + written, out, height);
    };
    // Every PROGRESS_EVERY rows: report, and give the event loop a turn (zlib compresses
    // meanwhile, and a cancel can arrive). Not an async function: a promise per row is waste.
    const tick = (): Promise<void> | null => {
      if (written % PROGRESS_EVERY !== 0) return null;
      run.onRows?.(written);
      return nextTurn();
    };
    for (const cells of sample) {
      writeRow(cells);
      const turn = tick();
      if (turn) await turn;
      run.signal.throwIfAborted();
    }
    sample.length = 0;
    while (!done) {
      let r = source.next();
      if (r instanceof Promise) r = await r;
      if (r.done) break;
      writeRow(convert(r.value));
      const turn = tick();
      if (turn) await turn;
      run.signal.throwIfAborted();
    }

    raw.flush();
    // 4. 合计: the row count under 序号's neighbour, sums under number columns.
    if (table.totalsRow) {
      const row = ws.getRow(headerLast + written + 1);
      const label = row.getCell(1);
      label.value = '合计';
      label.style = TOTAL_LABEL_STYLE;
      columns.forEach((column, i) => {
        const cell = row.getCell(i + 2);
        const bold = columnStyles(column, table.dateFormat, true);
        const sum = totals.value(i);
        if (sum !== null) {
          cell.value = sum;
          cell.style = column.kind === 'integer' && !Number.isInteger(sum) ? bold.general : bold.base;
        } else if (i === 0) {
          cell.value = `共 ${written} ${table.countUnit ?? '条'}`;
          cell.style = bold.text;
        } else {
          cell.style = bold.base;
        }
      });
      row.commit();
      stack.rows.push(ONE_LINE_ROW);
    }
    run.onRows?.(written);
    // page setup is written when the sheet is committed: a tighter fit can still be asked for
    const fitToHeight = fitToHeightFor(stack, widths, run.margins);
    if (fitToHeight) ws.pageSetup.fitToHeight = fitToHeight;
    ws.commit();
    return tally;
  } finally {
    source.close();
  }
}
