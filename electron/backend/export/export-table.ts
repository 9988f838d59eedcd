import type { BundleResult, BundleSpec, ExportOptions, ExportResult, ExportTable } from './table-spec';
import { writeTableSheet } from './table-sheet';
import { writeStatsSheet, writeSummarySheet, type SummaryPart } from './summary-sheet';
import { sheetNames } from './sheet-name';
import { putSheetFirst, writeWorkbookFile } from './workbook-file';

/**
 * Writes `table` as an official form (.xlsx) at `out`. The file appears only when complete;
 * a cancel through `options.signal` leaves nothing behind.
 */
export async function exportTable(out: string, table: ExportTable, options: ExportOptions = {}): Promise<ExportResult> {
  const [sheetName, statsName] = sheetNames([table.sheetName, STATS_SHEET]);
  const tally = await writeWorkbookFile(out, options.signal, async (workbook, signal) => {
    const counted = await writeTableSheet(workbook, { ...table, sheetName: sheetName! }, { signal, onRows: options.onProgress, margins: options.margins });
    if (table.statsSheet) {
      const part = { name: sheetName!, tally: counted, hasStatus: Boolean(table.summary?.statusKey), hasUnit: Boolean(table.summary?.unitKey) };
      const { title, officeName, reportDate, dateFormat } = table;
      writeStatsSheet(workbook, { title: `${title}统计表`, officeName, reportDate, dateFormat, sheetName: statsName! }, part, options.margins);
    }
    return counted;
  });
  return { out, rows: tally.rows };
}

/** The sheet a preset's "statistics sheet" adds after the table. */
export const STATS_SHEET = '统计';

/** A 报送包: each table on its own sheet, plus a 汇总 sheet counting each table on its own. */
export async function exportBundle(out: string, bundle: BundleSpec, options: ExportOptions = {}): Promise<BundleResult> {
  const names = sheetNames([bundle.summarySheetName ?? '汇总', ...bundle.tables.map((t) => t.sheetName)]);
  return writeWorkbookFile(out, options.signal, async (workbook, signal) => {
    const parts: SummaryPart[] = [];
    let before = 0;
    for (const [i, table] of bundle.tables.entries()) {
      const name = names[i + 1]!;
      const tally = await writeTableSheet(
        workbook,
        { ...table, sheetName: name },
        { signal, margins: options.margins, onRows: (n) => options.onProgress?.(before + n) },
      );
      before += tally.rows;
      parts.push({
        name,
        tally,
        hasStatus: Boolean(table.summary?.statusKey),
        hasUnit: Boolean(table.summary?.unitKey),
        hasLevel: Boolean(table.summary?.levelKey),
        ...(table.summary?.order ? { order: table.summary.order } : {}),
        ...(table.countUnit ? { countUnit: table.countUnit } : {}),
      });
    }
    const summary = writeSummarySheet(
      workbook,
      { title: bundle.title, officeName: bundle.officeName, reportDate: bundle.reportDate, dateFormat: bundle.dateFormat, sheetName: names[0]! },
      parts,
      options.margins,
    );
    // written last (its counts exist only once every table has streamed past), listed first
    putSheetFirst(workbook, summary);
    return { out, rows: before, sheets: parts.map((p) => ({ name: p.name, rows: p.tally.rows })) };
  });
}
