import type { Database } from 'better-sqlite3';
import type { LedgerField } from '../../../shared/domain/ledger';
import type { LedgerStats } from '../../../shared/contract/ledger';
import { valueExpr } from './field-indexes';

/**
 * Counts per category for the statistics table and chart: by the first status field, by
 * the first unit field (with how many are still open), by month of the first date field.
 */
export function categoryStats(db: Database, categoryId: number, fields: readonly LedgerField[]): LedgerStats {
  const cat = Math.trunc(categoryId);
  const live = `FROM ledger_records WHERE category_id = ${cat} AND deleted_at IS NULL`;
  const total = db.prepare(`SELECT count(*) ${live}`).pluck().get() as number;
  const status = fields.find((f) => f.type === 'status');
  const unit = fields.find((f) => f.type === 'unit');
  const date = fields.find((f) => f.type === 'date');

  let open: number | null = null;
  let closed: number | null = null;
  let byStatus: LedgerStats['byStatus'] = [];
  const closedValues = status ? status.choices.filter((c) => c.closed).map((c) => c.value) : [];
  const isClosed = status ? `${valueExpr(status.key)} IN (${closedValues.map(() => '?').join(', ') || 'NULL'})` : '0';
  if (status) {
    const counts = new Map((db.prepare(`SELECT ${valueExpr(status.key)} AS v, count(*) AS n ${live} GROUP BY v`).all() as { v: string | null; n: number }[]).map((r) => [r.v, r.n]));
    byStatus = status.choices.map((c) => ({ value: c.value, closed: Boolean(c.closed), count: counts.get(c.value) ?? 0 }));
    const empty = counts.get(null) ?? 0;
    if (empty) byStatus.push({ value: '（未填）', closed: false, count: empty });
    closed = byStatus.filter((s) => s.closed).reduce((a, s) => a + s.count, 0);
    open = total - closed;
  }

  let byUnit: LedgerStats['byUnit'] = [];
  if (unit) {
    const rows = db
      .prepare(
        `SELECT r.u AS unitId, coalesce(u.name, '（未填）') AS unit, count(*) AS count, sum(r.c) AS closedCount
         FROM (SELECT ${valueExpr(unit.key)} AS u, ${isClosed} AS c ${live}) r LEFT JOIN units u ON u.id = r.u
         GROUP BY r.u ORDER BY count DESC, unit`,
      )
      .all(...(status ? closedValues : [])) as { unitId: number | null; unit: string; count: number; closedCount: number }[];
    byUnit = rows.map((r) => ({ unitId: r.unitId, unit: r.unit, count: r.count, open: status ? r.count - r.closedCount : null }));
  }

  const monthExpr = date ? `substr(${valueExpr(date.key)}, 1, 7)` : `substr(created_at, 1, 7)`;
  const byMonth = (db.prepare(`SELECT ${monthExpr} AS month, count(*) AS count ${live} GROUP BY month HAVING month IS NOT NULL ORDER BY month`).all() as { month: string; count: number }[]);

  return { categoryId, total, open, closed, byStatus, byUnit, byMonth, statusField: status?.label ?? null, unitField: unit?.label ?? null, dateField: date?.label ?? null };
}
