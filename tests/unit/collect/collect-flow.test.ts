import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { inProcessCli, onlyJson } from '../../helpers/cli';
import { openTestBackend, tempDir } from '../../helpers/temp-db';
import { dumpWithOpenpyxl, fillWithOpenpyxl } from './helpers';

/**
 * The whole round, as the "Done when" tells it: an office sends one ledger to three
 * units; one fills its form without LedgerDesk (openpyxl re-saves it, as another program
 * would), one fills it in its own LedgerDesk; the office receives them, refuses a foreign
 * file, takes a resubmission in place of the first return, lists the unit still missing,
 * and exports the consolidation, which openpyxl reads back. The CLI does what its contract says.
 */
test('填报 and 汇总 for three units: openpyxl and a second LedgerDesk fill, resubmission replaces, missing unit listed, foreign file refused, consolidated export read back', async (t) => {
  const { backend: office, dbPath } = openTestBackend(t);
  const work = tempDir(t);
  office.app.setOfficeName('某市公安局政治部');
  office.units.create({ name: '第一支部', parentId: null, kind: 'department' });
  const cat = office.ledger.categories.create({ templateKey: 'opinions' });
  assert.equal(cat.name, '征求意见台账');

  // 下发 — three units: one of the organisation, two typed (outside its tree)
  const formsDir = path.join(work, '下发');
  const created = onlyJson(
    await inProcessCli(['collect', 'create', '征求意见台账', '--db', dbPath, '--units', '第一支部,第二支部,第三支部', '--period', '2026-03', '--due', '2099-12-31', '--out', formsDir, '--json']),
  ) as { collection: number; files: { unit: string; file: string }[] };
  assert.deepEqual(created.files.map((f) => f.unit), ['第一支部', '第二支部', '第三支部']);
  for (const f of created.files) assert.ok(fs.existsSync(f.file) && path.dirname(f.file) === formsDir, `${f.file} written into --out`);
  const formOf = (unit: string) => created.files.find((f) => f.unit === unit)!.file;

  // 第一支部 fills its form in "Excel": openpyxl types the rows and saves the file
  const firstReturn = fillWithOpenpyxl(formOf('第一支部'), path.join(work, '第一支部.xlsx'), [
    { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 责任单位: '户政科', 完成时限: '2026-04-30', 办理状态: '办理中' },
    { 来源方式: '走访', 意见内容: '夜间巡逻覆盖不足', 类别: '工作作风', 责任单位: '巡特警队', 办理状态: '未办结' },
  ]);

  // 第二支部 fills it in its own LedgerDesk: opening the form makes the ledger with the same fields
  const { backend: unit2 } = openTestBackend(t, { file: 'unit2.db' });
  unit2.app.setOfficeName('第二支部');
  const incoming = await unit2.handlers['collect.openForm']({ path: formOf('第二支部') });
  assert.equal(incoming.direction, 'in');
  assert.equal(incoming.categoryCreated, true);
  assert.equal(incoming.unitName, '第二支部');
  const unitCat = unit2.ledger.categories.get(incoming.categoryId!);
  assert.deepEqual(unitCat.fields.map((f) => [f.key, f.label, f.type]), cat.fields.map((f) => [f.key, f.label, f.type]), 'identical fields');
  const group = unit2.units.create({ name: '综合组', parentId: null, kind: 'department' });
  const recs = [
    unit2.ledger.records.create(unitCat.id, { source: '意见箱', content: '停车难', aspect: '为民服务', unit: group.id, deadline: '2026-03-31', status: '已办结' }),
    unit2.ledger.records.create(unitCat.id, { source: '电话', content: '回复群众来电不及时', aspect: '工作作风', status: '办理中' }),
    unit2.ledger.records.create(unitCat.id, { source: '座谈会', content: '学习形式单一', aspect: '思想观念', status: '未办结' }),
  ];
  const candidates = await unit2.handlers['collect.fillCandidates']({ collectionId: incoming.id });
  assert.equal(candidates.records.length, 3);
  const secondReturn = path.join(work, '第二支部.xlsx');
  await unit2.handlers['collect.writeReturn']({ collectionId: incoming.id, recordIds: recs.map((r) => r.id), path: secondReturn });

  // a file from another office's collection: the second LedgerDesk's own collection
  const foreign = await unit2.collect.create({ categoryId: unitCat.id, period: '2026-03', dueDate: '2026-03-20', instructions: '', unitIds: [group.id], unitNames: [], outDir: work });
  const foreignFile = foreign.files[0]!.file;

  // 汇总 through the CLI: two accepted, the foreign one refused with a Chinese reason
  const received = await inProcessCli(['collect', 'receive', firstReturn, secondReturn, foreignFile, '--db', dbPath, '--json']);
  assert.equal(received.status, 0);
  const r1 = onlyJson(received) as { accepted: { unit: string; rows: number; replaced: number }[]; refused: { file: string; reason: string }[] };
  assert.deepEqual(r1.accepted.map((a) => [a.unit, a.rows, a.replaced]), [['第一支部', 2, 0], ['第二支部', 3, 0]]);
  assert.equal(r1.refused.length, 1);
  assert.equal(r1.refused[0]!.file, foreignFile);
  assert.match(r1.refused[0]!.reason, /第二支部.*下发的填报表，不是本单位发出的收集/);

  const status = onlyJson(await inProcessCli(['collect', 'status', String(created.collection), '--db', dbPath, '--json'])) as { submitted: string[]; missing: string[]; late: string[] };
  assert.deepEqual(status.submitted, ['第一支部', '第二支部']);
  assert.deepEqual(status.missing, ['第三支部']);
  const after = onlyJson(await inProcessCli(['collect', 'status', String(created.collection), '--db', dbPath, '--today', '2100-01-04', '--json'])) as { late: string[] };
  assert.deepEqual(after.late, ['第三支部'], 'past the due date the missing unit is late');

  // 第一支部 resubmits: one row kept, one changed, one new, one dropped
  const resubmission = fillWithOpenpyxl(formOf('第一支部'), path.join(work, '第一支部-更正.xlsx'), [
    { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 责任单位: '户政科', 完成时限: '2026-04-30', 办理状态: '已办结' },
    { 来源方式: '信函', 意见内容: '执法记录仪使用不规范', 类别: '执法办案', 责任单位: '法制室', 办理状态: '未办结' },
    { 来源方式: '座谈会', 意见内容: '政策宣传不到位', 类别: '政策措施', 办理状态: '未办结' },
  ]);
  const preview = await office.handlers['collect.previewReceive']({ collectionId: created.collection, files: [{ path: resubmission }] });
  const p = preview.files[0]!;
  assert.deepEqual([p.state, p.unitName, p.version, p.previousRows], ['ok', '第一支部', 2, 2]);
  assert.deepEqual(p.counts, { new: 2, changed: 1, unchanged: 0, removed: 1, refused: 0 });
  const changed = await office.handlers['collect.previewRows']({ previewId: preview.previewId, index: 0, classes: ['changed'], offset: 0, limit: 10 });
  assert.deepEqual(changed.rows[0]!.changes, { status: ['办理中', '已办结'] });
  const r2 = onlyJson(await inProcessCli(['collect', 'receive', resubmission, '--db', dbPath, '--json'])) as { accepted: { unit: string; rows: number; replaced: number }[] };
  assert.deepEqual(r2.accepted.map((a) => [a.unit, a.rows, a.replaced]), [['第一支部', 3, 2]]);

  const rows = await office.handlers['collect.rows']({ collectionId: created.collection, offset: 0, limit: 100 });
  assert.equal(rows.total, 6, '3 + 3 rows: the resubmission replaced the first return, nothing duplicated');
  assert.deepEqual(rows.rows.filter((r) => r.unit === '第一支部').map((r) => r.values.content), ['窗口办事排队时间长', '执法记录仪使用不规范', '政策宣传不到位']);
  assert.equal(rows.rows.find((r) => r.unit === '第二支部' && r.values.content === '停车难')!.values.unit, '综合组', "the unit's own department, kept by name");

  // the consolidated form, read back by openpyxl
  const out = path.join(work, '汇总.xlsx');
  const exported = await office.handlers['collect.exportConsolidated']({ collectionId: created.collection, path: out });
  assert.equal(exported.rows, 6);
  const book = dumpWithOpenpyxl(out);
  const [summary, data] = book.sheets;
  assert.equal(summary!.name, '汇总');
  const unitLines = summary!.rows.filter((r) => typeof r[0] === 'number').map((r) => [r[1], r[2], r[4], r[5]]);
  assert.deepEqual(unitLines, [['第一支部', '已报送', 2, 3], ['第二支部', '已报送', 1, 3], ['第三支部', '未报送', null, null]]);
  assert.equal(data!.name, '征求意见台账');
  const header = data!.rows.findIndex((r) => r[0] === '序号');
  assert.deepEqual(data!.rows[header]!.slice(0, 4), ['序号', '报送单位', '来源方式', '意见内容']);
  const body = data!.rows.slice(header + 1).filter((r) => typeof r[0] === 'number');
  assert.equal(body.length, 6);
  assert.deepEqual(body.map((r) => [r[1], r[3]]).slice(0, 4), [
    ['第一支部', '窗口办事排队时间长'],
    ['第一支部', '执法记录仪使用不规范'],
    ['第一支部', '政策宣传不到位'],
    ['第二支部', '停车难'],
  ]);
  assert.equal(body[0]![7], '2026-04-30', 'dates stay dates');
});
