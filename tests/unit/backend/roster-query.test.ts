import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { openTestBackend } from '../../helpers/temp-db';

/** The roster grid reads page by page from SQLite: sort, column filters and the quick search are SQL. */
function office(t: TestContext) {
  const { backend } = openTestBackend(t);
  const zzb = backend.units.create({ name: '政治部', parentId: null, kind: 'department' });
  const zhzx = backend.units.create({ name: '指挥中心', parentId: null, kind: 'department' });
  const people = [
    { name: '张三', sex: '男', badge: '100003', unitId: zzb.id, birthDate: '1995.05', post: '科长' },
    { name: '李四', sex: '女', badge: '100001', unitId: zhzx.id, birthDate: '1988-02-03' },
    { name: '王五', sex: '男', badge: '100002', unitId: zhzx.id, note: '借调' },
    { name: '赵六', sex: '女', badge: '100004', unitId: null },
  ].map((v) => backend.roster.create(v));
  const dispatch = <T>(method: string, input: unknown) => backend.handlers[method as keyof typeof backend.handlers]!(input as never) as T;
  return { backend, people, zzb, zhzx, dispatch };
}

const view = (over: object = {}) => ({ sort: [], filters: [], search: '', ...over });
type Page = { rows: { name: string; birthDate: string | null }[]; total: number };

describe('roster: paged query', () => {
  it('pages in the order people were added, with the total of the view', (t) => {
    const { dispatch } = office(t);
    const first = dispatch<Page>('roster.rows', { startRow: 0, endRow: 2, ...view() });
    assert.equal(first.total, 4);
    assert.deepEqual(first.rows.map((p) => p.name), ['张三', '李四']);
    const second = dispatch<Page>('roster.rows', { startRow: 2, endRow: 4, ...view() });
    assert.deepEqual(second.rows.map((p) => p.name), ['王五', '赵六']);
    assert.equal(first.rows[0]!.birthDate, '1995-05', 'a month-only birth date comes back as stored');
  });

  it('sorts by a field, by the unit’s name, and descending', (t) => {
    const { dispatch } = office(t);
    const byBadge = dispatch<Page>('roster.rows', { startRow: 0, endRow: 10, ...view({ sort: [{ field: 'badge', dir: 'asc' }] }) });
    assert.deepEqual(byBadge.rows.map((p) => p.name), ['李四', '王五', '张三', '赵六']);
    const byUnit = dispatch<Page>('roster.rows', { startRow: 0, endRow: 10, ...view({ sort: [{ field: 'unitId', dir: 'desc' }] }) });
    assert.deepEqual(byUnit.rows.map((p) => p.name), ['张三', '李四', '王五', '赵六'], '政治部 > 指挥中心 in code order, no unit last');
  });

  it('filters by column (contains, a list, empty) and searches every field', (t) => {
    const { dispatch } = office(t);
    const names = (v: object) => dispatch<Page>('roster.rows', { startRow: 0, endRow: 10, ...view(v) }).rows.map((p) => p.name);
    assert.deepEqual(names({ filters: [{ field: 'sex', op: 'in', values: ['女'] }] }), ['李四', '赵六']);
    assert.deepEqual(names({ filters: [{ field: 'unitId', op: 'contains', value: '指挥' }] }), ['李四', '王五']);
    assert.deepEqual(names({ filters: [{ field: 'unitId', op: 'empty' }] }), ['赵六']);
    assert.deepEqual(names({ filters: [{ field: 'note', op: 'notEmpty' }] }), ['王五']);
    assert.deepEqual(names({ search: '借调' }), ['王五']);
    assert.deepEqual(names({ search: '女 指挥' }), ['李四'], 'every word must match');
    assert.deepEqual(names({ search: '1995-05' }), ['张三'], 'a partial date is found as it is shown');
    assert.deepEqual(names({ search: '政治部' }), ['张三'], 'by the unit’s name');
  });

  it('says where a person stands in a view, and lists a view’s ids for export', (t) => {
    const { dispatch, people } = office(t);
    const wang = people[2]!.id;
    assert.deepEqual(dispatch('roster.rowIndex', { id: wang, ...view() }), { index: 2 });
    assert.deepEqual(dispatch('roster.rowIndex', { id: wang, ...view({ sort: [{ field: 'badge', dir: 'asc' }] }) }), { index: 1 });
    assert.deepEqual(dispatch('roster.rowIndex', { id: wang, ...view({ search: '科长' }) }), { index: null });
    assert.deepEqual(dispatch('roster.viewIds', view({ filters: [{ field: 'sex', op: 'in', values: ['男'] }] })), [people[0]!.id, wang]);
  });
});
