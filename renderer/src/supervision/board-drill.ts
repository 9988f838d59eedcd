import { CLOSED_STATUSES, type BoardRow, type EscalationRules, type LevelKey, type Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import type { Drill } from './DrillDialog';
import { levelLabel } from './levels';

const LIMIT = 100_000;
/** the board's 已办结: closed and not rated into red (same as the backend's doneSql) */
const isDone = (t: Task, rules: EscalationRules) => CLOSED_STATUSES.includes(t.status) && !(t.rating !== null && rules.redRatings.includes(t.rating));

/** The tasks behind a matrix cell: one unit through tasks.boardTasks, the 合计 row across units. */
export function cellDrill(rules: EscalationRules, row: BoardRow | null, col: LevelKey | 'done'): Drill {
  const name = col === 'done' ? '已办结' : levelLabel(rules, col);
  if (row) return { title: `${row.unit} · ${name}`, load: () => api.tasks.boardTasks({ cell: { kind: 'level', unitId: row.unitId, level: col } }) };
  const load =
    col === 'done'
      ? async () => (await Promise.all(CLOSED_STATUSES.map((status) => api.tasks.list({ status, limit: LIMIT })))).flat().filter((t) => isDone(t, rules))
      : async () => (await api.tasks.list({ level: col, limit: LIMIT })).filter((t) => !isDone(t, rules));
  return { title: `全部单位 · ${name}`, load };
}

export const overdueDrill = (unit?: BoardRow): Drill => ({
  title: unit ? `${unit.unit} · 已逾期` : '已逾期（未办结且已过完成时限）',
  load: () => api.tasks.boardTasks({ cell: { kind: 'overdue', unitId: unit?.unitId } }),
});

export const dueThisWeekDrill = (): Drill => ({ title: '本周到期（未办结）', load: () => api.tasks.boardTasks({ cell: { kind: 'dueThisWeek' } }) });

/** Every task of a unit (a completion bar or a unit name). */
export const unitDrill = (row: BoardRow): Drill => ({
  title: `${row.unit} · 全部任务（已办结 ${row.done} / ${row.total}）`,
  load: async () => (row.unitId === null ? (await api.tasks.list({ limit: LIMIT })).filter((t) => t.unitId === null) : api.tasks.list({ unitId: row.unitId, limit: LIMIT })),
});
