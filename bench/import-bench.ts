// Import benchmark: a generated 100,000-row × 12-column roster .xlsx, and for that same file
// in the same run: ExcelJS's streaming read alone, our dry run, our full import, peak memory.
//   node --import tsx bench/import-bench.ts [--rows 100000]
// Each measurement runs in its own child process (the built CLI for ours, as users and outside
// checks run it), so its peak RSS is its own; /usr/bin/time-free: the child reports maxRSS.
// Targets (issue 3): full import within 1.5× of the bare streaming read, under 600 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRosterXlsx } from './roster-xlsx';

const ROOT = path.resolve(__dirname, '..');
const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-import-bench-'));
const file = path.join(dir, 'roster.xlsx');

const MAXRSS_HOOK = path.join(__dirname, 'report-maxrss.cjs');

function measure(label: string, args: string[]): { seconds: number; maxRssMb: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', MAXRSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: ROOT });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr);
  if (r.status !== 0 && !(label.startsWith('ours') && r.status === 1)) throw new Error(`${label} failed: ${r.stderr}`);
  return { seconds, maxRssMb: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/electron/cli.js'))) throw new Error('run `node scripts/build.mjs` first');
  const t0 = Date.now();
  await generateRosterXlsx(file, ROWS);
  console.log(`file: ${ROWS} rows × 12 columns, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const bare = measure('exceljs', [path.join(__dirname, 'exceljs-stream-read.cjs'), file]);
  const db = path.join(dir, 'bench.db');
  const cli = path.join(ROOT, 'dist/electron/cli.js');
  const init = spawnSync(process.execPath, [cli, 'init', '--db', db, '--json'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const dry = measure('ours dry run', [cli, 'import', 'roster', file, '--db', db, '--create-units', '--dry-run', '--json']);
  const full = measure('ours full import', [cli, 'import', 'roster', file, '--db', db, '--create-units', '--json']);
  const summary = JSON.parse(full.stdout) as { added: number; refused: unknown[] };
  const ratio = full.seconds / bare.seconds;
  const rows = [
    ['ExcelJS streaming read alone', bare],
    ['our dry run (read, map, validate, classify, roll back)', dry],
    ['our full import (one transaction)', full],
  ] as const;
  for (const [name, m] of rows) console.log(`${name.padEnd(56)} ${m.seconds.toFixed(2).padStart(6)} s   peak ${m.maxRssMb.toFixed(0).padStart(4)} MB`);
  console.log(`full import / bare read: ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'ok' : 'OVER'}; peak ${full.maxRssMb.toFixed(0)} MB (target < 600 MB) ${full.maxRssMb < 600 ? 'ok' : 'OVER'}`);
  console.log(`imported ${summary.added} people, refused ${summary.refused.length}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
