import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalate, isDone } from '../../../electron/backend/supervision/escalation';
import { DEFAULT_RULES, type EscalationRules, type LevelKey, type TaskFacts } from '../../../shared/domain/supervision';
import { supervisionBackend, taskInput, TODAY } from './helpers';

const open = (dueDate: string | null): TaskFacts => ({ dueDate, status: '推进中', rating: null, overrideLevel: null });

/**
 * Every threshold edge of the default rules (蓝 within 3 days, 黄 overdue, 红 overdue > 7
 * days), the day before, of and after each, on today = 2026-03-02.
 */
const TABLE: [string, TaskFacts, LevelKey][] = [
  ['no due date', open(null), 'white'],
  ['due in 5 days', open('2026-03-07'), 'white'],
  ['due in 4 days (day before 蓝)', open('2026-03-06'), 'white'],
  ['due in 3 days (蓝 begins)', open('2026-03-05'), 'blue'],
  ['due in 2 days', open('2026-03-04'), 'blue'],
  ['due tomorrow', open('2026-03-03'), 'blue'],
  ['due today (not yet overdue)', open('2026-03-02'), 'blue'],
  ['1 day overdue (黄 begins)', open('2026-03-01'), 'yellow'],
  ['6 days overdue', open('2026-02-24'), 'yellow'],
  ['7 days overdue (last day of 黄)', open('2026-02-23'), 'yellow'],
  ['8 days overdue (红 begins)', open('2026-02-22'), 'red'],
  ['9 days overdue', open('2026-02-21'), 'red'],
  ['未开始 counts as not done', { ...open('2026-03-01'), status: '未开始' }, 'yellow'],
  ['已办结 late: no escalation', { ...open('2026-02-01'), status: '已办结', rating: '合格' }, 'white'],
  ['已销号 late: no escalation', { ...open('2026-02-01'), status: '已销号', rating: '良' }, 'white'],
  ['rated 不合格 (not due yet)', { ...open('2026-04-01'), status: '已办结', rating: '不合格' }, 'red'],
  ['override down with a reason', { ...open('2026-02-01'), overrideLevel: 'blue' }, 'blue'],
  ['override up', { ...open('2026-05-01'), overrideLevel: 'red' }, 'red'],
];

test('escalate: the threshold table (day before / of / after each edge)', () => {
  for (const [name, facts, level] of TABLE) assert.equal(escalate(facts, TODAY, DEFAULT_RULES), level, name);
});

test('escalate: counts calendar days across a month end and a leap day', () => {
  // February 2026 has 28 days: 02-26 → 03-01 is 3 days
  assert.equal(escalate(open('2026-03-01'), '2026-02-25', DEFAULT_RULES), 'white');
  assert.equal(escalate(open('2026-03-01'), '2026-02-26', DEFAULT_RULES), 'blue');
  // 2028 is a leap year: due 02-21, on 02-29 it is 8 days overdue (红), on 02-28 only 7 (黄)
  assert.equal(escalate(open('2028-02-21'), '2028-02-28', DEFAULT_RULES), 'yellow');
  assert.equal(escalate(open('2028-02-21'), '2028-02-29', DEFAULT_RULES), 'red');
  assert.equal(escalate(open('2025-12-31'), '2026-01-08', DEFAULT_RULES), 'red');
  assert.equal(escalate(open('2025-12-31'), '2026-01-07', DEFAULT_RULES), 'yellow');
});

test('escalate: thresholds come from the rules, not the code', () => {
  const strict: EscalationRules = { ...DEFAULT_RULES, dueSoonDays: 0, redOverdueDays: 2, redRatings: ['不合格', '合格'] };
  assert.equal(escalate(open('2026-03-03'), TODAY, strict), 'white', 'due tomorrow is white when 蓝 is only the due day');
  assert.equal(escalate(open('2026-03-02'), TODAY, strict), 'blue');
  assert.equal(escalate(open('2026-02-28'), TODAY, strict), 'yellow', '2 days overdue');
  assert.equal(escalate(open('2026-02-27'), TODAY, strict), 'red', '3 days overdue');
  assert.equal(escalate({ ...open(null), status: '已办结', rating: '合格' }, TODAY, strict), 'red');
  assert.equal(isDone({ status: '已办结', rating: '合格' }, strict), false);
  assert.equal(isDone({ status: '已办结', rating: '合格' }, DEFAULT_RULES), true);
});

test('the SQL form of the rules (board, lists) agrees with escalate() on every row of the table', (t) => {
  const { backend } = supervisionBackend(t);
  const db = backend.ctx.db;
  const ids = TABLE.map(([name, f]) => {
    const id = backend.supervision.tasks.create(taskInput({ title: name, dueDate: f.dueDate })).id;
    db.prepare('UPDATE tasks SET status = ?, rating = ?, override_level = ?, override_reason = ? WHERE id = ?').run(f.status, f.rating, f.overrideLevel, f.overrideLevel ? '测试' : null, id);
    return id;
  });
  for (const rules of [DEFAULT_RULES, { ...DEFAULT_RULES, dueSoonDays: 0, redOverdueDays: 2, redRatings: ['不合格', '合格'] } as EscalationRules]) {
    backend.supervision.rules.set(rules);
    TABLE.forEach(([name, f], i) => assert.equal(backend.supervision.tasks.get(ids[i]!).level, escalate(f, TODAY, rules), name));
  }
});

test('rules are settings: names and colours change without code; bad rules are refused at the boundary', async (t) => {
  const { backend } = supervisionBackend(t);
  const h = backend.handlers;
  const rules = await h['tasks.rules']({});
  assert.equal(rules.levels.red.action, '查办');
  const renamed = { ...rules, levels: { ...rules.levels, blue: { name: '蓝牌', action: '提醒', color: '#1d4ed8' } }, dueSoonDays: 5 };
  await h['tasks.setRules'](renamed);
  assert.equal(backend.supervision.rules.get().levels.blue.name, '蓝牌');
  assert.equal(backend.supervision.board().levels.blue.action, '提醒');
  const { contract } = await import('../../../shared/contract');
  const bad = contract['tasks.setRules'].input.safeParse({ ...rules, dueSoonDays: -1 });
  assert.equal(bad.success, false);
  assert.match(bad.error!.issues[0]!.message, /天数不能为负/);
});
