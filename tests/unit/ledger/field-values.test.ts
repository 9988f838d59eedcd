import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkValue, convertValue, type FieldRule, type PersonRef, type Refs } from '../../../electron/backend/ledger/field-values';

const people: PersonRef[] = [
  { id: 1, name: '王伟', badge: '100001', unitName: '刑侦支队' },
  { id: 2, name: '王伟', badge: '100002', unitName: '政治部' },
  { id: 3, name: '李娜', badge: '100003', unitName: '政治部' },
];
const units = new Map([[10, '刑侦支队'], [11, '政治部']]);
const refs: Refs = {
  unitName: (id) => units.get(id) ?? null,
  unitByName: (n) => [...units].find(([, v]) => v === n)?.[0] ?? null,
  person: (id) => people.find((p) => p.id === id) ?? null,
  peopleByName: (n) => people.filter((p) => p.name === n),
  personByBadge: (b) => people.find((p) => p.badge === b) ?? null,
};
const rule = (type: FieldRule['type'], choices: string[] = []): FieldRule => ({ label: '字段', type, choices: choices.map((value) => ({ value, color: '#000000', aliases: value === '办理中' ? ['整改中'] : undefined })) });
const ok = (r: ReturnType<typeof checkValue>) => (r.ok ? r.value : assert.fail(r.reason));
const reason = (r: ReturnType<typeof checkValue>) => (r.ok ? assert.fail(`accepted ${JSON.stringify(r.value)}`) : r.reason);

test('text and long text: trimmed, length limited', () => {
  assert.equal(ok(checkValue(rule('text'), '  内容 ', refs)), '内容');
  assert.equal(ok(checkValue(rule('text'), 12, refs)), '12');
  assert.match(reason(checkValue(rule('text'), 'x'.repeat(501), refs)), /内容过长/);
  assert.equal(ok(checkValue(rule('longText'), 'x'.repeat(5000), refs)), 'x'.repeat(5000));
  assert.equal(ok(checkValue(rule('text'), '   ', refs)), null);
});

test('number: digits with separators and full-width digits; words refused', () => {
  assert.equal(ok(checkValue(rule('number'), '1,234.5', refs)), 1234.5);
  assert.equal(ok(checkValue(rule('number'), '９８', refs)), 98);
  assert.match(reason(checkValue(rule('number'), '九十', refs)), /应为数字/);
});

test('date: office spellings, Excel serials, ISO stamps; impossible dates refused', () => {
  assert.equal(ok(checkValue(rule('date'), '2021.3.1', refs)), '2021-03-01');
  assert.equal(ok(checkValue(rule('date'), '2021年3月1日', refs)), '2021-03-01');
  assert.equal(ok(checkValue(rule('date'), 44256, refs)), '2021-03-01');
  assert.equal(ok(checkValue(rule('date'), '2021-04-26T00:00:00.000Z', refs)), '2021-04-26');
  assert.match(reason(checkValue(rule('date'), '2021-02-30', refs)), /不存在/);
});

test('single choice and status: by value or alias, width and spaces ignored', () => {
  const r = rule('status', ['未办结', '办理中', '已办结']);
  assert.equal(ok(checkValue(r, ' 已办结 ', refs)), '已办结');
  assert.equal(ok(checkValue(r, '整改中', refs)), '办理中');
  assert.match(reason(checkValue(r, '搁置', refs)), /不在选项中（可选：未办结、办理中、已办结）/);
});

test('multiple choice: split on 、 and commas, every part must be a choice', () => {
  const r = rule('multiChoice', ['甲', '乙', '丙']);
  assert.deepEqual(ok(checkValue(r, '甲、丙,甲', refs)), ['甲', '丙']);
  assert.deepEqual(ok(checkValue(r, ['乙'], refs)), ['乙']);
  assert.match(reason(checkValue(r, '甲、丁', refs)), /“丁”不在选项中/);
});

test('person: by 警号, by unique name, by name（unit）; ambiguous and unknown refused', () => {
  assert.equal(ok(checkValue(rule('person'), '100002', refs)), 2);
  assert.equal(ok(checkValue(rule('person'), '李娜', refs)), 3);
  assert.equal(ok(checkValue(rule('person'), '王伟（刑侦支队）', refs)), 1);
  assert.equal(ok(checkValue(rule('person'), 2, refs)), 2);
  assert.match(reason(checkValue(rule('person'), '王伟', refs)), /有2人名为“王伟”/);
  assert.match(reason(checkValue(rule('person'), '张三', refs)), /花名册中没有“张三”/);
  assert.match(reason(checkValue(rule('person'), 99, refs)), /不在花名册中/);
});

test('unit: by name (spaces ignored) or id; unknown refused', () => {
  assert.equal(ok(checkValue(rule('unit'), '政 治 部', refs)), 11);
  assert.equal(ok(checkValue(rule('unit'), 10, refs)), 10);
  assert.match(reason(checkValue(rule('unit'), '宣传处', refs)), /不在组织架构中/);
});

test('boolean: 是/否 and the usual marks', () => {
  assert.equal(ok(checkValue(rule('boolean'), '是', refs)), true);
  assert.equal(ok(checkValue(rule('boolean'), '×', refs)), false);
  assert.equal(ok(checkValue(rule('boolean'), '合格', refs)), true);
  assert.match(reason(checkValue(rule('boolean'), '也许', refs)), /只能填“是”或“否”/);
});

test('conversion: through the shown text, refusing what does not fit', () => {
  assert.equal(ok(convertValue('text', rule('number'), '12', refs)), 12);
  assert.match(reason(convertValue('text', rule('number'), '十二', refs)), /应为数字/);
  assert.equal(ok(convertValue('number', rule('text'), 12, refs)), '12');
  assert.equal(ok(convertValue('unit', rule('text'), 10, refs)), '刑侦支队');
  assert.equal(ok(convertValue('text', rule('unit'), '政治部', refs)), 11);
  assert.equal(ok(convertValue('multiChoice', rule('text'), ['甲', '乙'], refs)), '甲、乙');
  assert.equal(ok(convertValue('boolean', rule('text'), true, refs)), '是');
  assert.equal(ok(convertValue('text', rule('date'), '2021.3.1', refs)), '2021-03-01');
});
