import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inProcessCli, npmCli, onlyJson } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-db';
import { IMPORT_FIXTURES, listImportFixtures } from '../../helpers/fixtures';
import { REASON_PATTERNS } from '../../helpers/import-expectations';

/**
 * `import roster` as outside checks call it (docs/cli.md): every fixture in
 * tests/fixtures/import imports with what its .expect.json states, and the roster then holds
 * the sample people field by field.
 */
const FIXTURES = IMPORT_FIXTURES;

interface Expect {
  people: number;
  errors: number;
  header_row?: number;
  reasons?: string[];
  sample: { badge: string; id: string; name: string; dept: string; birth: string }[];
}

interface ImportJson {
  sheet: string;
  headerRow: number;
  mapping: Record<string, string>;
  added: number;
  updated: number;
  unchanged: number;
  refused: { row: number; reason: string }[];
  applied: boolean;
}


const rosterFixtures = listImportFixtures().filter((f) => path.basename(f.file).startsWith('roster_'));

describe('CLI: import roster (each fixture into a fresh data file)', () => {
  for (const fixture of rosterFixtures) {
    it(fixture.name, async (t) => {
      const expect = JSON.parse(fs.readFileSync(fixture.expectFile, 'utf8')) as Expect;
      const db = path.join(tempDir(t), 'office.db');
      assert.equal((await inProcessCli(['init', '--db', db, '--json'])).status, 0);
      const run = await inProcessCli(['import', 'roster', fixture.file, '--db', db, '--create-units', '--json']);
      assert.equal(run.status, 0, run.stderr);
      const r = onlyJson(run) as ImportJson;
      assert.equal(r.added, expect.people);
      assert.equal(r.refused.length, expect.errors, JSON.stringify(r.refused));
      assert.equal(r.applied, true);
      if (expect.header_row) assert.equal(r.headerRow, expect.header_row);
      assert.ok(Object.values(r.mapping).includes('idNumber') && Object.values(r.mapping).includes('name'));
      for (const kind of expect.reasons ?? []) {
        const pattern = REASON_PATTERNS[kind];
        assert.ok(pattern, `no pattern for reason kind ${kind}`);
        assert.ok(r.refused.some((x) => pattern.test(x.reason) && x.row > r.headerRow), `${kind}: ${JSON.stringify(r.refused)}`);
      }

      const listed = onlyJson(await inProcessCli(['roster', 'list', '--db', db, '--json'])) as Record<string, unknown>[];
      assert.equal(listed.length, expect.people);
      for (const s of expect.sample) {
        const p = listed.find((x) => x.idNumber === s.id);
        assert.ok(p, `${s.name} (${s.id}) not in the roster`);
        assert.deepEqual([p.name, p.badge, p.unit, p.birthDate], [s.name, s.badge, s.dept, s.birth]);
      }
    });
  }

  it('a dry run applies nothing and says what would happen; the same import twice changes nothing', async (t) => {
    const db = path.join(tempDir(t), 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    const file = path.join(FIXTURES, 'roster_clean.xlsx');
    const dry = onlyJson(await inProcessCli(['import', 'roster', file, '--db', db, '--create-units', '--dry-run', '--json'])) as ImportJson;
    assert.deepEqual([dry.added, dry.applied], [200, false]);
    assert.equal((onlyJson(await inProcessCli(['roster', 'list', '--db', db, '--json'])) as unknown[]).length, 0);
    await inProcessCli(['import', 'roster', file, '--db', db, '--create-units', '--json']);
    const again = await inProcessCli(['import', 'roster', file, '--db', db, '--json']);
    const r = onlyJson(again) as ImportJson;
    assert.deepEqual([r.added, r.updated, r.unchanged, r.applied], [0, 0, 200, false]);
    assert.equal(again.status, 0, 'a file that is already in is not an error');
    const human = await inProcessCli(['import', 'roster', file, '--db', db]);
    assert.equal(human.status, 0);
    assert.match(human.stdout, /无变化 200 人.*\n.*没有需要导入的变化/s);
  });

  it('a file with only a header says so, and exits 1', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    const file = path.join(dir, 'header-only.csv');
    fs.writeFileSync(file, '姓名,公民身份号码,所在单位\n');
    const run = await inProcessCli(['import', 'roster', file, '--db', db, '--json']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout.trim(), '', 'nothing on stdout when the file is refused');
    assert.match(run.stderr, /第 1 行是表头，但下面没有数据行/);
  });

  it('a missing required column is named as the clerk knows it (姓名), not by its internal key', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    const file = path.join(dir, 'no-name.csv');
    fs.writeFileSync(file, '公民身份号码,所在单位,备注\n110101198503121234,政治部,x\n');
    const run = await inProcessCli(['import', 'roster', file, '--db', db, '--json']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /找不到必填列：姓名/);
    assert.doesNotMatch(run.stderr, /\bname\b/);
  });

  it('without --create-units, rows of units the organisation lacks are refused, naming the unit', async (t) => {
    const db = path.join(tempDir(t), 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    const run = await inProcessCli(['import', 'roster', path.join(FIXTURES, 'roster_gbk.csv'), '--db', db, '--json']);
    const r = onlyJson(run) as ImportJson;
    assert.equal(r.added, 0);
    assert.equal(run.status, 1);
    assert.match(r.refused[0]!.reason, /所在单位“.+”不在组织架构中（加 --create-units 可一并创建）/);
    assert.doesNotMatch(r.refused[0]!.reason, /勾选/, 'the CLI user has no tick box');
  });

  it('import ledger creates the units the tree lacks (its contract has no flag for it) and reports them as import roster --create-units does', async (t) => {
    const db = path.join(tempDir(t), 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    await inProcessCli(['ledger', 'create', '--db', db, '--template', 'opinions', '--json']);
    const file = path.join(FIXTURES, 'opinions_two_row_header.xlsx');
    const dry = onlyJson(await inProcessCli(['import', 'ledger', '征求意见台账', file, '--db', db, '--dry-run', '--json'])) as ImportJson & { unitsCreated: string[] };
    assert.deepEqual([dry.added, dry.applied], [32, false]);
    assert.ok(dry.unitsCreated.includes('交警支队'), 'the dry run names the units it would create');
    const run = await inProcessCli(['import', 'ledger', '征求意见台账', file, '--db', db, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const u = onlyJson(run) as ImportJson & { unitsCreated: string[] };
    assert.deepEqual([u.added, u.refused.length, u.applied], [32, 0, true]);
    assert.ok(u.unitsCreated.includes('交警支队'));
    const units = onlyJson(await inProcessCli(['roster', 'list', '--db', db, '--json'])) as unknown[];
    assert.equal(units.length, 0, 'no people came with the ledger');
  });

  it('an .xls file is refused with a Chinese message and exit 1, through npm run cli', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'office.db');
    assert.equal(npmCli(['init', '--db', db, '--json']).status, 0);
    const xls = path.join(dir, '花名册.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    const run = npmCli(['import', 'roster', xls, '--db', db, '--json']);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout.trim(), '', 'nothing on stdout when the file is refused');
    assert.match(run.stderr, /另存为/);
  });
});
