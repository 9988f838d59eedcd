import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { ledgerBackend } from './helpers';

const refusedWith = (re: RegExp) => (e: unknown) => e instanceof ApiError && re.test(e.message);

test('templates: every built-in template creates a category with its fields; names never collide', (t) => {
  const { backend } = ledgerBackend(t);
  const c = backend.ledger.categories;
  const keys = c.templates().map((x) => x.key);
  for (const k of ['opinions', 'practical', 'study', 'exams', 'clues', 'stubborn', 'assistance', 'bulletins', 'party-political', 'party-organisation', 'party-life', 'party-members', 'party-support', 'party-assessment']) {
    assert.ok(keys.includes(k), k);
  }
  for (const k of keys) assert.ok(c.create({ templateKey: k }).fields.length > 0);
  const opinions = c.list().filter((x) => x.templateKey === 'opinions');
  assert.deepEqual(opinions.map((x) => x.name), ['征求意见台账', '征求意见台账（2）']);
  const o = opinions[0]!;
  assert.deepEqual(o.fields.map((f) => f.label), ['来源方式', '意见内容', '类别', '责任单位', '整改措施', '完成时限', '办理状态', '反馈情况', '备注']);
  assert.equal(o.fields.find((f) => f.key === 'aspect')!.choices.length, 6);
  assert.deepEqual(o.fields.find((f) => f.key === 'status')!.choices.map((x) => [x.value, x.closed]), [['未办结', false], ['办理中', false], ['已办结', true]]);
  assert.equal(c.list().find((x) => x.templateKey === 'clues')!.sensitive, true);
  assert.deepEqual(c.list().filter((x) => x.group === '党建工作').length, 6);
});

test('categories: rename, reorder, archive; audited', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const c = backend.ledger.categories;
  const empty = c.create({ name: '临时台账' });
  assert.equal(empty.group, '自定义');
  assert.throws(() => c.rename(empty.id, '征求意见台账'), refusedWith(/名称不能重复/));
  c.rename(empty.id, '专项台账');
  c.move(empty.id, '教育整顿', 0);
  assert.deepEqual(c.list().map((x) => x.name), ['专项台账', '征求意见台账']);
  c.archive(categoryId, true);
  assert.deepEqual(c.list().map((x) => x.name), ['专项台账']);
  assert.throws(() => backend.ledger.records.create(categoryId, { content: 'x' }), refusedWith(/已归档/));
  const lines = backend.audit.forRecord('ledger_category', empty.id);
  assert.ok(lines.some((l) => l.field === 'name' && l.oldValue === '临时台账' && l.newValue === '专项台账'));
});

test('fields: add, rename, hide, reorder, remove without touching other values', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { categories: c, records: r } = backend.ledger;
  const f = c.addField(categoryId, { label: '批示', type: 'text', choices: [], required: false, defaultValue: null, hidden: false, synonyms: [] });
  assert.match(f.key, /^f\d+$/);
  const rec = r.create(categoryId, { content: '意见一', [f.key]: '请抓紧办理' });
  c.updateField(f.id, { label: '领导批示', hidden: true });
  assert.equal(r.get(rec.id).values[f.key], '请抓紧办理', 'renaming keeps the values');
  c.moveField(f.id, 0);
  assert.equal(c.fields(categoryId)[0]!.label, '领导批示');
  assert.throws(() => c.addField(categoryId, { label: '意见内容', type: 'text', choices: [], required: false, defaultValue: null, hidden: false, synonyms: [] }), refusedWith(/已有名为/));
  const removed = c.removeField(f.id);
  assert.equal(removed.valuesRemoved, 1);
  const after = r.get(rec.id);
  assert.equal(after.values[f.key], undefined);
  assert.equal(after.values.content, '意见一');
  assert.ok(r.history(rec.id).some((l) => l.field === '领导批示' && l.oldValue === '请抓紧办理'), 'the removed value stays in the audit log');
});

test('type change: preview lists what would not convert, nothing changes until apply', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { categories: c, records: r } = backend.ledger;
  const f = c.addField(categoryId, { label: '分值', type: 'text', choices: [], required: false, defaultValue: null, hidden: false, synonyms: [] });
  const a = r.create(categoryId, { content: '甲', [f.key]: '12' });
  const b = r.create(categoryId, { content: '乙', [f.key]: '十二' });
  const p = c.previewTypeChange(f.id, 'number');
  assert.equal(p.total, 2);
  assert.equal(p.converted, 1);
  assert.deepEqual(p.failures.map((x) => [x.recordId, x.value]), [[b.id, '十二']]);
  assert.match(p.failures[0]!.reason, /应为数字/);
  assert.equal(c.field(f.id).type, 'text', 'preview writes nothing');
  assert.throws(() => c.applyTypeChange(f.id, 'number', undefined, false), refusedWith(/1 个值无法转换为数字/));
  assert.equal(r.get(a.id).values[f.key], '12');
  const done = c.applyTypeChange(f.id, 'number', undefined, true);
  assert.deepEqual([done.converted, done.dropped, done.field.type], [1, 1, 'number']);
  assert.equal(r.get(a.id).values[f.key], 12);
  assert.equal(r.get(b.id).values[f.key], undefined);
  assert.ok(r.history(b.id).some((l) => l.oldValue === '十二' && l.newValue === null));
  // text → single choice with the choices given
  const g = c.addField(categoryId, { label: '级别', type: 'text', choices: [], required: false, defaultValue: null, hidden: false, synonyms: [] });
  r.update(a.id, { [g.key]: '重要' });
  const pg = c.previewTypeChange(g.id, 'singleChoice', [{ value: '重要', color: '#dc2626' }, { value: '一般', color: '#64748b' }]);
  assert.deepEqual([pg.converted, pg.failures.length], [1, 0]);
});

test('records: validation per cell with Chinese reasons; paste saves valid cells, reports the rest', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const r = backend.ledger.records;
  assert.throws(() => r.create(categoryId, { source: '座谈会' }), refusedWith(/意见内容不能为空/));
  const rec = r.create(categoryId, { content: '意见', unit: '刑侦支队', deadline: '2021.5.1' });
  assert.equal(rec.values.status, '未办结', 'the status default fills in');
  assert.throws(() => r.update(rec.id, { unit: '宣传处' }), refusedWith(/责任单位：单位“宣传处”不在组织架构中/));
  assert.throws(() => r.update(rec.id, { status: '搁置' }), refusedWith(/办理状态：“搁置”不在选项中/));
  const batch = r.applyBatch({
    categoryId,
    edits: [{ id: rec.id, values: { status: '已办结', deadline: '2021-13-01' } }],
    creates: [{ values: { content: '新意见', aspect: '工作作风' } }, { values: { aspect: '工作作风' } }],
  });
  assert.equal(r.get(rec.id).values.status, '已办结');
  assert.equal(r.get(rec.id).values.deadline, '2021-05-01');
  assert.deepEqual(batch.previous, [{ id: rec.id, values: { status: '未办结' } }]);
  assert.equal(batch.created.length, 1);
  assert.deepEqual(batch.refused.map((x) => [x.kind, x.index, x.field]), [['edit', 0, 'deadline'], ['create', 1, 'content']]);
  assert.match(batch.refused[1]!.reason, /未添加此行/);
});

test('a batch of edits (a paste) records one audit line per changed cell, all under one batch, each in its record\'s history', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const r = backend.ledger.records;
  // more lines than one multi-row audit statement holds (64), and an edit that changes nothing
  const recs = Array.from({ length: 40 }, (_, i) => r.create(categoryId, { content: `意见${i}`, measure: '约谈' }));
  const batch = r.applyBatch({
    categoryId,
    edits: recs.map((rec, i) => ({ id: rec.id, values: i === 7 ? { measure: '约谈' } : { measure: `整改${i}`, status: '办理中' } })),
    creates: [],
  });
  assert.equal(batch.previous.length, 39, 'the unchanged record has nothing to undo');
  const lines = recs.map((rec) => r.history(rec.id).filter((l) => l.action === 'update'));
  assert.equal(lines[7]!.length, 0);
  for (const [i, l] of lines.entries()) {
    if (i === 7) continue;
    assert.deepEqual(
      l.map((x) => [x.field, x.oldValue, x.newValue]).sort(),
      [['办理状态', '未办结', '办理中'], ['整改措施', '约谈', `整改${i}`]],
      `record ${i}`,
    );
  }
  const batchIds = new Set(lines.flat().map((l) => l.batchId));
  assert.equal(batchIds.size, 1);
  assert.ok([...batchIds][0], 'a batch id');
});

test('recycle bin: delete hides, restore brings back, emptying erases for good; history shows each step', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { records: r, categories: c } = backend.ledger;
  const a = r.create(categoryId, { content: '甲' });
  const b = r.create(categoryId, { content: '乙' });
  r.update(a.id, { content: '甲（改）' });
  r.delete([a.id, b.id]);
  assert.equal(c.get(categoryId).records, 0);
  assert.equal(c.get(categoryId).deleted, 2);
  assert.throws(() => r.update(a.id, { content: 'x' }), refusedWith(/回收站/));
  const bin = backend.ledger.rows({ categoryId, startRow: 0, endRow: 10, sort: [], filters: [], search: '', deleted: true });
  assert.equal(bin.total, 2);
  r.restore([a.id]);
  assert.equal(c.get(categoryId).records, 1);
  assert.deepEqual(r.emptyBin(categoryId), { purged: 1 });
  assert.throws(() => r.get(b.id), refusedWith(/不存在/));
  const h = r.history(a.id).reverse();
  assert.deepEqual(h.map((l) => l.action), ['create', 'create', 'update', 'delete', 'restore'], 'one create line per filled field (意见内容, 办理状态 by default)');
  assert.ok(h.some((l) => l.field === '意见内容' && l.oldValue === '甲' && l.newValue === '甲（改）'));
  assert.ok(r.history(b.id).some((l) => l.field === '彻底删除' && l.oldValue?.includes('乙')));
});

test('rows: paging, sort, filter and search in SQL; keyset continues where offset would', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const r = backend.ledger.records;
  const statuses = ['未办结', '办理中', '已办结'];
  r.applyBatch({
    categoryId,
    edits: [],
    creates: Array.from({ length: 50 }, (_, i) => ({
      values: { content: `意见${i}`, status: statuses[i % 3]!, deadline: `2021-${String(1 + (i % 12)).padStart(2, '0')}-01`, unit: i % 2 ? '刑侦支队' : '政治部', aspect: i < 5 ? '工作作风' : null },
    })),
  });
  const q = (over: Partial<Parameters<typeof backend.ledger.rows>[0]>) => backend.ledger.rows({ categoryId, startRow: 0, endRow: 100, sort: [], filters: [], search: '', deleted: false, ...over });
  assert.equal(q({ endRow: 10 }).rows.length, 10);
  assert.equal(q({ endRow: 10 }).total, 50);
  const byDate = q({ sort: [{ field: 'deadline', dir: 'desc' }] }).rows.map((x) => x.values.deadline);
  assert.deepEqual(byDate, [...byDate].sort().reverse());
  assert.equal(q({ filters: [{ field: 'status', op: 'equals', value: '已办结' }] }).total, 16);
  assert.equal(q({ filters: [{ field: 'status', op: 'in', values: ['未办结', '办理中'] }] }).total, 34);
  assert.equal(q({ filters: [{ field: 'unit', op: 'equals', value: '刑侦支队' }] }).total, 25);
  assert.equal(q({ filters: [{ field: 'unit', op: 'contains', value: '刑侦' }] }).total, 25);
  assert.equal(q({ filters: [{ field: 'deadline', op: 'between', from: '2021-03-01', to: '2021-04-30' }] }).total, 8);
  assert.equal(q({ filters: [{ field: 'aspect', op: 'empty' }] }).total, 45);
  assert.equal(q({ filters: [{ field: 'content', op: 'contains', value: '意见4' }] }).total, 11);
  assert.equal(q({ search: '意见4' }).total, 11);
  // keyset: page 2 read from page 1's cursor equals page 2 read by offset
  const sort = [{ field: 'deadline', dir: 'asc' as const }];
  const p1 = q({ sort, endRow: 20 });
  const byCursor = q({ sort, startRow: 20, endRow: 40, after: p1.cursor! });
  const byOffset = q({ sort, startRow: 20, endRow: 40 });
  assert.deepEqual(byCursor.rows.map((x) => x.id), byOffset.rows.map((x) => x.id));
  assert.equal(q({}).refs.units[String(q({}).rows[1]!.values.unit)], '刑侦支队');
});

test('search: 2-character name, digits inside an ID number, grouped by category, roster included', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { records: r, categories: c } = backend.ledger;
  const exams = c.create({ templateKey: 'exams' });
  r.create(categoryId, { content: '群众反映王伟同志服务热情' });
  r.create(categoryId, { content: '无关内容' });
  r.create(exams.id, { person: '100001', exam: '应知应会测试', score: 95 });
  const clue = c.create({ templateKey: 'clues' });
  r.create(clue.id, { content: '反映王伟的问题线索' });
  const groups = backend.handlers['ledger.search']({ query: '王伟', perGroup: 20 }) as Awaited<ReturnType<typeof backend.handlers['ledger.search']>>;
  const names = groups.map((g) => [g.name, g.count]);
  assert.deepEqual(names, [['征求意见台账', 1], ['考试测试', 1], ['花名册', 2]], 'the sensitive 问题线索 is left out');
  assert.match(groups[0]!.hits[0]!.snippet, /王伟/);
  // inside an ID number (roster) and inside a 警号 (a person field of a ledger)
  const inId = backend.ledger.handlers()['ledger.search']({ query: '19930401', perGroup: 5 }) as typeof groups;
  assert.deepEqual(inId.map((g) => g.name), ['花名册']);
  r.create(categoryId, { content: '来信人身份证号512001199304015615，反映问题' });
  const inText = backend.ledger.handlers()['ledger.search']({ query: '0401561', perGroup: 5 }) as typeof groups;
  assert.deepEqual(inText.map((g) => [g.name, g.count]), [['征求意见台账', 1], ['花名册', 1]]);
  const badge = backend.ledger.handlers()['ledger.search']({ query: '00001', perGroup: 5 }) as typeof groups;
  assert.ok(badge.some((g) => g.name === '考试测试'));
  // a deleted record is not found
  const gone = r.create(categoryId, { content: '独一无二的内容' });
  r.delete([gone.id]);
  assert.deepEqual(backend.ledger.handlers()['ledger.search']({ query: '独一无二', perGroup: 5 }), []);
});

test('statistics: by status, by unit (with open), by month', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const r = backend.ledger.records;
  r.create(categoryId, { content: '一', status: '已办结', unit: '政治部', deadline: '2021-04-02' });
  r.create(categoryId, { content: '二', status: '办理中', unit: '政治部', deadline: '2021-04-20' });
  r.create(categoryId, { content: '三', status: '未办结', unit: '刑侦支队', deadline: '2021-05-01' });
  const s = backend.ledger.handlers()['ledger.stats']({ categoryId }) as ReturnType<typeof import('../../../electron/backend/ledger/stats').categoryStats>;
  assert.deepEqual([s.total, s.open, s.closed], [3, 2, 1]);
  assert.deepEqual(s.byStatus.map((x) => [x.value, x.count]), [['未办结', 1], ['办理中', 1], ['已办结', 1]]);
  assert.deepEqual(s.byUnit.map((x) => [x.unit, x.count, x.open]), [['政治部', 2, 1], ['刑侦支队', 1, 1]]);
  assert.deepEqual(s.byMonth, [{ month: '2021-04', count: 2 }, { month: '2021-05', count: 1 }]);
});
