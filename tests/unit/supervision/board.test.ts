import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { inProcessCli, npmCli, onlyJson } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-db';
import { supervisionBackend, taskInput } from './helpers';
import type { SupervisionFixture } from './helpers';

/** Today is Monday 2026-03-02; this week runs to Sunday 03-08. */
function seed(f: SupervisionFixture) {
  const s = f.backend.supervision.tasks;
  const { a, b } = f.units;
  const mk = (title: string, unitId: number | null, dueDate: string | null) => s.create(taskInput({ title, unitId, dueDate }));
  mk('甲-白', a, '2026-03-20');
  mk('甲-蓝', a, '2026-03-04');
  mk('甲-黄', a, '2026-02-27');
  mk('甲-红', a, '2026-02-01');
  const done = mk('甲-办结', a, '2026-02-01');
  s.close(done.id, '优', '已完成', '已办结');
  const failed = mk('乙-不合格', b, '2026-02-20');
  s.close(failed.id, '不合格', '敷衍应付', '已办结');
  mk('乙-本周日到期', b, '2026-03-08');
  mk('乙-下周一到期', b, '2026-03-09');
  mk('无单位', null, null);
}

test('board: units × levels; done tasks only in "done"; 不合格 stays red; overdue and due this week', (t) => {
  const f = supervisionBackend(t);
  seed(f);
  const board = f.backend.supervision.board();
  assert.deepEqual(
    board.byUnit.map((r) => [r.unit, r.white, r.blue, r.yellow, r.red, r.done, r.total]),
    [
      ['刑侦支队', 1, 1, 1, 1, 1, 5],
      ['政治部', 2, 0, 0, 1, 0, 3],
      ['（未指定单位）', 1, 0, 0, 0, 0, 1],
    ],
  );
  assert.equal(board.byUnit[0]!.completionRate, 0.2);
  // 甲-黄, 甲-红 (open and late); the closed late ones are not "overdue"
  assert.equal(board.overdue, 2);
  // 甲-蓝 (03-04), 乙-本周日到期 (03-08); not 03-09, not the overdue
  assert.equal(board.dueThisWeek, 2);
  assert.deepEqual([board.weekStart, board.weekEnd], ['2026-03-02', '2026-03-08']);

  const sv = f.backend.supervision;
  assert.deepEqual(sv.boardTasks({ kind: 'level', unitId: f.units.a, level: 'red' }).map((x) => x.title), ['甲-红']);
  assert.deepEqual(sv.boardTasks({ kind: 'level', unitId: f.units.b, level: 'red' }).map((x) => x.title), ['乙-不合格']);
  assert.deepEqual(sv.boardTasks({ kind: 'level', unitId: f.units.a, level: 'done' }).map((x) => x.title), ['甲-办结']);
  assert.deepEqual(sv.boardTasks({ kind: 'overdue' }).map((x) => x.title), ['甲-红', '甲-黄']);
  assert.deepEqual(sv.boardTasks({ kind: 'dueThisWeek' }).map((x) => x.title), ['甲-蓝', '乙-本周日到期']);
  assert.deepEqual(sv.boardTasks({ kind: 'level', unitId: null, level: 'white' }).map((x) => x.title), ['无单位']);
  // every number of the matrix is the length of the list behind it
  for (const row of board.byUnit) {
    for (const level of ['white', 'blue', 'yellow', 'red', 'done'] as const) {
      assert.equal(sv.boardTasks({ kind: 'level', unitId: row.unitId, level }).length, row[level], `${row.unit} ${level}`);
    }
  }
  // a week later the picture moves: the clock is the only "today"
  const later = sv.board('2026-03-09');
  assert.deepEqual(later.byUnit.map((r) => [r.unit, r.white, r.blue, r.yellow, r.red]).slice(0, 2), [['刑侦支队', 1, 0, 1, 2], ['政治部', 0, 1, 1, 1]]);
});

test('CLI: tasks board --json prints the contract shape; --today sets the clock (in process)', async (t) => {
  const f = supervisionBackend(t);
  seed(f);
  f.backend.close();
  const run = await inProcessCli(['tasks', 'board', '--db', f.dbPath, '--today', '2026-03-02', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const out = onlyJson(run) as { byUnit: Record<string, unknown>[]; overdue: number; dueThisWeek: number };
  assert.deepEqual(out.byUnit[0], { unit: '刑侦支队', white: 1, blue: 1, yellow: 1, red: 1, done: 1, total: 5, completionRate: 0.2 });
  assert.equal(out.overdue, 2);
  assert.equal(out.dueThisWeek, 2);
  const later = onlyJson(await inProcessCli(['tasks', 'board', '--db', f.dbPath, '--today', '2026-03-09', '--json'])) as typeof out;
  assert.deepEqual(later.byUnit[0], { unit: '刑侦支队', white: 1, blue: 0, yellow: 1, red: 2, done: 1, total: 5, completionRate: 0.2 });
  const bad = await inProcessCli(['tasks', 'board', '--db', f.dbPath, '--today', '2026-02-30', '--json']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /--today 应为有效日期/);
  const missing = await inProcessCli(['tasks', 'board', '--db', path.join(f.dir, 'none.db'), '--json']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /不存在/);
});

test('CLI: npm run -s cli -- tasks board on a demo database (every level shows something)', (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'demo.db');
  const init = npmCli(['init', '--db', db, '--demo', '--json']);
  assert.equal(init.status, 0, init.stderr);
  // the demo spreads its deadlines around the day it is loaded: read the board on that same day
  const run = npmCli(['tasks', 'board', '--db', db, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const out = onlyJson(run) as { byUnit: { unit: string; white: number; blue: number; yellow: number; red: number; done: number }[]; overdue: number; dueThisWeek: number };
  for (const k of ['white', 'blue', 'yellow', 'red', 'done'] as const) assert.ok(out.byUnit.some((r) => r[k] > 0), `some unit has ${k}`);
  assert.ok(out.overdue > 0 && out.dueThisWeek > 0);
  for (const r of out.byUnit) assert.deepEqual(Object.keys(r).slice(0, 6), ['unit', 'white', 'blue', 'yellow', 'red', 'done']);
  const check = onlyJson(npmCli(['check', '--db', db, '--json'])) as { counts: { tasks: number } };
  assert.ok(check.counts.tasks > 0);
});
