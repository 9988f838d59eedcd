import type { Database } from 'better-sqlite3';
import type { Reminders } from '../../../shared/domain/supervision';
import type { TaskService } from './task-service';
import { CLOSED_SQL } from './level-sql';
import { addDays } from './calendar';

/**
 * The in-app reminder list (the bell): the rises logged in the last `days` days — read from
 * the trail, because the main process may already have run refreshLevels at start and the
 * page must still hear of them — and the open tasks due tomorrow.
 */
export function reminders(db: Database, tasks: TaskService, days: number): Reminders {
  // log times are UTC ISO stamps: a date prefix compares as text
  const since = addDays(tasks.today(), -days);
  const risen = db
    .prepare(
      `SELECT l.id AS logId, l.task_id AS taskId, t.title, u.name AS unit, l.from_level AS fromLevel, l.level AS toLevel, l.at
       FROM task_log l JOIN tasks t ON t.id = l.task_id LEFT JOIN units u ON u.id = t.unit_id
       WHERE l.kind = 'rise' AND l.at >= @since AND t.status NOT IN ${CLOSED_SQL}
       ORDER BY l.id DESC LIMIT 200`,
    )
    .all({ since }) as Reminders['risen'];
  const dueTomorrow = tasks.query(`WHERE t.due_date = @tomorrow AND t.status NOT IN ${CLOSED_SQL}`, { tomorrow: addDays(tasks.today(), 1) });
  return { risen, dueTomorrow };
}
