import { CLOSED_STATUSES, type EscalationRules, type LevelKey, type TaskFacts } from '../../../shared/domain/supervision';
import { daysBetween } from './calendar';

/**
 * The supervision level (四色链式督办) of one task on one day — a pure function, so the
 * rules can be tested edge by edge and the board's SQL (level-sql.ts) checked against it.
 *
 * Order matters and is the same in the SQL:
 *  1. a manual override (made with a reason, logged) wins;
 *  2. a rating in `redRatings` (不合格) is 红 查办 whatever the dates;
 *  3. a closed task (已办结/已销号) or one without a due date is 白;
 *  4. overdue by more than `redOverdueDays` → 红; overdue at all → 黄;
 *  5. due within `dueSoonDays` (today included) → 蓝; otherwise 白.
 */
export function escalate(task: TaskFacts, today: string, rules: EscalationRules): LevelKey {
  if (task.overrideLevel) return task.overrideLevel;
  if (task.rating && rules.redRatings.includes(task.rating)) return 'red';
  if (CLOSED_STATUSES.includes(task.status) || !task.dueDate) return 'white';
  const daysLeft = daysBetween(today, task.dueDate);
  if (daysLeft < 0) return -daysLeft > rules.redOverdueDays ? 'red' : 'yellow';
  return daysLeft <= rules.dueSoonDays ? 'blue' : 'white';
}

/** Closed and accepted: the board's 已办结 column. A task rated 不合格 is not done — it is 查办. */
export function isDone(task: Pick<TaskFacts, 'status' | 'rating'>, rules: EscalationRules): boolean {
  return CLOSED_STATUSES.includes(task.status) && !(task.rating && rules.redRatings.includes(task.rating));
}

/** Open (not closed) and past its due date. */
export function isOverdue(task: Pick<TaskFacts, 'status' | 'dueDate'>, today: string): boolean {
  return !CLOSED_STATUSES.includes(task.status) && task.dueDate !== null && task.dueDate < today;
}
