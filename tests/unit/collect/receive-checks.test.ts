import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { openTestBackend, tempDir, auditRows } from '../../helpers/temp-db';
import { copyToNewWorkbook, dumpWithOpenpyxl, fillWithOpenpyxl, resaveWithLibreOffice, retagIdentity, stripIdentitySheet } from './helpers';

const ROWS = [
  { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 完成时限: '2026-04-30', 办理状态: '办理中' },
  { 来源方式: '走访', 意见内容: '夜间巡逻覆盖不足', 类别: '工作作风', 办理状态: '未办结' },
];

async function office(t: TestContext, units = ['第一支部', '第二支部', '第三支部']) {
  const { backend, dir } = openTestBackend(t);
  const work = tempDir(t);
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const made = await backend.collect.create({ categoryId: cat.id, period: '2026-03', dueDate: '2026-03-10', instructions: '每条意见一行', unitIds: [], unitNames: units, outDir: undefined });
  const form = (unit: string) => made.files.find((f) => f.unit === unit)!.file;
  return { backend, dir, work, cat, id: made.collection.id, form, made };
}

test('the 填报表 is a form to fill: drop-down lists, a date check, the header locked and the rows free, the identity hidden and in the properties', async (t) => {
  const { form, made, dir } = await office(t);
  assert.ok(form('第一支部').startsWith(path.join(dir, '填报汇总')), 'forms are kept beside the data file');
  const book = dumpWithOpenpyxl(form('第一支部'));
  assert.deepEqual(book.sheets.map((s) => [s.name, s.state]), [['征求意见台账', 'visible'], ['填写说明', 'visible'], ['填报信息', 'hidden']]);
  const data = book.sheets[0]!;
  assert.equal(data.rows[0]![0], '征求意见台账填报表（2026-03）');
  assert.equal(data.rows[1]![0], '填报单位：第一支部');
  assert.match(String(data.rows[1]!.find((v) => typeof v === 'string' && v.includes('表号'))), new RegExp(`表号：${made.collection.uid}-[0-9A-Z]{4}`));
  assert.deepEqual(data.rows[2]!.slice(0, 3), ['序号', '来源方式', '意见内容']);
  assert.equal(data.protected, true);
  assert.deepEqual(data.locked, { A3: true, B3: true, B4: false, C4: false }, 'header locked, rows free');
  const lists = Object.fromEntries(data.validations.map((v) => [v.sqref.split(':')[0], v]));
  assert.equal(lists.B4!.type, 'list');
  assert.match(lists.B4!.formula1!, /座谈会,走访/);
  assert.equal(lists.H4!.type, 'list', '办理状态 is a list');
  assert.equal(lists.G4!.type, 'date', '完成时限 is checked as a date');
  assert.ok(book.properties.keywords!.includes(`表号${made.collection.uid}`));
  assert.match(book.properties.description!, new RegExp(made.collection.uid));
  const guide = book.sheets[1]!;
  assert.ok(guide.rows.some((r) => r[1] === '办理状态' && String(r[4]).includes('未办结、办理中、已办结')), 'the guide lists the choices');
});

test('the identity survives LibreOffice re-saving the form, and falls back to the properties and then to the 表号 on the title lines', async (t) => {
  const { backend, work, form, id } = await office(t);
  const filled = fillWithOpenpyxl(form('第一支部'), path.join(work, 'filled.xlsx'), ROWS);
  const lo = resaveWithLibreOffice(filled, path.join(work, 'libreoffice'));
  const stripped = stripIdentitySheet(form('第二支部'), path.join(work, 'stripped.xlsx'));
  const strippedFilled = fillWithOpenpyxl(stripped, path.join(work, 'stripped-filled.xlsx'), ROWS.slice(0, 1));
  const copied = copyToNewWorkbook(fillWithOpenpyxl(form('第三支部'), path.join(work, 'c.xlsx'), ROWS), path.join(work, 'copied.xlsx'));
  const p = await backend.collect.receiver.preview([{ path: lo }, { path: strippedFilled }, { path: copied }], null, () => {});
  assert.deepEqual(
    p.files.map((f) => [f.state, f.identifiedBy, f.unitName, f.rows]),
    [['ok', 'sheet', '第一支部', 2], ['ok', 'properties', '第二支部', 1], ['ok', 'title', '第三支部', 2]],
  );
  const r = backend.collect.receiver.apply(p.previewId, undefined, false);
  assert.equal(r.accepted.length, 3);
  const rows = [...backend.collect.store.consolidated(id)];
  assert.deepEqual(rows.filter((x) => x.unit === '第一支部').map((x) => x.values), [
    { source: '座谈会', content: '窗口办事排队时间长', aspect: '为民服务', deadline: '2026-04-30', status: '办理中' },
    { source: '走访', content: '夜间巡逻覆盖不足', aspect: '工作作风', status: '未办结' },
  ], 'LibreOffice kept every value, the date as a date');
});

test('refused with a reason, nothing else touched: an unknown unit, another collection, a changed form, a spreadsheet that is no form; a second file of one unit is asked about', async (t) => {
  const { backend, work, form, id, cat } = await office(t);
  const other = await backend.collect.create({ categoryId: cat.id, period: '2026-04', dueDate: '2026-04-10', instructions: '', unitIds: [], unitNames: ['第一支部'] });
  const otherFile = fillWithOpenpyxl(other.files[0]!.file, path.join(work, 'other.xlsx'), ROWS);
  const unknown = retagIdentity(fillWithOpenpyxl(form('第一支部'), path.join(work, 'a.xlsx'), ROWS), path.join(work, 'unknown.xlsx'), '单位编号', 'ZZZZ');
  const changed = retagIdentity(fillWithOpenpyxl(form('第二支部'), path.join(work, 'b.xlsx'), ROWS), path.join(work, 'changed.xlsx'), '字段校验码', '0000000000000000');
  const notAForm = path.join(work, 'notes.xlsx');
  fs.copyFileSync(path.join(__dirname, '../../fixtures/import/roster_clean.xlsx'), notAForm);
  const first = fillWithOpenpyxl(form('第三支部'), path.join(work, '三-1.xlsx'), ROWS);
  const second = fillWithOpenpyxl(form('第三支部'), path.join(work, '三-2.xlsx'), ROWS.slice(1));
  const files = [otherFile, unknown, changed, notAForm, first, second].map((p) => ({ path: p }));
  const before = auditRows(backend).length;
  const p = await backend.handlers['collect.previewReceive']({ collectionId: id, files });
  assert.deepEqual(p.files.map((f) => f.state), ['refused', 'refused', 'refused', 'refused', 'ok', 'duplicate']);
  assert.match(p.files[0]!.reason!, /属于另一次收集“征求意见台账（2026-04）”/);
  assert.match(p.files[1]!.reason!, /不在本次收集的名单中/);
  assert.match(p.files[2]!.reason!, /栏目与本次收集下发的不一致/);
  assert.match(p.files[3]!.reason!, /找不到这些栏目：.*意见内容/, 'a spreadsheet that is no form of this collection');
  assert.match(p.files[5]!.reason!, /同一批中“第三支部”还有另一份文件“三-1.xlsx”/);
  for (const f of p.files.filter((x) => x.state === 'refused')) assert.ok(/[\u4e00-\u9fff]/.test(f.reason!) && !/Error|undefined/.test(f.reason!));

  const third = backend.collect.store.units(id).find((u) => u.name === '第三支部')!;
  await assert.rejects(
    async () => await backend.handlers['collect.applyReceive']({ previewId: p.previewId, files: [{ index: 4, include: true }, { index: 5, include: true }], dryRun: false }),
    (e) => e instanceof ApiError && /“第三支部”选了两份文件/.test(e.message),
  );
  assert.equal(auditRows(backend).length, before, 'nothing written by a refused apply');
  // the user takes the second file of 第三支部
  const r = await backend.handlers['collect.applyReceive']({ previewId: p.previewId, files: [{ index: 4, include: false }, { index: 5, include: true }], dryRun: false });
  assert.deepEqual(r.accepted.map((a) => [a.unit, a.rows]), [['第三支部', 1]]);
  assert.equal(backend.collect.store.inForce(third.id)!.rows, 1);
  assert.equal(backend.collect.store.consolidatedCount(id), 1, 'nothing else was touched');
  assert.equal(backend.collect.store.consolidatedCount(other.collection.id), 0);
});

test('a file without its identity is taken once the user names the unit; a resubmission replaces, undo brings the earlier return back', async (t) => {
  const { backend, work, form, id } = await office(t);
  // the table copied into a new workbook from its header down: no hidden sheet, no properties, no 表号
  const plain = copyToNewWorkbook(fillWithOpenpyxl(form('第一支部'), path.join(work, 'a.xlsx'), ROWS), path.join(work, 'plain.xlsx'), true);
  const p = await backend.collect.receiver.preview([{ path: plain }], id, () => {});
  assert.deepEqual([p.files[0]!.state, p.files[0]!.identifiedBy, p.files[0]!.rows], ['ask-unit', null, 2]);
  const unit1 = backend.collect.store.units(id)[0]!;
  const unasked = backend.collect.receiver.apply(p.previewId, undefined, false);
  assert.deepEqual([unasked.accepted.length, unasked.refused.length], [0, 1], 'not taken until the unit is named');
  backend.collect.receiver.apply(p.previewId, [{ index: 0, include: true, unitId: unit1.id }], false);
  assert.equal(backend.collect.store.inForce(unit1.id)!.rows, 2);

  const again = fillWithOpenpyxl(form('第一支部'), path.join(work, 'again.xlsx'), ROWS.slice(0, 1));
  const p2 = await backend.collect.receiver.preview([{ path: again }], id, () => {});
  const r2 = backend.collect.receiver.apply(p2.previewId, undefined, false);
  assert.deepEqual(r2.accepted.map((a) => [a.rows, a.replaced]), [[1, 2]]);
  assert.equal(backend.collect.store.consolidatedCount(id), 1);
  // the same file once more changes nothing
  const p3 = await backend.collect.receiver.preview([{ path: again }], id, () => {});
  assert.equal(p3.files[0]!.state, 'same');
  // undo the resubmission: the first return is in force again; its audit line says so
  const undone = await backend.handlers['collect.undoReturn']({ returnId: r2.accepted[0]!.returnId });
  assert.equal(undone.restoredVersion, 1);
  assert.equal(backend.collect.store.consolidatedCount(id), 2);
  assert.ok(auditRows(backend).some((a) => a.entity === 'collection_return' && a.field === '撤销接收'));
  const detail = backend.collect.detail(id);
  assert.deepEqual(detail.returns.map((r) => [r.version, r.inForce, r.undoneAt !== null]), [[1, true, false], [2, false, true]]);
  assert.ok(fs.existsSync(path.join(detail.folder, '收到')), 'received files are kept beside the data file');
});

test('a file with no rows — the blank form sent back, perhaps by mistake — is not taken unless the user says it is the unit return', async (t) => {
  const { backend, form, id } = await office(t);
  const p = await backend.collect.receiver.preview([{ path: form('第一支部') }], id, () => {});
  assert.deepEqual([p.files[0]!.state, p.files[0]!.unitName], ['empty', '第一支部']);
  assert.match(p.files[0]!.reason!, /没有填写任何数据行/);
  const unasked = backend.collect.receiver.apply(p.previewId, undefined, false);
  assert.deepEqual([unasked.accepted.length, unasked.refused.length], [0, 1]);
  assert.equal(backend.collect.detail(id).submitted, 0);
  backend.collect.receiver.apply(p.previewId, [{ index: 0, include: true }], false);
  assert.deepEqual(backend.collect.detail(id).unitStatuses.map((u) => [u.name, u.state, u.rows]).slice(0, 1), [['第一支部', 'submitted', 0]]);
});
