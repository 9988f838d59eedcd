import { ImportFileError } from './errors';
import { autoMap, type ColumnMapping } from './mapping/auto-map';
import { checkMapping, missingRequired } from './mapping/check-mapping';
import { headerHintsFor, type ImportTarget } from './mapping/target';
import type { ParsedImport } from './parsed-import';
import type { ChosenSheet, GridRow, ReadMeta } from './read/grid';
import type { RowConsumer } from './read/run-read-worker';
import { RowValidator } from './rows/row-validator';
import { TableShaper } from './shape/table-shaper';

/**
 * One readTable in progress: rows from the worker are shaped, mapped and validated batch by
 * batch while the worker goes on parsing, so the two run side by side and the event loop
 * gets a turn between batches.
 */
export class TableSession implements RowConsumer {
  private chosen: ChosenSheet | null = null;
  private shaper: TableShaper | null = null;
  private mapping: ColumnMapping | null = null;
  private missing: string[] = [];
  private validator: RowValidator | null = null;

  constructor(
    private readonly target: ImportTarget,
    private readonly givenMapping: ColumnMapping | undefined,
    private readonly units: readonly string[] | undefined,
  ) {}

  sheet(s: ChosenSheet): void {
    this.chosen = s;
    this.shaper = new TableShaper(s.merges, headerHintsFor(this.target), s.name);
  }

  rows(batch: GridRow[]): void {
    this.feed(this.need(this.shaper).push(batch));
  }

  /** Once the header is known, nothing right of the table is built (a stray value in XFD). */
  width(): number {
    return this.shaper?.header?.columns.length ?? Number.POSITIVE_INFINITY;
  }

  /** After the worker is done: the rows still held back, then the result. */
  result(meta: ReadMeta): ParsedImport {
    const shaper = this.need(this.shaper);
    this.feed(shaper.finish()); // throws IMPORT_NO_DATA when no header was found
    const header = this.need(shaper.header);
    const validated = this.validator?.result() ?? { rows: [], refused: [], unknownUnits: [] };
    return {
      format: meta.format,
      sheet: meta.chosenSheet,
      sheets: meta.sheets,
      headerRow: header.headerRows[header.headerRows.length - 1]!,
      headerRows: header.headerRows,
      columns: header.columns,
      mapping: this.mapping ?? {},
      missingRequired: this.missing,
      skipped: shaper.skipped,
      date1904: meta.date1904,
      ...validated,
    };
  }

  private feed(ready: GridRow[]): void {
    const header = this.shaper?.header;
    if (!header) return;
    if (!this.mapping) {
      this.mapping = this.givenMapping ? checkMapping(this.givenMapping, header.columns, this.target) : autoMap(header.columns, this.target);
      this.missing = missingRequired(this.mapping, this.target);
      // without a required column no row can pass: leave validation to the corrected mapping
      if (this.missing.length === 0) {
        this.validator = new RowValidator(header.columns, this.mapping, this.target, { date1904: this.need(this.chosen).date1904, units: this.units });
      }
    }
    this.validator?.add(ready);
  }

  private need<T>(v: T | null): T {
    if (v === null) throw new ImportFileError('IMPORT_FILE_UNREADABLE', '文件无法读取：读取结果不完整。');
    return v;
  }
}
