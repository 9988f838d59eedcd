/** Header names to fields: normalisation, synonyms, tiers, corrections. Pure functions, no files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImportFileError, ROSTER_TARGET, headerSignature } from '../../../electron/backend/import/index';
import { autoMap } from '../../../electron/backend/import/mapping/auto-map';
import { checkMapping } from '../../../electron/backend/import/mapping/check-mapping';
import { coerceCell } from '../../../electron/backend/import/rows/coerce-cell';
import { displayHeader, headerKey } from '../../../electron/backend/import/shape/header-text';
import { OPINIONS_TARGET } from './helpers/opinions-target';

describe('header text', () => {
  it('normalises spaces, line breaks, width, markers and colons', () => {
    assert.equal(headerKey('姓  名'), '姓名');
    assert.equal(headerKey('姓\u3000名'), '姓名');
    assert.equal(headerKey('身份证\r\n号码'), '身份证号码');
    assert.equal(headerKey('＊姓名：'), '姓名');
    assert.equal(headerKey('ＩＤ'), 'id');
    assert.equal(displayHeader('姓  名'), '姓名');
    assert.equal(displayHeader(' 身份证\n号码 '), '身份证号码');
    assert.equal(displayHeader('Phone  Number'), 'Phone Number');
  });

  it('a header signature ignores spacing, so a remembered mapping fits the next such file', () => {
    assert.equal(headerSignature(['姓  名', '身份证号']), headerSignature(['姓名', '身份证 号']));
    assert.notEqual(headerSignature(['姓名', '身份证号']), headerSignature(['身份证号', '姓名']));
  });
});

describe('mapping columns to roster fields', () => {
  const cases: [string, string][] = [
    ['姓  名', 'name'],
    ['公民身份号码', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['身份证号', 'idNumber'],
    ['身份证号（18位）', 'idNumber'],
    ['警员编号', 'badge'],
    ['警号', 'badge'],
    ['工号', 'badge'],
    ['所在单位', 'unit'],
    ['部门', 'unit'],
    ['单位', 'unit'],
    ['手机号码', 'phone'],
    ['联系电话', 'phone'],
    ['出生年月', 'birthDate'],
    ['出生年月日', 'birthDate'],
    ['政治面貌', 'politicalStatus'],
    ['入警时间', 'joinedDate'],
    ['参加工作时间', 'joinedDate'],
    ['职务', 'post'],
    ['职级', 'rank'],
    ['人员类别', 'category'],
    ['备注', 'note'],
    ['性别', 'sex'],
  ];
  for (const [header, field] of cases) {
    it(`"${header}" → ${field}`, () => assert.deepEqual(autoMap([displayHeader(header)], ROSTER_TARGET), { [displayHeader(header)]: field }));
  }

  it('each field is taken once, by the best name', () => {
    const m = autoMap(['序号', '紧急联系电话', '联系电话', '姓名', '身份证号', '公民身份号码'], ROSTER_TARGET);
    assert.deepEqual(m, { 联系电话: 'phone', 姓名: 'name', 公民身份号码: 'idNumber' });
  });

  it('flattened two-row names map by their last part', () => {
    const m = autoMap(['序号', '整改情况/整改措施', '整改情况/完成时限', '整改情况/办理状态'], OPINIONS_TARGET);
    assert.deepEqual(m, { 序号: 'seq', '整改情况/整改措施': 'measure', '整改情况/完成时限': 'deadline', '整改情况/办理状态': 'status' });
  });

  it('a corrected mapping is checked against the file and the target', () => {
    const columns = ['人员', '证件', '备注'];
    assert.deepEqual(checkMapping({ 人员: 'name', 证件: 'idNumber', 备注: '' }, columns, ROSTER_TARGET), { 人员: 'name', 证件: 'idNumber' });
    const bad = (mapping: Record<string, string>, message: RegExp) =>
      assert.throws(
        () => checkMapping(mapping, columns, ROSTER_TARGET),
        (e: unknown) => e instanceof ImportFileError && e.code === 'IMPORT_BAD_MAPPING' && message.test(e.message),
      );
    bad({ 姓名: 'name' }, /列“姓名”在这个文件里不存在/);
    bad({ 人员: 'nickname' }, /列“人员”对应的字段已不存在.*重新选择/);
    bad({ 人员: 'name', 证件: 'name' }, /都对应到了“姓名”/);
  });
});

describe('coercion by kind (for ledger targets)', () => {
  const field = (kind: 'number' | 'enum' | 'date' | 'code') => ({ key: 'k', label: '字段', kind, options: kind === 'enum' ? ['未启动', '整改中', '已办结'] : undefined });
  const ctx = { date1904: false };

  it('numbers from text with separators and full-width digits', () => {
    assert.deepEqual(coerceCell(field('number'), '１,２３４', undefined, ctx), { ok: true, value: 1234 });
    assert.equal(coerceCell(field('number'), '十二', undefined, ctx).ok, false);
  });

  it('enums name their options', () => {
    const r = coerceCell(field('enum'), '已完成', undefined, ctx);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /只能填“未启动”或“整改中”或“已办结”/);
  });

  it('a date kind refuses a month where a day is required', () => {
    const r = coerceCell(field('date'), '2021-04', undefined, ctx);
    assert.equal(r.ok, false);
    assert.deepEqual(coerceCell(field('date'), '2021年4月26日', undefined, ctx), { ok: true, value: '2021-04-26' });
  });

  it('codes typed as numbers keep their digits; numbers past 15 digits are refused', () => {
    assert.deepEqual(coerceCell(field('code'), 13800138000, undefined, ctx), { ok: true, value: '13800138000' });
    assert.equal(coerceCell(field('code'), 1.2e17, undefined, ctx).ok, false);
  });
});
