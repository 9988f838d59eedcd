import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import { makePeople } from './helpers/people';
import { tempDir } from './helpers/temp-dir';

const dir = tempDir('csv');
const people = makePeople(30);
const header = '姓名,性别,警号,身份证号码,出生日期,部门';
const line = (p: (typeof people)[number]) => [p.name, p.sex, p.badge, p.idNumber, p.birth.replace(/-/g, '/'), p.unit].join(',');

describe('CSV files', () => {
  it('GB18030 (what Excel/WPS on Chinese Windows writes), with a rare character outside GBK', async () => {
    const rows = people.map(line);
    rows[3] = rows[3]!.replace(people[3]!.name, '王䶮'); // 䶮 needs GB18030's four-byte form
    const file = path.join(dir, 'gb18030.csv');
    fs.writeFileSync(file, iconv.encode([header, ...rows].join('\r\n') + '\r\n', 'gb18030'));
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.format, 'csv');
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.equal(r.rows.length, 30);
    assert.equal(r.rows[3]!.values.name, '王䶮');
    assert.equal(r.rows[0]!.values.unit, people[0]!.unit);
    assert.equal(r.rows[0]!.row, 2);
  });

  it('UTF-8 with BOM, quoted fields holding commas and line breaks', async () => {
    const p = people[0]!;
    const text =
      '\ufeff' +
      [
        '姓名,性别,警号,身份证号码,出生日期,部门,备注',
        `${p.name},${p.sex},${p.badge},${p.idNumber},${p.birth},${p.unit},"借调至市局，另有任用"`,
        `${people[1]!.name},${people[1]!.sex},${people[1]!.badge},${people[1]!.idNumber},${people[1]!.birth},${people[1]!.unit},"第一行\n第二行 ""引号"""`,
        `${people[2]!.name},${people[2]!.sex},${people[2]!.badge},${people[2]!.idNumber},${people[2]!.birth},${people[2]!.unit},`,
      ].join('\n');
    const file = path.join(dir, 'bom.csv');
    fs.writeFileSync(file, text, 'utf8');
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.columns[0], '姓名', 'the BOM is not part of the first header');
    assert.equal(r.mapping['姓名'], 'name');
    assert.equal(r.rows.length, 3);
    assert.equal(r.rows[0]!.values.note, '借调至市局，另有任用');
    assert.equal(r.rows[1]!.values.note, '第一行\n第二行 "引号"');
    assert.equal(r.rows[2]!.row, 4, 'rows are numbered by record, as Excel does');
  });

  it('UTF-8 without BOM and tab-separated', async () => {
    const file = path.join(dir, 'tabs.csv');
    fs.writeFileSync(file, [header.replace(/,/g, '\t'), ...people.slice(0, 5).map((p) => line(p).replace(/,/g, '\t'))].join('\n'));
    const r = await readTable(file, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, 5);
    assert.equal(r.rows[4]!.values.idNumber, people[4]!.idNumber);
  });
});
