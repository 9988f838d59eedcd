import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exportCommand } from '../../../electron/cli/commands/export';
import { exitFor, parse, type CliIo } from '../../../electron/cli/io';
import { openBackend } from '../../../electron/backend/backend';
import { tempDir } from '../../helpers/temp-db';

/** Runs the command as runCli does (parse, run, exit status from the error); index.ts registers it. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') };
  try {
    const parsed = parse(exportCommand, argv);
    const code = await exportCommand.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals.slice(1) }, io);
    return { code, out, err };
  } catch (e) {
    return { code: exitFor(e), out, err: err + (e as Error).message };
  }
}

function demoDb(dir: string): string {
  const db = path.join(dir, 'demo.db');
  const backend = openBackend(db);
  backend.demo.load();
  backend.close();
  return db;
}

describe('CLI: export CATEGORY --db F --out FILE.xlsx', () => {
  it('exports the roster and prints {"out", "rows"} as the one JSON document', async (t) => {
    const dir = tempDir(t);
    const db = demoDb(dir);
    const out = path.join(dir, '花名册.xlsx');
    const r = await run(['export', 'roster', '--db', db, '--out', out, '--json']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as { out: string; rows: number };
    assert.equal(doc.out, out);
    assert.ok(doc.rows > 100, `${doc.rows} demo people`);
    assert.ok(fs.statSync(out).size > 10000);
  });

  it('exports a ledger category by name: the demo 征求意见台账 with its 32 opinions', async (t) => {
    const dir = tempDir(t);
    const db = demoDb(dir);
    const out = path.join(dir, 'opinions.xlsx');
    const r = await run(['export', '征求意见台账', '--db', db, '--out', out, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { out, rows: 32 });
  });

  it('exports the task list (tasks) and honours the roster’s built-in 通讯录 preset', async (t) => {
    const dir = tempDir(t);
    const db = demoDb(dir);
    const backend = openBackend(db);
    const tasks = backend.supervision.tasks.list({ limit: 1_000_000 }).length;
    backend.close();
    const out = path.join(dir, 'tasks.xlsx');
    const r = await run(['export', 'tasks', '--db', db, '--out', out, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { out, rows: tasks });
    assert.ok(tasks > 10, `${tasks} demo tasks`);
    const contacts = await run(['export', 'roster', '--db', db, '--out', path.join(dir, 'c.xlsx'), '--preset', '通讯录', '--json']);
    assert.equal(contacts.code, 0, contacts.err);
  });

  it('refuses an unknown category (exit 1), usage mistakes exit 2', async (t) => {
    const dir = tempDir(t);
    const db = demoDb(dir);
    const unknown = await run(['export', '无此台账', '--db', db, '--out', path.join(dir, 'a.xlsx'), '--json']);
    assert.deepEqual([unknown.code, unknown.out], [1, '']);
    assert.match(unknown.err, /台账类别“无此台账”不存在/);
    const preset = await run(['export', 'roster', '--db', db, '--out', path.join(dir, 'a.xlsx'), '--preset', '无此方案']);
    assert.equal(preset.code, 1);
    assert.match(preset.err, /导出方案“无此方案”不存在，花名册可用的方案：“花名册”、“通讯录”/);
    assert.equal((await run(['export', 'roster', '--db', db])).code, 2, 'no --out');
    assert.equal((await run(['export', '--db', db, '--out', path.join(dir, 'a.xlsx')])).code, 2, 'no category');
    assert.equal((await run(['export', 'roster', '--db', db, '--out', path.join(dir, 'a.csv')])).code, 2, 'not .xlsx');
    assert.equal((await run(['export', 'roster', '--db', path.join(dir, 'none.db'), '--out', path.join(dir, 'a.xlsx')])).code, 1, 'no such database');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['demo.db', 'demo.db-shm', 'demo.db-wal'].filter((f) => fs.existsSync(path.join(dir, f))).sort());
  });
});
