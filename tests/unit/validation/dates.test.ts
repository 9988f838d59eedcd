import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { excelSerialToIso, parseDateText, shownDate, toHalfWidth } from '../../../shared/validation/dates';

function day(raw: string): string {
  const r = parseDateText(raw);
  assert.ok(r.ok, `${raw}: ${r.ok ? '' : r.reason}`);
  assert.equal(r.precision, 'day');
  return r.value;
}

function refused(raw: string, opts: { allowMonth?: boolean } = {}): string {
  const r = parseDateText(raw, opts);
  assert.equal(r.ok, false, `expected “${raw}” to be refused`);
  return r.ok ? '' : r.reason;
}

describe('dates as offices type them', () => {
  it('reads the usual spellings of one day as the same ISO date', () => {
    for (const raw of ['1985-03-12', '1985-3-12', '1985.3.12', '1985.03.12', '1985/03/12', '1985/3/12', '1985年3月12日', '1985年03月12日', '19850312', ' 1985 . 3 . 12 ']) {
      assert.equal(day(raw), '1985-03-12', raw);
    }
  });

  it('reads full-width digits and punctuation', () => {
    assert.equal(day('１９８５．３．１２'), '1985-03-12');
    assert.equal(day('１９８５年３月１２日'), '1985-03-12');
    assert.equal(toHalfWidth('２０２１／０３／０１'), '2021/03/01');
  });

  it('month precision (1985-3) only where the field allows it', () => {
    assert.deepEqual(parseDateText('1985-3', { allowMonth: true }), { ok: true, value: '1985-03', precision: 'month' });
    assert.deepEqual(parseDateText('1985年3月', { allowMonth: true }), { ok: true, value: '1985-03', precision: 'month' });
    assert.deepEqual(parseDateText('1985.03', { allowMonth: true }), { ok: true, value: '1985-03', precision: 'month' });
    assert.match(refused('1985-3'), /缺少日/);
    assert.match(refused('1985-13', { allowMonth: true }), /不存在/);
  });

  it('year precision (1995年) where partial dates are allowed; a bare 1995 is no date', () => {
    assert.deepEqual(parseDateText('1995年', { allowMonth: true }), { ok: true, value: '1995', precision: 'year' });
    assert.match(refused('1995年'), /缺少月和日/);
    assert.equal(parseDateText('1995', { allowMonth: true }).ok, false);
  });

  it('a stored date is shown as stored, partial ones included (never blank)', () => {
    assert.equal(shownDate('1995-05'), '1995-05');
    assert.equal(shownDate('1995'), '1995');
    assert.equal(shownDate('1995-05-12'), '1995-05-12');
    assert.equal(shownDate(null), '');
    assert.equal(shownDate('待定'), '待定');
  });

  it('29 February exists only in leap years (2000 yes, 1900 no)', () => {
    assert.equal(day('2024-02-29'), '2024-02-29');
    assert.equal(day('2000.2.29'), '2000-02-29');
    assert.match(refused('2023-02-29'), /不存在/);
    assert.match(refused('1900-02-29'), /不存在/);
  });

  it('refuses impossible and unreadable dates with the value in the reason', () => {
    assert.match(refused('1985-04-31'), /“1985-04-31”不存在/);
    assert.match(refused('1985-00-10'), /不存在/);
    assert.match(refused('85-3-12'), /无法识别的日期“85-3-12”/);
    assert.match(refused('去年三月'), /无法识别/);
    assert.match(refused(''), /日期为空/);
  });
});

describe('Excel serial day numbers', () => {
  it('1900 system: known days', () => {
    assert.equal(excelSerialToIso(1), '1900-01-01');
    assert.equal(excelSerialToIso(59), '1900-02-28');
    assert.equal(excelSerialToIso(61), '1900-03-01');
    assert.equal(excelSerialToIso(31118), '1985-03-12');
    assert.equal(excelSerialToIso(36526), '2000-01-01');
    assert.equal(excelSerialToIso(44256), '2021-03-01');
  });

  it('1900 system: the phantom 1900-02-29 (serial 60, a Lotus bug Excel keeps) is not turned into a real day', () => {
    // Excel shows serial 60 as 1900-02-29, a day that never existed. Reading it as 02-28 or
    // 03-01 would silently give two serials the same date; it must be reported instead.
    const v = excelSerialToIso(60);
    assert.equal(v, null);
  });

  it('ignores the time of day in a fractional serial', () => {
    assert.equal(excelSerialToIso(31118.75), '1985-03-12');
    assert.equal(excelSerialToIso(31118.0001), '1985-03-12');
  });

  it('1904 system (old Mac workbooks): day 0 is 1904-01-01, 1462 days after the 1900 system', () => {
    assert.equal(excelSerialToIso(0, true), '1904-01-01');
    assert.equal(excelSerialToIso(1, true), '1904-01-02');
    assert.equal(excelSerialToIso(31118 - 1462, true), '1985-03-12');
    assert.equal(excelSerialToIso(36526 - 1462, true), '2000-01-01');
  });

  it('refuses what cannot be a date', () => {
    assert.equal(excelSerialToIso(0), null);
    assert.equal(excelSerialToIso(-5), null);
    assert.equal(excelSerialToIso(Number.NaN), null);
    assert.equal(excelSerialToIso(Number.POSITIVE_INFINITY), null);
    assert.equal(excelSerialToIso(1e9), null);
  });
});
