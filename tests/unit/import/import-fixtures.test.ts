/**
 * Every fixture in tests/fixtures/import (the third-party files at the top, generated/ from
 * make-import-fixtures.py) imports with the result its .expect.json states; the third-party
 * files are also checked in the detail their shapes call for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import { importFixture as fixture, listImportFixtures } from '../../helpers/fixtures';
import { checkFixture, checkOpinionsFixture, readExpect, type OpinionsExpect, type RosterExpect } from '../../helpers/import-expectations';

describe('import fixtures', () => {
  const all = listImportFixtures();
  it('finds the fixtures (third-party and generated)', () => {
    assert.ok(all.length >= 10, `found ${all.map((f) => f.name).join(', ')}`);
  });
  for (const f of all) {
    it(`${f.name} imports as its .expect.json says`, async () => {
      await checkFixture(f.file, f.expectFile);
    });
  }

  it('roster_messy.xlsx: title and 填报 lines above the header, 部门 merged down, totals and signatures skipped', async () => {
    const r = await readTable(fixture('roster_messy.xlsx'), { target: ROSTER_TARGET });
    assert.equal(r.sheet, 'Sheet1', 'the data sheet, not the 填表说明 sheet');
    assert.deepEqual(r.headerRows, [3]);
    assert.equal(r.mapping['姓名'], 'name', '"姓  名" is shown as 姓名');
    assert.equal(r.mapping['身份证号码'], 'idNumber');
    assert.equal(r.mapping['出生年月'], 'birthDate');
    assert.equal(r.mapping['参加工作时间'], 'joinedDate');
    assert.deepEqual(
      r.skipped.map((s) => s.reason),
      ['合计行', '签名栏或说明'],
    );
    // every person has a 部门, though the cell is merged over many rows
    assert.ok(r.rows.every((x) => typeof x.values.unit === 'string' && x.values.unit !== ''));
    // names with stray ASCII/ideographic spaces come out without them
    assert.ok(r.rows.every((x) => !/[\s\u3000]/.test(String(x.values.name))));
  });

  it('roster_gbk.csv: GB18030 text, ID ending in X kept', async () => {
    const r = await readTable(fixture('roster_gbk.csv'), { target: ROSTER_TARGET });
    assert.equal(r.format, 'csv');
    assert.ok(r.rows.some((x) => x.values.idNumber === '62300019760714241X'));
    assert.equal(r.columns[0], '姓名');
  });

  it('roster_bad.xlsx: each bad row refused with its sheet row and a reason of its kind', async () => {
    const ex = readExpect<RosterExpect>(`${fixture('roster_bad.xlsx')}.expect.json`);
    const r = await readTable(fixture('roster_bad.xlsx'), { target: ROSTER_TARGET });
    assert.equal(r.rows.length + r.refused.length, 47, '47 data rows in the file');
    assert.equal(r.refused.length, ex.reasons?.length);
    const reasonOf = (pattern: RegExp) => r.refused.find((x) => pattern.test(x.reason));
    const kinds: [string, RegExp][] = [
      ['check digit', /校验位/],
      ['no name', /姓名不能为空/],
      ['17 digits', /应为18位，这里是17位/],
      ['impossible date', /出生日期.*1985年2月30日.*不存在/],
      ['sex not 男/女', /性别只能填/],
      ['duplicate ID in file', /与第\d+行重复/],
      ['ID as float: digits lost', /以数字形式存储，后几位已丢失/],
    ];
    for (const [kind, pattern] of kinds) assert.ok(reasonOf(pattern), `a refusal for: ${kind}`);
    // one refusal per row, each with its sheet row number
    assert.equal(new Set(r.refused.map((x) => x.row)).size, r.refused.length);
    assert.ok(r.refused.every((x) => x.row >= 2 && x.row <= 48));
    const dup = reasonOf(/重复/)!;
    assert.equal(dup.row, 47);
    assert.match(dup.reason, /第5行/, 'names the row of the first occurrence');
    assert.equal(reasonOf(/后几位已丢失/)!.row, 48);
    assert.equal(reasonOf(/姓名不能为空/)!.row, 43);
    // the refused rows keep their original cells for the error workbook
    assert.equal(reasonOf(/后几位已丢失/)!.raw.length, r.columns.length);
  });

  it('opinions_two_row_header.xlsx: two-row header flattened, 32 rows, 17 已办结, dates from the first data row', async () => {
    const file = fixture('opinions_two_row_header.xlsx');
    const r = await checkOpinionsFixture(file, readExpect<OpinionsExpect>(`${file}.expect.json`));
    assert.equal(r.rows[0]!.values.deadline, '2021-04-26');
    assert.equal(r.rows[0]!.row, 4, 'data starts in sheet row 4');
  });
});
