import type { ExportRecord } from './table-spec';

/** Counts for the 汇总 sheet of a 报送包, gathered while a table's rows stream past. */
export interface Tally {
  rows: number;
  byStatus: Map<string, number>;
  byUnit: Map<string, number>;
}

export const UNFILLED = '（未填写）';

export function newTally(): Tally {
  return { rows: 0, byStatus: new Map(), byUnit: new Map() };
}

function label(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? UNFILLED : s;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function countRow(tally: Tally, record: ExportRecord, keys: { statusKey?: string; unitKey?: string } | undefined): void {
  tally.rows++;
  if (keys?.statusKey) bump(tally.byStatus, label(record[keys.statusKey]));
  if (keys?.unitKey) bump(tally.byUnit, label(record[keys.unitKey]));
}
