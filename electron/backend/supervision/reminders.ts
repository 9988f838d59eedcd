import type { Database } from 'better-sqlite3';
import type { Reminders } from '../../../shared/domain/supervision';
import type { TaskService } from './task-service';
import { CLOSED_SQL } from './level-sql';
import { addDays } from './calendar';

const RANK = `CASE %s WHEN 'white' THEN 0 WHEN 'blue' THEN 1 WHEN 'yellow' THEN 2 WHEN 'red' THEN 3 END`;
const rank = (col: string) => RANK.replace('%s', col);

/**
 * The in-app reminder list (the bell): the rises logged in the last `days` days — read from
 * the trail, because the main process may already have run refreshLevels at start and the
 * page must still hear of them — by the rules or by hand (a manual level above the one it
 * replaced: 提级督办), and the open tasks due tomorrow.
 */
export function reminders(db: Database, tasks: TaskService, days: number): Reminders {
  // log times are UTC ISO stamps: a date prefix compares as text
  const since = addDays(tasks.today(), -days);
  const risen = db
    .prepare(
      `SELECT l.id AS logId, l.task_id AS taskId, t.title, u.name AS unit, l.from_level AS fromLevel, l.level AS toLevel, l.at, l.kind = 'override' AS manual
       FROM task_log l JOIN tasks t ON t.id = l.task_id LEFT JOIN units u ON u.id = t.unit_id
       WHERE (l.kind = 'rise' OR (l.kind = 'override' AND ${rank('l.level')} > ${rank('l.from_level')}))
         AND l.at >= @since AND t.status NOT IN ${CLOSED_SQL}
       ORDER BY l.id DESC LIMIT 200`,
    )
    .all({ since }) as (Omit<Reminders['risen'][number], 'manual'> & { manual: number })[];
  const dueTomorrow = tasks.query(`WHERE t.due_date = @tomorrow AND t.status NOT IN ${CLOSED_SQL}`, { tomorrow: addDays(tasks.today(), 1) });
  return { risen: risen.map((r) => ({ ...r, manual: r.manual === 1 })), dueTomorrow };
}
