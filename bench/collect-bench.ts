// 填报/汇总 benchmark (issue 15): receive 200 returned files × 500 rows each.
// Targets: preview ≤ 10 s, apply ≤ 10 s, peak memory ≤ 400 MB.
//   node --import tsx bench/collect-bench.ts [--files 200] [--rows 500]
// The phases run as the app runs: this file bundled by esbuild into dist/bench/ and run by
// plain Node, the reading worker from dist/electron/ (under tsx every worker thread would
// compile the 3 MB worker bundle through tsx's hooks and source maps: 5× slower than the app).
// Phase 1 (a child process, not measured) makes the office's data file, the collection and
// one return file per unit as LedgerDesk writes them (the same form a unit fills in Excel).
// Phase 2 (another child, measured, its peak RSS reported) previews every file — identity,
// readTable with the collected fields, the diff against the unit's earlier return — and applies
// them in one transaction; then previews and applies them all again as resubmissions, which
// replace every unit's rows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/clock';
import { writeFormFile } from '../electron/backend/collect/form-workbook';

const { values: args } = parseArgs({ options: { files: { type: 'string', default: '200' }, rows: { type: 'string', default: '500' }, phase: { type: 'string' }, dir: { type: 'string' } } });
const FILES = Number(args.files);
const ROWS = Number(args.rows);
const CLOCK = fixedClock('2026-03-02T01:00:00Z');

const SOURCES = ['座谈会', '走访', '意见箱', '电话', '网上征集'];
const ASPECTS = ['思想观念', '工作作风', '执法办案', '为民服务', '制度机制', '政策措施'];
const STATUSES = ['未办结', '办理中', '已办结'];

async function make(dir: string): Promise<void> {
  const backend = openBackend(path.join(dir, 'office.db'), { actor: 'bench', clock: CLOCK });
  const cat = backend.ledger.categories.create({ templateKey: 'opinions' });
  const units = Array.from({ length: FILES }, (_, i) => `第${i + 1}支部`);
  fs.mkdirSync(path.join(dir, 'forms'));
  const made = await backend.collect.create({ categoryId: cat.id, period: '2026-03', dueDate: '2026-03-10', instructions: '', unitIds: [], unitNames: units, outDir: path.join(dir, 'forms') });
  const c = backend.collect.store.collection(made.collection.id);
  const fields = backend.collect.store.fields(c);
  for (const round of ['returns', 'resubmitted']) fs.mkdirSync(path.join(dir, round));
  for (const [i, u] of backend.collect.store.units(c.id).entries()) {
    const rows = Array.from({ length: ROWS }, (_, r) => ({
      source: SOURCES[(i + r) % SOURCES.length],
      content: `${u.name}第${r + 1}条：群众反映窗口办事排队时间长、材料要求不清楚，希望简化流程`,
      aspect: ASPECTS[r % ASPECTS.length],
      unit: `${u.name}综合组`,
      measure: '优化预约、公示材料清单、增设自助设备',
      deadline: `2026-0${4 + (r % 5)}-${String(1 + (r % 28)).padStart(2, '0')}`,
      status: STATUSES[r % 3],
      note: r % 7 === 0 ? '已回访' : undefined,
    }));
    const identity = { kind: 'return' as const, collection: c.uid, unit: u.token, unitName: u.name, office: c.officeUid, officeName: c.officeName, title: c.title, period: c.period, dueDate: c.dueDate, schemaHash: c.schemaHash, dataSheet: null, fields, instructions: '', filledAt: null };
    const name = `${String(i + 1).padStart(3, '0')}-${u.name}.xlsx`;
    await writeFormFile(path.join(dir, 'returns', name), { identity, fields, rows, reportDate: '2026-03-09' });
    // the corrected return: every tenth row's status moved on
    const corrected = rows.map((row, r) => (r % 10 === 0 ? { ...row, status: '已办结' } : row));
    await writeFormFile(path.join(dir, 'resubmitted', name), { identity, fields, rows: corrected, reportDate: '2026-03-12' });
  }
  backend.close();
}

async function receive(dir: string): Promise<void> {
  const backend = openBackend(path.join(dir, 'office.db'), { actor: 'bench', clock: CLOCK });
  // the reading worker as the app runs it (built by `npm run bench`)
  const built = path.join(__dirname, '..', 'electron', 'import-worker.js');
  if (!fs.existsSync(built)) throw new Error('dist/electron/import-worker.js is missing: run node scripts/build.mjs first');
  backend.collect.receiver.workerEntry = { script: built, eval: false };
  const list = (sub: string) => fs.readdirSync(path.join(dir, sub)).sort().map((n) => ({ path: path.join(dir, sub, n) }));
  const first = list('returns');
  const sizes = first.reduce((a, f) => a + fs.statSync(f.path).size, 0);
  console.log(`${first.length} files × ${ROWS} rows (${(sizes / 1024 / 1024).toFixed(1)} MB in all)`);
  for (const [round, files] of [['first returns', first], ['resubmissions (replace every unit)', list('resubmitted')]] as const) {
    let t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const preview = await backend.collect.receiver.preview(files, null, () => {});
    const previewMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const ok = preview.files.filter((f) => f.state === 'ok').length;
    t0 = performance.now();
    const r = backend.collect.receiver.apply(preview.previewId, undefined, false);
    const applyMs = performance.now() - t0;
    const rows = r.accepted.reduce((a, x) => a + x.rows, 0);
    console.log(`${round.padEnd(36)} preview ${(previewMs / 1000).toFixed(2).padStart(6)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, all threads)   apply ${(applyMs / 1000).toFixed(2).padStart(6)} s   (${ok} files ok, ${rows} rows applied, ${r.accepted.reduce((a, x) => a + x.replaced, 0)} replaced)`);
  }
  const total = backend.collect.store.consolidatedCount(1);
  console.log(`rows in force after both rounds: ${total}`);
  backend.close();
}

async function main(): Promise<void> {
  if (args.phase === 'make') return make(args.dir!);
  if (args.phase === 'receive') return receive(args.dir!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-bench-'));
  try {
    const root = path.join(__dirname, '..');
    const bundle = path.join(root, 'dist', 'bench', 'collect-bench.cjs');
    const { build } = await import('esbuild');
    await build({ entryPoints: [path.join(__dirname, 'collect-bench.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3', 'electron'], logLevel: 'error', define: { __APP_VERSION__: '"bench"' } });
    const self = [bundle, '--files', String(FILES), '--rows', String(ROWS), '--dir', dir];
    let t0 = performance.now();
    const made = spawnSync(process.execPath, [...self, '--phase', 'make'], { stdio: 'inherit' });
    if (made.status !== 0) process.exit(made.status ?? 1);
    console.log(`(made the files in ${((performance.now() - t0) / 1000).toFixed(1)} s, not measured)`);
    t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', path.join(__dirname, 'report-maxrss.cjs'), ...self, '--phase', 'receive'], { stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
    // the preload also runs in each reading worker thread: every line reports the one process's peak
    const rss = Math.max(0, ...[...(r.stderr ?? '').matchAll(/MAXRSS_KB (\d+)/g)].map((m) => Number(m[1])));
    process.stderr.write((r.stderr ?? '').replace(/(MAXRSS_KB|CPU_MS) \d+\n?/g, ''));
    if (rss) console.log(`peak memory of the receiving process: ${(rss / 1024).toFixed(0)} MB (target ≤ 400 MB)`);
    console.log(`machine load (uptime): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    process.exit(r.status ?? 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
