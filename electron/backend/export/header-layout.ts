import type { ExportColumn } from './table-spec';

/** A header cell and the area it covers, in sheet columns (1 = 序号) and header rows (0-based). */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  /** last row / column it covers (equal to row / col when not merged) */
  toRow: number;
  toCol: number;
}

export interface HeaderLayout {
  /** 1, or 2 when any column has a group */
  rows: number;
  cells: HeaderCell[];
}

export const SEQ_LABEL = '序号';

/**
 * The header of the form. With groups it takes two rows: a group's cell spans its
 * consecutive columns on the first row with their labels below; a column without a group
 * (and 序号) spans both rows. Non-consecutive columns of one group get a group cell each,
 * because Excel cannot merge cells that are not side by side.
 */
export function headerLayout(columns: readonly ExportColumn[]): HeaderLayout {
  const rows = columns.some((c) => c.group) ? 2 : 1;
  const last = rows - 1;
  const cells: HeaderCell[] = [{ text: SEQ_LABEL, row: 0, col: 1, toRow: last, toCol: 1 }];
  for (let i = 0; i < columns.length; ) {
    const col = i + 2;
    const group = columns[i]!.group;
    if (!group) {
      cells.push({ text: columns[i]!.label, row: 0, col, toRow: last, toCol: col });
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === group) end++;
    cells.push({ text: group, row: 0, col, toRow: 0, toCol: end + 2 });
    for (let j = i; j <= end; j++) cells.push({ text: columns[j]!.label, row: 1, col: j + 2, toRow: 1, toCol: j + 2 });
    i = end + 1;
  }
  return { rows, cells };
}
