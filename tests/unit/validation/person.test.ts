import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPersonConsistency, checkPersonField, normaliseName } from '../../../shared/validation/person';
import { makeIdNumber } from '../../helpers/temp-db';

const value = (field: Parameters<typeof checkPersonField>[0], raw: unknown): unknown => {
  const r = checkPersonField(field, raw);
  assert.ok(r.ok, `${field} “${String(raw)}”: ${r.ok ? '' : r.reason}`);
  return r.value;
};
const reason = (field: Parameters<typeof checkPersonField>[0], raw: unknown): string => {
  const r = checkPersonField(field, raw);
  assert.equal(r.ok, false, `expected ${field} “${String(raw)}” to be refused`);
  return r.ok ? '' : r.reason;
};

describe('roster field checks', () => {
  it('name: spaces inside and around are removed (“张  三” is 张三); empty is refused', () => {
    assert.equal(value('name', '张  三'), '张三');
    assert.equal(value('name', '\u3000王\u3000五\u3000'), '王五');
    assert.equal(normaliseName(' 欧阳 娜娜 '), '欧阳娜娜');
    assert.match(reason('name', '   '), /姓名不能为空/);
    assert.match(reason('name', null), /姓名不能为空/);
    assert.match(reason('name', '张'.repeat(31)), /姓名过长/);
  });

  it('sex: 男 or 女 only, the refused value is quoted', () => {
    assert.equal(value('sex', '男'), '男');
    assert.equal(value('sex', ' 女 '), '女');
    assert.equal(value('sex', ''), null);
    assert.match(reason('sex', 'M'), /性别只能填“男”或“女”，这里是“M”/);
    assert.match(reason('sex', '男性'), /这里是“男性”/);
  });

  it('political status: the usual short forms become the official names', () => {
    assert.equal(value('politicalStatus', '党员'), '中共党员');
    assert.equal(value('politicalStatus', '团员'), '共青团员');
    assert.equal(value('politicalStatus', '预备党员'), '中共预备党员');
    assert.equal(value('politicalStatus', '中共党员'), '中共党员');
    assert.equal(value('politicalStatus', '群众'), '群众');
    assert.equal(value('politicalStatus', null), null);
    assert.match(reason('politicalStatus', '积极分子'), /政治面貌“积极分子”不在规定选项中/);
  });

  it('phone: mobile and landline, spaces and dashes dropped; a wrong length refused', () => {
    assert.equal(value('phone', '138 0013 8000'), '13800138000');
    assert.equal(value('phone', '138-0013-8000'), '13800138000');
    assert.equal(value('phone', '0832-1234567'), '08321234567');
    assert.equal(value('phone', '１３８００１３８０００'), '13800138000');
    assert.equal(value('phone', 13800138000), '13800138000');
    assert.match(reason('phone', '1380013800'), /联系电话“1380013800”格式不对/);
    assert.match(reason('phone', '138001380001'), /格式不对/);
    assert.match(reason('phone', 'abc'), /格式不对/);
  });

  it('badge: letters, digits and “-”; lower case and full width normalised', () => {
    assert.equal(value('badge', ' 012345 '), '012345');
    assert.equal(value('badge', 'ab-12'), 'AB-12');
    assert.equal(value('badge', '０１２３'), '0123');
    assert.match(reason('badge', '12 34#'), /警号\/工号只能由字母、数字和“-”组成/);
  });

  it('ID number: a number typed as a number cell is still checked (and a bad one refused)', () => {
    const id = makeIdNumber('1985-03-12', '男', '512002', 3);
    assert.equal(value('idNumber', id), id);
    assert.match(reason('idNumber', id.slice(0, 17)), /应为18位/);
    assert.equal(value('idNumber', ''), null);
  });

  it('dates: birth and joined dates accept the usual spellings and month precision', () => {
    assert.equal(value('birthDate', '1985.3.12'), '1985-03-12');
    assert.equal(value('birthDate', '1985年3月12日'), '1985-03-12');
    assert.equal(value('joinedDate', '2008-9'), '2008-09');
    assert.match(reason('birthDate', '1985-02-30'), /^出生日期：日期“1985-02-30”不存在/);
    assert.match(reason('joinedDate', '去年'), /^入职时间：/);
  });

  it('unit: a positive whole number or empty', () => {
    assert.equal(value('unitId', 3), 3);
    assert.equal(value('unitId', '3'), 3);
    assert.equal(value('unitId', ''), null);
    assert.match(reason('unitId', -1), /所在单位无效/);
    assert.match(reason('unitId', 1.5), /所在单位无效/);
  });

  it('free text is trimmed, an empty cell is null, overlong text refused', () => {
    assert.equal(value('post', '  科长 '), '科长');
    assert.equal(value('note', '   '), null);
    assert.match(reason('note', 'x'.repeat(501)), /备注过长/);
  });
});

describe('roster cross-field checks', () => {
  const id = makeIdNumber('1985-03-12', '男', '512002', 3);

  it('agreeing birth date (day or month precision) and sex pass', () => {
    assert.equal(checkPersonConsistency({ name: '张三', idNumber: id, birthDate: '1985-03-12', sex: '男' }), null);
    assert.equal(checkPersonConsistency({ name: '张三', idNumber: id, birthDate: '1985-03' }), null);
    assert.equal(checkPersonConsistency({ name: '张三' }), null);
  });

  it('a birth date that disagrees with the ID is blamed on 出生日期 with both dates', () => {
    const p = checkPersonConsistency({ name: '张三', idNumber: id, birthDate: '1985-03-13' });
    assert.deepEqual(p, { field: 'birthDate', reason: '出生日期1985-03-13与公民身份号码中的1985-03-12不一致' });
    assert.equal(checkPersonConsistency({ name: '张三', idNumber: id, birthDate: '1985-04' })?.field, 'birthDate');
  });

  it('a sex that disagrees with the 17th digit is blamed on 性别', () => {
    const p = checkPersonConsistency({ name: '张三', idNumber: id, sex: '女' });
    assert.equal(p?.field, 'sex');
    assert.match(p?.reason ?? '', /第17位表示男/);
  });

  it('a missing name is blamed on 姓名', () => {
    assert.equal(checkPersonConsistency({ idNumber: id })?.field, 'name');
  });
});
