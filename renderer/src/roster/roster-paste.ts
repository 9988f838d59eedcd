import { PERSON_FIELDS, type PersonField } from '../../../shared/domain/roster';

type Values = Partial<Record<PersonField, string>>;

export interface PasteTarget {
  /** field of each displayed column, left to right (non-field columns as null) */
  columns: (string | null)[];
  /** person id of each displayed row, top to bottom */
  rowIds: number[];
  startRow: number;
  startColumn: number;
}

export interface PastePlan {
  edits: { id: number; values: Values }[];
  creates: { values: Values }[];
  /** how many cells of the block landed on a column (the rest fell off the right edge) */
  cells: number;
  rows: number;
  columns: number;
}

const isField = (c: string | null): c is PersonField => c !== null && (PERSON_FIELDS as readonly string[]).includes(c);

/**
 * Lays a block copied from Excel/WPS onto the grid from the focused cell, like Excel does:
 * rows past the last one become new people; columns past the last one are dropped.
 */
export function planPaste(block: string[][], target: PasteTarget): PastePlan {
  const plan: PastePlan = { edits: [], creates: [], cells: 0, rows: block.length, columns: Math.max(0, ...block.map((r) => r.length)) };
  block.forEach((cells, r) => {
    const values: Values = {};
    cells.forEach((text, c) => {
      const field = target.columns[target.startColumn + c];
      if (field === undefined || !isField(field)) return;
      values[field] = text;
      plan.cells++;
    });
    if (Object.keys(values).length === 0) return;
    const id = target.rowIds[target.startRow + r];
    if (id !== undefined) plan.edits.push({ id, values });
    else plan.creates.push({ values });
  });
  return plan;
}
