import type { PlanHorizon, PlanView } from '../../../shared/domain/supervision';
import type { TaskService } from './task-service';
import { CLOSED_SQL } from './level-sql';
import { isoWeek, monthEnd, monthStart, weekEnd, weekStart } from './calendar';
import { NO_UNIT, unitsInTreeOrder } from './board';
import type { Database } from 'better-sqlite3';

/**
 * Plans (月计划/周清单/日安排): this month / this week / today, by unit. A period holds the
 * tasks due in it, plus carry-over (结转): every task still open whose due date is before
 * the period began, so nothing unfinished drops off the plan when the month turns.
 * Any period can be opened by a date inside it (the page's 上一期/下一期).
 */
export function planView(db: Database, tasks: TaskService, period: 'month' | 'week' | 'day', f: { unitId?: number; horizon?: PlanHorizon; date?: string }): PlanView {
  const day = f.date ?? tasks.today();
  const from = period === 'month' ? monthStart(day) : period === 'week' ? weekStart(day) : day;
  const to = period === 'month' ? monthEnd(day) : period === 'week' ? weekEnd(day) : day;
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
  return { period, from, to, ...planNames(period, from, to), byUnit };
}

const md = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** What the plan is called on paper, and its span in words. */
export function planNames(period: PlanView['period'], from: string, to: string): { heading: string; span: string } {
  const y = Number(from.slice(0, 4));
  if (period === 'month') return { heading: `${y}年${Number(from.slice(5, 7))}月工作计划`, span: `${md(from)}至${md(to)}` };
  if (period === 'week') {
    const [wy, w] = isoWeek(from);
    return { heading: `${wy}年第${w}周工作清单`, span: `${md(from)}至${md(to)}` };
  }
  return { heading: `${y}年${md(from)}工作安排`, span: `${y}年${md(from)}` };
}
