/**
 * The one import path (roster and ledger categories alike): apply in one transaction, undo
 * a batch — and an undo that cannot take back a unit it created, because the unit is used
 * now, still undoes the rows and says which unit stays and why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestBackend } from '../../helpers/temp-db';
import { importFixture } from '../../helpers/fixtures';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { putRows, writeWorkbook } from './helpers/write-workbook';

const people = makePeople(6);

test('undoing a roster import keeps a unit it created that is used now, and says why', async (t) => {
  const { backend, dir } = openTestBackend(t);
  const file = await writeWorkbook(dir, 'roster.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));
  const preview = await backend.rosterImport.preview({ path: file });
  assert.ok(preview.unknownUnits.length >= 2, 'the file names units the tree lacks');
  const r = backend.rosterImport.apply({ previewId: preview.previewId, skipRows: [], createUnits: preview.unknownUnits });
  assert.equal(r.added, people.length);
  assert.deepEqual(r.unitsCreated.sort(), [...preview.unknownUnits].sort());

  // a clerk adds someone by hand to one of the new units
  const kept = preview.unknownUnits[0]!;
  const unit = backend.units.findByName(kept)!;
  backend.roster.create({ name: '手工录入', unitId: unit.id });

  const undo = backend.rosterImport.undoBatch(r.batchId!);
  assert.equal(undo.removed, people.length, 'every imported person is taken back');
  assert.equal(undo.unitsRemoved, preview.unknownUnits.length - 1);
  assert.deepEqual(undo.keptUnits.map((u) => u.name), [kept]);
  assert.match(undo.keptUnits[0]!.reason, /还有 1 名人员/);
  assert.ok(backend.units.findByName(kept), 'the unit in use stays');
  assert.deepEqual(backend.roster.list().map((p) => p.name), ['手工录入']);
  assert.equal(backend.rosterImport.batches()[0]!.undoneAt !== null, true);
});

test('a ledger import into a unit the tree lacks: refused without the unit, applied with it, one batch to undo', async (t) => {
  const { backend } = openTestBackend(t);
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const preview = await backend.ledger.imports.preview({ categoryId: cat.id, path: importFixture('opinions_two_row_header.xlsx') });
  const refused = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: [] }, { unitHint: '加 --create-units 可一并创建' });
  assert.equal(refused.added, 0);
  assert.match(refused.refused[0]!.reason, /不在组织架构中（加 --create-units 可一并创建）/);
  const applied = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: preview.unknownUnits });
  assert.equal(applied.added, 32);
  // the tree has grown under one of the units the import created
  const unit = backend.units.findByName(applied.unitsCreated[0]!)!;
  backend.units.create({ name: '下级', parentId: unit.id, kind: 'department' });
  const undo = backend.ledger.imports.undoBatch(applied.batchId!);
  assert.equal(undo.removed, 32);
  assert.deepEqual(undo.keptUnits.map((u) => u.name), [unit.name]);
  assert.match(undo.keptUnits[0]!.reason, /下级单位/);
  assert.equal(backend.ledger.categories.get(cat.id).records, 0);
});
