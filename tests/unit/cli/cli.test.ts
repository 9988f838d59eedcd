import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/db/migrations';
import { parseIdNumber } from '../../../shared/validation/id-number';
import { CJK, inProcessCli, npmCli, onlyJson } from '../../helpers/cli';
import { makeIdNumber, openTestBackend, tempDir } from '../../helpers/temp-db';

const ROSTER_KEYS = ['name', 'sex', 'badge', 'idNumber', 'birthDate', 'unit', 'phone', 'politicalStatus', 'post', 'joinedDate'];

type RosterEntry = Record<string, string | null>;

/**
 * The contract of docs/cli.md through `npm run -s cli`, as outside checks call it.
 * One demo database is made once (by the CLI itself) and read by the tests after it.
 */
describe('CLI through `npm run -s cli` (as outside checks run it)', () => {
  let dir = '';
  let demoDb = '';

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-cli-'));
    demoDb = path.join(dir, '示例 office.db');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('init --demo --json prints exactly {"db","schemaVersion"} and exits 0', () => {
    const r = npmCli(['init', '--db', demoDb, '--demo', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(onlyJson(r), { db: demoDb, schemaVersion: LATEST_SCHEMA_VERSION });
    assert.match(r.stderr, /已载入示例数据/, 'messages go to stderr');
    assert.ok(fs.existsSync(demoDb));
  });

  it('check --json prints ok, schemaVersion, integrity and counts', () => {
    const r = npmCli(['check', '--db', demoDb, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = onlyJson(r) as { ok: boolean; schemaVersion: number; integrity: string; counts: Record<string, number> };
    // the demo's task tree is laid out around today (recurring tasks from last month to two
    // months ahead), so its size depends on the date: the count must be what the file holds
    const raw = new BetterSqlite3(demoDb, { readonly: true });
    const tasksInFile = (raw.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
    raw.close();
    assert.deepEqual(doc, { ok: true, schemaVersion: LATEST_SCHEMA_VERSION, integrity: 'ok', counts: { people: 360, units: doc.counts.units, records: 157, tasks: tasksInFile } });
    // the demo's ledgers: 32 opinions + 29 practical matters + 96 study sessions; a task tree of dozens
    assert.ok(tasksInFile >= 50, `the demo's task tree, got ${tasksInFile}`);
    assert.ok(doc.counts.units! >= 30 && doc.counts.units! <= 50, `~38 units, got ${doc.counts.units}`);
  });

  it('export prints its own Chinese message and nothing else (no notice from a library on stderr)', () => {
    const out = path.join(dir, '征求意见台账.xlsx');
    const r = npmCli(['export', '征求意见台账', '--db', demoDb, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `已导出 32 行到 ${out}`);
    assert.equal(r.stderr, '');
    assert.ok(fs.statSync(out).size > 0);
  });

  it('roster list --json prints every person with the contract keys, null for absent, ISO dates', () => {
    const r = npmCli(['roster', 'list', '--db', demoDb, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const people = onlyJson(r) as RosterEntry[];
    assert.ok(Array.isArray(people));
    assert.equal(people.length, 360);
    for (const p of people) {
      assert.deepEqual(Object.keys(p).slice(0, ROSTER_KEYS.length).sort(), [...ROSTER_KEYS].sort());
      for (const k of ROSTER_KEYS) assert.ok(p[k] === null || typeof p[k] === 'string', `${k} is a string or null`);
      assert.match(p.birthDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
      assert.match(p.joinedDate ?? '', /^\d{4}-\d{2}(-\d{2})?$/);
      const id = parseIdNumber(p.idNumber ?? '');
      assert.ok(id.ok, `${p.name}: ${p.idNumber}`);
      assert.equal(id.info.birthDate, p.birthDate);
      assert.equal(id.info.sex, p.sex);
      assert.ok(p.unit && CJK.test(p.unit), 'unit as its name');
    }
  });

  it('an unknown command is a usage error: exit 2, nothing on stdout', () => {
    const r = npmCli(['frobnicate', '--db', demoDb, '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /未知命令：frobnicate/);
  });

  it('a wrong option is told in Chinese, naming it: exit 2, nothing on stdout', () => {
    for (const [args, said] of [
      [['check', '--db', demoDb, '--bogus'], /^未知的选项：--bogus/],
      [['check', '--db'], /^选项 --db 后面需要一个值/],
      [['check', '--db', demoDb, '--json=yes'], /^选项 --json 不带值/],
    ] as const) {
      const r = npmCli([...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, said);
      assert.doesNotMatch(r.stderr, /Unknown option|argument missing|does not take an argument/);
    }
  });

  it('a missing --db is a usage error: exit 2, nothing on stdout', () => {
    const r = npmCli(['check', '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /缺少 --db/);
  });

  it('init --demo on a file that already has data is refused: exit 1, nothing added', () => {
    const r = npmCli(['init', '--db', demoDb, '--demo', '--json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /示例数据只能载入到空的数据文件/);
    const db = new BetterSqlite3(demoDb, { readonly: true });
    try {
      assert.equal(db.prepare('SELECT count(*) FROM people').pluck().get(), 360);
    } finally {
      db.close();
    }
  });

  it('check on a file that is not a database is refused: exit 1, a Chinese reason on stderr', () => {
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库\n');
    const r = npmCli(['check', '--db', text, '--json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /不是台账督办助手的数据文件/);
    assert.equal(fs.readFileSync(text, 'utf8'), '这不是数据库\n');
  });
});

describe('CLI in process (runCli, same entry point)', () => {
  it('init on a new file creates an empty database; init again is harmless', async (t) => {
    const file = path.join(tempDir(t), 'deep', 'new.db');
    const r = await inProcessCli(['init', '--db', file, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(onlyJson(r), { db: file, schemaVersion: LATEST_SCHEMA_VERSION });
    const again = await inProcessCli(['init', '--db', file, '--json']);
    assert.equal(again.status, 0);
    const check = onlyJson(await inProcessCli(['check', '--db', file, '--json']));
    assert.deepEqual(check, { ok: true, schemaVersion: LATEST_SCHEMA_VERSION, integrity: 'ok', counts: { people: 0, units: 0, records: 0, tasks: 0 } });
  });

  it('roster list: keys in contract order, null for absent values, month-precision dates kept, unit by name', async (t) => {
    const { backend, dbPath } = openTestBackend(t);
    const unit = backend.units.create({ name: '法制支队', parentId: null, kind: 'department' });
    const id = makeIdNumber('1986-10-01', '女', '512021', 5);
    backend.roster.create({ name: '刘芳', idNumber: id, badge: '012345', unitId: unit.id, phone: '0832-1234567', politicalStatus: '党员', post: '科长', joinedDate: '2008.9', rank: '一级警长' });
    backend.roster.create({ name: '陈明' });
    backend.close();
    const r = await inProcessCli(['roster', 'list', '--db', dbPath, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const people = onlyJson(r) as RosterEntry[];
    assert.deepEqual(people, [
      {
        name: '刘芳',
        sex: '女',
        badge: '012345',
        idNumber: id,
        birthDate: '1986-10-01',
        unit: '法制支队',
        phone: '08321234567',
        politicalStatus: '中共党员',
        post: '科长',
        joinedDate: '2008-09',
      },
      { name: '陈明', sex: null, badge: null, idNumber: null, birthDate: null, unit: null, phone: null, politicalStatus: null, post: null, joinedDate: null },
    ]);
    assert.deepEqual(Object.keys(people[0]!), ROSTER_KEYS);
    // badge and ID stay text: a leading zero is not lost
    assert.match(r.stdout, /"badge":"012345"/);
  });

  it('roster list on an empty roster prints []', async (t) => {
    const file = path.join(tempDir(t), 'e.db');
    await inProcessCli(['init', '--db', file]);
    const r = await inProcessCli(['roster', 'list', '--db', file, '--json']);
    assert.equal(r.status, 0);
    assert.deepEqual(onlyJson(r), []);
  });

  it('without --json the output is for people (and still exit 0)', async (t) => {
    const file = path.join(tempDir(t), 'h.db');
    const r = await inProcessCli(['init', '--db', file]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /数据文件/);
    const l = await inProcessCli(['roster', 'list', '--db', file]);
    assert.match(l.stdout, /花名册为空/);
  });

  it('check and roster list on a missing file are refused (exit 1) and do not create it', async (t) => {
    const file = path.join(tempDir(t), 'missing.db');
    for (const args of [['check', '--db', file, '--json'], ['roster', 'list', '--db', file, '--json']]) {
      const r = await inProcessCli(args);
      assert.equal(r.status, 1, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /不存在/);
    }
    assert.equal(fs.existsSync(file), false);
  });

  it('check on a damaged database reports ok:false with the problem, exit 1', async (t) => {
    const file = path.join(tempDir(t), 'damaged.db');
    assert.equal((await inProcessCli(['init', '--db', file, '--demo'])).status, 0);
    const size = fs.statSync(file).size;
    const pages = Math.floor(size / 4096);
    assert.ok(pages > 20, `demo file has ${pages} pages`);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 4, 0xff), 0, 4096 * 4, 10 * 4096);
    fs.closeSync(fd);
    const r = await inProcessCli(['check', '--db', file, '--json']);
    assert.equal(r.status, 1);
    if (r.stdout.trim()) {
      const doc = onlyJson(r) as { ok: boolean; integrity: string };
      assert.equal(doc.ok, false);
      assert.notEqual(doc.integrity, 'ok');
    } else {
      assert.match(r.stderr, /损坏/);
    }
  });

  it('check reports a broken link (a person in a unit that no longer exists) as ok:false, exit 1', async (t) => {
    const file = path.join(tempDir(t), 'links.db');
    await inProcessCli(['init', '--db', file]);
    // as another tool might leave it: written with foreign keys off
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO people (name, unit_id, created_at, updated_at) VALUES ('张三', 42, 'x', 'x')").run();
    raw.close();
    const r = await inProcessCli(['check', '--db', file, '--json']);
    assert.equal(r.status, 1);
    const doc = onlyJson(r) as { ok: boolean; integrity: string; counts: { people: number } };
    assert.equal(doc.ok, false);
    assert.equal(doc.integrity, '1 处引用不一致');
    assert.equal(doc.counts.people, 1);
  });

  it('check on a database from a newer version is refused (exit 1) and the file is left alone', async (t) => {
    const file = path.join(tempDir(t), 'newer.db');
    await inProcessCli(['init', '--db', file]);
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const r = await inProcessCli(['check', '--db', file, '--json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /更新版本/);
    const after = new BetterSqlite3(file, { readonly: true });
    t.after(() => after.close());
    assert.equal(after.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 1);
  });

  it('init on a file of another program is refused (exit 1)', async (t) => {
    const file = path.join(tempDir(t), 'other.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    raw.close();
    const r = await inProcessCli(['init', '--db', file, '--json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /其他程序的数据库/);
  });

  it('usage errors exit 2 with the usage on stderr: no arguments, unknown option, missing --db value', async () => {
    for (const args of [[], ['check', '--db'], ['check', '--nonsense', '--db', 'x.db'], ['roster'], ['roster', 'list', '--json']]) {
      const r = await inProcessCli(args);
      assert.equal(r.status, 2, JSON.stringify(args));
      assert.equal(r.stdout, '', JSON.stringify(args));
      assert.match(r.stderr, /用法/, JSON.stringify(args));
    }
  });

  it('--help (and help, -h) prints every command and the exit codes on stdout, exit 0; after a command, that command only', async () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const r = await inProcessCli(args);
      assert.equal(r.status, 0, JSON.stringify(args));
      assert.equal(r.stderr, '');
      for (const c of ['init --db', 'check --db', 'roster list', 'import roster FILE', 'export', 'ledger create', 'tasks board']) assert.ok(r.stdout.includes(c), `${c} in the help`);
      assert.match(r.stdout, /退出码 0 成功，1 输入被拒绝/);
    }
    const one = await inProcessCli(['import', 'roster', '--help']);
    assert.equal(one.status, 0);
    assert.match(one.stdout, /^用法：npm run -s cli -- import roster FILE --db F .*--create-units/);
    assert.doesNotMatch(one.stdout, /ledger templates/);
  });

  it('an unknown --template is refused (exit 1) naming every valid template key', async (t) => {
    const db = path.join(tempDir(t), 'office.db');
    await inProcessCli(['init', '--db', db, '--json']);
    const r = await inProcessCli(['ledger', 'create', '--db', db, '--template', 'opinion', '--json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /没有名为“opinion”的内置模板。可用的模板：opinions（征求意见台账）、practical（我为群众办实事）/);
    assert.match(r.stderr, /bulletins（通报台账）/);
  });
});
