import { ImportFileError, overLimit, tooLarge } from '../../errors';
import { sheetScore, type SheetCandidate } from '../choose-sheet';
import type { FileBytes } from '../file-bytes';
import type { GridRow, SheetInfo } from '../grid';
import { wan, withDefaults, type ReadLimits } from '../limits';
import { BATCH_ROWS, PREVIEW_ROWS, type ReadRequest, type ReadSink } from '../read-request';
import { openEntryText, readEntryText, type TextEncoding } from '../zip/entry-stream';
import { NO_STRINGS, SharedStringReader, type SharedStrings } from './shared-strings';
import { SheetRowReader } from './sheet-rows';
import { MergeScanner, SheetScanner } from './sheet-scanner';
import { NO_FORMATS, parseStyles, type CellFormats } from './styles';
import { openWorkbookPackage, type SheetPart, type WorkbookPackage } from './workbook-package';

/**
 * .xlsx, read by our own zip layer and sheet reader. The chosen sheet is scanned first (row
 * count and merges, which Excel writes after the rows), then read in full; the others are
 * previewed (to choose) and scanned (to count).
 */
interface Workbook extends WorkbookPackage {
  strings: SharedStrings;
  formats: CellFormats;
  limits: ReadLimits;
}

/** Cells (empty ones included) one batch of rows may span before it is sent on. */
const BATCH_CELLS = 256 * 1024;

export async function readXlsx(file: FileBytes, req: ReadRequest, sink: ReadSink): Promise<void> {
  const limits = withDefaults(req.limits);
  const pkg = await openWorkbookPackage(file, limits, sink.alive);
  const wb: Workbook = { ...pkg, limits, strings: await loadStrings(pkg, limits), formats: await loadFormats(pkg) };

  const { part: chosen, preview } = await pickSheet(wb, req);
  const counts = new Map<SheetPart, number>();
  if (req.mode === 'read') {
    // merges first (Excel writes them after the rows), then every row, counted as it is read
    sink.sheet({ format: 'xlsx', name: chosen.name, merges: await mergesOf(wb, chosen), date1904: wb.date1904 });
    counts.set(chosen, await streamSheet(wb, chosen, sink));
  } else {
    const scanned = await scanSheet(wb, chosen);
    counts.set(chosen, scanned.rows);
    sink.sheet({ format: 'xlsx', name: chosen.name, merges: scanned.merges, date1904: wb.date1904 });
    sink.rows(preview ?? (await previewSheet(wb, chosen, PREVIEW_ROWS)));
  }

  for (const s of wb.sheets) {
    if (!counts.has(s)) counts.set(s, s.entry ? (await scanSheet(wb, s)).rows : 0);
  }
  const sheets: SheetInfo[] = wb.sheets.map((s) => ({ name: s.name, rows: counts.get(s) ?? 0, hidden: s.hidden }));
  sink.meta({ format: 'xlsx', sheets, chosenSheet: chosen.name, date1904: wb.date1904 });
}

async function loadStrings(pkg: WorkbookPackage, limits: ReadLimits): Promise<SharedStrings> {
  if (!pkg.sharedStrings) return NO_STRINGS;
  const reader = new SharedStringReader({ maxSharedStrings: limits.maxSharedStrings, maxSharedStringChars: limits.maxSharedStringChars, maxRowXmlChars: limits.maxRowXmlBytes });
  for await (const chunk of openEntryText(pkg.file, pkg.sharedStrings, pkg.budget, 'utf8', 256 * 1024)) reader.push(chunk as string);
  return reader.end();
}

/** A styles part larger than this is not one a person made; its formats are not worth the memory. */
const MAX_STYLES_BYTES = 32 * 1024 * 1024;

async function loadFormats(pkg: WorkbookPackage): Promise<CellFormats> {
  if (!pkg.styles) return NO_FORMATS;
  if (pkg.styles.uncompressedSize > MAX_STYLES_BYTES) {
    throw tooLarge(`工作簿的样式部分过大（${Math.round(pkg.styles.uncompressedSize / 1048576)} MB，上限 ${MAX_STYLES_BYTES / 1048576} MB），可能是异常文件`);
  }
  return parseStyles(await readEntryText(pkg.file, pkg.styles, pkg.budget));
}

async function pickSheet(wb: Workbook, req: ReadRequest): Promise<{ part: SheetPart; preview?: GridRow[] }> {
  if (req.sheet !== undefined) {
    const s = wb.sheets.find((x) => x.name === req.sheet) ?? wb.sheets.find((x) => x.name.trim() === req.sheet?.trim());
    if (!s) {
      throw new ImportFileError(
        'IMPORT_SHEET_NOT_FOUND',
        `工作簿中没有名为“${req.sheet}”的工作表。现有工作表：${wb.sheets.map((x) => `“${x.name}”`).join('、')}。`,
      );
    }
    if (!s.entry) throw new ImportFileError('IMPORT_NO_DATA', `“${s.name}”不是普通工作表（可能是图表），没有可导入的单元格。`);
    return { part: s };
  }
  const visible = wb.sheets.filter((p) => p.entry && !p.hidden);
  // one sheet: nothing to choose (when it is empty, the header search says so)
  if (visible.length === 1) return { part: visible[0]! };
  // only the best preview is kept: a workbook may have hundreds of sheets
  let best: { part: SheetPart; preview: GridRow[]; score: number[] } | null = null;
  for (const [index, part] of wb.sheets.entries()) {
    if (!part.entry || part.hidden) continue;
    const preview = await previewSheet(wb, part, PREVIEW_ROWS);
    if (preview.length === 0) continue;
    const candidate: SheetCandidate = { index, name: part.name, preview };
    const score = sheetScore(candidate, req.hints);
    if (!best || compare(score, best.score) > 0) best = { part, preview, score };
  }
  if (!best) throw new ImportFileError('IMPORT_NO_DATA', '工作簿中没有任何有内容的工作表（所有工作表都是空的或被隐藏）。');
  return { part: best.part, preview: best.preview };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function sheetStream(wb: Workbook, part: SheetPart, encoding: TextEncoding) {
  if (!part.entry) throw new ImportFileError('IMPORT_NO_DATA', `“${part.name}”没有可导入的单元格。`);
  const declared = part.entry.uncompressedSize;
  // (a size no deflate stream could reach is a forged one: openEntryText refuses that as a bomb)
  if (declared > wb.limits.maxEntryBytes && declared <= part.entry.compressedSize * 1100) {
    // a sheet this big (a million rows) is refused before a byte is inflated, in the clerk's terms
    throw overLimit(
      `${part.label}的数据解压后有 ${Math.round(declared / 1048576)} MB，超过了本程序一次导入的上限（单个工作表 ${Math.round(wb.limits.maxEntryBytes / 1048576)} MB、最多 ${wan(wb.limits.maxRows)}行）。请把表格分成几个文件，每个不超过 ${wan(wb.limits.maxRows)}行，分别导入`,
    );
  }
  return openEntryText(wb.file, part.entry, wb.budget, encoding, 256 * 1024, part.label);
}

/**
 * Every row holding values, in order; `onRow` returns false to stop reading there. Counts
 * the sheet's cells as it goes (the empty ones left of each value too) against the limit.
 */
async function eachRow(wb: Workbook, part: SheetPart, onRow: (g: GridRow, read: number) => boolean): Promise<number> {
  const text = sheetStream(wb, part, 'buffer');
  const reader = new SheetRowReader({ strings: wb.strings, formats: wb.formats, date1904: wb.date1904, label: part.label, maxRowChars: wb.limits.maxRowXmlBytes });
  let read = 0;
  let gridCells = 0;
  const rows: GridRow[] = [];
  try {
    for await (const chunk of text) {
      reader.push(chunk as Buffer, rows);
      for (const g of rows) {
        read++;
        gridCells += g.cells.length;
        if (gridCells > wb.limits.maxGridCells) throw tooWide(wb.limits, part, g);
        if (!onRow(g, read)) return read;
      }
      rows.length = 0;
      if (reader.done) return read;
    }
    reader.end();
  } finally {
    text.destroy();
  }
  return read;
}

function tooWide(limits: ReadLimits, part: SheetPart, g: GridRow): ImportFileError {
  return overLimit(
    `${part.label}的单元格超过了本程序一次导入的上限（${wan(limits.maxGridCells)}个，按每行最右一个有内容的单元格计算；第${g.row}行的内容一直延伸到第 ${g.cells.length.toLocaleString('en-US')} 列）。请删除表格右侧多余的内容，或分成几个文件导入`,
  );
}

async function previewSheet(wb: Workbook, part: SheetPart, limit: number): Promise<GridRow[]> {
  const out: GridRow[] = [];
  await eachRow(wb, part, (g) => out.push(g) < limit);
  return out;
}

/**
 * The first batch is the preview's size: the receiver finds the header in it and narrows what
 * follows. More rows than the limit are refused as soon as the limit is passed. Returns the
 * rows holding values.
 */
async function streamSheet(wb: Workbook, part: SheetPart, sink: ReadSink): Promise<number> {
  let batch: GridRow[] = [];
  let batchCells = 0;
  let first = true;
  let lastProgress = 0;
  const read = await eachRow(wb, part, (g, n) => {
    if (n > wb.limits.maxRows) throw tooManyRows(wb.limits, part);
    batch.push(g);
    batchCells += g.cells.length;
    if ((first && batch.length >= PREVIEW_ROWS) || batch.length >= BATCH_ROWS || batchCells >= BATCH_CELLS) {
      sink.rows(batch);
      batch = [];
      batchCells = 0;
      first = false;
    }
    if (n - lastProgress >= 1000) {
      lastProgress = n;
      sink.progress(n);
    }
    return true;
  });
  if (batch.length) sink.rows(batch);
  sink.progress(read);
  return read;
}

const tooManyRows = (limits: ReadLimits, part: SheetPart) =>
  overLimit(
    `${part.label}有超过 ${wan(limits.maxRows)}行数据，超出了本程序一次导入的上限（${wan(limits.maxRows)}行）。请把表格分成几个文件，每个不超过 ${wan(limits.maxRows)}行，分别导入`,
  );

/** The merges of the sheet being read (its rows are counted by the read itself). */
async function mergesOf(wb: Workbook, part: SheetPart) {
  const scanner = new MergeScanner(wb.limits.maxMerges, part.label);
  const bytes = sheetStream(wb, part, 'buffer');
  try {
    for await (const chunk of bytes) scanner.push(chunk as Buffer);
  } finally {
    bytes.destroy();
  }
  return scanner.merges;
}

/** Row count and merges, for a sheet previewed or listed (counted to the limit at most). */
async function scanSheet(wb: Workbook, part: SheetPart) {
  const scanner = new SheetScanner(wb.limits.maxMerges, wb.limits.maxRowXmlBytes, part.label);
  const text = sheetStream(wb, part, 'latin1');
  try {
    for await (const chunk of text) {
      scanner.push(chunk as string);
      if (scanner.rows > wb.limits.maxRows) return { rows: scanner.rows, merges: scanner.merges };
    }
  } finally {
    text.destroy();
  }
  return { rows: scanner.rows, merges: scanner.merges };
}
