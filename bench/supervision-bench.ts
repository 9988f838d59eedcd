// Supervision benchmark (issue 5): 50,000 tasks in a 4-level tree (10 roots × 10 × 20 × 25)
// over 36 units. Times the board (escalation of every task + the units × levels matrix, one
// grouped SQL scan), one cell's task list, a roll-up of a 5,000-task subtree, refreshLevels
// on a later day, and — for comparison — escalate() called once per task in JS.
// Target: board under 150 ms.
//   node --import tsx bench/supervision-bench.ts [--tasks 50000]
// Tasks are inserted straight into `tasks` (no per-task audit/log lines) so filling takes
// seconds; every figure is then read through the service, as the board screen asks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/clock';
import { escalate } from '../electron/backend/supervision/escalation';
import { addDays } from '../electron/backend/supervision/calendar';
import type { TaskStatus, QualityRating } from '../shared/domain/supervision';

const { values: args } = parseArgs({ options: { tasks: { type: 'string', default: '50000' } } });
const N = Number(args.tasks);
const TODAY = '2026-03-02';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-bench-'));
const backend = openBackend(path.join(dir, 'bench.db'), { actor: 'bench', clock: fixedClock(TODAY) });
const { db } = backend.ctx;

const time = <T>(label: string, fn: () => T, runs = 5): T => {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${ms[Math.floor(runs / 2)]!.toFixed(1).padStart(7)} ms   (best ${ms[0]!.toFixed(1)}, worst ${ms[runs - 1]!.toFixed(1)})`);
  return result;
};

let seed = 7;
const rand = (n: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};

const fill = () => {
  const units: number[] = [];
  const lead = backend.units.create({ name: '领导小组', parentId: null, kind: 'leading' }).id;
  units.push(lead);
  for (let i = 0; i < 35; i++) units.push(backend.units.create({ name: `部门${i + 1}`, parentId: lead, kind: 'department' }).id);
  const ins = db.prepare(
    `INSERT INTO tasks (parent_id, title, source, unit_id, due_date, progress, status, rating, created_at, updated_at)
     VALUES (?, ?, '上级部署', ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
  );
  const statuses: TaskStatus[] = ['未开始', '推进中', '推进中', '已办结', '已销号'];
  const ratings: QualityRating[] = ['优', '良', '合格', '不合格'];
  let count = 0;
  const add = (parent: number | null): number => {
    const status = statuses[rand(statuses.length)]!;
    const closed = status === '已办结' || status === '已销号';
    count++;
    return Number(ins.run(parent, `任务${count}`, units[rand(units.length)]!, addDays(TODAY, rand(60) - 30), closed ? 100 : rand(100), status, closed ? ratings[rand(ratings.length)]! : null).lastInsertRowid);
  };
  const fanout = [10, 10, 20, Math.ceil(N / 2000)];
  db.transaction(() => {
    const level = (parent: number | null, depth: number) => {
      for (let i = 0; i < fanout[depth]! && count < N; i++) {
        const id = add(parent);
        if (depth < 3) level(id, depth + 1);
      }
    };
    level(null, 0);
  })();
  return count;
};

const t0 = Date.now();
const n = fill();
console.log(`filled ${n} tasks (4 levels) over 36 units in ${Date.now() - t0} ms`);
db.pragma('optimize');

const sv = backend.supervision;
const board = time('tasks.board (escalation + units × levels, SQL)', () => sv.board());
console.log(`  → ${board.byUnit.length} units; overdue ${board.overdue}; due this week ${board.dueThisWeek}; levels ${JSON.stringify(board.byUnit.reduce((a, r) => ({ white: a.white + r.white, blue: a.blue + r.blue, yellow: a.yellow + r.yellow, red: a.red + r.red, done: a.done + r.done }), { white: 0, blue: 0, yellow: 0, red: 0, done: 0 }))}`);
const firstUnit = board.byUnit[1]!.unitId;
const cell = time('tasks.boardTasks (one red cell, with names)', () => sv.boardTasks({ kind: 'level', unitId: firstUnit, level: 'red' }));
console.log(`  → ${cell.length} tasks`);
const root = db.prepare('SELECT id FROM tasks WHERE parent_id IS NULL ORDER BY id LIMIT 1').pluck().get() as number;
const tree = time('tasks.tree (roll-up of one root: 5,000 tasks)', () => sv.tree(root), 3);
console.log(`  → progress ${tree.rollup.progress}%, worst ${tree.rollup.worstLevel}, late ${tree.rollup.late}, total ${tree.rollup.total}`);

const rows = db.prepare('SELECT due_date AS dueDate, status, rating, override_level AS overrideLevel FROM tasks').all() as Parameters<typeof escalate>[0][];
const rules = sv.rules.get();
time('escalate() in JS over every task (read + one pass)', () => {
  const all = db.prepare('SELECT due_date AS dueDate, status, rating, override_level AS overrideLevel FROM tasks').all() as Parameters<typeof escalate>[0][];
  const c = { white: 0, blue: 0, yellow: 0, red: 0 };
  for (const r of all) c[escalate(r, TODAY, rules)]++;
  return c;
});
time('escalate() alone over the rows already in memory', () => rows.reduce((k, r) => k + (escalate(r, TODAY, rules) === 'red' ? 1 : 0), 0));

db.prepare("UPDATE tasks SET last_level = 'white'").run();
const later = openBackend(path.join(dir, 'bench.db'), { actor: 'bench', clock: fixedClock('2026-03-12') });
const r = time('tasks.refreshLevels (first run logs every rise)', () => later.supervision.tasks.refreshLevels(), 1);
console.log(`  → ${r.risen.length} rises logged`);
time('tasks.refreshLevels (nothing changed)', () => later.supervision.tasks.refreshLevels(), 3);
later.close();
backend.close();
fs.rmSync(dir, { recursive: true, force: true });
const target = 150;
console.log(`target: board under ${target} ms`);
