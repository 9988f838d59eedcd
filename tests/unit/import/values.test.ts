/** Cell values as offices type them: IDs, dates in every form, full-width digits, spaces, units. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTable, ROSTER_TARGET, type ParsedImport } from '../../../electron/backend/import/index';
import { makePeople } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { patchZip } from './helpers/zip-tools';
import { putRows, writeWorkbook } from './helpers/write-workbook';

const dir = tempDir('values');
const people = makePeople(20);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const byRow = (r: ParsedImport, row: number) => r.rows.find((x) => x.row === row);
const refusalAt = (r: ParsedImport, row: number) => r.refused.find((x) => x.row === row);

describe('cell values', () => {
  it('ID numbers: text kept whole, full-width digits and X accepted, numbers that lost digits refused', async () => {
    const p = people;
    const file = await writeWorkbook(dir, 'ids.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [
        ['姓名', '公民身份号码'],
        [p[0]!.name, p[0]!.idNumber],
        [p[1]!.name, fullWidth(p[1]!.idNumber)],
        [p[2]!.name, ` ${p[2]!.idNumber.slice(0, 6)} ${p[2]!.idNumber.slice(6)} `],
        [p[3]!.name, Number(p[3]!.idNumber.slice(0, 17) + '0')], // typed into a number cell
        [p[4]!.name, '5.10100198501E+17'], // pasted from a number cell shown in scientific notation
        [p[5]!.name, p[5]!.idNumber.toLowerCase()],
      ]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(byRow(r, 2)?.values.idNumber, p[0]!.idNumber);
    assert.equal(byRow(r, 3)?.values.idNumber, p[1]!.idNumber, 'full-width digits');
    assert.equal(byRow(r, 4)?.values.idNumber, p[2]!.idNumber, 'spaces inside');
    assert.equal(byRow(r, 7)?.values.idNumber, p[5]!.idNumber.toUpperCase());
    for (const row of [5, 6]) {
      assert.equal(refusalAt(r, row)?.reason, '公民身份号码以数字形式存储，后几位已丢失，请将该列设为文本后重新填写', `row ${row}`);
    }
  });

  it('dates: real date cells, serials, and text in the forms offices type', async () => {
    const file = await writeWorkbook(dir, 'dates.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      putRows(ws, [
        ['姓名', '出生日期', '参加工作时间'],
        ['甲', new Date(Date.UTC(1985, 2, 12)), '1985.3.12'],
        ['乙', '1985年3月12日', '1985/03/12'],
        ['丙', '19850312', 19850312],
        ['丁', 31118, '1985-3'], // a serial in a cell without a date format
        ['戊', '１９８５年３月１２日', '1985年3月'],
        ['己', '1985-03-12 00:00:00', 1985.03],
        ['庚', '1985年2月30日', 1985.1],
      ]);
      ws.getCell('B2').numFmt = 'yyyy-mm-dd';
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    const v = (row: number) => [byRow(r, row)?.values.birthDate, byRow(r, row)?.values.joinedDate];
    assert.deepEqual(v(2), ['1985-03-12', '1985-03-12']);
    assert.deepEqual(v(3), ['1985-03-12', '1985-03-12']);
    assert.deepEqual(v(4), ['1985-03-12', '1985-03-12']);
    assert.deepEqual(v(5), ['1985-03-12', '1985-03'], 'serial 31118, and month precision');
    assert.deepEqual(v(6), ['1985-03-12', '1985-03'], 'full-width digits');
    assert.deepEqual(v(7), ['1985-03-12', '1985-03'], 'a time part, and 1985.03 typed as a number');
    assert.match(refusalAt(r, 8)!.reason, /出生日期.*不存在/);
  });

  it('a number 1985.1 in a date column is refused: 1985.10 typed as a number reads the same', async () => {
    const file = await writeWorkbook(dir, 'ambiguous.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [
        ['姓名', '参加工作时间'],
        ['甲', 1985.1],
      ]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.match(r.refused[0]!.reason, /无法分辨是1月还是10月/);
  });

  it('a 1904-date workbook (old Mac Excel) reads the dates it shows', async () => {
    const file = await writeWorkbook(dir, 'mac1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('名单');
      putRows(ws, [
        ['姓名', '性别', '公民身份号码', '出生日期', '入警时间'],
        ...people.slice(0, 3).map((p) => [p.name, p.sex, p.idNumber, new Date(`${p.birth}T00:00:00Z`), new Date(Date.UTC(2010, 6, 1))]),
        [people[3]!.name, people[3]!.sex, people[3]!.idNumber, people[3]!.birth, 31118 - 1462], // a bare 1904 serial
      ]);
      for (let row = 2; row <= 4; row++) {
        ws.getCell(`D${row}`).numFmt = 'yyyy-mm-dd';
        ws.getCell(`E${row}`).numFmt = 'yyyy-mm-dd';
      }
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.date1904, true);
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    for (let i = 0; i < 3; i++) {
      assert.equal(r.rows[i]!.values.birthDate, people[i]!.birth);
      assert.equal(r.rows[i]!.values.joinedDate, '2010-07-01');
    }
    assert.equal(r.rows[3]!.values.joinedDate, '1985-03-12', 'serial counted from 1904-01-01');
  });

  it('Chinese built-in date formats (numFmtId 31 "yyyy年m月d日", 57 "yyyy年m月") that styles.xml never spells out', async () => {
    const file = await writeWorkbook(dir, 'builtin-formats.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      putRows(ws, [
        ['姓名', '出生日期', '入警时间'],
        ['甲', new Date(Date.UTC(1985, 2, 12)), new Date(Date.UTC(2009, 8, 1))],
      ]);
      ws.getCell('B2').numFmt = 'mm-dd-yy'; // built-in 14
      ws.getCell('C2').numFmt = 'd-mmm-yy'; // built-in 15
    });
    patchZip(file, 'xl/styles.xml', (xml) => xml.replace(/numFmtId="14"/g, 'numFmtId="31"').replace(/numFmtId="15"/g, 'numFmtId="57"'));
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.rows[0]?.values.birthDate, '1985-03-12');
    assert.equal(r.rows[0]?.values.joinedDate, '2009-09', 'shown as 2009年9月: month precision');
  });

  it('names trimmed and spaces inside removed; 性别 and 政治面貌 spellings; badges with leading zeros; phones as numbers', async () => {
    const p = people;
    const file = await writeWorkbook(dir, 'texts.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      putRows(ws, [
        ['姓名', '性别', '公民身份号码', '政治面貌', '警号', '手机号码'],
        [' 张\u3000 三 ', p[0]!.sex === '男' ? '男性' : '女性', p[0]!.idNumber, '党员', 1234, 13800138000],
        ['李四', p[1]!.sex, p[1]!.idNumber, '团员', '０１２３４５', '138 0013 8001'],
        ['王五', p[2]!.sex === '男' ? '女' : '男', p[2]!.idNumber, '群众', 'A-1', ''],
      ]);
      ws.getCell('E2').numFmt = '000000';
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    const a = byRow(r, 2)!.values;
    assert.equal(a.name, '张三');
    assert.equal(a.sex, p[0]!.sex);
    assert.equal(a.politicalStatus, '中共党员');
    assert.equal(a.badge, '001234', 'the cell shows 001234');
    assert.equal(a.phone, '13800138000');
    const b = byRow(r, 3)!.values;
    assert.equal(b.badge, '012345');
    assert.equal(b.phone, '13800138001');
    assert.equal(b.politicalStatus, '共青团员');
    assert.match(refusalAt(r, 4)!.reason, /性别.*与公民身份号码.*不一致/, 'sex checked against the ID');
  });

  it('units matched to the organisation; unknown ones reported, not created', async () => {
    const file = await writeWorkbook(dir, 'units.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [
        ['姓名', '所在单位'],
        ['甲', '刑侦 支队'],
        ['乙', '政治部'],
        ['丙', '网安支队'],
        ['丁', '网安支队'],
        ['戊', '禁毒支队'],
        ['', '经侦支队'],
      ]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET, units: ['刑侦支队', '政治部', '治安支队'] });
    assert.deepEqual(
      r.rows.map((x) => x.values.unit),
      ['刑侦支队', '政治部', '网安支队', '网安支队', '禁毒支队'],
    );
    assert.deepEqual(r.unknownUnits, ['网安支队', '禁毒支队'], 'a refused row (no name) offers no unit');
    assert.equal(byRow(r, 4)?.newUnit, '网安支队');
    assert.equal(byRow(r, 2)?.newUnit, undefined);
  });

  it('duplicates within the file: same ID, else same 警号, refused with the first row', async () => {
    const p = people;
    const file = await writeWorkbook(dir, 'dups.xlsx', (wb) => {
      putRows(wb.addWorksheet('名单'), [
        ['姓名', '警号', '公民身份号码'],
        [p[0]!.name, '100', p[0]!.idNumber],
        [p[1]!.name, '101', p[1]!.idNumber],
        [p[2]!.name, '102', p[0]!.idNumber],
        [p[3]!.name, '101', ''],
      ]);
    });
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, 2);
    assert.equal(refusalAt(r, 4)?.reason, '公民身份号码与第2行重复（同一文件中出现两次）');
    assert.equal(refusalAt(r, 5)?.reason, '警号/工号与第3行重复（同一文件中出现两次）');
  });
});
