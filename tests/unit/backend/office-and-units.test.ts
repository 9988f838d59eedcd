import { test } from 'node:test';
import assert from 'node:assert/strict';
import { similarUnitNames } from '../../../electron/backend/units/unit-names';
import { openTestBackend, auditRows, makeIdNumber } from '../../helpers/temp-db';
import { putRows, writeWorkbook } from '../import/helpers/write-workbook';

test('near-duplicate unit names: a like-sounding character, or the right place with another kind of unit', () => {
  const existing = ['督察支队', '刑侦支队', '高新分局', '政治部', '办公室', '治安大队'];
  assert.deepEqual(similarUnitNames('督查支队', existing), ['督察支队']);
  assert.deepEqual(similarUnitNames('刑侦大队', existing), ['刑侦支队']);
  assert.deepEqual(similarUnitNames('高新支队', existing), ['高新分局']);
  assert.deepEqual(similarUnitNames('政冶部', existing), ['政治部']);
  assert.deepEqual(similarUnitNames('督察支队', existing), [], 'the same name is no slip');
  assert.deepEqual(similarUnitNames('交警支队', existing), [], 'another unit altogether');
  assert.deepEqual(similarUnitNames('科室', ['科技', '办公室']), [], 'two-character names differ by one character without being slips');
});

test('本单位: name, level and a new unit at the top of the tree, audited; later moved to an existing unit', async (t) => {
  const { backend } = openTestBackend(t);
  assert.equal(backend.app.info().isEmpty, true);
  const info = backend.handlers['app.setOffice']({ name: '资阳市公安局教育整顿办', level: '市级', place: { kind: 'new', parentId: null } }) as ReturnType<typeof backend.app.setOffice>;
  assert.deepEqual([info.officeName, info.officeLevel, info.isEmpty], ['资阳市公安局教育整顿办', '市级', false]);
  const unit = backend.units.get(info.officeUnitId!);
  assert.deepEqual([unit.name, unit.parentId, unit.kind], ['资阳市公安局教育整顿办', null, 'leading']);
  const party = backend.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  const moved = backend.app.setOffice({ name: '资阳市公安局教育整顿办', level: '市级', place: { kind: 'existing', unitId: party.id } });
  assert.equal(moved.officeUnitId, party.id);
  const lines = auditRows(backend).filter((a) => a.entity === 'settings').map((a) => [a.field, a.old_value, a.new_value]);
  assert.deepEqual(lines.at(-1), ['officeUnitId', '资阳市公安局教育整顿办', '市公安局党委'], 'the unit named in the audit, not its id');
  assert.throws(() => backend.app.setOffice({ name: '很'.repeat(41), level: null, place: { kind: 'new', parentId: null } }), /名称最多40个字/);
  assert.equal(backend.app.info().officeName, '资阳市公安局教育整顿办', 'a refused change leaves everything as it was');
});

test('an import places the units it creates under the chosen parent, and takes 督查支队 as the existing 督察支队', async (t) => {
  const { backend, dir } = openTestBackend(t);
  const office = backend.units.create({ name: '市公安局', parentId: null, kind: 'leading' });
  const du = backend.units.create({ name: '督察支队', parentId: office.id, kind: 'department' });
  const file = await writeWorkbook(dir, 'roster.xlsx', (wb) =>
    putRows(wb.addWorksheet('花名册'), [
      ['姓名', '公民身份号码', '所在单位'],
      ['张伟', makeIdNumber('1985-03-12', '男'), '督查支队'],
      ['李娜', makeIdNumber('1990-07-01', '女'), '网安支队'],
    ]),
  );
  const preview = await backend.handlers['imports.preview']({ path: file });
  assert.deepEqual(preview.unknownUnits.sort(), ['督查支队', '网安支队']);
  assert.deepEqual(backend.units.similar(preview.unknownUnits), [
    { name: '督查支队', similar: ['督察支队'] },
    { name: '网安支队', similar: [] },
  ]);
  const r = await backend.handlers['imports.apply']({ previewId: preview.previewId, skipRows: [], createUnits: ['网安支队'], units: { parentId: office.id, sameAs: { 督查支队: '督察支队' } } });
  assert.deepEqual([r.added, r.unitsCreated], [2, ['网安支队']]);
  const people = backend.roster.list();
  assert.deepEqual(people.map((p) => [p.name, p.unitName]), [['张伟', '督察支队'], ['李娜', '网安支队']]);
  assert.equal(people[0]!.unitId, du.id);
  assert.equal(backend.units.findByName('网安支队')!.parentId, office.id, 'created under the parent chosen in the wizard');
  assert.equal(backend.units.findByName('督查支队'), undefined, 'no twin made');
});
