import type { GridRow, HeaderHints, MergeRange } from '../read/grid';
import { TableShaper, type TableHeader } from './table-shaper';

/** The whole sheet at once (previews, tests): see TableShaper. */
export interface ShapedTable extends TableHeader {
  rows: GridRow[];
  skipped: TableShaper['skipped'];
}

export function shapeTable(grid: readonly GridRow[], merges: readonly MergeRange[], hints: HeaderHints | undefined, sheet: string): ShapedTable {
  const shaper = new TableShaper(merges, hints, sheet);
  const rows = [...shaper.push(grid), ...shaper.finish()];
  return { ...shaper.header!, rows, skipped: shaper.skipped };
}
