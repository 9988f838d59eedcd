import assert from 'node:assert/strict';
import { test } from 'node:test';
import { occurrenceDates } from '../../../electron/backend/supervision/recurrence';
import { supervisionBackend, taskInput } from './helpers';

test('recurrence: 每周两次 (Tue/Thu) across a month end, 每半月 ends on the 15th and the last day, monthly clamps to short months', () => {
  const weekly = { rule: 'weekly' as const, weekdays: [2, 4], monthDay: null, startDate: '2026-01-01', endDate: null };
  assert.deepEqual(occurrenceDates(weekly, '2026-01-26', '2026-02-08'), ['2026-01-27', '2026-01-29', '2026-02-03', '2026-02-05']);
  const half = { rule: 'semimonthly' as const, weekdays: [], monthDay: null, startDate: '2026-01-10', endDate: '2026-04-20' };
  assert.deepEqual(occurrenceDates(half, '2026-01-01', '2026-12-31'), ['2026-01-15', '2026-01-31', '2026-02-15', '2026-02-28', '2026-03-15', '2026-03-31', '2026-04-15']);
  assert.deepEqual(occurrenceDates(half, '2028-02-01', '2028-02-29').length, 0, 'after the end date nothing');
  const leap = { ...half, startDate: '2028-02-01', endDate: null };
  assert.deepEqual(occurrenceDates(leap, '2028-02-01', '2028-03-01'), ['2028-02-15', '2028-02-29']);
  const monthly = { rule: 'monthly' as const, weekdays: [], monthDay: 31, startDate: '2026-01-01', endDate: null };
  assert.deepEqual(occurrenceDates(monthly, '2026-01-01', '2026-05-31'), ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
  assert.deepEqual(occurrenceDates({ ...monthly, startDate: '2025-12-31' }, '2025-12-01', '2026-01-31'), ['2025-12-31', '2026-01-31'], 'across a year end');
});

test('recurring tasks generate ordinary tasks, idempotently, under their parent', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision;
  const parent = s.tasks.create(taskInput({ title: '学习教育周计划', unitId: units.lead, dueDate: '2026-04-30' }));
  const r = await backend.handlers['tasks.createRecurrence']({
    title: '集中学习', content: null, source: '上级部署', rule: 'weekly', weekdays: [4, 2, 2], monthDay: null, startDate: '2026-02-23', endDate: '2026-03-15',
    unitId: units.a, responsibleId: null, parentId: parent.id, horizon: '周清单',
  });
  assert.deepEqual(r.weekdays, [2, 4]);
  assert.deepEqual(s.recurrences.generate('2026-03-10'), { created: 5 });
  assert.deepEqual(s.recurrences.generate('2026-03-31'), { created: 1 }, 'only what is new; the end date stops it');
  assert.deepEqual(s.recurrences.generate('2026-03-31'), { created: 0 });
  const kids = s.tasks.list({ parentId: parent.id, limit: 100 });
  assert.deepEqual(kids.map((k) => k.dueDate), ['2026-02-24', '2026-02-26', '2026-03-03', '2026-03-05', '2026-03-10', '2026-03-12']);
  assert.equal(kids[0]!.title, '集中学习（2月24日）');
  assert.deepEqual(kids.slice(0, 3).map((k) => k.level), ['yellow', 'yellow', 'blue']);
  await assert.rejects(async () => backend.handlers['tasks.createRecurrence']({ title: 'x', content: null, source: '自定', rule: 'monthly', weekdays: [], monthDay: null, startDate: '2026-03-01', endDate: null, unitId: null, responsibleId: null, parentId: null, horizon: null }), /请选择日期/);
});

test('plans: this month / week / today by unit, with the unfinished carried over', (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision.tasks;
  s.create(taskInput({ title: '上月未完', unitId: units.a, dueDate: '2026-02-10', horizon: '月计划' }));
  const doneLast = s.create(taskInput({ title: '上月已完', unitId: units.a, dueDate: '2026-02-11' }));
  s.close(doneLast.id, '良', '完成', '已办结');
  s.create(taskInput({ title: '今天', unitId: units.b, dueDate: '2026-03-02', horizon: '日安排' }));
  s.create(taskInput({ title: '本周日', unitId: units.b, dueDate: '2026-03-08', horizon: '周清单' }));
  s.create(taskInput({ title: '月底', unitId: units.a, dueDate: '2026-03-31', horizon: '月计划' }));
  s.create(taskInput({ title: '下月', unitId: units.a, dueDate: '2026-04-01' }));
  const month = backend.handlers['tasks.plan']({ period: 'month' }) as Awaited<ReturnType<(typeof backend.handlers)['tasks.plan']>>;
  assert.deepEqual([month.from, month.to], ['2026-03-01', '2026-03-31']);
  assert.deepEqual(month.byUnit.map((g) => [g.unit, g.items.map((i) => `${i.task.title}${i.carriedOver ? '（结转）' : ''}`)]), [
    ['刑侦支队', ['上月未完（结转）', '月底']],
    ['政治部', ['今天', '本周日']],
  ]);
  const week = backend.supervision.handlers()['tasks.plan']({ period: 'week' }) as typeof month;
  assert.deepEqual(week.byUnit.flatMap((g) => g.items.map((i) => i.task.title)), ['上月未完', '今天', '本周日']);
  const day = backend.supervision.handlers()['tasks.plan']({ period: 'day', horizon: '日安排' }) as typeof month;
  assert.deepEqual(day.byUnit.flatMap((g) => g.items.map((i) => i.task.title)), ['今天']);
});

test('plans: any period opened by a date inside it, named as printed (ISO week numbers across a year end)', (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision.tasks;
  s.create(taskInput({ title: '二月任务', unitId: units.a, dueDate: '2026-02-20' }));
  s.create(taskInput({ title: '跨年周', unitId: units.b, dueDate: '2026-12-31' }));
  const plan = backend.supervision.handlers()['tasks.plan'];
  const feb = plan({ period: 'month', date: '2026-02-05' }) as ReturnType<typeof backend.supervision.plan>;
  assert.deepEqual([feb.from, feb.to, feb.heading, feb.span], ['2026-02-01', '2026-02-28', '2026年2月工作计划', '2月1日至2月28日']);
  assert.deepEqual(feb.byUnit.flatMap((g) => g.items.map((i) => i.task.title)), ['二月任务']);
  const now = plan({ period: 'week' }) as typeof feb;
  assert.deepEqual([now.from, now.heading, now.span], ['2026-03-02', '2026年第10周工作清单', '3月2日至3月8日'], 'today’s week by default');
  const yearEnd = plan({ period: 'week', date: '2026-12-31' }) as typeof feb;
  assert.deepEqual([yearEnd.from, yearEnd.to, yearEnd.heading], ['2026-12-28', '2027-01-03', '2026年第53周工作清单']);
  const nextYear = plan({ period: 'week', date: '2027-01-04' }) as typeof feb;
  assert.equal(nextYear.heading, '2027年第1周工作清单');
  const day = plan({ period: 'day', date: '2026-12-31' }) as typeof feb;
  assert.deepEqual(
    [day.heading, day.byUnit.flatMap((g) => g.items.map((i) => `${i.task.title}${i.carriedOver ? '（结转）' : ''}`))],
    ['2026年12月31日工作安排', ['二月任务（结转）', '跨年周']],
    'what is still open from before is carried into any later period',
  );
});
