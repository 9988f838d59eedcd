import type { CellValue, MergeRange } from '../read/grid';
import { displayHeader } from './header-text';
import { colLetter, isEmpty, type RowIndex } from './row-index';

/**
 * Column names from the header rows. A merged header cell names every column it covers;
 * two rows flatten to "上/下" ("整改情况/完成时限"), or to the one name when a cell is
 * merged down over both. Unnamed columns that hold data are called "（K列）"; repeated
 * names get "（2）" so each name keys the mapping once.
 */
export function headerNames(index: RowIndex, headerRows: readonly number[], merges: readonly MergeRange[], width: number): string[] {
  const first = headerRows[0]!;
  const last = headerRows[headerRows.length - 1]!;
  const grid: CellValue[][] = headerRows.map((r) => Array.from({ length: width }, (_, c) => index.value(r, c)));
  // spread merges that lie within the header block (a title merged over the data is no header)
  for (const m of merges) {
    if (m.top < first || m.bottom > last) continue;
    const master = index.value(m.top, m.left - 1);
    if (isEmpty(master)) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const line = grid[r - first];
      if (!line) continue;
      for (let c = m.left - 1; c < Math.min(m.right, width); c++) if (isEmpty(line[c])) line[c] = master;
    }
  }
  const names: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const line of grid) {
      const t = displayHeader(line[c]);
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    names.push(parts.length ? parts.join('/') : `（${colLetter(c)}列）`);
  }
  return dedupe(names);
}

function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}（${k}）`;
  });
}
