import type { Database } from 'better-sqlite3';
import type { Board, BoardRow, EscalationRules, LevelKey } from '../../../shared/domain/supervision';
import { CLOSED_SQL, doneSql, levelSql } from './level-sql';
import { weekEnd, weekStart } from './calendar';

/** Units with no task are left out; tasks without a unit are gathered under this name. */
export const NO_UNIT = '（未指定单位）';

/**
 * 挂图作战: units × levels in one grouped scan, the level computed in SQL (level-sql.ts).
 * Every task counts once, under its own responsible unit (a parent task is its unit's
 * work too). Done tasks (已办结/已销号, not rated 不合格) go to `done`, never to a colour;
 * a task rated 不合格 stays in 红. overdue: open, due before today. dueThisWeek: open, due
 * from today to this Sunday (weeks run Monday–Sunday) — the overdue are not counted again.
 */
export function computeBoard(db: Database, rules: EscalationRules, today: string): Board {
  const ws = weekStart(today);
  const we = weekEnd(today);
  const rows = db
    .prepare(
      `SELECT t.unit_id AS unitId, CASE WHEN ${doneSql(rules)} THEN 'done' ELSE ${levelSql(rules, today)} END AS cell, count(*) AS n,
              sum(t.status NOT IN ${CLOSED_SQL} AND t.due_date < @today) AS overdue,
              sum(t.status NOT IN ${CLOSED_SQL} AND t.due_date >= @today AND t.due_date <= @weekEnd) AS dueThisWeek
       FROM tasks t GROUP BY t.unit_id, cell`,
    )
    .all({ today, weekEnd: we }) as { unitId: number | null; cell: LevelKey | 'done'; n: number; overdue: number | null; dueThisWeek: number | null }[];
  const units = unitsInTreeOrder(db);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const byUnit = new Map<number | null, BoardRow>();
  let overdue = 0;
  let dueThisWeek = 0;
  for (const r of rows) {
    let row = byUnit.get(r.unitId);
    if (!row) {
      row = { unitId: r.unitId, unit: r.unitId === null ? NO_UNIT : (names.get(r.unitId) ?? NO_UNIT), white: 0, blue: 0, yellow: 0, red: 0, done: 0, total: 0, completionRate: 0 };
      byUnit.set(r.unitId, row);
    }
    row[r.cell] += r.n;
    row.total += r.n;
    overdue += r.overdue ?? 0;
    dueThisWeek += r.dueThisWeek ?? 0;
  }
  const list = [...byUnit.values()].sort((a, b) => (a.unitId === null ? 1 : b.unitId === null ? -1 : (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0)));
  for (const row of list) row.completionRate = row.total ? Math.round((row.done / row.total) * 1000) / 1000 : 0;
  return { today, weekStart: ws, weekEnd: we, byUnit: list, overdue, dueThisWeek, levels: rules.levels };
}

/** Units depth-first, siblings by their order: the order the organisation tree shows. */
export function unitsInTreeOrder(db: Database): { id: number; name: string }[] {
  const all = db.prepare('SELECT id, name, parent_id AS parentId FROM units ORDER BY sort_order, id').all() as { id: number; name: string; parentId: number | null }[];
  const kids = new Map<number | null, typeof all>();
  for (const u of all) kids.set(u.parentId, [...(kids.get(u.parentId) ?? []), u]);
  const out: { id: number; name: string }[] = [];
  const walk = (pid: number | null) => (kids.get(pid) ?? []).forEach((u) => (out.push({ id: u.id, name: u.name }), walk(u.id)));
  walk(null);
  return out;
}
