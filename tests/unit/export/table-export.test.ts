import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { exportTable } from '../../../electron/backend/export';
import { tempDir } from '../../helpers/temp-db';
import { cellAt, rowValues, type InspectedSheet } from '../../helpers/inspect-xlsx';
import { OPINION_COLUMNS, OPINION_ROWS, colLetter, readWithOpenpyxl, opinionTable } from './fixtures';

/** 序号 + the fixture's 10 columns = A:K; title 1, info 2, header 3–4, data from 5. */
const LAST_COL = colLetter(OPINION_COLUMNS.length + 1);
const FIRST_DATA_ROW = 5;

function dataCell(sheet: InspectedSheet, row: number, key: string) {
  const col = OPINION_COLUMNS.findIndex((c) => c.key === key) + 2;
  return cellAt(sheet, `${colLetter(col)}${FIRST_DATA_ROW + row}`)!;
}

describe('exportTable: the official form, read back with openpyxl', () => {
  it('has the merged title, the 填报单位/填报日期 line and a two-row grouped header', async (t) => {
    const out = path.join(tempDir(t), '征求意见台账.xlsx');
    assert.deepEqual(await exportTable(out, opinionTable()), { out, rows: 3 });
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.name, '征求意见');

    const title = cellAt(sheet, 'A1')!;
    assert.equal(title.v, '市公安局队伍教育整顿征求意见建议整改台账');
    assert.deepEqual([title.font, title.size, title.bold, title.h], ['宋体', 18, true, 'center']);
    assert.ok(sheet.merged.includes(`A1:${LAST_COL}1`), `title merged across the table: ${sheet.merged.join(' ')}`);

    assert.equal(cellAt(sheet, 'A2')!.v, '填报单位：市公安局队伍教育整顿领导小组办公室');
    const date = sheet.rows[1]!.find((c) => typeof c.v === 'string' && c.v.startsWith('填报日期'))!;
    assert.equal(date.v, '填报日期：2026年3月2日');
    assert.equal(date.h, 'right');

    // 序号 and ungrouped columns span both header rows; 整改情况 spans its three columns.
    assert.deepEqual(rowValues(sheet, 3).slice(0, 5), ['序号', '意见来源', '意见建议内容', '反映人身份号码', '整改情况']);
    assert.deepEqual(rowValues(sheet, 4).slice(4, 7), ['整改措施', '完成时限', '办理状态']);
    for (const range of ['A3:A4', 'B3:B4', 'E3:G3', 'H3:H4', `${LAST_COL}3:${LAST_COL}4`]) {
      assert.ok(sheet.merged.includes(range), `${range} merged: ${sheet.merged.join(' ')}`);
    }
    assert.ok(!sheet.merged.some((r) => r.startsWith('E4') || r.startsWith('F4')), 'labels under the group are single cells');
    assert.ok(cellAt(sheet, 'A3')!.bold);
  });

  it('freezes the header, repeats it on every page, prints A4 landscape one page wide with page numbers', async (t) => {
    const out = path.join(tempDir(t), 'form.xlsx');
    await exportTable(out, opinionTable());
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.freeze, `A${FIRST_DATA_ROW}`);
    assert.equal(sheet.printTitleRows, '$3:$4');
    assert.deepEqual(sheet.pageSetup, { orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, fitToPage: true });
    assert.equal(sheet.footer.center, '第 &P 页 共 &N 页');
    assert.ok(sheet.margins.left > sheet.margins.right, 'the binding edge (left) has the wider margin');
    assert.deepEqual(sheet.margins, { left: 0.9, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
  });

  it('a one-row header when no column is grouped', async (t) => {
    const out = path.join(tempDir(t), 'flat.xlsx');
    await exportTable(out, opinionTable({ columns: OPINION_COLUMNS.map(({ group: _g, ...c }) => c) }));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.freeze, 'A4');
    assert.equal(sheet.printTitleRows, '$3:$3');
    assert.ok(!sheet.merged.some((r) => /^[A-Z]+3:/.test(r)));
    assert.equal(cellAt(sheet, 'A4')!.v, 1);
  });

  it('borders every cell of the table (merged header areas too) and wraps text; widths stay within limits', async (t) => {
    const out = path.join(tempDir(t), 'borders.xlsx');
    await exportTable(out, opinionTable({ totalsRow: true }));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    const bordered = new Set(sheet.rawBorders);
    const lastRow = FIRST_DATA_ROW + OPINION_ROWS.length; // the 合计 row
    for (let r = 3; r <= lastRow; r++) {
      for (let c = 1; c <= OPINION_COLUMNS.length + 1; c++) assert.ok(bordered.has(`${colLetter(c)}${r}`), `${colLetter(c)}${r} bordered`);
    }
    assert.ok(!bordered.has('A1') && !bordered.has('A2'), 'title and info line have no borders');
    assert.ok(dataCell(sheet, 0, 'measure').wrap);
    for (const [col, w] of Object.entries(sheet.widths)) assert.ok(w >= 6 && w <= 50, `${col} width ${w}`);
    assert.ok(sheet.widths['D']! >= 20, 'the ID column fits 18 characters');
  });

  it('writes IDs as text with format @, dates as real dates, numbers as numbers', async (t) => {
    const out = path.join(tempDir(t), 'types.xlsx');
    await exportTable(out, opinionTable());
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    const id = dataCell(sheet, 0, 'idNumber');
    assert.deepEqual([id.v, id.t, id.fmt], ['11010519491231002X', 's', '@']);
    const id18 = dataCell(sheet, 1, 'idNumber');
    assert.deepEqual([id18.v, id18.t, id18.fmt], ['110105194912310021', 's', '@'], 'an all-digit ID is never a number');

    const deadline = dataCell(sheet, 0, 'deadline');
    assert.deepEqual([deadline.v, deadline.t, deadline.fmt], ['2021-04-30', 'd', 'yyyy-mm-dd']);
    const month = dataCell(sheet, 0, 'month');
    assert.deepEqual([month.v, month.t, month.fmt], ['2021-05-01', 'd', 'yyyy-mm'], 'month precision: a date with a month-only format');
    const impossible = dataCell(sheet, 1, 'deadline');
    assert.deepEqual([impossible.v, impossible.t], ['2021-02-29', 's'], 'an impossible date is kept as typed, as text');
    assert.deepEqual([dataCell(sheet, 2, 'deadline').v, dataCell(sheet, 2, 'deadline').t], ['待定', 's']);

    const people = dataCell(sheet, 0, 'people');
    assert.deepEqual([people.v, people.t, people.fmt], [12, 'n', '0']);
    assert.deepEqual([dataCell(sheet, 1, 'people').v, dataCell(sheet, 1, 'people').t], [3, 'n'], 'numeric text in a number column is a number');
    const fraction = dataCell(sheet, 2, 'people');
    assert.deepEqual([fraction.v, fraction.fmt], [2.5, 'General'], 'a fraction is not shown rounded');
    assert.deepEqual([dataCell(sheet, 0, 'funds').v, dataCell(sheet, 0, 'funds').t], [0.1, 'n']);
    assert.equal(dataCell(sheet, 0, 'measure').v, '增设窗口\n推行预约');
    const seq = cellAt(sheet, `A${FIRST_DATA_ROW + 2}`)!;
    assert.deepEqual([seq.v, seq.t], [3, 'n']);
  });

  it('writes dates as yyyy年m月d日 when chosen', async (t) => {
    const out = path.join(tempDir(t), 'cn-dates.xlsx');
    await exportTable(out, opinionTable({ dateFormat: 'yyyy年m月d日' }));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    const deadline = dataCell(sheet, 0, 'deadline');
    assert.deepEqual([deadline.v, deadline.t, deadline.fmt], ['2021-04-30', 'd', 'yyyy"年"m"月"d"日"']);
    assert.equal(dataCell(sheet, 0, 'month').fmt, 'yyyy"年"m"月"');
  });

  it('writes formula-looking user text as plain strings with quotePrefix; no formula anywhere', async (t) => {
    const out = path.join(tempDir(t), 'hostile.xlsx');
    const hostile = opinionTable({ title: '=HYPERLINK("http://x","点此")', officeName: '-办公室', columns: [{ key: 'content', label: '+标签', kind: 'text' }, ...OPINION_COLUMNS] });
    await exportTable(out, hostile);
    const book = readWithOpenpyxl(out);
    assert.equal(book.formulaTags, 0, 'no <f> element in any sheet');
    const sheet = book.sheets[0]!;
    for (const row of sheet.rows) for (const c of row) assert.notEqual(c.t, 'f', `${c.ref} is a formula`);
    const expectQuoted = (ref: string, v: string) => {
      const c = cellAt(sheet, ref)!;
      assert.deepEqual([c.v, c.t, c.quotePrefix], [v, 's', true], ref);
    };
    expectQuoted('A1', '=HYPERLINK("http://x","点此")');
    expectQuoted('B3', '+标签');
    // data columns are shifted one right by the extra column
    expectQuoted(`B${FIRST_DATA_ROW + 1}`, '=1+1');
    expectQuoted(`F${FIRST_DATA_ROW + 1}`, '+86 13800000000');
    expectQuoted(`C${FIRST_DATA_ROW + 2}`, '@SUM(A1)');
    expectQuoted(`B${FIRST_DATA_ROW + 2}`, '-5');
    expectQuoted(`E${FIRST_DATA_ROW + 2}`, '-5');
    expectQuoted(`F${FIRST_DATA_ROW + 2}`, '\t=cmd');
    assert.equal(cellAt(sheet, `C${FIRST_DATA_ROW}`)!.quotePrefix, false, 'ordinary text carries no quotePrefix');
  });

  it('drops control characters XML cannot hold, so the file still opens', async (t) => {
    const out = path.join(tempDir(t), 'control.xlsx');
    await exportTable(out, opinionTable({ rows: [{ source: 'a\u0000b\u000bc\u0007', content: '第一行\r\n第二行' }, { source: '<来信&来访>', content: `"引号" 'x' </v></c>` }] }));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(dataCell(sheet, 0, 'source').v, 'abc');
    assert.equal(dataCell(sheet, 0, 'content').v, '第一行\n第二行');
    // XML's own characters in user text come back as typed
    assert.equal(dataCell(sheet, 1, 'source').v, '<来信&来访>');
    assert.equal(dataCell(sheet, 1, 'content').v, `"引号" 'x' </v></c>`);
  });

  it('adds a 合计 row with the count and the sums of number columns', async (t) => {
    const out = path.join(tempDir(t), 'totals.xlsx');
    await exportTable(out, opinionTable({ totalsRow: true, countUnit: '项' }));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    const r = FIRST_DATA_ROW + OPINION_ROWS.length;
    assert.equal(cellAt(sheet, `A${r}`)!.v, '合计');
    assert.equal(cellAt(sheet, `B${r}`)!.v, '共 3 项');
    const sum = (key: string) => cellAt(sheet, `${colLetter(OPINION_COLUMNS.findIndex((c) => c.key === key) + 2)}${r}`)!;
    assert.deepEqual([sum('people').v, sum('people').t], [17.5, 'n']);
    assert.equal(sum('funds').v, 0.3, '0.1 + 0.2 is written as 0.3');
    assert.equal(sum('content').v, null);
    assert.equal(sheet.maxRow, r);

    const none = path.join(tempDir(t), 'no-totals.xlsx');
    await exportTable(none, opinionTable());
    assert.equal(readWithOpenpyxl(none).sheets[0]!.maxRow, r - 1, 'no 合计 row unless asked');
  });

  it('takes rows from an async iterable and reports progress up to the row count', async (t) => {
    const out = path.join(tempDir(t), 'async.xlsx');
    async function* rows() {
      for (let i = 0; i < 1234; i++) yield { source: `来源${i}`, people: i };
    }
    const seen: number[] = [];
    const result = await exportTable(out, opinionTable({ rows: rows() }), { onProgress: (n) => seen.push(n) });
    assert.equal(result.rows, 1234);
    assert.deepEqual(seen, [...new Set(seen)].sort((a, b) => a - b), 'progress only grows');
    assert.equal(seen.at(-1), 1234);
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.maxRow, FIRST_DATA_ROW + 1233);
    assert.deepEqual(rowValues(sheet, FIRST_DATA_ROW + 1233).slice(0, 2), [1234, '来源1233']);
  });
});
