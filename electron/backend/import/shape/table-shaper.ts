import type { GridRow, HeaderHints, MergeRange } from '../read/grid';
import { PREVIEW_ROWS } from '../read/read-request';
import { classifyRow, type SkipReason } from './classify-row';
import { findHeaderRow, headerBlock } from './find-header';
import { headerNames } from './header-names';
import { headerKey } from './header-text';
import { MergeFiller } from './merge-filler';
import { RowIndex } from './row-index';

const EXTRA_COLUMNS = 20;

export interface TableHeader {
  /** sheet rows of the header, top first (two when the header is two rows) */
  headerRows: number[];
  columns: string[];
}

/**
 * Turns a sheet's rows, as they arrive, into a table: finds the header among the first rows,
 * then passes on only data rows — merged cells filled down, blank rows, repeated headers,
 * totals and signature lines left out (all but blank rows listed in `skipped`).
 */
export class TableShaper {
  header: TableHeader | null = null;
  readonly skipped: { row: number; reason: SkipReason }[] = [];
  private buffer: GridRow[] = [];
  private lastHeaderRow = 0;
  private headerKeys: string[][] = [];
  private filler: MergeFiller | null = null;

  constructor(
    private readonly merges: readonly MergeRange[],
    private readonly hints: HeaderHints | undefined,
    private readonly sheet: string,
  ) {}

  /** The data rows ready so far (none while the header is still to be found). */
  push(batch: readonly GridRow[]): GridRow[] {
    if (this.header) return this.take(batch);
    for (const r of batch) this.buffer.push(r);
    return this.buffer.length >= PREVIEW_ROWS ? this.settleHeader() : [];
  }

  /** At the end of the sheet; throws IMPORT_NO_DATA when no header was found. */
  finish(): GridRow[] {
    return this.header ? [] : this.settleHeader();
  }

  private settleHeader(): GridRow[] {
    const rows = this.buffer;
    this.buffer = [];
    const index = new RowIndex(rows);
    const headerRows = headerBlock(index, findHeaderRow(rows, this.hints, this.sheet), this.merges);
    this.lastHeaderRow = headerRows[headerRows.length - 1]!;
    let headerWidth = 0;
    for (const h of headerRows) headerWidth = Math.max(headerWidth, index.get(h)?.cells.length ?? 0);
    // columns past the header count when the first rows have data there (to be mapped by
    // hand) — a few of them: a stray cell in column XFD must not make every row 16,384 wide
    let width = headerWidth;
    for (const r of rows) if (r.row > this.lastHeaderRow) width = Math.max(width, r.cells.length);
    width = Math.min(width, headerWidth + EXTRA_COLUMNS);
    this.header = { headerRows, columns: headerNames(index, headerRows, this.merges, width) };
    this.headerKeys = headerRows.map((h) => Array.from({ length: headerWidth }, (_, c) => headerKey(index.value(h, c))));
    this.filler = new MergeFiller(this.merges, this.lastHeaderRow + 1, this.header.columns.length);
    return this.take(rows);
  }

  private take(batch: readonly GridRow[]): GridRow[] {
    const out: GridRow[] = [];
    for (const r of batch) {
      if (r.row <= this.lastHeaderRow) continue;
      this.filler!.fill(r);
      const why = classifyRow(r, this.headerKeys);
      if (why === null) out.push(r);
      else if (why !== '空行') this.skipped.push({ row: r.row, reason: why });
    }
    return out;
  }
}
