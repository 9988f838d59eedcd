import type { PlanHorizon, PlanView } from '../../../shared/domain/supervision';
import type { TaskService } from './task-service';
import { CLOSED_SQL } from './level-sql';
import { monthEnd, monthStart, weekEnd, weekStart } from './calendar';
import { NO_UNIT, unitsInTreeOrder } from './board';
import type { Database } from 'better-sqlite3';

/**
 * Plans (月计划/周清单/日安排): this month / this week / today, by unit. A period holds the
 * tasks due in it, plus carry-over (结转): every task still open whose due date is before
 * the period began, so nothing unfinished drops off the plan when the month turns.
 */
export function planView(db: Database, tasks: TaskService, period: 'month' | 'week' | 'day', f: { unitId?: number; horizon?: PlanHorizon }): PlanView {
  const today = tasks.today();
  const from = period === 'month' ? monthStart(today) : period === 'week' ? weekStart(today) : today;
  const to = period === 'month' ? monthEnd(today) : period === 'week' ? weekEnd(today) : today;
  const where = [`((t.due_date >= @from AND t.due_date <= @to) OR (t.due_date < @from AND t.status NOT IN ${CLOSED_SQL}))`];
  if (f.unitId !== undefined) where.push('t.unit_id = @unitId');
  if (f.horizon !== undefined) where.push('t.horizon = @horizon');
  const list = tasks.query(`WHERE ${where.join(' AND ')}`, { from, to, unitId: f.unitId ?? null, horizon: f.horizon ?? null });
  const order = new Map(unitsInTreeOrder(db).map((u, i) => [u.id, i]));
  const groups = new Map<number | null, PlanView['byUnit'][number]>();
  for (const task of list) {
    let g = groups.get(task.unitId);
    if (!g) groups.set(task.unitId, (g = { unitId: task.unitId, unit: task.unitName ?? NO_UNIT, items: [] }));
    g.items.push({ task, carriedOver: task.dueDate !== null && task.dueDate < from });
  }
  const byUnit = [...groups.values()].sort((a, b) => (a.unitId === null ? 1 : b.unitId === null ? -1 : (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0)));
  return { period, from, to, byUnit };
}
