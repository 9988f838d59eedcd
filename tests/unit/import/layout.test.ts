/** Sheets shaped by hand: titles, 填报 lines, merged 部门, totals, repeated headers, instructions sheets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectFile, readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { putRows, writeWorkbook } from './helpers/write-workbook';

const dir = tempDir('layout');
const people = makePeople(40);

describe('sheet layout', () => {
  it('finds the roster on the second sheet, after a 填表说明 sheet', async () => {
    const file = await writeWorkbook(dir, 'second-sheet.xlsx', (wb) => {
      const help = wb.addWorksheet('填表说明');
      putRows(help, [['填表说明'], ['1. 姓名、性别、公民身份号码为必填项'], ['2. 日期格式：1985-03-12'], ['3. 所在单位请填写全称']]);
      putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]);
    });
    const info = await inspectFile(file, { target: ROSTER_TARGET });
    assert.equal(info.chosenSheet, '花名册');
    assert.deepEqual(
      info.sheets.map((s) => [s.name, s.rows]),
      [
        ['填表说明', 4],
        ['花名册', 41],
      ],
    );
    assert.deepEqual(info.headerRows, [1]);
    assert.equal(info.mapping?.['公民身份号码'], 'idNumber');

    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.sheet, '花名册');
    assert.equal(r.rows.length, 40);
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
  });

  it('reads the sheet the user chose, and names the sheets when the choice does not exist', async () => {
    const file = await writeWorkbook(dir, 'two-lists.xlsx', (wb) => {
      putRows(wb.addWorksheet('一季度'), [ROSTER_HEADER, ...people.slice(0, 10).map(asRow)]);
      putRows(wb.addWorksheet('二季度'), [ROSTER_HEADER, ...people.slice(10, 13).map(asRow)]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET, sheet: '二季度' });
    assert.equal(r.sheet, '二季度');
    assert.equal(r.rows.length, 3);
    await assert.rejects(readTable(file, { target: ROSTER_TARGET, sheet: '三季度' }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'IMPORT_SHEET_NOT_FOUND');
      assert.match(e.message, /三季度/);
      assert.match(e.message, /一季度.*二季度/);
      return true;
    });
  });

  it('skips title rows and the 填报单位/填报日期 line; fills a merged 部门 down; skips totals, signatures and 以下空白', async () => {
    const file = await writeWorkbook(dir, 'office-form.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      putRows(ws, [
        ['XX市公安局队伍教育整顿参训人员花名册'],
        ['填报单位：（盖章）政治部', undefined, undefined, undefined, '填报日期：2021年3月10日'],
        ['序号', '姓  名', '性别', '部门', '警 号', '身份证\n号码', '出生年月'],
        ...people.slice(0, 9).map((p, i) => [i + 1, p.name, p.sex, i < 5 ? '刑侦支队' : i === 5 ? '治安支队' : undefined, p.badge, p.idNumber, p.birth]),
        [],
        ['合计', '9人'],
        ['以下空白'],
        ['填表人：张三', undefined, undefined, undefined, '审核人：李四'],
      ]);
      ws.mergeCells('A1:G1');
      ws.mergeCells('D4:D8');
      ws.mergeCells('D9:D12');
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.deepEqual(r.headerRows, [3]);
    assert.equal(r.headerRow, 3);
    assert.deepEqual(r.columns, ['序号', '姓名', '性别', '部门', '警号', '身份证号码', '出生年月']);
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.equal(r.rows.length, 9);
    assert.deepEqual(
      r.rows.map((x) => x.values.unit),
      ['刑侦支队', '刑侦支队', '刑侦支队', '刑侦支队', '刑侦支队', '治安支队', '治安支队', '治安支队', '治安支队'],
    );
    assert.deepEqual(
      r.rows.map((x) => x.row),
      [4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.deepEqual(
      r.skipped.map((s) => [s.row, s.reason]),
      [
        [14, '合计行'],
        [15, '以下空白'],
        [16, '签名栏或说明'],
      ],
    );
  });

  it('a header row repeated in the middle (two pages pasted together) is skipped', async () => {
    const file = await writeWorkbook(dir, 'repeated-header.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [ROSTER_HEADER, ...people.slice(0, 5).map(asRow), ROSTER_HEADER, ...people.slice(5, 10).map(asRow)]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, 10);
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.deepEqual(r.skipped, [{ row: 7, reason: '重复的表头行' }]);
    assert.equal(r.rows[5]!.row, 8);
  });

  it('a two-row merged header with a group over three columns, written by ExcelJS', async () => {
    const file = await writeWorkbook(dir, 'two-row.xlsx', (wb) => {
      const ws = wb.addWorksheet('台账');
      putRows(ws, [
        ['姓名', '公民身份号码', '联系方式', undefined, '备注'],
        [undefined, undefined, '手机号码', '办公电话', undefined],
        ...people.slice(0, 3).map((p) => [p.name, p.idNumber, '13800138000', '0832-1234567', '']),
      ]);
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:B2');
      ws.mergeCells('C1:D1');
      ws.mergeCells('E1:E2');
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.deepEqual(r.headerRows, [1, 2]);
    assert.deepEqual(r.columns, ['姓名', '公民身份号码', '联系方式/手机号码', '联系方式/办公电话', '备注']);
    assert.equal(r.mapping['联系方式/手机号码'], 'phone');
    assert.equal(r.rows.length, 3);
    assert.equal(r.rows[0]!.values.phone, '13800138000');
  });

  it('a sheet without anything like a header ends in a clear message', async () => {
    const file = await writeWorkbook(dir, 'numbers.xlsx', (wb) => {
      putRows(wb.addWorksheet('数据'), [[1], [2], [3]]);
    });
    await assert.rejects(readTable(file, { target: ROSTER_TARGET }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'IMPORT_NO_DATA');
      assert.match(e.message, /没有找到表头/);
      return true;
    });
  });

  it('a header without a 姓名 column: the mapping is returned for correction, no row is judged', async () => {
    const file = await writeWorkbook(dir, 'no-name.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [
        ['人员', '性别', '公民身份号码'],
        ...people.slice(0, 3).map((p) => [p.name, p.sex, p.idNumber]),
      ]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.deepEqual(r.missingRequired, ['name']);
    assert.deepEqual(r.rows, []);
    assert.deepEqual(r.refused, []);
    // the user maps 人员 to 姓名 and reads again
    const fixed = await readTable(file, { target: ROSTER_TARGET, mapping: { ...r.mapping, 人员: 'name' } });
    assert.deepEqual(fixed.missingRequired, []);
    assert.equal(fixed.rows.length, 3);
    assert.equal(fixed.rows[0]!.values.name, people[0]!.name);
  });
});
