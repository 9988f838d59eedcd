import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supervisionBackend, taskInput } from './helpers';
import { chineseNumber } from '../../../electron/backend/supervision/bulletin';

test('bulletin draft: 期号, date, the overdue and 不合格 tasks grouped by unit with levels, the units named; saved into the 通报 ledger', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision.tasks;
  const late = s.create(taskInput({ title: '窗口作风整顿', unitId: units.a, dueDate: '2026-02-20' }));
  const late2 = s.create(taskInput({ title: '执法规范化培训', unitId: units.a, dueDate: '2026-02-27' }));
  const failed = s.create(taskInput({ title: '应知应会测试', unitId: units.b, dueDate: '2026-02-25' }));
  s.close(failed.id, '不合格', '两名民警未通过', '已办结');
  s.create(taskInput({ title: '按时推进', unitId: units.c, dueDate: '2026-03-20' }));
  const okDone = s.create(taskInput({ title: '已完成', unitId: units.c, dueDate: '2026-02-01' }));
  s.close(okDone.id, '优', '完成', '已办结');

  const draft = await backend.handlers['tasks.bulletinDraft']({ from: null, to: null });
  assert.equal(draft.issue, '2026年第1期');
  assert.equal(draft.date, '2026-03-02');
  assert.deepEqual(draft.unitsNamed, ['刑侦支队', '政治部']);
  assert.deepEqual(
    draft.groups.map((g) => [g.unit, g.tasks.map((x) => [x.title, x.level, x.levelName, x.reason])]),
    [
      ['刑侦支队', [['窗口作风整顿', 'red', '红色查办', '逾期10天'], ['执法规范化培训', 'yellow', '黄色督办', '逾期3天']]],
      ['政治部', [['应知应会测试', 'red', '红色查办', '质量评定不合格']]],
    ],
  );
  assert.match(draft.content, /一、刑侦支队（2项）/);
  assert.match(draft.content, /请以上单位（部门）刑侦支队、政治部/);
  // a period narrows it by due date
  const feb20 = await backend.handlers['tasks.bulletinDraft']({ from: '2026-02-21', to: '2026-02-28' });
  assert.deepEqual(feb20.groups.flatMap((g) => g.tasks.map((x) => x.title)), ['执法规范化培训', '应知应会测试'], 'grouped by unit in tree order');

  // no 通报 category yet: saving creates it from its template, through the ledger service
  assert.equal(backend.ledger.categories.list().some((c) => c.templateKey === 'bulletins'), false);
  const saved = await backend.handlers['tasks.saveBulletin']({ issue: draft.issue, date: draft.date, title: draft.title, content: draft.content, unitsNamed: draft.unitsNamed, taskIds: [late.id, late2.id, failed.id] });
  const rows = backend.ledger.shownRows(saved.categoryId);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!['期号'], '2026年第1期');
  assert.equal(rows[0]!['涉及单位'], '刑侦支队、政治部');
  assert.ok(backend.audit.forRecord('ledger_record', saved.recordId).length > 0, 'audited like any record');
  assert.equal(s.log.forTask(late.id)[0]!.kind, 'bulletin');
  const next = await backend.handlers['tasks.bulletinDraft']({ from: null, to: null });
  assert.equal(next.issue, '2026年第2期', '期号 counts on from the ledger');
  const again = await backend.handlers['tasks.saveBulletin']({ issue: next.issue, date: next.date, title: '', content: next.content, unitsNamed: [], taskIds: [] });
  assert.equal(again.categoryId, saved.categoryId, 'the same category is reused');
});

test('coverage: who is missing from a study session or did not pass a test; follow-up tasks in one action', async (t) => {
  const { backend, units, people } = supervisionBackend(t);
  const study = backend.ledger.categories.create({ templateKey: 'study' });
  const session = backend.ledger.records.create(study.id, { date: '2026-02-26', topic: '习近平法治思想', unit: '政治部', attendees: '李娜、王伟' });
  const cov = await backend.handlers['tasks.coverage']({ recordId: session.id, unitIds: [units.a, units.b] });
  assert.equal(cov.expected, 3);
  assert.deepEqual(cov.missing.map((m) => [m.name, m.unit, m.reason]), [['赵强', '政治部', '未参加']]);

  const exams = backend.ledger.categories.create({ templateKey: 'exams' });
  const r1 = backend.ledger.records.create(exams.id, { person: people.wang, exam: '应知应会测试', score: 92, passed: true });
  backend.ledger.records.create(exams.id, { person: people.li, exam: '应知应会测试', score: 50, passed: false });
  const ex = await backend.handlers['tasks.coverage']({ recordId: r1.id, unitIds: [units.a, units.b] });
  assert.deepEqual(ex.missing.map((m) => [m.name, m.reason]), [['李娜', '未合格'], ['赵强', '未参加考试']]);
  const tasks = await backend.handlers['tasks.coverageFollowUp']({ recordId: r1.id, unitIds: [units.a, units.b], dueDate: '2026-03-10' });
  assert.deepEqual(tasks.map((x) => [x.title, x.unitName]), [['补考：应知应会测试（政治部2人）', '政治部']]);
  assert.match(tasks[0]!.content!, /李娜（未合格）、赵强（未参加考试）/);
  const wrong = backend.ledger.categories.create({ templateKey: 'opinions' });
  const op = backend.ledger.records.create(wrong.id, { content: 'x' });
  await assert.rejects(async () => backend.handlers['tasks.coverage']({ recordId: op.id, unitIds: [units.a] }), /无法检查覆盖情况/);
});

test('bulletin sections are numbered in Chinese past ten (十一、 not 11、)', () => {
  assert.deepEqual([1, 9, 10, 11, 19, 20, 21, 99, 100].map(chineseNumber), ['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '100']);
});
