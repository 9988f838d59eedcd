import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCharFor, isRealDate, parseIdNumber } from '../../../shared/validation/id-number';
import { checkPersonField } from '../../../shared/validation/person';
import { makeIdNumber } from '../../helpers/temp-db';

const TODAY = new Date('2026-03-02T01:00:00Z');

function reasonOf(raw: string, today = TODAY): string {
  const r = parseIdNumber(raw, today);
  assert.equal(r.ok, false, `expected ${raw} to be refused`);
  return r.ok ? '' : r.reason;
}

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the standard example with a trailing X and reads birth date and sex from it', () => {
    const r = parseIdNumber('11010519491231002X', TODAY);
    assert.deepEqual(r, { ok: true, info: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: '女' } });
  });

  it('accepts a lower-case x and spaces, and normalises them', () => {
    const r = parseIdNumber(' 110105 19491231 002x ', TODAY);
    assert.ok(r.ok);
    assert.equal(r.info.idNumber, '11010519491231002X');
  });

  it('reads sex from the 17th digit: odd is 男, even is 女', () => {
    const man = makeIdNumber('1985-03-12', '男', '512002', 31);
    const woman = makeIdNumber('1985-03-12', '女', '512002', 31);
    const m = parseIdNumber(man, TODAY);
    const w = parseIdNumber(woman, TODAY);
    assert.ok(m.ok && w.ok);
    assert.equal(m.info.sex, '男');
    assert.equal(w.info.sex, '女');
    assert.equal(m.info.birthDate, '1985-03-12');
  });

  it('accepts many generated valid numbers (check character computed independently)', () => {
    for (let i = 0; i < 200; i++) {
      const y = 1950 + (i % 60);
      const birth = `${y}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = makeIdNumber(birth, i % 2 ? '男' : '女', '430100', i);
      const r = parseIdNumber(id, TODAY);
      assert.ok(r.ok, `${id}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.info.birthDate, birth);
    }
  });

  it('refuses a wrong check digit and names the expected character', () => {
    assert.match(reasonOf('110105194912310021'), /末位应为X/);
    const good = makeIdNumber('1990-05-17', '男', '510100', 7);
    const wrongLast = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    assert.match(reasonOf(wrongLast), new RegExp(`末位应为${good[17]}`));
  });

  it('refuses a single mistyped digit (the check character catches it)', () => {
    const good = makeIdNumber('1990-05-17', '男', '510100', 7);
    const typo = good.slice(0, 3) + ((Number(good[3]) + 1) % 10) + good.slice(4);
    assert.match(reasonOf(typo), /校验位错误/);
  });

  it('refuses 17 digits, saying how many there are', () => {
    assert.match(reasonOf('11010519491231002'), /应为18位，这里是17位/);
  });

  it('refuses a 15-digit old ID number with an explanation', () => {
    assert.match(reasonOf('110105491231002'), /15位旧身份证/);
  });

  it('refuses letters other than a final X', () => {
    assert.match(reasonOf('1101051949123100AX'), /只能由数字和末位X组成/);
  });

  it('refuses an impossible birth date', () => {
    // 1990-02-30 does not exist; the check character is made valid so only the date is wrong
    const id = makeIdNumber('1990-02-30', '男');
    assert.match(reasonOf(id), /出生日期19900230不存在/);
    assert.match(reasonOf(makeIdNumber('1990-13-01', '男')), /不存在/);
    assert.match(reasonOf(makeIdNumber('1990-04-31', '女')), /不存在/);
  });

  it('accepts 29 February only in a leap year', () => {
    assert.ok(parseIdNumber(makeIdNumber('2000-02-29', '男'), TODAY).ok);
    assert.match(reasonOf(makeIdNumber('1999-02-29', '男')), /不存在/);
  });

  it('refuses a birth date later than today', () => {
    const id = makeIdNumber('2026-03-05', '女');
    assert.match(reasonOf(id), /晚于今天/);
    assert.ok(parseIdNumber(id, new Date('2026-04-01T00:00:00Z')).ok, 'the same number is fine once the date has passed');
  });

  it('refuses an empty value', () => {
    assert.match(reasonOf('  '), /为空/);
  });

  it('the roster field check accepts full-width digits and a full-width Ｘ typed with a Chinese IME', () => {
    const r = checkPersonField('idNumber', '１１０１０５１９４９１２３１００２Ｘ');
    assert.deepEqual(r, { ok: true, value: '11010519491231002X' });
    const lower = checkPersonField('idNumber', '１１０１０５１９４９１２３１００２ｘ');
    assert.deepEqual(lower, { ok: true, value: '11010519491231002X' });
  });
});

describe('calendar days in ID numbers (counted, not made with Date)', () => {
  it('knows every month length, leap years by the Gregorian rule', () => {
    for (const y of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let m = 0; m <= 13; m++) {
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          const real = m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
          assert.equal(isRealDate(y, m, d), real, `${y}-${m}-${d}`);
        }
      }
    }
  });

  it('refuses 29 February in a year that is not a leap year, accepts it in one', () => {
    const base = (date: string) => `512001${date}001`;
    const id = (date: string) => base(date) + checkCharFor(base(date));
    assert.deepEqual(parseIdNumber(id('19000229')), { ok: false, reason: '公民身份号码中的出生日期19000229不存在' });
    assert.equal(parseIdNumber(id('20000229')).ok, true);
    assert.equal(parseIdNumber(` ${id('20000229').toLowerCase()} `).ok, true, 'spaces and a lower-case x are still read');
  });
});
