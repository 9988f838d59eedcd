import fs from 'node:fs';
import { ApiError } from '../../../shared/contract/define';
import { openBackend } from '../../backend/backend';
import { fixedClock } from '../../backend/clock';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';

/**
 * `tasks board` (docs/cli.md): the 挂图作战 matrix. Done tasks (已办结/已销号 not rated
 * 不合格) are counted in `done` only, never in a colour column; a task rated 不合格 is 红.
 * `--today` sets the one clock, so every level is computed as of that day.
 */
export const tasksBoardCommand: Command = {
  path: ['tasks', 'board'],
  summary: 'tasks board --db F [--today YYYY-MM-DD] [--json]   挂图作战：各单位按督办等级统计，本周到期与逾期数',
  options: { today: { type: 'string' } },
  run({ values }, io) {
    const db = requireDb(values);
    const today = typeof values.today === 'string' ? values.today : undefined;
    if (today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)) || new Date(`${today}T00:00:00Z`).toISOString().slice(0, 10) !== today)) {
      throw new UsageError(`--today 应为有效日期，写成如 2026-03-02（收到“${today}”）`);
    }
    if (!fs.existsSync(db)) throw new ApiError('NOT_FOUND', `数据文件“${db}”不存在，请先运行 init`);
    const backend = openBackend(db, today ? { clock: fixedClock(today) } : {});
    try {
      const board = backend.supervision.board();
      const out = {
        byUnit: board.byUnit.map((r) => ({ unit: r.unit, white: r.white, blue: r.blue, yellow: r.yellow, red: r.red, done: r.done, total: r.total, completionRate: r.completionRate })),
        overdue: board.overdue,
        dueThisWeek: board.dueThisWeek,
        today: board.today,
      };
      const L = board.levels;
      printResult(io, Boolean(values.json), out, () =>
        [
          `挂图作战（${board.today}，本周 ${board.weekStart} 至 ${board.weekEnd}）`,
          `单位\t${L.white.name}${L.white.action}\t${L.blue.name}${L.blue.action}\t${L.yellow.name}${L.yellow.action}\t${L.red.name}${L.red.action}\t已办结\t完成率`,
          ...out.byUnit.map((r) => `${r.unit}\t${r.white}\t${r.blue}\t${r.yellow}\t${r.red}\t${r.done}\t${Math.round(r.completionRate * 100)}%`),
          `逾期 ${out.overdue} 项，本周到期 ${out.dueThisWeek} 项`,
        ].join('\n'),
      );
      return EXIT.ok;
    } finally {
      backend.close();
    }
  },
};

export const TASKS_COMMANDS: Command[] = [tasksBoardCommand];
