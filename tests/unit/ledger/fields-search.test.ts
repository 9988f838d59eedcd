import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ledgerBackend } from './helpers';

type Backend = ReturnType<typeof ledgerBackend>['backend'];
/** The ledger groups of the global search (the roster group is left out). */
const found = async (backend: Backend, q: string) => (await backend.ledger.handlers()['ledger.search']({ query: q, perGroup: 20 })).filter((g) => g.kind === 'ledger');

test('search: renaming a unit re-indexes the records that show it, in every category', async (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const unit = backend.units.findByName('刑侦支队')!;
  const other = backend.units.findByName('政治部')!;
  const a = backend.ledger.records.create(categoryId, { content: '意见一', unit: unit.id });
  backend.ledger.records.create(categoryId, { content: '意见二', unit: other.id });
  const practical = backend.ledger.categories.create({ templateKey: 'practical' });
  const unitKey = practical.fields.find((f) => f.type === 'unit')!.key;
  const b = backend.ledger.records.create(practical.id, { [unitKey]: unit.id, [practical.fields[0]!.key]: '事项一' });
  backend.ledger.records.delete([b.id]);
  backend.units.rename(unit.id, '反诈中心');
  const hits = (await found(backend, '反诈')).flatMap((g) => g.hits.map((h) => h.id));
  assert.deepEqual(hits, [a.id], 'the new name finds the record (the one in the bin stays out of results)');
  assert.equal((await found(backend, '刑侦')).length, 0, 'the old name no longer does');
  backend.ledger.records.restore([b.id]);
  assert.deepEqual((await found(backend, '反诈')).flatMap((g) => g.hits.map((h) => h.id)).sort(), [a.id, b.id].sort(), 'a record in the bin was re-indexed too');
  const page = backend.ledger.rows({ categoryId, startRow: 0, endRow: 10, sort: [], filters: [], search: '反诈中心', deleted: false });
  assert.deepEqual(page.rows.map((r) => r.id), [a.id], 'the grid’s own search finds it as well');
});

test('search: renaming a person or changing the 警号 re-indexes the records naming them', async (t) => {
  const { backend } = ledgerBackend(t);
  const exams = backend.ledger.categories.create({ templateKey: 'exams' });
  const personKey = exams.fields.find((f) => f.type === 'person')!.key;
  const li = backend.roster.list().find((p) => p.name === '李娜')!;
  const rec = backend.ledger.records.create(exams.id, { [personKey]: li.id, exam: '应知应会测试' });
  assert.equal((await found(backend, '李娜')).length, 1);
  backend.roster.update(li.id, { name: '李娜娜', badge: '200777' });
  assert.deepEqual((await found(backend, '娜娜')).flatMap((g) => g.hits.map((h) => h.id)), [rec.id]);
  assert.deepEqual((await found(backend, '0077')).flatMap((g) => g.hits.map((h) => h.id)), [rec.id], 'the new 警号 is found');
  assert.equal((await found(backend, '100003')).length, 0, 'the old 警号 is not');
  backend.roster.applyBatch({ edits: [{ id: li.id, values: { name: '张敏' } }], creates: [] });
  assert.deepEqual((await found(backend, '张敏')).flatMap((g) => g.hits.map((h) => h.id)), [rec.id], 'a paste into the roster re-indexes too');
});

test('fields: usage counts the records holding a value (the recycle bin included), as the removal will', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { categories: c, records: r } = backend.ledger;
  const f = c.addField(categoryId, { label: '批示', type: 'text', choices: [], required: false, defaultValue: null, hidden: false, synonyms: [] });
  r.create(categoryId, { content: '一', [f.key]: '阅' });
  const two = r.create(categoryId, { content: '二', [f.key]: '请办理' });
  r.create(categoryId, { content: '三' });
  r.delete([two.id]);
  assert.deepEqual(c.fieldUsage(f.id), { id: f.id, values: 2 });
  assert.equal(c.removeField(f.id).valuesRemoved, 2);
});

test('search: a roster import that renames a person re-indexes the records naming them, and so does its undo', async (t) => {
  const { backend, dir } = ledgerBackend(t);
  const exams = backend.ledger.categories.create({ templateKey: 'exams' });
  const personKey = exams.fields.find((f) => f.type === 'person')!.key;
  const wang = backend.roster.list().find((p) => p.badge === '100001')!;
  const rec = backend.ledger.records.create(exams.id, { [personKey]: wang.id, exam: '应知应会测试' });
  const csv = path.join(dir, '花名册.csv');
  fs.writeFileSync(csv, '姓名,公民身份号码,所在单位\r\n王伟强,512001199304015615,刑侦支队\r\n');
  const preview = await backend.rosterImport.preview({ path: csv, fileName: '花名册.csv' });
  const applied = backend.rosterImport.apply({ previewId: preview.previewId, skipRows: [], createUnits: [] });
  assert.equal(applied.updated, 1);
  assert.deepEqual((await found(backend, '王伟强')).flatMap((g) => g.hits.map((h) => h.id)), [rec.id], 'the imported name is found');
  backend.rosterImport.undoBatch(applied.batchId!);
  assert.equal((await found(backend, '伟强')).length, 0, 'after the undo the imported name is gone from the index');
});

test('search: digits inside ID and phone numbers are found, in the search box and the grid, and only where they are', async (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const ids = async (q: string) => (await found(backend, q)).flatMap((g) => g.hits.map((h) => h.id));
  const rec = backend.ledger.records.create(categoryId, { content: '来信人身份证号51200119850312011X，电话138 0000 0001' });
  const other = backend.ledger.records.create(categoryId, { content: '编号1234，次号2345' });
  assert.deepEqual(await ids('19850312'), [rec.id], '8 digits from the middle of an ID number');
  assert.deepEqual(await ids('0312011x'), [rec.id], 'the check letter in either case');
  assert.deepEqual(await ids('１９８５０３'), [rec.id], 'full-width digits');
  assert.deepEqual(await ids('13800000001'), [rec.id], 'a phone number written with spaces');
  assert.deepEqual(await ids('19850313'), [], 'one digit off finds nothing');
  assert.deepEqual(await ids('2345'), [other.id]);
  assert.deepEqual(await ids('12345'), [], 'two numbers of one record (1234, 2345) do not join into one');
  const grid = backend.ledger.rows({ categoryId, startRow: 0, endRow: 10, sort: [], filters: [], search: '5120011985', deleted: false });
  assert.deepEqual(grid.rows.map((r) => r.id), [rec.id], 'the grid’s own search answers the same');

  backend.ledger.records.update(rec.id, { content: '来信人身份证号已更正' });
  assert.deepEqual(await ids('19850312'), [], 'an edit takes the old number out of the index');
  backend.ledger.records.delete([other.id]);
  assert.deepEqual(await ids('2345'), [], 'records in the bin are left out');
  backend.ledger.records.restore([other.id]);
  assert.deepEqual(await ids('2345'), [other.id], 'and come back when restored');
  backend.ledger.records.delete([other.id]);
  backend.ledger.records.emptyBin(categoryId);
  const left = backend.ctx.db.prepare("SELECT count(*) FROM ledger_search_numbers WHERE ledger_search_numbers MATCH '2345'").pluck().get();
  assert.equal(left, 0, 'emptying the bin removes the record from the number index');
});
