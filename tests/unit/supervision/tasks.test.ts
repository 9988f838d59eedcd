import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { fixedClock } from '../../../electron/backend/clock';
import { openBackend } from '../../../electron/backend/backend';
import { supervisionBackend, taskInput } from './helpers';

const refusedWith = (re: RegExp) => (e: unknown) => e instanceof ApiError && re.test(e.message);

test('decompose to any depth; the parent rolls up progress, the worst colour and the late count', (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision;
  const root = s.tasks.create(taskInput({ title: '征求意见整改', unitId: units.lead, dueDate: '2026-03-31', source: '会议决定' }));
  const [a, b] = s.tasks.decompose(root.id, [{ unitId: units.a, responsibleId: null, dueDate: '2026-02-20' }, { unitId: units.b, responsibleId: null }]);
  assert.equal(a!.title, '征求意见整改（刑侦支队）');
  assert.equal(b!.dueDate, '2026-03-31', 'inherits the parent deadline');
  assert.equal(b!.source, '会议决定');
  const [b1, b2] = s.tasks.decompose(b!.id, [{ title: '制定方案', unitId: units.b, responsibleId: null, dueDate: '2026-03-04' }, { title: '组织实施', unitId: units.b, responsibleId: null }]);
  const [deep] = s.tasks.decompose(b2!.id, [{ title: '第一阶段', unitId: units.c, responsibleId: null, dueDate: '2026-02-27' }]);
  assert.throws(() => s.tasks.decompose(b!.id, [{ unitId: units.c, responsibleId: null, dueDate: '2026-04-30' }]), refusedWith(/不能晚于上级任务/));

  s.tasks.update(b1!.id, { progress: 60, status: '推进中' });
  s.tasks.close(deep!.id, '良', '方案已印发', '已办结');
  const tree = s.tree(root.id);
  // leaves: a (0, 10 days overdue → 红), b1 (60, due in 2 days → 蓝), deep (done → 100)
  assert.equal(tree.rollup.progress, Math.round((0 + 60 + 100) / 3));
  assert.equal(tree.rollup.worstLevel, 'red');
  assert.equal(tree.rollup.late, 1);
  assert.equal(tree.rollup.total, 6);
  assert.equal(tree.rollup.done, 1);
  const bNode = tree.children.find((c) => c.task.id === b!.id)!;
  assert.equal(bNode.rollup.worstLevel, 'blue');
  assert.equal(bNode.rollup.progress, 80);
  assert.equal(bNode.children.find((c) => c.task.id === b2!.id)!.rollup.progress, 100);

  const detail = s.detail(deep!.id);
  assert.deepEqual(detail.path.map((p) => p.title), ['征求意见整改', '征求意见整改（政治部）', '组织实施']);
  assert.throws(() => s.tasks.close(b!.id, '优', '完成', '已办结'), refusedWith(/还有 2 项子任务未办结/));
  assert.throws(() => s.tasks.delete(b!.id), refusedWith(/下还有 2 项子任务/));
  assert.throws(() => backend.units.delete(units.c), refusedWith(/仍被.*引用/), 'a unit a task points at cannot be deleted');
});

test('override needs a reason, wins over the rules until cleared; urge, note, reply are logged with time and person', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision;
  const h = backend.handlers;
  const task = s.tasks.create(taskInput({ title: '专项整治', unitId: units.a, dueDate: '2026-02-01' }));
  assert.equal(task.level, 'red');
  const { contract } = await import('../../../shared/contract');
  const noReason = contract['tasks.override'].input.safeParse({ id: task.id, level: 'yellow', reason: '  ' });
  assert.equal(noReason.success, false);
  assert.match(noReason.error!.issues[0]!.message, /请填写理由/);
  assert.throws(() => s.tasks.override(task.id, 'yellow', ''), refusedWith(/必须填写理由/));

  const o = await h['tasks.override']({ id: task.id, level: 'yellow', reason: '经领导批准延期至3月10日' });
  assert.equal(o.level, 'yellow');
  assert.equal(o.overrideReason, '经领导批准延期至3月10日');
  await h['tasks.urge']({ id: task.id, text: '请于本周内报送进展' });
  await h['tasks.note']({ id: task.id, text: '分管领导督办：抓紧推进' });
  await h['tasks.reply']({ id: task.id, text: '已完成初稿，正在审核' });
  const cleared = await h['tasks.clearOverride']({ id: task.id, reason: '延期已到' });
  assert.equal(cleared.level, 'red');
  const log = await h['tasks.log']({ id: task.id });
  assert.deepEqual(log.map((l) => l.kind).reverse(), ['create', 'override', 'urge', 'note', 'reply', 'clearOverride']);
  const ov = log.find((l) => l.kind === 'override')!;
  assert.deepEqual([ov.fromLevel, ov.level, ov.text, ov.actor], ['red', 'yellow', '经领导批准延期至3月10日', '测试员']);
  assert.match(ov.at, /^2026-03-02T\d\d:00:00\.000\+00:00$/);
  assert.equal(log.find((l) => l.kind === 'urge')!.level, 'yellow', 'an urge records the level in force when it was made');
  assert.throws(() => backend.ctx.db.prepare('DELETE FROM task_log').run(), /督办留痕不可删除/);
  assert.ok(backend.audit.forRecord('task', task.id).some((a) => a.field === '督办等级（人工）'));
});

test('levels rise with the calendar: refreshLevels logs each rise once and lists what falls due tomorrow', (t) => {
  const { backend, dbPath, units } = supervisionBackend(t);
  const s = backend.supervision;
  const x = s.tasks.create(taskInput({ title: '甲', unitId: units.a, dueDate: '2026-03-06' })); // white today
  const y = s.tasks.create(taskInput({ title: '乙', unitId: units.b, dueDate: '2026-03-03' })); // blue, due tomorrow
  assert.deepEqual(s.tasks.refreshLevels(), { risen: [], dueTomorrow: [y.id] });
  backend.close();

  const later = openBackend(dbPath, { clock: fixedClock('2026-03-12'), actor: '测试员' });
  t.after(() => later.close());
  const r = later.supervision.tasks.refreshLevels();
  assert.deepEqual(r.risen.map((x) => [x.taskId, x.from, x.to]), [[x.id, 'white', 'yellow'], [y.id, 'blue', 'red']]);
  assert.deepEqual(later.supervision.tasks.refreshLevels().risen, [], 'a rise is logged once');
  const rise = later.supervision.tasks.log.forTask(y.id).find((l) => l.kind === 'rise')!;
  assert.equal(rise.text, '蓝色催办 → 红色查办');
});

test('an opinion in 征求意见台账 becomes a rectification task in one action', async (t) => {
  const { backend, units } = supervisionBackend(t);
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const rec = backend.ledger.records.create(cat.id, { content: '窗口服务态度有待改进，办事等候时间长', unit: '政治部', measure: '开展窗口作风专项整顿', deadline: '2026-03-20' });
  const task = await backend.handlers['tasks.fromLedgerRecord']({ recordId: rec.id, parentId: null });
  assert.equal(task.title, '整改：窗口服务态度有待改进，办事等候时间长');
  assert.equal(task.source, '征求意见');
  assert.equal(task.unitId, units.b);
  assert.equal(task.dueDate, '2026-03-20');
  assert.equal(task.ledgerRecordId, rec.id);
  assert.match(task.content!, /整改措施：开展窗口作风专项整顿/);
  await assert.rejects(async () => backend.handlers['tasks.fromLedgerRecord']({ recordId: rec.id, parentId: null }), refusedWith(/已转为督办任务/));
  // asked for explicitly, a second task from the same record; the record's tasks are listed by it
  const again = await backend.handlers['tasks.fromLedgerRecord']({ recordId: rec.id, parentId: task.id, again: true });
  assert.equal(again.ledgerRecordId, rec.id);
  assert.deepEqual((await backend.handlers['tasks.list']({ ledgerRecordId: rec.id, limit: 10 })).map((x) => x.id).sort(), [task.id, again.id].sort());
  // emptying the ledger's recycle bin is not blocked by the task; the link is cleared
  backend.ledger.records.delete([rec.id]);
  backend.ledger.records.emptyBin(cat.id);
  assert.equal(backend.supervision.tasks.get(task.id).ledgerRecordId, null);
  assert.equal(backend.supervision.tasks.get(again.id).ledgerRecordId, null);
});

test('create and update validate references and dates; every change is audited', (t) => {
  const { backend, units, people } = supervisionBackend(t);
  const s = backend.supervision.tasks;
  assert.throws(() => s.create(taskInput({ title: 'x', unitId: 9999 })), refusedWith(/单位不存在/));
  assert.throws(() => s.create(taskInput({ title: 'x', responsibleId: 9999 })), refusedWith(/责任人不存在/));
  assert.throws(() => s.create(taskInput({ title: 'x', startDate: '2026-03-10', dueDate: '2026-03-01' })), refusedWith(/不能早于开始日期/));
  const task = s.create(taskInput({ title: '学习', unitId: units.a, leadLeaderId: people.leader, responsibleId: people.wang, helperUnitIds: [units.b, units.c] }));
  assert.deepEqual([task.leadLeaderName, task.responsibleName, task.unitName], ['张局长', '王伟', '刑侦支队']);
  assert.deepEqual(task.helperUnitIds.sort(), [units.b, units.c].sort());
  const u = s.update(task.id, { progress: 40, status: '推进中', helperUnitIds: [units.b] });
  assert.deepEqual(u.helperUnitIds, [units.b]);
  const audit = backend.audit.forRecord('task', task.id);
  assert.ok(audit.some((a) => a.field === '进度' && a.oldValue === '0' && a.newValue === '40'));
  assert.ok(audit.some((a) => a.field === '协办单位'));
  const done = s.update(task.id, { status: '已办结' });
  assert.equal(done.progress, 100);
  assert.ok(done.closedAt);
});

test('a record of an archived ledger is not turned into a task', async (t) => {
  const { backend } = supervisionBackend(t);
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const rec = backend.ledger.records.create(cat.id, { content: '会议过多过长', unit: '政治部' });
  await backend.handlers['ledger.archiveCategory']({ id: cat.id, archived: true });
  await assert.rejects(async () => backend.handlers['tasks.fromLedgerRecord']({ recordId: rec.id, parentId: null }), refusedWith(/已归档，不能再转为督办任务/));
  assert.equal((await backend.handlers['tasks.list']({ ledgerRecordId: rec.id, limit: 10 })).length, 0);
});

test('a deleted task comes back with 撤销: same id, fields, 协办单位, log and history; refused while its unit is gone', (t) => {
  const { backend, units, people } = supervisionBackend(t);
  const s = backend.supervision;
  const parent = s.tasks.create(taskInput({ title: '整改总任务', unitId: units.lead }));
  const task = s.tasks.create(
    taskInput({ title: '窗口服务整改', parentId: parent.id, unitId: units.a, responsibleId: people.wang, helperUnitIds: [units.b, units.c], dueDate: '2026-03-20', content: '限期整改' }),
  );
  s.tasks.update(task.id, { progress: 40, status: '推进中' });
  s.tasks.act(task.id, 'urge', '请本周内报送进展');
  const before = s.detail(task.id);

  s.tasks.delete(task.id);
  assert.throws(() => s.detail(task.id), refusedWith(/不存在/));
  assert.equal(s.tree(parent.id).children.length, 0);

  const back = s.tasks.undoDelete(task.id);
  assert.equal(back.id, task.id);
  const after = s.detail(task.id);
  assert.deepEqual(
    { ...after.task, level: undefined },
    { ...before.task, level: undefined },
    'every field as it was (the colour is computed again)',
  );
  assert.deepEqual(after.task.helperUnitIds.sort(), [units.b, units.c].sort());
  assert.ok(s.tasks.log.forTask(task.id).some((l) => l.text === '请本周内报送进展'), 'its 催办 log is its own again');
  assert.equal(s.tree(parent.id).children.length, 1, 'back under its parent');
  const history = backend.audit.forRecord('task', task.id).map((l) => l.action);
  assert.deepEqual(history.slice(0, 2), ['restore', 'delete'], 'the deletion and the restore are both in its history');
  assert.throws(() => s.tasks.undoDelete(task.id), refusedWith(/没有被删除/));

  // a task whose 责任单位 went away in between cannot come back, and says why
  const lone = s.tasks.create(taskInput({ title: '交警专项', unitId: units.c }));
  s.tasks.delete(lone.id);
  s.tasks.update(task.id, { helperUnitIds: [units.b] });
  backend.units.delete(units.c);
  assert.throws(() => s.tasks.undoDelete(lone.id), refusedWith(/关联的单位、人员或周期任务已被删除/));
  assert.throws(() => s.tasks.undoDelete(99999), refusedWith(/找不到这项任务的删除记录/));
});

test('a new task never takes the id of a deleted one (its log and history would become the new task\'s), so a deletion can still be undone', (t) => {
  const { backend, units } = supervisionBackend(t);
  const s = backend.supervision;
  const a = s.tasks.create(taskInput({ title: '甲', unitId: units.a }));
  s.tasks.act(a.id, 'urge', '甲的催办');
  s.tasks.delete(a.id);
  const b = s.tasks.create(taskInput({ title: '乙', unitId: units.a }));
  assert.notEqual(b.id, a.id);
  assert.equal(s.tasks.log.forTask(b.id).some((l) => l.text === '甲的催办'), false, 'nothing of 甲 shows on 乙');
  assert.equal(s.tasks.undoDelete(a.id).title, '甲');
});
