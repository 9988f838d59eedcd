import type { ExportRecord } from './table-spec';

/** Counts for the 汇总 sheet of a 报送包, gathered while a table's rows stream past. */
export interface Tally {
  rows: number;
  byStatus: Map<string, number>;
  byUnit: Map<string, number>;
  /** a task list: supervision level, or 已办结 */
  byLevel: Map<string, number>;
  /** unit → status → count, when the table has both */
  byUnitStatus: Map<string, Map<string, number>>;
}

export const UNFILLED = '（未填写）';

export function newTally(): Tally {
  return { rows: 0, byStatus: new Map(), byUnit: new Map(), byLevel: new Map(), byUnitStatus: new Map() };
}

function label(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? UNFILLED : s;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function countRow(tally: Tally, record: ExportRecord, keys: { statusKey?: string; unitKey?: string; levelKey?: string } | undefined): void {
  tally.rows++;
  if (keys?.levelKey) bump(tally.byLevel, label(record[keys.levelKey]));
  const status = keys?.statusKey ? label(record[keys.statusKey]) : null;
  const unit = keys?.unitKey ? label(record[keys.unitKey]) : null;
  if (status !== null) bump(tally.byStatus, status);
  if (unit !== null) bump(tally.byUnit, unit);
  if (status !== null && unit !== null) {
    let m = tally.byUnitStatus.get(unit);
    if (!m) tally.byUnitStatus.set(unit, (m = new Map()));
    bump(m, status);
  }
}
