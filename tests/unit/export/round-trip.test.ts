import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Person } from '../../../shared/domain/roster';
import { makeIdNumber, openTestBackend } from '../../helpers/temp-db';
import { apiOf, opinionOffice } from './fixtures';

/**
 * Export, then import the file back through the import engine the office uses for the
 * sheets that arrive: the same records must come back, field by field.
 */
describe('round trip: export, import the file back, get the same records', () => {
  for (const [label, spec] of [
    ['built-in form (two-row grouped header, yyyy-mm-dd)', undefined],
    ['a preset with 年月日 dates, a 合计 row and a 统计 sheet', { columns: ['source', 'aspect', 'content', 'unit', 'measure', 'deadline', 'status', 'feedback', 'note'].map((key) => ({ key, group: key === 'feedback' ? '反馈' : '' })), dateFormat: 'yyyy年m月d日' as const, totalsRow: true, statsSheet: true }],
  ] as const) {
    it(`a ledger category: ${label}`, async (t) => {
      const { backend, category, dir } = opinionOffice(t);
      const out = path.join(dir, '征求意见.xlsx');
      await apiOf(backend).exports.ledger({ categoryId: category.id, path: out, ...(spec ? { spec } : {}) });
      const copy = backend.ledger.categories.create({ templateKey: 'opinions', name: '导回的意见' });
      const preview = await backend.ledger.imports.preview({ categoryId: copy.id, path: out });
      assert.equal(preview.sheet, '征求意见台账', 'the data sheet, not the 统计 sheet');
      const r = backend.ledger.imports.apply({ previewId: preview.previewId, skipRows: [], createUnits: [] });
      assert.deepEqual([r.added, r.refused], [3, []]);
      assert.deepEqual(backend.ledger.shownRows(copy.id), backend.ledger.shownRows(category.id));
    });
  }

  it('the roster: IDs ending in X, 警号 with leading zeros, month-precise dates, units by name', async (t) => {
    const { backend, dir } = openTestBackend(t);
    const party = backend.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
    const dept = backend.units.create({ name: '政治部', parentId: party.id, kind: 'department' });
    let idX = '';
    for (let seq = 0; !idX.endsWith('X'); seq++) idX = makeIdNumber('1985-03-12', '女', '510100', seq);
    backend.roster.create({ name: '张晓红', idNumber: idX, badge: '001234', politicalStatus: '中共党员', unitId: dept.id, post: '科员', rank: '一级警员', phone: '13800000000', joinedDate: '2008-07', category: '在职民警', note: '=1+1 不是公式' });
    backend.roster.create({ name: '李建国', sex: '男', idNumber: makeIdNumber('1970-11-02', '男', '110105', 13), badge: '200001', unitId: party.id, phone: '08321234567', joinedDate: '1992-08-01', note: '-伤残\n二级' });
    backend.roster.create({ name: '王芳', birthDate: '1990-05' });
    const out = path.join(dir, '花名册.xlsx');
    assert.equal((await apiOf(backend).exports.roster({ path: out })).rows, 3);

    const other = openTestBackend(t, { file: 'other.db' }).backend;
    const party2 = other.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
    other.units.create({ name: '政治部', parentId: party2.id, kind: 'department' });
    const preview = await other.rosterImport.preview({ path: out });
    const r = other.rosterImport.apply({ previewId: preview.previewId, skipRows: [], createUnits: [] });
    assert.deepEqual([r.added, r.refused], [3, []]);
    const fields: (keyof Person)[] = ['name', 'sex', 'badge', 'idNumber', 'birthDate', 'politicalStatus', 'unitName', 'post', 'rank', 'phone', 'joinedDate', 'category', 'note'];
    const pick = (p: Person) => Object.fromEntries(fields.map((f) => [f, p[f] ?? null]));
    assert.deepEqual(other.roster.list().map(pick), backend.roster.list().map(pick));
  });
});
