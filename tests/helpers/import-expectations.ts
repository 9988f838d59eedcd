import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readTable, ROSTER_TARGET, type ParsedImport } from '../../electron/backend/import/index';
import { OPINIONS_TARGET } from '../unit/import/helpers/opinions-target';

/**
 * What a fixture's `.expect.json` says a correct import finds, checked against our reader.
 * Roster fixtures: people, refused rows, header row, and sample people field by field.
 * Ledger fixtures (征求意见台账): header rows, flattened columns, rows, 已办结 count.
 */
interface Sample {
  badge: string;
  id: string;
  name: string;
  dept: string;
  birth: string;
}
export interface RosterExpect {
  people: number;
  errors: number;
  header_row?: number;
  reasons?: string[];
  sample: Sample[];
}
export interface OpinionsExpect {
  rows: number;
  header_rows: number[];
  columns: string[];
  done: number;
}

/** What each kind of refusal named in an .expect.json must say. */
export const REASON_PATTERNS: Record<string, RegExp> = {
  'check digit': /校验位/,
  'no name': /姓名不能为空/,
  '17 digits': /应为18位.*17位/,
  'impossible date': /不存在/,
  'sex not 男/女': /性别/,
  'duplicate ID in file': /重复/,
  'ID as float: digits lost': /数字形式存储|已丢失/,
};

export function readExpect<T>(expectFile: string): T {
  return JSON.parse(fs.readFileSync(expectFile, 'utf8')) as T;
}

export function isRosterExpect(e: RosterExpect | OpinionsExpect): e is RosterExpect {
  return 'people' in e;
}

function assertSamples(r: ParsedImport, samples: Sample[]) {
  for (const s of samples) {
    const row = r.rows.find((x) => x.values.idNumber === s.id);
    assert.ok(row, `sample ${s.name} (${s.id}) was imported`);
    assert.equal(row.values.badge, s.badge);
    assert.equal(row.values.idNumber, s.id);
    assert.equal(row.values.name, s.name);
    assert.equal(row.values.unit, s.dept);
    assert.equal(row.values.birthDate, s.birth);
  }
}

export async function checkRosterFixture(file: string, ex: RosterExpect): Promise<ParsedImport> {
  const r = await readTable(file, { target: ROSTER_TARGET });
  assert.deepEqual(r.missingRequired, []);
  assert.equal(r.rows.length, ex.people, 'people imported');
  assert.equal(r.refused.length, ex.errors, `rows refused: ${JSON.stringify(r.refused.map((x) => [x.row, x.reason]))}`);
  if (ex.header_row !== undefined) assert.equal(r.headerRow, ex.header_row);
  for (const kind of ex.reasons ?? []) {
    const pattern = REASON_PATTERNS[kind];
    assert.ok(pattern, `a known kind of refusal: ${kind}`);
    assert.ok(r.refused.some((x) => pattern.test(x.reason)), `a refusal for: ${kind}`);
  }
  assertSamples(r, ex.sample);
  // the mapping is plain JSON, as the CLI prints it
  assert.deepEqual(JSON.parse(JSON.stringify(r.mapping)), r.mapping);
  return r;
}

export async function checkOpinionsFixture(file: string, ex: OpinionsExpect): Promise<ParsedImport> {
  const r = await readTable(file, { target: OPINIONS_TARGET });
  assert.deepEqual(r.headerRows, ex.header_rows);
  assert.equal(r.headerRow, ex.header_rows[ex.header_rows.length - 1]);
  assert.deepEqual(r.columns, ex.columns);
  assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
  assert.equal(r.rows.length, ex.rows);
  assert.equal(r.mapping['整改情况/办理状态'], 'status');
  assert.equal(r.mapping['整改情况/完成时限'], 'deadline');
  assert.equal(r.rows.filter((x) => x.values.status === '已办结').length, ex.done);
  return r;
}

/** Checks one fixture against its .expect.json, whichever kind it is. */
export async function checkFixture(file: string, expectFile: string): Promise<ParsedImport> {
  const ex = readExpect<RosterExpect | OpinionsExpect>(expectFile);
  return isRosterExpect(ex) ? checkRosterFixture(file, ex) : checkOpinionsFixture(file, ex);
}
