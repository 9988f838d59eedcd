import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitsOneLine, textWidth, wrappedLines } from '../../../electron/backend/export/text-width';
import { headerLayout } from '../../../electron/backend/export/header-layout';
import { chineseDate, shownText, toCell } from '../../../electron/backend/export/cell-value';
import { looksLikeFormula } from '../../../electron/backend/export/formula-guard';
import { sheetNames } from '../../../electron/backend/export/sheet-name';
import { fitWidths } from '../../../electron/backend/export/column-widths';

describe('export building blocks', () => {
  it('counts CJK and full-width characters as about two width units, erring wide', () => {
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);
    near(textWidth('张三'), 4.4);
    near(textWidth('A1（注）'), 2.1 + 6.6);
    near(textWidth('11010519491231002X'), 18.9);
    near(textWidth('短\n很长的一行'), 11);
    assert.equal(wrappedLines('一二三四五', 12), 1);
    assert.equal(wrappedLines('一二三四五六', 12), 2, 'errs on the high side: 宋体 is a little wider than 2 digits');
    assert.equal(wrappedLines('一\n二', 12), 2);
    assert.ok(fitsOneLine('11010519491231002X', 21));
    assert.ok(!fitsOneLine('11010519491231002X', 19), '18 × 1.05 needs 19 usable units');
    assert.ok(fitsOneLine('出入境管理支队', 17));
    assert.ok(!fitsOneLine('出入境管理支队', 16));
    assert.ok(!fitsOneLine('a\nb', 30), 'a line break is two lines');
  });

  it('lays out a two-row header: groups merged across, ungrouped columns merged down', () => {
    const layout = headerLayout([
      { key: 'q', label: '问题', kind: 'text' },
      { key: 'm', label: '整改措施', kind: 'longText', group: '整改情况' },
      { key: 'd', label: '完成时限', kind: 'date', group: '整改情况' },
      { key: 's', label: '办理状态', kind: 'text', group: '整改情况' },
      { key: 'n', label: '备注', kind: 'text' },
    ]);
    assert.equal(layout.rows, 2);
    const span = (text: string) => layout.cells.filter((c) => c.text === text).map((c) => [c.row, c.col, c.toRow, c.toCol]);
    assert.deepEqual(span('序号'), [[0, 1, 1, 1]]);
    assert.deepEqual(span('问题'), [[0, 2, 1, 2]]);
    assert.deepEqual(span('整改情况'), [[0, 3, 0, 5]]);
    assert.deepEqual(span('完成时限'), [[1, 4, 1, 4]]);
    assert.deepEqual(span('备注'), [[0, 6, 1, 6]]);
    assert.equal(headerLayout([{ key: 'a', label: 'A', kind: 'text' }]).rows, 1);
  });

  it('flags text a spreadsheet would take for a formula', () => {
    for (const s of ['=1+1', '+8613800000000', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd']) assert.ok(looksLikeFormula(s), JSON.stringify(s));
    for (const s of ['张三', '1+1', ' =1', '（=）', '']) assert.ok(!looksLikeFormula(s), JSON.stringify(s));
  });

  it('turns values into cells: IDs stay text, dates become dates at their precision, numbers numbers', () => {
    assert.deepEqual(toCell('id', '11010519491231002X'), { value: '11010519491231002X', variant: 'base' });
    assert.deepEqual(toCell('id', '-5'), { value: '-5', variant: 'quoted' });
    const day = toCell('date', '2020-02-29');
    assert.deepEqual([day.value, day.variant], [new Date(Date.UTC(2020, 1, 29)), 'day']);
    const month = toCell('date', '1985-03');
    assert.deepEqual([month.value, month.variant], [new Date(Date.UTC(1985, 2, 1)), 'month']);
    assert.deepEqual(toCell('date', '2021-02-30'), { value: '2021-02-30', variant: 'text' }, 'an impossible date is kept as typed');
    assert.deepEqual(toCell('date', '待定'), { value: '待定', variant: 'text' });
    assert.deepEqual(toCell('number', '2.5'), { value: 2.5, variant: 'base' });
    assert.deepEqual(toCell('number', '约30'), { value: '约30', variant: 'text' });
    assert.deepEqual(toCell('integer', 2.5), { value: 2.5, variant: 'general' });
    assert.deepEqual(toCell('text', 'a\r\nb\rc'), { value: 'a\nb\nc', variant: 'base' });
    assert.deepEqual(toCell('text', '\r=cmd'), { value: '\n=cmd', variant: 'quoted' });
    assert.deepEqual(toCell('text', ''), { value: null, variant: 'base' });
    assert.deepEqual(toCell('text', true), { value: '是', variant: 'base' });
  });

  it('shows dates in the chosen format, for widths and the 填报日期 line', () => {
    assert.equal(shownText(toCell('date', '2021-03-01'), 'yyyy年m月d日'), '2021年3月1日');
    assert.equal(shownText(toCell('date', '2021-03'), 'yyyy-mm-dd'), '2021-03');
    assert.equal(chineseDate('2026-03-02'), '2026年3月2日');
  });

  it('fits widths to content within each kind’s limits', () => {
    const cols = [
      { key: 'a', label: '姓名', kind: 'text' as const },
      { key: 'b', label: '公民身份号码', kind: 'id' as const },
      { key: 'c', label: '备注', kind: 'longText' as const },
      { key: 'd', label: '固定', kind: 'text' as const, width: 9 },
    ];
    const sample = [[toCell('text', '欧阳娜娜'), toCell('id', '11010519491231002X'), toCell('longText', '很'.repeat(200)), toCell('text', 'x')]];
    assert.deepEqual(fitWidths(cols, sample, 'yyyy-mm-dd'), [11, 25, 40, 9]);
  });

  it('mends sheet names Excel would refuse', () => {
    assert.deepEqual(sheetNames(['汇总', '汇总', 'a/b:c', 'History', '长'.repeat(40)]), ['汇总', '汇总(2)', 'a_b_c', 'Sheet4', '长'.repeat(31)]);
  });
});
