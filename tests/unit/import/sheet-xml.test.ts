/** Sheet XML that other writers produce, read cell by cell; and the rows' trip out of the worker. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectFile, readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import { packRows, unpackRows } from '../../../electron/backend/import/read/row-codec';
import { makePeople } from './helpers/people';
import { writeMinimalXlsx } from './helpers/minimal-xlsx';
import { tempDir } from './helpers/temp-dir';

const dir = tempDir('sheet-xml');
const [a, b, c] = makePeople(3) as [ReturnType<typeof makePeople>[number], ReturnType<typeof makePeople>[number], ReturnType<typeof makePeople>[number]];
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('sheet XML from other writers', () => {
  it('inline rich text with several runs, phonetic guides left out, entities decoded', async () => {
    const f = writeMinimalXlsx(
      dir,
      'rich.xlsx',
      `<row r="1">${inline('A1', '姓名')}${inline('B1', '公民身份号码')}${inline('C1', '备注')}</row>` +
        `<row r="2"><c r="A2" t="inlineStr"><is><r><t>${a.name.slice(0, 1)}</t></r><r><rPr><b/></rPr><t>${a.name.slice(1)}</t></r><rPh sb="0" eb="1"><t>ㄓㄤ</t></rPh></is></c>${inline('B2', a.idNumber)}${inline('C2', 'A&amp;B &lt;调研&gt; &#x4E2D;')}</row>`,
    );
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.equal(r.rows[0]!.values.name, a.name);
    assert.equal(r.rows[0]!.values.note, 'A&B <调研> 中');
  });

  it('t="d" ISO dates, t="b" booleans, errors, and cells without r="…"', async () => {
    const f = writeMinimalXlsx(
      dir,
      'types.xlsx',
      `<row>${inline('', '姓名').replace(' r=""', '')}${inline('', '出生日期').replace(' r=""', '')}${inline('', '备注').replace(' r=""', '')}</row>` +
        `<row><c t="inlineStr"><is><t>${b.name}</t></is></c><c t="d"><v>${b.birth}T00:00:00</v></c><c t="b"><v>1</v></c></row>` +
        `<row><c t="inlineStr"><is><t>${c.name}</t></is></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c></row>`,
    );
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.deepEqual(r.columns, ['姓名', '出生日期', '备注']);
    assert.equal(r.rows[0]!.row, 2);
    assert.equal(r.rows[0]!.values.birthDate, b.birth);
    assert.equal(r.rows[0]!.values.note, 'TRUE');
    assert.equal(r.refused[0]!.row, 3);
    assert.match(r.refused[0]!.reason, /#DIV\/0!/);
  });

  it('prefixed SpreadsheetML names (x:row, x:c) and a date1904="true" workbook', async () => {
    const f = writeMinimalXlsx(
      dir,
      'prefixed.xlsx',
      `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>公民身份号码</x:t></x:is></x:c></x:row>` +
        `<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>${a.name}</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>${a.idNumber}</x:t></x:is></x:c></x:row>`,
      { prefix: 'x', date1904: true },
    );
    const info = await inspectFile(f, { target: ROSTER_TARGET });
    assert.deepEqual(info.sheets, [{ name: '名单', rows: 2, hidden: false }]);
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.equal(r.date1904, true);
    assert.equal(r.rows[0]?.values.idNumber, a.idNumber);
  });
});

describe('rows packed for the worker boundary', () => {
  it('round-trips every kind of cell, formats and odd characters', () => {
    const rows = [
      { row: 3, cells: ['张三', null, 42.5, true, false, new Date(Date.UTC(1985, 2, 12)), 'a\u0000b'], formats: { 5: 'yyyy"年"m"月"' } },
      { row: 7, cells: [] },
      { row: 9, cells: [null, '', '中文\n换行'] },
    ];
    const back = unpackRows(structuredClone(packRows(rows)));
    assert.deepEqual(back, rows);
  });
});
