import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fixedClock } from '../../../electron/backend/clock';
import { inProcessCli, onlyJson } from '../../helpers/cli';
import { openTestBackend, tempDir } from '../../helpers/temp-db';
import { dumpWithOpenpyxl, fillWithOpenpyxl } from './helpers';

const ROW = { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 办理状态: '办理中' };

test('催报: one 催办 task per late unit with its trail; a second 催报 adds to the trail; the task is done when the unit returns', async (t) => {
  const { backend, dbPath } = openTestBackend(t, { clock: fixedClock('2026-03-12T01:00:00Z') });
  const work = tempDir(t);
  const branch = backend.units.create({ name: '第一支部', parentId: null, kind: 'department' });
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const made = await backend.collect.create({ categoryId: cat.id, period: '2026-03', dueDate: '2026-03-10', instructions: '', unitIds: [branch.id], unitNames: ['第二支部'] });
  const id = made.collection.id;
  assert.deepEqual(backend.collect.detail(id).unitStatuses.map((s) => s.state), ['late', 'late']);

  const first = await backend.handlers['collect.urge']({ collectionId: id, dueDate: '2026-03-13' });
  assert.equal(first.created.length, 2);
  const task = first.created[0]!;
  assert.equal(task.title, '催报：征求意见台账（2026-03）— 第一支部');
  assert.equal(task.unitId, branch.id, 'the unit of the organisation is the responsible unit');
  assert.equal(task.level, 'blue', 'due within the 催办 days: 蓝色 催办');
  assert.equal(first.created[1]!.unitId, null, 'a unit outside the tree is named in the title');
  const again = await backend.handlers['collect.urge']({ collectionId: id, dueDate: '2026-03-13' });
  assert.deepEqual([again.created.length, again.urged.length], [0, 2], 'no second task: another line in the trail');
  const trail = backend.supervision.tasks.log.forTask(task.id).filter((l) => l.kind === 'urge');
  assert.equal(trail.length, 2);
  assert.match(trail[0]!.text!, /催报：请于 2026-03-13 前报送“征求意见台账（2026-03）”/);
  assert.ok((await backend.handlers['collect.board']({})).some((b) => b.id === id && b.late === 2 && b.submitted === 0), 'the board shows the collection');

  const file = fillWithOpenpyxl(made.files[0]!.file, path.join(work, 'a.xlsx'), [ROW]);
  const received = onlyJson(await inProcessCli(['collect', 'receive', file, '--db', dbPath, '--json'])) as { accepted: unknown[] };
  assert.equal(received.accepted.length, 1);
  const done = backend.supervision.tasks.get(task.id);
  assert.equal(done.status, '已办结');
  assert.ok(backend.supervision.tasks.log.forTask(task.id).some((l) => l.kind === 'reply' && l.text === '已报送（第 1 次）'));

  // every file refused: exit 1, the reasons listed
  const refused = await inProcessCli(['collect', 'receive', file, '--db', dbPath, '--json']);
  assert.equal(refused.status, 1);
  assert.match((onlyJson(refused) as { refused: { reason: string }[] }).refused[0]!.reason, /完全相同/);
});

test('up the tiers: a form from the office above opened here, our own collection below consolidated, and that export is our return, which the office above receives', async (t) => {
  const { backend: city } = openTestBackend(t, { file: 'city.db' });
  city.app.setOfficeName('市局政治部');
  const cityCat = city.ledger.categories.create({ templateKey: 'opinions' });
  const fromCity = await city.collect.create({ categoryId: cityCat.id, period: '2026-03', dueDate: '2026-03-20', instructions: '', unitIds: [], unitNames: ['某县局'] });

  const { backend: county } = openTestBackend(t, { file: 'county.db' });
  county.app.setOfficeName('某县局');
  const ownCat = county.ledger.categories.create({ templateKey: 'opinions' });
  const upper = await county.handlers['collect.openForm']({ path: fromCity.files[0]!.file });
  assert.equal(upper.categoryCreated, false, 'our 征求意见台账 has the same fields: it is used');
  assert.equal(upper.categoryId, ownCat.id);

  const work = tempDir(t);
  const down = await county.collect.create({ categoryId: ownCat.id, period: '2026-03', dueDate: '2026-03-15', instructions: '', unitIds: [], unitNames: ['城关派出所', '交警大队'] });
  const a = fillWithOpenpyxl(down.files[0]!.file, path.join(work, 'a.xlsx'), [ROW, { ...ROW, 意见内容: '夜间巡逻覆盖不足' }]);
  const b = fillWithOpenpyxl(down.files[1]!.file, path.join(work, 'b.xlsx'), [{ ...ROW, 意见内容: '事故处理慢' }]);
  const p = await county.collect.receiver.preview([{ path: a }, { path: b }], down.collection.id, () => {});
  county.collect.receiver.apply(p.previewId, undefined, false);

  const ourReturn = path.join(work, '某县局报送.xlsx');
  const sent = await county.handlers['collect.exportConsolidated']({ collectionId: down.collection.id, asReturnFor: upper.id, path: ourReturn });
  assert.equal(sent.rows, 3);
  assert.ok(county.collect.detail(upper.id).sentAt, 'the return upward is remembered');
  const book = dumpWithOpenpyxl(ourReturn);
  assert.deepEqual(book.sheets.map((s) => [s.name, s.state]), [['汇总', 'visible'], ['征求意见台账', 'visible'], ['填报信息', 'hidden']]);

  const atCity = await city.collect.receiver.preview([{ path: ourReturn }], null, () => {});
  assert.deepEqual(atCity.files.map((f) => [f.state, f.unitName, f.rows]), [['ok', '某县局', 3]]);
  city.collect.receiver.apply(atCity.previewId, undefined, false);
  assert.deepEqual([...city.collect.store.consolidated(fromCity.collection.id)].map((r) => r.values.content), ['窗口办事排队时间长', '夜间巡逻覆盖不足', '事故处理慢']);
});
