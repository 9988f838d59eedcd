import { tooLarge } from '../errors';
import type { CellValue, GridRow, MergeRange } from '../read/grid';
import { isEmpty, spansCols, spansRows } from './row-index';

/**
 * Fills vertically merged cells down through the data, row by row as rows arrive in sheet
 * order: a 部门 cell merged over its people gives each of them the 部门 (as Excel shows it,
 * whatever a covered cell still stores). Only the merge's own column is filled (a value
 * merged across columns belongs to the first one). Merges reaching up into the header and
 * block merges over rows and columns at once are not a layout offices use for data: they
 * are ignored and the cells read as stored — which also makes a whole-sheet merge harmless.
 */
const MAX_FILL_STEPS = 5_000_000;

interface Active {
  m: MergeRange;
  value: CellValue;
  format: string | undefined;
}

export class MergeFiller {
  private readonly pending: MergeRange[];
  private next = 0;
  private active: Active[] = [];
  private steps = 0;

  /** Merges right of the table's `width` fill nothing: no row is ever widened past the table. */
  constructor(merges: readonly MergeRange[], firstDataRow: number, width: number) {
    this.pending = merges.filter((m) => spansRows(m) && !spansCols(m) && m.top >= firstDataRow && m.left <= width).sort((a, b) => a.top - b.top);
  }

  fill(r: GridRow): void {
    while (this.next < this.pending.length && this.pending[this.next]!.top <= r.row) {
      const m = this.pending[this.next++]!;
      // a merge whose top row is blank has nothing to fill with
      const value = m.top === r.row ? r.cells[m.left - 1] : null;
      if (!isEmpty(value)) this.active.push({ m, value: value ?? null, format: r.formats?.[m.left - 1] });
    }
    if (this.active.length === 0) return;
    if (this.active.some((a) => a.m.bottom < r.row)) this.active = this.active.filter((a) => a.m.bottom >= r.row);
    for (const a of this.active) {
      if (a.m.top === r.row) continue;
      if (++this.steps > MAX_FILL_STEPS) throw tooLarge('工作表中的合并单元格异常');
      const col = a.m.left - 1;
      while (r.cells.length < col) r.cells.push(null);
      r.cells[col] = a.value;
      if (a.format) (r.formats ??= {})[col] = a.format;
    }
  }
}
