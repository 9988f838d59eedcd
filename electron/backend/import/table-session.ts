import { ImportFileError } from './errors';
import { autoMap, type ColumnMapping } from './mapping/auto-map';
import { checkMapping, missingRequired } from './mapping/check-mapping';
import { headerHintsFor, type ImportTarget } from './mapping/target';
import type { ChosenSheet, GridRow } from './read/grid';
import type { RowConsumer } from './read/run-read-worker';
import { RowValidator } from './rows/row-validator';
import { TableShaper } from './shape/table-shaper';

/**
 * One readTable in progress: rows from the worker are shaped, mapped and validated batch by
 * batch while the worker goes on parsing, so the two run side by side and the window gets a
 * turn between batches.
 */
export class TableSession implements RowConsumer {
  chosen: ChosenSheet | null = null;
  shaper: TableShaper | null = null;
  mapping: ColumnMapping | null = null;
  missing: string[] = [];
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

  /** After the last batch: the header must have been found by now. */
  finish(): void {
    this.feed(this.need(this.shaper).finish());
  }

  get validated() {
    return this.validator?.result() ?? { rows: [], refused: [], unknownUnits: [] };
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
