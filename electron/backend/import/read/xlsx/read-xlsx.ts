import { ImportFileError } from '../../errors';
import { chooseSheet, type SheetCandidate } from '../choose-sheet';
import type { FileBytes } from '../file-bytes';
import type { GridRow, SheetInfo } from '../grid';
import { withDefaults, type ReadLimits } from '../limits';
import { BATCH_ROWS, PREVIEW_ROWS, type ReadRequest, type ReadSink } from '../read-request';
import { openEntryText, type TextEncoding } from '../zip/entry-stream';
import { loadSharedParts } from './load-shared-parts';
import { sheetRows } from './sheet-rows';
import { SheetScanner } from './sheet-scanner';
import { openWorkbookPackage, type SheetPart, type WorkbookPackage } from './workbook-package';

/**
 * .xlsx: our zip layer feeds ExcelJS's streaming parsers one part at a time. The chosen
 * sheet is scanned first (row count and merges, which Excel writes after the rows), then
 * parsed in full; the others are previewed (to choose) and scanned (to count).
 */
export async function readXlsx(file: FileBytes, req: ReadRequest, sink: ReadSink): Promise<void> {
  const limits = withDefaults(req.limits);
  const pkg = await openWorkbookPackage(file, limits, sink.alive);
  await loadSharedParts(pkg);

  const { part: chosen, preview } = await pickSheet(pkg, req);
  const counts = new Map<SheetPart, number>();
  const scanned = await scanSheet(pkg, chosen, limits);
  counts.set(chosen, scanned.rows);
  sink.sheet({ format: 'xlsx', name: chosen.name, merges: scanned.merges, date1904: pkg.date1904 });
  if (req.mode === 'read') await streamSheet(pkg, chosen, sink);
  else sink.rows(preview ?? (await previewSheet(pkg, chosen, PREVIEW_ROWS)));

  for (const s of pkg.sheets) {
    if (!counts.has(s)) counts.set(s, s.entry ? (await scanSheet(pkg, s, limits)).rows : 0);
  }
  const sheets: SheetInfo[] = pkg.sheets.map((s) => ({ name: s.name, rows: counts.get(s) ?? 0, hidden: s.hidden }));
  sink.meta({ format: 'xlsx', sheets, chosenSheet: chosen.name, date1904: pkg.date1904 });
}

async function pickSheet(pkg: WorkbookPackage, req: ReadRequest): Promise<{ part: SheetPart; preview?: GridRow[] }> {
  if (req.sheet !== undefined) {
    const s = pkg.sheets.find((x) => x.name === req.sheet) ?? pkg.sheets.find((x) => x.name.trim() === req.sheet?.trim());
    if (!s) {
      throw new ImportFileError(
        'IMPORT_SHEET_NOT_FOUND',
        `工作簿中没有名为“${req.sheet}”的工作表。现有工作表：${pkg.sheets.map((x) => `“${x.name}”`).join('、')}。`,
      );
    }
    if (!s.entry) throw new ImportFileError('IMPORT_NO_DATA', `“${s.name}”不是普通工作表（可能是图表），没有可导入的单元格。`);
    return { part: s };
  }
  const visible = pkg.sheets.filter((p) => p.entry && !p.hidden);
  // one sheet: nothing to choose (when it is empty, the header search says so)
  if (visible.length === 1) return { part: visible[0]! };
  const candidates: (SheetCandidate & { part: SheetPart })[] = [];
  for (const [index, part] of pkg.sheets.entries()) {
    if (!part.entry || part.hidden) continue;
    const preview = await previewSheet(pkg, part, PREVIEW_ROWS);
    if (preview.length > 0) candidates.push({ index, name: part.name, preview, part });
  }
  const best = chooseSheet(candidates, req.hints) as (typeof candidates)[number] | null;
  if (!best) throw new ImportFileError('IMPORT_NO_DATA', '工作簿中没有任何有内容的工作表（所有工作表都是空的或被隐藏）。');
  return { part: best.part, preview: best.preview };
}

function sheetStream(pkg: WorkbookPackage, part: SheetPart, encoding: TextEncoding = 'utf8') {
  if (!part.entry) throw new ImportFileError('IMPORT_NO_DATA', `“${part.name}”没有可导入的单元格。`);
  return openEntryText(pkg.file, part.entry, pkg.budget, encoding);
}

/** Every row holding values, in order; `onRow` returns false to stop reading there. */
async function eachRow(pkg: WorkbookPackage, part: SheetPart, onRow: (g: GridRow, read: number) => boolean): Promise<number> {
  const text = sheetStream(pkg, part);
  let read = 0;
  try {
    for await (const g of sheetRows(text, { reader: pkg.reader, date1904: pkg.date1904 })) {
      read++;
      if (g && !onRow(g, read)) break;
    }
  } finally {
    text.destroy();
  }
  return read;
}

async function previewSheet(pkg: WorkbookPackage, part: SheetPart, limit: number): Promise<GridRow[]> {
  const out: GridRow[] = [];
  await eachRow(pkg, part, (g) => out.push(g) < limit);
  return out;
}

async function streamSheet(pkg: WorkbookPackage, part: SheetPart, sink: ReadSink): Promise<void> {
  let batch: GridRow[] = [];
  let lastProgress = 0;
  const read = await eachRow(pkg, part, (g, n) => {
    batch.push(g);
    if (batch.length >= BATCH_ROWS) {
      sink.rows(batch);
      batch = [];
    }
    if (n - lastProgress >= 1000) {
      lastProgress = n;
      sink.progress(n);
    }
    return true;
  });
  if (batch.length) sink.rows(batch);
  sink.progress(read);
}

async function scanSheet(pkg: WorkbookPackage, part: SheetPart, limits: ReadLimits) {
  const scanner = new SheetScanner(limits.maxMerges, limits.maxRowXmlBytes);
  for await (const chunk of sheetStream(pkg, part, 'latin1')) scanner.push(chunk as string);
  return { rows: scanner.rows, merges: scanner.merges };
}
