import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import type { Person } from '../../../shared/domain/roster';
import { exportRoster } from '../../../electron/backend/export';
import { makeIdNumber, openTestBackend } from '../../helpers/temp-db';
import type { InspectedCell, InspectedSheet } from '../../helpers/inspect-xlsx';
import { readWithOpenpyxl } from './fixtures';

/** An ID whose check character is X (about one in eleven). */
function idEndingInX(birth: string, sex: '男' | '女'): string {
  for (let seq = 0; seq < 200; seq++) {
    const id = makeIdNumber(birth, sex, '510100', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X found');
}

function smallOffice(t: TestContext) {
  const tb = openTestBackend(t);
  const { backend } = tb;
  backend.app.setOfficeName('资阳市公安局政治部');
  const party = backend.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  const dept = backend.units.create({ name: '政治部', parentId: party.id, kind: 'department' });
  const centre = backend.units.create({ name: '指挥中心', parentId: party.id, kind: 'department' });
  backend.roster.create({
    name: '张晓红',
    idNumber: idEndingInX('1985-03-12', '女'),
    badge: '001234',
    politicalStatus: '中共党员',
    unitId: dept.id,
    post: '科员',
    rank: '一级警员',
    phone: '13800000000',
    joinedDate: '2008-07',
    category: '在职民警',
    note: '=1+1 不是公式',
  });
  backend.roster.create({
    name: '李建国',
    sex: '男',
    idNumber: makeIdNumber('1970-11-02', '男', '110105', 13),
    birthDate: '1970-11',
    badge: '200001',
    politicalStatus: '群众',
    unitId: centre.id,
    phone: '08321234567',
    joinedDate: '1992-08-01',
    note: '-伤残\n二级',
  });
  backend.roster.create({ name: '王芳' });
  return tb;
}

/** The roster as read from the sheet, by header label, dates back to YYYY-MM-DD / YYYY-MM. */
function readRoster(sheet: InspectedSheet): Record<string, InspectedCell['v']>[] {
  const header = sheet.rows[2]!.map((c) => c.v as string);
  const value = (c: InspectedCell) => (c.t === 'd' && typeof c.v === 'string' && !/d/.test(c.fmt) ? c.v.slice(0, 7) : c.v);
  return sheet.rows.slice(3).map((row) => Object.fromEntries(row.map((c, i) => [header[i]!, value(c)])));
}

const FIELDS: [label: string, key: keyof Person][] = [
  ['姓名', 'name'],
  ['性别', 'sex'],
  ['警号/工号', 'badge'],
  ['公民身份号码', 'idNumber'],
  ['出生日期', 'birthDate'],
  ['政治面貌', 'politicalStatus'],
  ['所在单位', 'unitName'],
  ['职务', 'post'],
  ['职级', 'rank'],
  ['联系电话', 'phone'],
  ['入职时间', 'joinedDate'],
  ['人员类别', 'category'],
  ['备注', 'note'],
];

describe('roster export (花名册)', () => {
  it('round trip: the same people come back field by field', async (t) => {
    const { backend, dir } = smallOffice(t);
    const out = path.join(dir, '花名册.xlsx');
    assert.deepEqual(await exportRoster(backend, out), { out, rows: 3 });
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.name, '花名册');
    assert.equal(sheet.rows[0]![0]!.v, '资阳市公安局政治部花名册');
    assert.equal(sheet.rows[1]![0]!.v, '填报单位：资阳市公安局政治部');
    assert.ok(sheet.rows[1]!.some((c) => c.v === '填报日期：2026年3月2日'), 'the report date is the office’s today');
    assert.deepEqual(
      sheet.rows[2]!.map((c) => c.v),
      ['序号', ...FIELDS.map(([label]) => label)],
    );

    const people = backend.roster.list();
    const read = readRoster(sheet);
    assert.equal(read.length, people.length);
    people.forEach((p, i) => {
      const row = read[i]!;
      assert.equal(row['序号'], i + 1);
      for (const [label, key] of FIELDS) assert.equal(row[label], p[key] ?? null, `${p.name}: ${label}`);
    });
    assert.ok(people[0]!.idNumber!.endsWith('X') && people[0]!.birthDate === '1985-03-12', 'the fixture has what it tests');
    assert.equal(people[1]!.birthDate, '1970-11', 'and a month-precise birth date');

    const cells = (label: string) => sheet.rows.slice(3).map((r) => r[FIELDS.findIndex(([l]) => l === label) + 1]!);
    for (const label of ['警号/工号', '公民身份号码', '联系电话']) {
      for (const c of cells(label)) if (c.v !== null) assert.deepEqual([c.t, c.fmt], ['s', '@'], `${label} ${c.ref} is text`);
    }
    assert.deepEqual(
      cells('出生日期').map((c) => [c.t, c.fmt]),
      [
        ['d', 'yyyy-mm-dd'],
        ['d', 'yyyy-mm'],
        ['n', 'yyyy-mm-dd'],
      ],
    );
    assert.equal(cells('备注')[1]!.quotePrefix, true, '"-伤残" stays text when edited');
    assert.equal(book.formulaTags, 0);
  });

  it('the 通讯录 preset picks its columns; an unknown preset is refused in Chinese', async (t) => {
    const { backend, dir } = smallOffice(t);
    const out = path.join(dir, '通讯录.xlsx');
    await exportRoster(backend, out, { preset: '通讯录' });
    await assert.rejects(exportRoster(backend, path.join(dir, 'x.xlsx'), { preset: '不存在' }), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'NOT_FOUND');
      assert.match(err.message, /导出方案“不存在”不存在.*“花名册”、“通讯录”/);
      return true;
    });
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.rows[0]![0]!.v, '资阳市公安局政治部通讯录');
    assert.deepEqual(
      sheet.rows[2]!.map((c) => c.v),
      ['序号', '姓名', '性别', '所在单位', '职务', '联系电话', '备注'],
    );
  });
});
