import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { supervisionBackend, taskInput } from './helpers';

const refusedWith = (re: RegExp) => (e: unknown) => e instanceof ApiError && re.test(e.message);

test('closing a task made from an opinion marks the opinion 已办结 with the feedback, audited, in one transaction', async (t) => {
  const { backend } = supervisionBackend(t);
  const h = backend.handlers;
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const rec = backend.ledger.records.create(cat.id, { content: '窗口服务态度有待改进', unit: '政治部', deadline: '2026-03-20', status: '办理中' });
  const task = await h['tasks.fromLedgerRecord']({ recordId: rec.id, parentId: null });

  await h['tasks.close']({ id: task.id, rating: '良', evidence: '已开展窗口作风专项整顿，群众满意', status: '已办结' });
  const after = backend.ledger.records.get(rec.id);
  assert.equal(after.values.status, '已办结');
  assert.equal(after.values.feedback, '已开展窗口作风专项整顿，群众满意');
  const audit = backend.audit.forRecord('ledger_record', rec.id).map((a) => a.field);
  assert.ok(audit.includes('status') || audit.includes('办理状态'), `the record's change is audited: ${audit.join(',')}`);
  assert.match(backend.supervision.tasks.log.forTask(task.id)[0]!.text ?? '', /同步台账“征求意见台账”.*办理状态：已办结/);

  // feedback the office already wrote is not overwritten
  const rec2 = backend.ledger.records.create(cat.id, { content: '执法不规范', feedback: '已当面答复' });
  const task2 = await h['tasks.fromLedgerRecord']({ recordId: rec2.id, parentId: null });
  await h['tasks.close']({ id: task2.id, rating: '优', evidence: '整改完毕', status: '已销号' });
  assert.deepEqual([backend.ledger.records.get(rec2.id).values.status, backend.ledger.records.get(rec2.id).values.feedback], ['已办结', '已当面答复']);

  // a record the ledger refuses to change rolls the close back too: nothing half-done
  const rec3 = backend.ledger.records.create(cat.id, { content: '宣传不到位' });
  const task3 = await h['tasks.fromLedgerRecord']({ recordId: rec3.id, parentId: null });
  backend.ctx.db.exec("CREATE TEMP TRIGGER refuse_close BEFORE UPDATE ON ledger_records WHEN NEW.id = " + rec3.id + " BEGIN SELECT RAISE(ABORT, '磁盘已满'); END;");
  await assert.rejects(async () => h['tasks.close']({ id: task3.id, rating: '良', evidence: '完成', status: '已办结' }));
  assert.equal(backend.supervision.tasks.get(task3.id).status, '未开始', 'the task is not closed when its record cannot be');
});

test('tasks.update moves a task under another parent; a cycle, a closed parent or a later deadline is refused in Chinese', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const h = backend.handlers;
  const s = backend.supervision.tasks;
  const root = s.create(taskInput({ title: '专项整治', unitId: units.lead, dueDate: '2026-03-31' }));
  const [a] = s.decompose(root.id, [{ unitId: units.a, responsibleId: null }]);
  const [a1] = s.decompose(a!.id, [{ title: '制定方案', unitId: units.a, responsibleId: null }]);
  const other = s.create(taskInput({ title: '学习教育', unitId: units.b, dueDate: '2026-04-30' }));

  const moved = await h['tasks.update']({ id: a!.id, patch: { parentId: other.id } });
  assert.equal(moved.parentId, other.id);
  assert.equal(s.get(root.id).childCount, 0);
  assert.deepEqual(backend.supervision.detail(a1!.id).path.map((p) => p.title), ['学习教育', '专项整治（刑侦支队）'], 'the subtree moves with it');
  assert.ok(backend.audit.forRecord('task', a!.id).some((e) => e.field === '上级任务'), 'the move is audited');

  await assert.rejects(async () => h['tasks.update']({ id: other.id, patch: { parentId: a1!.id } }), refusedWith(/不能把“学习教育”移到它自己的下级任务“制定方案”之下/));
  await assert.rejects(async () => h['tasks.update']({ id: other.id, patch: { parentId: other.id } }), refusedWith(/不能把任务设为它自己的上级任务/));
  await assert.rejects(async () => h['tasks.update']({ id: other.id, patch: { parentId: root.id } }), refusedWith(/不能晚于上级任务（2026-03-31）/));
  const done = s.create(taskInput({ title: '已完成的任务' }));
  s.close(done.id, '优', '完成', '已办结');
  await assert.rejects(async () => h['tasks.update']({ id: a1!.id, patch: { parentId: done.id } }), refusedWith(/已办结，不能再添加子任务/));
  assert.equal(s.get(other.id).parentId, null, 'a refused move changes nothing');

  const top = await h['tasks.update']({ id: a!.id, patch: { parentId: null } });
  assert.equal(top.parentId, null, 'null moves it to the top level');
});

test('the bell lists the rises logged lately and the open tasks due tomorrow', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision.tasks;
  // created as 蓝 (due in 2 days) with last_level blue; pretend it was last seen white so it rises
  const late = s.create(taskInput({ title: '窗口作风整顿', unitId: units.a, dueDate: '2026-03-01' }));
  const soon = s.create(taskInput({ title: '支部学习', unitId: units.b, dueDate: '2026-03-03' }));
  const done = s.create(taskInput({ title: '已完成', unitId: units.b, dueDate: '2026-03-03' }));
  s.close(done.id, '优', '完成', '已办结');
  backend.ctx.db.prepare("UPDATE tasks SET last_level = 'white' WHERE id = ?").run(late.id);
  s.refreshLevels();
  const r = await backend.handlers['tasks.reminders']({ days: 2 });
  assert.deepEqual(r.risen.map((x) => [x.title, x.unit, x.fromLevel, x.toLevel]), [['窗口作风整顿', '刑侦支队', 'white', 'yellow']]);
  assert.deepEqual(r.dueTomorrow.map((x) => x.id), [soon.id], 'a closed task due tomorrow is not a reminder');
});
