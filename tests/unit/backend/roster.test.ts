import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import type { Person } from '../../../shared/domain/roster';
import { auditRows, makeIdNumber, openTestBackend } from '../../helpers/temp-db';

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

const ID_ZHANG = makeIdNumber('1985-03-12', '男', '512002', 21); // 张三
const ID_LI = makeIdNumber('1990-11-05', '女', '512021', 34); // 李四
const ID_WANG = makeIdNumber('1978-07-30', '男', '510100', 45); // 王五

function office(t: TestContext) {
  const tb = openTestBackend(t);
  const u = tb.backend.units;
  const party = u.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  const zzb = u.create({ name: '政治部', parentId: party.id, kind: 'department' });
  const zhzx = u.create({ name: '指挥中心', parentId: party.id, kind: 'department' });
  return { ...tb, roster: tb.backend.roster, party, zzb, zhzx };
}

const peopleCount = (t: { backend: { ctx: { db: { prepare(sql: string): { pluck(): { get(): unknown } } } } } }) =>
  t.backend.ctx.db.prepare('SELECT count(*) FROM people').pluck().get();

describe('roster: creating people', () => {
  it('a valid ID fills 出生日期 and 性别 from the ID; other fields are normalised', (t) => {
    const { roster, zzb } = office(t);
    const p = roster.create({ name: ' 张 三 ', idNumber: ID_ZHANG.toLowerCase(), unitId: zzb.id, politicalStatus: '党员', phone: '138 0013 8000', badge: 'a0012' });
    assert.equal(p.name, '张三');
    assert.equal(p.idNumber, ID_ZHANG);
    assert.equal(p.birthDate, '1985-03-12');
    assert.equal(p.sex, '男');
    assert.equal(p.unitName, '政治部');
    assert.equal(p.politicalStatus, '中共党员');
    assert.equal(p.phone, '13800138000');
    assert.equal(p.badge, 'A0012');
    assert.equal(p.note, null);
    assert.deepEqual(roster.get(p.id), p);
  });

  it('a create is audited field by field, the unit by its name', (t) => {
    const { backend, roster, zzb } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG, unitId: zzb.id });
    const lines = backend.audit.forRecord('person', p.id);
    const byField = Object.fromEntries(lines.map((l) => [l.field, [l.action, l.oldValue, l.newValue]]));
    assert.deepEqual(byField, {
      name: ['create', null, '张三'],
      sex: ['create', null, '男'],
      idNumber: ['create', null, ID_ZHANG],
      birthDate: ['create', null, '1985-03-12'],
      unitId: ['create', null, '政治部'],
    });
  });

  it('a bad ID is refused with its reason and nothing is written', (t) => {
    const { backend, roster } = office(t);
    const audit = auditRows(backend).length;
    const bad = ID_ZHANG.slice(0, 17) + (ID_ZHANG[17] === '1' ? '2' : '1');
    const err = refusedWith(() => roster.create({ name: '张三', idNumber: bad }), 'FIELD_INVALID');
    assert.match(err.message, /^公民身份号码：公民身份号码校验位错误（末位应为/);
    assert.deepEqual((err.details as { field: string }[]).map((d) => d.field), ['idNumber']);
    assert.equal(peopleCount({ backend }), 0);
    assert.equal(auditRows(backend).length, audit);
  });

  it('an ID whose birth date disagrees with 出生日期 is refused, naming both dates', (t) => {
    const { backend, roster } = office(t);
    const err = refusedWith(() => roster.create({ name: '张三', idNumber: ID_ZHANG, birthDate: '1985-03-21' }), 'FIELD_INVALID');
    assert.equal(err.message, '出生日期：出生日期1985-03-21与公民身份号码中的1985-03-12不一致');
    assert.equal(peopleCount({ backend }), 0);
  });

  it('an ID whose sex digit disagrees with 性别 is refused', (t) => {
    const { backend, roster } = office(t);
    const err = refusedWith(() => roster.create({ name: '张三', idNumber: ID_ZHANG, sex: '女' }), 'FIELD_INVALID');
    assert.match(err.message, /^性别：性别“女”与公民身份号码（第17位表示男）不一致/);
    assert.equal(peopleCount({ backend }), 0);
  });

  it('a month-precision birth date that agrees with the ID is kept as typed', (t) => {
    const { roster } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG, birthDate: '1985.3' });
    assert.equal(p.birthDate, '1985-03');
  });

  it('a duplicate ID number is refused, naming the person who has it', (t) => {
    const { backend, roster } = office(t);
    roster.create({ name: '张三', idNumber: ID_ZHANG });
    const err = refusedWith(() => roster.create({ name: '张叁', idNumber: ID_ZHANG }), 'FIELD_INVALID');
    assert.equal(err.message, '公民身份号码：公民身份号码与“张三”重复');
    assert.equal(peopleCount({ backend }), 1);
  });

  it('a duplicate 警号 is refused, naming the person who has it (case and width ignored)', (t) => {
    const { backend, roster } = office(t);
    roster.create({ name: '张三', badge: 'JH001' });
    const err = refusedWith(() => roster.create({ name: '李四', badge: 'ｊｈ００１'.replace(/ｊｈ/, 'jh') }), 'FIELD_INVALID');
    assert.equal(err.message, '警号/工号：警号/工号与“张三”重复');
    assert.equal(peopleCount({ backend }), 1);
  });

  it('a missing name is refused', (t) => {
    const { backend, roster } = office(t);
    const err = refusedWith(() => roster.create({ idNumber: ID_ZHANG }), 'FIELD_INVALID');
    assert.match(err.message, /姓名不能为空/);
    assert.equal(peopleCount({ backend }), 0);
  });

  it('a unit given by name resolves; an unknown unit name is refused', (t) => {
    const { roster, zhzx } = office(t);
    const p = roster.create({ name: '张三', unitId: ' 指挥中心 ' });
    assert.equal(p.unitId, zhzx.id);
    assert.equal(p.unitName, '指挥中心');
    const err = refusedWith(() => roster.create({ name: '李四', unitId: '宣传处' }), 'FIELD_INVALID');
    assert.equal(err.message, '所在单位：单位“宣传处”不在组织架构中，请先添加该单位');
  });

  it('a unit whose name contains a space resolves when typed exactly as it is named', (t) => {
    const { backend, roster, party } = office(t);
    const unit = backend.units.create({ name: '城东 派出所', parentId: party.id, kind: 'department' });
    const p = roster.create({ name: '张三', unitId: '城东 派出所' });
    assert.equal(p.unitId, unit.id);
  });

  it('a unit id that does not exist is refused', (t) => {
    const { roster } = office(t);
    const err = refusedWith(() => roster.create({ name: '张三', unitId: 999 }), 'FIELD_INVALID');
    assert.match(err.message, /所选单位不存在/);
  });
});

describe('roster: editing people', () => {
  it('update writes only the changed fields and audits old → new, the unit by name', (t) => {
    const { backend, roster, zzb, zhzx } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG, unitId: zzb.id, phone: '13800138000', post: '科员' });
    const before = auditRows(backend).length;
    const q = roster.update(p.id, { name: '张三', unitId: zhzx.id, phone: '13900139000', post: '科员' });
    assert.equal(q.unitName, '指挥中心');
    assert.equal(q.phone, '13900139000');
    const rows = auditRows(backend).slice(before);
    assert.deepEqual(
      rows.map((r) => [r.entity_id, r.action, r.field, r.old_value, r.new_value]),
      [
        [p.id, 'update', 'unitId', '政治部', '指挥中心'],
        [p.id, 'update', 'phone', '13800138000', '13900139000'],
      ],
    );
  });

  it('an update that changes nothing writes no audit line', (t) => {
    const { backend, roster } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG });
    const before = auditRows(backend).length;
    roster.update(p.id, { name: ' 张三 ', idNumber: ID_ZHANG.toLowerCase(), sex: '男' });
    assert.equal(auditRows(backend).length, before);
  });

  it('an invalid update is refused whole, with the reason, and changes nothing', (t) => {
    const { backend, roster } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG, phone: '13800138000' });
    const before = auditRows(backend).length;
    const err = refusedWith(() => roster.update(p.id, { phone: '13900139000', sex: '女' }), 'FIELD_INVALID');
    assert.match(err.message, /^性别：/);
    assert.deepEqual(roster.get(p.id), p);
    assert.equal(auditRows(backend).length, before);
  });

  it('changing the ID to one with another birth date is blamed on the ID, not on the untouched 出生日期', (t) => {
    const { roster } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG });
    const err = refusedWith(() => roster.update(p.id, { idNumber: ID_WANG }), 'FIELD_INVALID');
    assert.match(err.message, /^公民身份号码：出生日期1985-03-12与公民身份号码中的1978-07-30不一致/);
    assert.equal(roster.get(p.id).idNumber, ID_ZHANG);
    // changed together, it is accepted
    const q = roster.update(p.id, { idNumber: ID_WANG, birthDate: '1978-07-30' });
    assert.equal(q.idNumber, ID_WANG);
  });

  it('giving the ID of someone else is refused, naming them', (t) => {
    const { roster } = office(t);
    roster.create({ name: '张三', idNumber: ID_ZHANG });
    const li = roster.create({ name: '李四' });
    const err = refusedWith(() => roster.update(li.id, { idNumber: ID_ZHANG }), 'FIELD_INVALID');
    assert.match(err.message, /与“张三”重复/);
  });

  it('updating a person who does not exist is refused', (t) => {
    const { roster } = office(t);
    refusedWith(() => roster.update(12345, { name: '谁' }), 'NOT_FOUND');
  });
});

describe('roster: batch edits (paste)', () => {
  function threePeople(t: TestContext) {
    const o = office(t);
    const zhang = o.roster.create({ name: '张三', idNumber: ID_ZHANG, unitId: o.zzb.id, phone: '13800138000', badge: '1001' });
    const li = o.roster.create({ name: '李四', idNumber: ID_LI, unitId: o.zzb.id, post: '科员', badge: '1002' });
    const wang = o.roster.create({ name: '王五', unitId: o.zhzx.id, badge: '1003' });
    return { ...o, zhang, li, wang };
  }

  it('saves valid cells, refuses invalid ones per cell (index, field, reason), keeping their old value', (t) => {
    const { roster, zhang, li, wang } = threePeople(t);
    const r = roster.applyBatch({
      edits: [
        { id: zhang.id, values: { phone: '139 0000 1111', sex: '女' } }, // sex disagrees with the ID
        { id: li.id, values: { post: '科长', idNumber: '12345' } }, // bad ID
        { id: wang.id, values: { unitId: '政治部', politicalStatus: '团员' } },
      ],
      creates: [],
    });
    assert.deepEqual(
      r.refused.map((x) => [x.kind, x.index, x.field]),
      [
        ['edit', 0, 'sex'],
        ['edit', 1, 'idNumber'],
      ],
    );
    assert.match(r.refused[0]!.reason, /性别“女”与公民身份号码/);
    assert.match(r.refused[1]!.reason, /应为18位，这里是5位/);
    assert.equal(roster.get(zhang.id).phone, '13900001111');
    assert.equal(roster.get(zhang.id).sex, '男');
    assert.equal(roster.get(li.id).post, '科长');
    assert.equal(roster.get(li.id).idNumber, ID_LI);
    assert.equal(roster.get(wang.id).unitName, '政治部');
    assert.equal(roster.get(wang.id).politicalStatus, '共青团员');
    assert.equal(r.updated.length, 3);
  });

  it('`previous` applied back restores every edited person exactly', (t) => {
    const { roster, zhang, li, wang, zhzx } = threePeople(t);
    const original = roster.list();
    const r = roster.applyBatch({
      edits: [
        { id: zhang.id, values: { name: '张叁', phone: null, unitId: zhzx.id } },
        { id: li.id, values: { idNumber: ID_WANG, birthDate: '1978-07-30', sex: '男', post: '' } },
        { id: wang.id, values: { note: '借调', joinedDate: '2008.9', badge: 'X-9' } },
      ],
      creates: [],
    });
    assert.deepEqual(r.refused, []);
    assert.equal(r.previous.length, 3);
    assert.notDeepEqual(roster.list(), original);
    const undo = roster.applyBatch({
      edits: r.previous.map((p) => ({ id: p.id, values: p.values as Record<string, string | number | null> })),
      creates: [],
    });
    assert.deepEqual(undo.refused, []);
    assert.deepEqual(roster.list(), original);
  });

  it('undoing two pastes in reverse order restores the original (edits of one person, twice)', (t) => {
    const { roster, zhang } = threePeople(t);
    const original = roster.get(zhang.id);
    const first = roster.applyBatch({ edits: [{ id: zhang.id, values: { post: '科员' } }], creates: [] });
    const second = roster.applyBatch({ edits: [{ id: zhang.id, values: { post: '科长', phone: '13911112222' } }], creates: [] });
    for (const batch of [second, first]) {
      roster.applyBatch({ edits: batch.previous.map((p) => ({ id: p.id, values: p.values as Record<string, string | number | null> })), creates: [] });
    }
    assert.deepEqual(roster.get(zhang.id), original);
  });

  it('new rows: valid ones are created, a row without a name is refused whole', (t) => {
    const { backend, roster } = threePeople(t);
    const n = roster.list().length;
    const r = roster.applyBatch({
      edits: [],
      creates: [
        { values: { name: '赵六', idNumber: makeIdNumber('1992-02-29', '女', '430100', 8), unitId: '指挥中心' } },
        { values: { phone: '13800000000', post: '科员' } },
        { values: { name: '   ', badge: '7777' } },
        { values: { name: '钱七', phone: '123' } }, // created without the bad phone
      ],
    });
    assert.deepEqual(
      r.refused.map((x) => [x.kind, x.index, x.field]),
      [
        ['create', 1, 'name'],
        ['create', 2, 'name'],
        ['create', 3, 'phone'],
      ],
    );
    assert.match(r.refused[0]!.reason, /^未添加此行：姓名不能为空/);
    assert.deepEqual(r.created.map((p) => p.name), ['赵六', '钱七']);
    assert.equal(r.created[0]!.birthDate, '1992-02-29');
    assert.equal(r.created[0]!.sex, '女');
    assert.equal(r.created[1]!.phone, null);
    assert.equal(roster.list().length, n + 2);
    assert.equal(backend.ctx.db.prepare("SELECT count(*) FROM people WHERE badge = '7777'").pluck().get(), 0);
  });

  it('a duplicate ID in a new row is refused, and nothing read from that ID is kept', (t) => {
    const { roster } = threePeople(t);
    const r = roster.applyBatch({ edits: [], creates: [{ values: { name: '张三（重复）', idNumber: ID_ZHANG } }] });
    assert.deepEqual(r.refused.map((x) => [x.index, x.field]), [[0, 'idNumber']]);
    assert.match(r.refused[0]!.reason, /与“张三”重复/);
    const created = r.created[0]!;
    assert.equal(created.idNumber, null);
    assert.equal(created.birthDate, null, 'birth date must not come from a refused ID');
    assert.equal(created.sex, null, 'sex must not come from a refused ID');
  });

  it('two new rows with the same ID in one paste: the second is refused', (t) => {
    const { roster } = threePeople(t);
    const id = makeIdNumber('1988-08-08', '男', '620500', 3);
    const r = roster.applyBatch({ edits: [], creates: [{ values: { name: '甲', idNumber: id } }, { values: { name: '乙', idNumber: id } }] });
    assert.deepEqual(r.refused.map((x) => [x.index, x.field]), [[1, 'idNumber']]);
    assert.match(r.refused[0]!.reason, /与“甲”重复/);
  });

  it('all lines of one batch share a batch id', (t) => {
    const { backend, roster, zhang, li } = threePeople(t);
    const before = auditRows(backend).length;
    roster.applyBatch({ edits: [{ id: zhang.id, values: { post: 'A' } }, { id: li.id, values: { post: 'B' } }], creates: [{ values: { name: '新人' } }] });
    const rows = auditRows(backend).slice(before);
    assert.equal(rows.length, 3);
    assert.ok(rows[0]!.batch_id);
    assert.ok(rows.every((r) => r.batch_id === rows[0]!.batch_id));
  });

  it('a paste onto a person deleted meanwhile is refused whole: nothing of it is written', (t) => {
    const { backend, roster, zhang, wang } = threePeople(t);
    roster.delete([wang.id]);
    const snapshot = roster.list();
    const audit = auditRows(backend).length;
    refusedWith(
      () => roster.applyBatch({ edits: [{ id: zhang.id, values: { post: '科长' } }, { id: wang.id, values: { post: '科员' } }], creates: [{ values: { name: '新人' } }] }),
      'NOT_FOUND',
    );
    assert.deepEqual(roster.list(), snapshot);
    assert.equal(auditRows(backend).length, audit);
  });
});

describe('roster: deleting people', () => {
  it('delete removes the rows and records each whole row in the audit log', (t) => {
    const { backend, roster, zzb } = office(t);
    const p = roster.create({ name: '张三', idNumber: ID_ZHANG, unitId: zzb.id, phone: '13800138000', post: '科员', rank: '一级警长', joinedDate: '2008-09', category: '在职民警', note: '备注', badge: '1001', politicalStatus: '中共党员' });
    const q = roster.create({ name: '李四' });
    assert.deepEqual(roster.delete([p.id, q.id]), { deleted: 2 });
    assert.equal(roster.list().length, 0);
    refusedWith(() => roster.get(p.id), 'NOT_FOUND');
    const line = backend.audit.forRecord('person', p.id)[0]!;
    assert.equal(line.action, 'delete');
    const row = JSON.parse(line.oldValue ?? 'null') as Record<string, unknown>;
    assert.deepEqual(row, {
      name: '张三',
      sex: '男',
      badge: '1001',
      idNumber: ID_ZHANG,
      birthDate: '1985-03-12',
      politicalStatus: '中共党员',
      unitId: '政治部',
      post: '科员',
      rank: '一级警长',
      phone: '13800138000',
      joinedDate: '2008-09',
      category: '在职民警',
      note: '备注',
    });
    const other = backend.audit.forRecord('person', q.id)[0]!;
    assert.equal(other.batchId, line.batchId, 'one delete action, one batch');
    assert.ok(line.batchId);
  });

  it('deleting someone who does not exist is refused and deletes no one', (t) => {
    const { roster } = office(t);
    const p = roster.create({ name: '张三' });
    refusedWith(() => roster.delete([p.id, 999]), 'NOT_FOUND');
    assert.equal(roster.list().length, 1);
  });

  it('the person list is in a stable order and carries the unit name', (t) => {
    const { roster, zzb } = office(t);
    const names = ['甲', '乙', '丙'];
    names.forEach((name) => roster.create({ name, unitId: zzb.id }));
    const list: Person[] = roster.list();
    assert.deepEqual(list.map((p) => p.name), names);
    assert.ok(list.every((p) => p.unitName === '政治部'));
  });
});
