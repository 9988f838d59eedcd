// Import benchmark (issue 11): a generated 100,000-row × 12-column roster .xlsx, in both
// string variants (texts inline in the sheet, and in xl/sharedStrings.xml as Excel saves
// them); for each file, in the same run: ExcelJS's bare streaming read, our dry run and our
// full import (read, map, validate, classify, store with audit, one transaction), with peak
// memory. Then 1,000,000 rows: refused at once, the limit named.
//   node --import tsx bench/import-bench.ts [--rows 100000] [--runs 1] [--no-million]
// With --runs N each variant is measured N times, ExcelJS and ours one after the other each
// time (on a shared machine the load moves between runs: compare within a run).
// Each measurement runs in its own child process (the built CLI for ours, as users and
// outside checks run it), so its peak RSS is its own (the child reports maxRSS, threads included).
// Targets: full import ≤ 0.6× the bare read (stretch 0.4×), peak ≤ 300 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const MILLION = !process.argv.includes('--no-million');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1])) : 1;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-import-bench-'));
const cli = path.join(ROOT, 'dist/electron/cli.js');
const MAXRSS_HOOK = path.join(__dirname, 'report-maxrss.cjs');

interface Measured {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
  status: number | null;
}

/** GNU time, when installed, accounts a child's CPU (every thread) and peak memory from the kernel. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function measure(args: string[]): Measured {
  const t0 = process.hrtime.bigint();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'GNU_TIME %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: ROOT })
    : spawnSync(process.execPath, ['--require', MAXRSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: ROOT });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const gnu = /GNU_TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (gnu) return { seconds, cpuSeconds: Number(gnu[1]) + Number(gnu[2]), maxRssMb: Number(gnu[3]) / 1024, stdout: r.stdout, stderr: r.stderr, status: r.status };
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr);
  const cpu = /CPU_MS (\d+)/.exec(r.stderr);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) / 1000 : NaN, maxRssMb: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** In a child of its own: see roster-xlsx.ts. */
function generate(file: string, rows: number, sharedStrings: boolean): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'roster-xlsx.ts'), file, String(rows), sharedStrings ? 'shared' : 'inline'], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`generating ${file} failed: ${r.stderr}`);
}

function freshDb(name: string): string {
  const db = path.join(dir, `${name}.db`);
  const init = spawnSync(process.execPath, [cli, 'init', '--db', db, '--json'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  return db;
}

const line = (name: string, m: Measured) =>
  console.log(`  ${name.padEnd(54)} ${m.seconds.toFixed(2).padStart(6)} s (cpu ${m.cpuSeconds.toFixed(2).padStart(5)} s)   peak ${m.maxRssMb.toFixed(0).padStart(4)} MB`);

async function variant(label: string, sharedStrings: boolean): Promise<{ ratio: number; peak: number }> {
  const file = path.join(dir, `roster-${sharedStrings ? 'shared' : 'inline'}.xlsx`);
  const t0 = Date.now();
  generate(file, ROWS, sharedStrings);
  console.log(`${label}: ${ROWS.toLocaleString('en-US')} rows × 12 columns, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const ratios: number[] = [];
  let peak = 0;
  for (let run = 1; run <= RUNS; run++) {
    if (RUNS > 1) console.log(`  run ${run} of ${RUNS} (load ${os.loadavg()[0]!.toFixed(2)})`);
    const bare = measure([path.join(__dirname, 'exceljs-stream-read.cjs'), file]);
    if (bare.status !== 0) throw new Error(`ExcelJS read failed: ${bare.stderr}`);
    const dry = measure([cli, 'import', 'roster', file, '--db', freshDb(`dry-${sharedStrings}-${run}`), '--create-units', '--dry-run', '--json']);
    const full = measure([cli, 'import', 'roster', file, '--db', freshDb(`full-${sharedStrings}-${run}`), '--create-units', '--json']);
    if (full.status !== 0) throw new Error(`our import failed: ${full.stderr}`);
    const summary = JSON.parse(full.stdout) as { added: number; refused: unknown[] };
    line('ExcelJS streaming read alone (every cell touched)', bare);
    line('our dry run (read, map, validate, classify, roll back)', dry);
    line('our full import (… store with audit, one transaction)', full);
    const ratio = full.seconds / bare.seconds;
    ratios.push(ratio);
    peak = Math.max(peak, full.maxRssMb);
    console.log(`  imported ${summary.added.toLocaleString('en-US')} people, refused ${summary.refused.length}`);
    console.log(`  full import / bare read: ${ratio.toFixed(2)}× wall (target ≤ 0.6×, stretch 0.4×) ${ratio <= 0.6 ? 'ok' : 'OVER'}, ${(full.cpuSeconds / bare.cpuSeconds).toFixed(2)}× CPU; peak ${full.maxRssMb.toFixed(0)} MB (target ≤ 300 MB) ${full.maxRssMb <= 300 ? 'ok' : 'OVER'}`);
  }
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)]!;
  if (RUNS > 1) console.log(`  ${label}: ratios ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${ratio.toFixed(2)}×), highest peak ${peak.toFixed(0)} MB`);
  return { ratio, peak };
}

async function million(): Promise<void> {
  const file = path.join(dir, 'roster-million.xlsx');
  const t0 = Date.now();
  generate(file, 1_000_000, false);
  console.log(`1,000,000 rows: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const r = measure([cli, 'import', 'roster', file, '--db', freshDb('million'), '--create-units', '--json']);
  line('our import of 1,000,000 rows', r);
  const message = r.stderr.split('\n').find((l) => /上限/.test(l)) ?? r.stderr.trim().split('\n')[0];
  console.log(`  exit ${r.status}: ${message}`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error('run `node scripts/build.mjs` first');
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const inline = await variant('inline strings (t="str")', false);
  const shared = await variant('shared strings (xl/sharedStrings.xml)', true);
  if (MILLION) await million();
  console.log(`summary: inline ${inline.ratio.toFixed(2)}×, shared ${shared.ratio.toFixed(2)}×; peaks ${inline.peak.toFixed(0)} / ${shared.peak.toFixed(0)} MB; load after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
