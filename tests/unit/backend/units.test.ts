import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { TEST_ACTOR, auditRows, makeIdNumber, openTestBackend } from '../../helpers/temp-db';

function refusedWith(fn: () => unknown, code: string): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected a refusal with ${code}`);
}

/** 党委 → 领导小组 → two 专班; 党委 → two departments. */
function smallTree(t: TestContext) {
  const tb = openTestBackend(t);
  const u = tb.backend.units;
  const party = u.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  const group = u.create({ name: '领导小组', parentId: party.id, kind: 'leading' });
  const tf1 = u.create({ name: '学习教育组', parentId: group.id, kind: 'taskforce' });
  const tf2 = u.create({ name: '查纠整改组', parentId: group.id, kind: 'taskforce' });
  const d1 = u.create({ name: '政治部', parentId: party.id, kind: 'department' });
  const d2 = u.create({ name: '指挥中心', parentId: party.id, kind: 'department' });
  return { ...tb, party, group, tf1, tf2, d1, d2 };
}

const childrenOf = (list: { id: number; parentId: number | null; sortOrder: number; name: string }[], parentId: number | null) =>
  list
    .filter((x) => x.parentId === parentId)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((x) => x.name);

describe('organisation tree (units)', () => {
  it('creates a tree with parents and sibling order in creation order', (t) => {
    const { backend, party, group } = smallTree(t);
    const list = backend.units.list();
    assert.equal(list.length, 6);
    assert.deepEqual(childrenOf(list, null), ['市公安局党委']);
    assert.deepEqual(childrenOf(list, party.id), ['领导小组', '政治部', '指挥中心']);
    assert.deepEqual(childrenOf(list, group.id), ['学习教育组', '查纠整改组']);
    assert.equal(list.find((x) => x.name === '学习教育组')?.kind, 'taskforce');
    assert.ok(list.every((x) => x.peopleCount === 0));
  });

  it('creating under a missing parent is refused and writes nothing', (t) => {
    const { backend } = openTestBackend(t);
    refusedWith(() => backend.units.create({ name: '孤儿', parentId: 42, kind: 'department' }), 'NOT_FOUND');
    assert.equal(backend.units.list().length, 0);
    assert.equal(auditRows(backend).length, 0);
  });

  it('names are unique across the tree, with a Chinese message naming the clash', (t) => {
    const { backend, group } = smallTree(t);
    const err = refusedWith(() => backend.units.create({ name: '政治部', parentId: group.id, kind: 'department' }), 'CONFLICT');
    assert.equal(err.message, '已有名为“政治部”的单位，单位名称不能重复');
    assert.equal(backend.units.list().filter((x) => x.name === '政治部').length, 1);
  });

  it('create is audited with who, when (UTC with offset) and what', (t) => {
    const { backend } = openTestBackend(t);
    const u = backend.units.create({ name: '政治部', parentId: null, kind: 'department' });
    const lines = backend.audit.forRecord('unit', u.id);
    assert.equal(lines.length, 1);
    const line = lines[0]!;
    assert.equal(line.action, 'create');
    assert.equal(line.actor, TEST_ACTOR);
    assert.equal(line.at, '2026-03-02T01:00:00.000+00:00');
    assert.deepEqual(JSON.parse(line.newValue ?? 'null'), { name: '政治部', parentId: null, kind: 'department' });
  });

  it('rename changes the name and audits old → new; renaming to a taken name is refused', (t) => {
    const { backend, d1 } = smallTree(t);
    const renamed = backend.units.rename(d1.id, '政治处');
    assert.equal(renamed.name, '政治处');
    const line = backend.audit.forRecord('unit', d1.id)[0]!;
    assert.deepEqual([line.action, line.field, line.oldValue, line.newValue], ['update', 'name', '政治部', '政治处']);
    const err = refusedWith(() => backend.units.rename(d1.id, '指挥中心'), 'CONFLICT');
    assert.match(err.message, /已有名为“指挥中心”的单位/);
    assert.equal(backend.units.get(d1.id).name, '政治处');
  });

  it('renaming to the same name changes nothing and writes no audit line', (t) => {
    const { backend, d1 } = smallTree(t);
    const n = auditRows(backend).length;
    backend.units.rename(d1.id, '政治部');
    assert.equal(auditRows(backend).length, n);
  });

  it('setKind is audited with the kinds as the user reads them', (t) => {
    const { backend, d1 } = smallTree(t);
    backend.units.setKind(d1.id, 'taskforce');
    const line = backend.audit.forRecord('unit', d1.id)[0]!;
    assert.deepEqual([line.field, line.oldValue, line.newValue], ['kind', '支部/部门', '专班/工作组']);
  });

  it('move puts a unit under another parent at the given index, audited with parent names', (t) => {
    const { backend, party, group, d2 } = smallTree(t);
    const list = backend.units.move(d2.id, group.id, 1);
    assert.deepEqual(childrenOf(list, group.id), ['学习教育组', '指挥中心', '查纠整改组']);
    assert.deepEqual(childrenOf(list, party.id), ['领导小组', '政治部']);
    const line = backend.audit.forRecord('unit', d2.id)[0]!;
    assert.deepEqual([line.field, line.oldValue, line.newValue], ['parent', '市公安局党委', '领导小组']);
  });

  it('move to the top level and an index past the end puts it last', (t) => {
    const { backend, d1 } = smallTree(t);
    const list = backend.units.move(d1.id, null, 99);
    assert.deepEqual(childrenOf(list, null), ['市公安局党委', '政治部']);
    const line = backend.audit.forRecord('unit', d1.id)[0]!;
    assert.deepEqual([line.oldValue, line.newValue], ['市公安局党委', '（顶层）']);
  });

  it('reorder among siblings (same parent) follows the index', (t) => {
    const { backend, party, d2 } = smallTree(t);
    let list = backend.units.move(d2.id, party.id, 0);
    assert.deepEqual(childrenOf(list, party.id), ['指挥中心', '领导小组', '政治部']);
    list = backend.units.move(d2.id, party.id, 2);
    assert.deepEqual(childrenOf(list, party.id), ['领导小组', '政治部', '指挥中心']);
    // the order survives a reopen of the list
    assert.deepEqual(childrenOf(backend.units.list(), party.id), ['领导小组', '政治部', '指挥中心']);
  });

  it('a reorder among siblings is itself in the audit log', (t) => {
    const { backend, party, d2 } = smallTree(t);
    const n = backend.audit.forRecord('unit', d2.id).length;
    backend.units.move(d2.id, party.id, 0);
    const lines = backend.audit.forRecord('unit', d2.id);
    assert.equal(lines.length, n + 1, 'one audit line for the reorder');
    const line = lines[0]!;
    assert.deepEqual([line.action, line.field, line.oldValue, line.newValue], ['update', 'order', '3', '1']);
    // a "move" to where it already is changes nothing and logs nothing
    backend.units.move(d2.id, party.id, 0);
    assert.equal(backend.audit.forRecord('unit', d2.id).length, n + 1);
  });

  it('refuses to move a unit into itself or its own subtree, and changes nothing', (t) => {
    const { backend, party, group, tf1 } = smallTree(t);
    const before = backend.units.list();
    const e1 = refusedWith(() => backend.units.move(party.id, tf1.id, 0), 'VALIDATION');
    assert.equal(e1.message, '不能把“市公安局党委”移到它自己的下级单位中');
    refusedWith(() => backend.units.move(group.id, group.id, 0), 'VALIDATION');
    assert.deepEqual(backend.units.list(), before);
  });

  it('delete is refused while the unit has sub-units, naming how many', (t) => {
    const { backend, group } = smallTree(t);
    const err = refusedWith(() => backend.units.delete(group.id), 'IN_USE');
    assert.equal(err.message, '“领导小组”下还有 2 个下级单位，请先移走或删除它们');
    assert.ok(backend.units.get(group.id));
  });

  it('delete is refused while people are in the unit, naming how many', (t) => {
    const { backend, d1 } = smallTree(t);
    backend.roster.create({ name: '张三', unitId: d1.id });
    backend.roster.create({ name: '李四', unitId: d1.id, idNumber: makeIdNumber('1980-01-02', '女') });
    assert.equal(backend.units.get(d1.id).peopleCount, 2);
    const err = refusedWith(() => backend.units.delete(d1.id), 'IN_USE');
    assert.equal(err.message, '“政治部”还有 2 名人员，请先把他们调到其他单位');
    assert.equal(backend.units.list().length, 6);
  });

  it('delete is refused while rows of another table point at the unit', (t) => {
    const { backend, d1 } = smallTree(t);
    // a later module's table with a foreign key to units
    backend.ctx.db.exec('CREATE TABLE later_module_rows (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id)) STRICT');
    backend.ctx.db.prepare('INSERT INTO later_module_rows (unit_id) VALUES (?)').run(d1.id);
    const err = refusedWith(() => backend.units.delete(d1.id), 'IN_USE');
    assert.match(err.message, /仍被1 条记录引用/);
  });

  it('delete of an empty unit works and records the whole unit in the audit log', (t) => {
    const { backend, party, tf1 } = smallTree(t);
    assert.deepEqual(backend.units.delete(tf1.id), { id: tf1.id });
    assert.equal(backend.units.list().length, 5);
    refusedWith(() => backend.units.get(tf1.id), 'NOT_FOUND');
    const line = backend.audit.forRecord('unit', tf1.id)[0]!;
    assert.equal(line.action, 'delete');
    assert.deepEqual(JSON.parse(line.oldValue ?? 'null'), { name: '学习教育组', parentId: tf1.parentId, kind: 'taskforce' });
    assert.ok(party);
  });

  it('every change above leaves audit lines (one per change), each in the same file as the data', (t) => {
    const { backend, d1, d2, group } = smallTree(t);
    const start = auditRows(backend).length;
    assert.equal(start, 6, 'six creates');
    backend.units.rename(d1.id, '政治处');
    backend.units.setKind(d1.id, 'leading');
    backend.units.move(d2.id, group.id, 0);
    backend.units.delete(d2.id);
    const rows = auditRows(backend).slice(start);
    assert.deepEqual(
      rows.map((r) => [r.entity, r.action, r.field]),
      [
        ['unit', 'update', 'name'],
        ['unit', 'update', 'kind'],
        ['unit', 'update', 'parent'],
        ['unit', 'delete', null],
      ],
    );
  });
});
