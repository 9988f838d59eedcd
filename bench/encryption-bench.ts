// Encryption cost (issue 14): the same work on a plain data file and on one encrypted with a
// password (SQLCipher 4 through better-sqlite3-multiple-ciphers) — a roster import through the
// CLI, the ledger grid's reads over 200,000 records, opening the file, a backup, and the
// one-time encryption of an existing file. Prints the machine's load with the figures.
//   node --import tsx bench/encryption-bench.ts [--rows 100000] [--records 200000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend, type Backend } from '../electron/backend/backend';
import { BackendHost } from '../electron/backend/host';
import { SearchIndex } from '../electron/backend/ledger/search-index';
import { DbRefs } from '../electron/backend/ledger/refs';
import type { FieldValue } from '../shared/domain/ledger';
import { generateRosterXlsx } from './roster-xlsx';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, records: { type: 'string', default: '200000' } } });
const ROWS = Number(args.rows);
const RECORDS = Number(args.records);
const PASSWORD = '督办2026春-bench';
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist/electron/cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-enc-bench-'));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

function cli(args: string[], env: Record<string, string> = {}, input?: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return secs(t0);
}

/** Records straight into the tables the service reads (as bench/ledger-bench.ts does). */
function fill(backend: Backend, count: number): number {
  const { db } = backend.ctx;
  for (let u = 0; u < 30; u++) backend.units.create({ name: `单位${u + 1}`, parentId: null, kind: 'department' });
  const unitIds = db.prepare('SELECT id FROM units').pluck().all() as number[];
  const cat = backend.ledger.categories.create({ templateKey: 'opinions', name: '大台账' });
  const fields = backend.ledger.categories.fields(cat.id);
  const index = new SearchIndex(db);
  const refs = new DbRefs(db);
  const insert = db.prepare("INSERT INTO ledger_records (category_id, data, created_at, updated_at) VALUES (?, ?, '2021-05-01T00:00:00Z', '2021-05-01T00:00:00Z')");
  const names = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  let seed = 42;
  const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  for (let done = 0; done < count; done += 50_000) {
    db.transaction(() => {
      for (let i = done; i < Math.min(count, done + 50_000); i++) {
        const values: Record<string, FieldValue> = {
          source: '座谈会',
          content: `${names[rand(20)]}${names[rand(20)]}反映：建议进一步加强窗口服务（编号${100000 + i}）`,
          aspect: '工作作风',
          unit: unitIds[rand(unitIds.length)]!,
          deadline: `202${rand(5)}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`,
          status: ['未办结', '办理中', '已办结'][rand(3)]!,
        };
        index.write(Number(insert.run(cat.id, JSON.stringify(values)).lastInsertRowid), fields, values, refs, true);
      }
    })();
  }
  db.exec('ANALYZE');
  return cat.id;
}

function gridTimes(backend: Backend, categoryId: number): Record<string, number> {
  const page = (over: object) => backend.ledger.rows({ categoryId, startRow: 0, endRow: 100, sort: [], filters: [], search: '', deleted: false, ...over });
  const time = (f: () => unknown, reps = 5) => {
    f();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) f();
    return (secs(t0) * 1000) / reps;
  };
  return {
    'first page': time(() => page({})),
    'sort by date desc': time(() => page({ sort: [{ field: 'deadline', dir: 'desc' }] })),
    'page at row 150,000 (sorted)': time(() => page({ sort: [{ field: 'deadline', dir: 'asc' }], startRow: 150_000, endRow: 150_100 })),
    'filter status = 已办结': time(() => page({ filters: [{ field: 'status', op: 'equals', value: '已办结' }] })),
    'search in grid (王李)': time(() => page({ search: '王李' })),
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('run `node scripts/build.mjs` first');
  console.log(`load at start (1/5/15 min): ${load()}; ${os.cpus().length} cores`);

  // 1. import through the CLI, into a plain and into an encrypted file
  const xlsx = path.join(dir, 'roster.xlsx');
  await generateRosterXlsx(xlsx, ROWS);
  const plainDb = path.join(dir, 'plain', 'office.db');
  const encDb = path.join(dir, 'enc', 'office.db');
  for (const d of [plainDb, encDb]) fs.mkdirSync(path.dirname(d));
  cli(['init', '--db', plainDb]);
  cli(['init', '--db', encDb]);
  cli(['lock', 'set', '--db', encDb, '--password-stdin'], {}, `${PASSWORD}\n`);
  const importPlain = cli(['import', 'roster', xlsx, '--db', plainDb, '--create-units', '--json']);
  const importEnc = cli(['import', 'roster', xlsx, '--db', encDb, '--create-units', '--json'], { LEDGERDESK_PASSWORD: PASSWORD });
  console.log(`\nimport ${ROWS} rows × 12 columns (.xlsx, CLI, one transaction)   load ${load()}`);
  console.log(`  plain      ${importPlain.toFixed(2).padStart(7)} s`);
  console.log(`  encrypted  ${importEnc.toFixed(2).padStart(7)} s   ${(importEnc / importPlain).toFixed(2)}×`);

  // 2. the grid over RECORDS records, and the one-time encryption of that file
  const gridPlain = path.join(dir, 'grid-plain', 'ledger.db');
  fs.mkdirSync(path.dirname(gridPlain));
  let backend = openBackend(gridPlain, { actor: 'bench' });
  const categoryId = fill(backend, RECORDS);
  backend.close();
  const gridEnc = path.join(dir, 'grid-enc', 'ledger.db');
  fs.mkdirSync(path.dirname(gridEnc));
  for (const ext of ['', '-wal', '-shm']) if (fs.existsSync(gridPlain + ext)) fs.copyFileSync(gridPlain + ext, gridEnc + ext);
  const size = fs.statSync(gridPlain).size;
  const host = new BackendHost(gridEnc, { actor: 'bench' });
  let t0 = process.hrtime.bigint();
  const set = await host.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 });
  if (!set.ok) throw new Error(set.error.message);
  const encryptSeconds = secs(t0);
  host.close();
  console.log(`\nsetting the password on a file of ${RECORDS} records (${(size / 1e6).toFixed(0)} MB): encrypted in ${encryptSeconds.toFixed(2)} s   load ${load()}`);

  const measures: Record<string, Record<string, number>> = {};
  for (const [label, file, password] of [['plain', gridPlain, undefined], ['encrypted', gridEnc, PASSWORD]] as const) {
    t0 = process.hrtime.bigint();
    backend = openBackend(file, { actor: 'bench', ...(password ? { password } : {}) });
    const open = secs(t0) * 1000;
    const grid = gridTimes(backend, categoryId);
    t0 = process.hrtime.bigint();
    await backend.backup.backupTo(path.join(dir, `backup-${label}.db`));
    const backup = secs(t0) * 1000;
    backend.close();
    measures[label] = { 'open the file': open, ...grid, 'backup (whole file)': backup };
  }
  console.log(`\n${RECORDS} records in one category (ms, warm, mean of 5; open and backup once)   load ${load()}`);
  console.log(`  ${''.padEnd(30)} ${'plain'.padStart(9)} ${'encrypted'.padStart(10)}   ratio`);
  for (const k of Object.keys(measures.plain!)) {
    const p = measures.plain![k]!;
    const e = measures.encrypted![k]!;
    console.log(`  ${k.padEnd(30)} ${p.toFixed(1).padStart(9)} ${e.toFixed(1).padStart(10)}   ${(e / p).toFixed(2)}×`);
  }
  console.log(`\nload at end: ${load()}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
