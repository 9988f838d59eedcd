import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { inProcessCli, onlyJson } from '../../helpers/cli';
import { openTestBackend, tempDir } from '../../helpers/temp-db';
import { importFixture } from '../../helpers/fixtures';

const FIXTURE = importFixture('opinions_two_row_header.xlsx');
const expected = JSON.parse(fs.readFileSync(`${FIXTURE}.expect.json`, 'utf8')) as { rows: number; header_rows: number[]; columns: string[]; done: number };

test('the opinions fixture imports into the 征求意见台账 template: 32 rows, 17 已办结; undo removes the batch', async (t) => {
  const { backend } = openTestBackend(t);
  for (const name of ['交警支队', '法制支队', '临空分局', '刑侦支队', '高新分局', '政治部', '办公室', '治安支队', '纪检监察组', '指挥中心']) {
    backend.units.create({ name, parentId: null, kind: 'department' });
  }
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const preview = await backend.ledger.imports.preview({ categoryId: cat.id, path: FIXTURE });
  assert.deepEqual(preview.headerRows, expected.header_rows);
  assert.deepEqual(preview.columns, expected.columns);
  assert.deepEqual(preview.mapping, {
    意见建议内容: 'content', 提出方式: 'source', 类别: 'aspect', 责任部门: 'unit',
    '整改情况/整改措施': 'measure', '整改情况/完成时限': 'deadline', '整改情况/办理状态': 'status', 备注: 'note',
  });
  assert.deepEqual(preview.unknownUnits, ['督查支队']);
  const dry = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: ['督查支队'] }, { dryRun: true });
  assert.equal(dry.added, expected.rows);
  assert.equal(backend.ledger.categories.get(cat.id).records, 0, 'a dry run writes nothing');
  const r = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: ['督查支队'] });
  assert.deepEqual([r.added, r.refused.length, r.unitsCreated], [expected.rows, 0, ['督查支队']]);
  const done = backend.ledger.rows({ categoryId: cat.id, startRow: 0, endRow: 100, sort: [], filters: [{ field: 'status', op: 'equals', value: '已办结' }], search: '', deleted: false });
  assert.equal(done.total, expected.done);
  const batch = backend.ctx.db.prepare('SELECT target, added FROM import_batches WHERE id = ?').get(r.batchId) as { target: string; added: number };
  assert.deepEqual(batch, { target: `ledger:${cat.id}`, added: 32 });
  // an edited record blocks the undo; once put back, the undo removes all 32 and the created unit
  const first = done.rows[0]!;
  backend.ledger.records.update(first.id, { note: '改过' });
  assert.throws(() => backend.ledger.imports.undoBatch(r.batchId!), (e) => e instanceof ApiError && /又被修改或删除过/.test(e.message));
  backend.ledger.records.update(first.id, { note: null });
  assert.deepEqual(backend.ledger.imports.undoBatch(r.batchId!), { batchId: r.batchId, removed: 32, restored: 0, unitsRemoved: 1, keptUnits: [] });
  assert.equal(backend.ledger.categories.get(cat.id).records, 0);
  assert.equal(backend.units.findByName('督查支队'), undefined);
});

test('without the unit the row is refused with a reason naming it', async (t) => {
  const { backend } = openTestBackend(t);
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const preview = await backend.ledger.imports.preview({ categoryId: cat.id, path: FIXTURE });
  const r = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: [] });
  assert.equal(r.added, 0);
  assert.equal(r.batchId, null);
  assert.equal(r.refused.length, 32);
  assert.match(r.refused[0]!.reason, /责任单位：单位“交警支队”不在组织架构中/);
});

test('CLI: ledger templates / create / list / rows / import ledger, as docs/cli.md says', async (t) => {
  const db = path.join(tempDir(t), 'cli.db');
  assert.equal((await inProcessCli(['init', '--db', db, '--json'])).status, 0);
  const templates = onlyJson(await inProcessCli(['ledger', 'templates', '--db', db, '--json'])) as { key: string; name: string }[];
  assert.ok(templates.some((x) => x.key === 'opinions' && x.name === '征求意见台账'));
  const created = onlyJson(await inProcessCli(['ledger', 'create', '--db', db, '--template', 'opinions', '--name', '意见台账', '--json'])) as { id: number; name: string };
  assert.equal(created.name, '意见台账');
  const dry = await inProcessCli(['import', 'ledger', '意见台账', FIXTURE, '--db', db, '--create-units', '--dry-run', '--json']);
  assert.equal(dry.status, 0);
  assert.deepEqual((onlyJson(dry) as { added: number; applied: boolean }).applied, false);
  const run = await inProcessCli(['import', 'ledger', String(created.id), FIXTURE, '--db', db, '--create-units', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const out = onlyJson(run) as Record<string, unknown>;
  assert.deepEqual([out.sheet, out.headerRow, out.added, out.updated, out.unchanged, out.refused, out.applied], ['征求意见台账', 3, 32, 0, 0, [], true]);
  assert.equal((out.mapping as Record<string, string>)['责任部门'], '责任单位');
  const list = onlyJson(await inProcessCli(['ledger', 'list', '--db', db, '--json'])) as { id: number; name: string; records: number }[];
  assert.deepEqual(list.map((c) => [c.id, c.name, c.records]), [[created.id, '意见台账', 32]]);
  const rows = onlyJson(await inProcessCli(['ledger', 'rows', '意见台账', '--db', db, '--json'])) as Record<string, unknown>[];
  assert.equal(rows.length, 32);
  assert.equal(rows.filter((r) => r['办理状态'] === '已办结').length, 17);
  assert.equal(rows[0]!['责任单位'], '交警支队');
  assert.equal(rows[0]!['完成时限'], '2021-04-26');
  const check = onlyJson(await inProcessCli(['check', '--db', db, '--json'])) as { counts: { records: number } };
  assert.equal(check.counts.records, 32);
  // usage and refusals
  assert.equal((await inProcessCli(['ledger', 'rows', '--db', db, '--json'])).status, 2);
  assert.equal((await inProcessCli(['ledger', 'rows', '没有这个', '--db', db, '--json'])).status, 1);
  assert.equal((await inProcessCli(['ledger', 'create', '--db', db, '--template', 'nope', '--json'])).status, 1);
  const bad = path.join(path.dirname(db), 'bad.xlsx');
  fs.writeFileSync(bad, 'not a workbook');
  assert.equal((await inProcessCli(['import', 'ledger', '意见台账', bad, '--db', db, '--json'])).status, 1);
});

test('demo: the sample office gains ledgers with the seeds’ figures', (t) => {
  const { backend } = openTestBackend(t);
  backend.demo.load();
  const cats = backend.ledger.categories.list();
  const byName = new Map(cats.map((c) => [c.name, c]));
  assert.equal(byName.get('征求意见台账')!.records, 32);
  assert.equal(byName.get('我为群众办实事')!.records, 29);
  assert.equal(byName.get('学习教育记录')!.records, 96);
  const stats = (id: number) => backend.ledger.handlers()['ledger.stats']({ categoryId: id }) as { byStatus: { value: string; count: number }[] };
  const practical = stats(byName.get('我为群众办实事')!.id).byStatus;
  assert.deepEqual(practical.filter((s) => s.count).map((s) => [s.value, s.count]), [['阶段性完成', 11], ['已完成', 18]]);
  const aspects = backend.ctx.db.prepare(`SELECT count(DISTINCT json_extract(data, '$.aspect')) FROM ledger_records WHERE category_id = ?`).pluck().get(byName.get('征求意见台账')!.id);
  assert.equal(aspects, 6);
  const notes = backend.ctx.db.prepare(`SELECT sum(json_extract(data, '$.notes')) FROM ledger_records WHERE category_id = ?`).pluck().get(byName.get('学习教育记录')!.id);
  assert.equal(notes, 2750);
});
