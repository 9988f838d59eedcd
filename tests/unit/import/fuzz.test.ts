/**
 * Fuzz: mutated copies of the shared fixtures fed to the import engine. Byte flips,
 * truncations, chunks duplicated or deleted, a damaged zip directory, and changes inside the
 * zip's XML parts (re-zipped with correct CRCs, so the damage reaches the XML parsers and the
 * cell logic), and mutated CSV. Every case must end in a result or an ImportFileError with a
 * Chinese message, within the watchdog's time, and this process must carry on.
 *
 *   FUZZ_SEED=123          another run (the seed is in the test's name: a failure is repeated with it)
 *   FUZZ_CASES=5000        more cases (default 1000)
 *   FUZZ_ONLY=17,42        only these case numbers of the seed
 *   FUZZ_CONCURRENCY=2     reads in parallel (default 2: this runs on two cores)
 * Failing cases are kept as files in the folder the failure message names.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { inspectFile, readTable, ROSTER_TARGET, type ImportTarget } from '../../../electron/backend/import/index';
import type { WorkerEntry } from '../../../electron/backend/import/read/worker-path';
import { bundledWorker } from './fuzz/bundled-worker';
import { loadSeeds } from './fuzz/corpus';
import { FAMILY_WEIGHTS, mutate, type Family } from './fuzz/mutate';
import { classify, looksLikeJsError, type Outcome } from './fuzz/outcome';
import { Rng } from './fuzz/rng';
import { OPINIONS_TARGET } from './helpers/opinions-target';
import { tempDir } from './helpers/temp-dir';

const envInt = (name: string, fallback: number) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${v}`);
  return n;
};

const SEED = envInt('FUZZ_SEED', 20_250_701) >>> 0;
const CASES = envInt('FUZZ_CASES', 1000);
const CONCURRENCY = Math.max(1, envInt('FUZZ_CONCURRENCY', 2));
const ONLY = (process.env.FUZZ_ONLY ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);

/** The watchdog for the fuzz: a fixture reads in well under a second. */
const IDLE_MS = 5_000;
const TOTAL_MS = 15_000;
/** beyond the watchdog: worker start-up and teardown on a loaded machine */
const SLACK_MS = 5_000;
const HEAP_MB = 256;

const dir = tempDir('fuzz');
let worker: { entry: WorkerEntry; from: string };
before(async () => {
  worker = await bundledWorker(path.join(dir, 'bundle'));
});

interface CaseResult {
  index: number;
  family: Family;
  seed: string;
  what: string;
  inspect: boolean;
  ms: number;
  outcome: Outcome;
  file: Buffer;
  ext: string;
}

async function runCase(index: number, seeds: ReturnType<typeof loadSeeds>): Promise<CaseResult> {
  const r = Rng.forCase(SEED, index);
  const family = r.weighted(FAMILY_WEIGHTS);
  const m = mutate(seeds, family, r);
  const inspect = r.chance(0.15);
  const target: ImportTarget = m.seed.startsWith('opinions') ? OPINIONS_TARGET : ROSTER_TARGET;
  const file = path.join(dir, `case-${index}${m.ext}`);
  fs.writeFileSync(file, m.bytes);
  const opts = { target, workerEntry: worker.entry, idleTimeoutMs: IDLE_MS, totalTimeoutMs: TOTAL_MS, maxOldGenerationSizeMb: HEAP_MB };
  const t0 = performance.now();
  const settled = await (inspect ? inspectFile(file, opts) : readTable(file, opts)).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const ms = performance.now() - t0;
  fs.rmSync(file, { force: true });
  let outcome = classify(settled);
  if (outcome.kind !== 'broken' && ms > TOTAL_MS + SLACK_MS) outcome = { kind: 'broken', problem: `took ${Math.round(ms)} ms, past the watchdog's ${TOTAL_MS} ms` };
  return { index, family, seed: m.seed, what: m.what, inspect, ms, outcome, file: m.bytes, ext: m.ext };
}

const title = `${ONLY.length ? `cases ${ONLY.join(',')}` : `${CASES} cases`}, seed ${SEED} (repeat: FUZZ_SEED=${SEED}${ONLY.length ? ` FUZZ_ONLY=${ONLY.join(',')}` : ''})`;

describe('fuzz: mutated fixtures through the import engine', () => {
  it(title, { timeout: 15 * 60_000 }, async () => {
    const seeds = loadSeeds();
    const indexes = ONLY.length ? ONLY : Array.from({ length: CASES }, (_, i) => i);
    const results: CaseResult[] = [];
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, indexes.length) }, async () => {
        while (next < indexes.length) {
          const index = indexes[next++]!;
          results.push(await runCase(index, seeds));
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;

    // ---- the figures
    const counts = new Map<string, number>();
    const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    const byFamily = new Map<string, Map<string, number>>();
    const watchdog: CaseResult[] = [];
    const jsErrors: CaseResult[] = [];
    for (const c of results) {
      const key = c.outcome.kind === 'refused' ? c.outcome.code : c.outcome.kind;
      bump(key);
      const f = byFamily.get(c.family) ?? new Map<string, number>();
      f.set(key, (f.get(key) ?? 0) + 1);
      byFamily.set(c.family, f);
      if (c.outcome.kind === 'refused') {
        if (/停止响应|时间过长/.test(c.outcome.message)) watchdog.push(c);
        if (looksLikeJsError(c.outcome.message)) jsErrors.push(c);
      }
    }
    const times = results.map((c) => c.ms).sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
    const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3);
    const report = [
      `fuzz seed ${SEED}: ${results.length} cases in ${seconds.toFixed(1)} s (${CONCURRENCY} in parallel, worker: ${worker.from})`,
      `  outcomes: ${fmt(counts)}`,
      ...[...byFamily].sort().map(([f, m]) => `    ${f.padEnd(10)} ${fmt(m)}`),
      `  per case: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`,
      `  stopped by the watchdog: ${watchdog.length}${watchdog.map((c) => `\n    #${c.index} ${Math.round(c.ms)} ms (${c.what.slice(0, 100)})`).join('')}`,
      `  JavaScript errors told as damage: ${jsErrors.length}${jsErrors.map((c) => `\n    #${c.index} ${(c.outcome as { message: string }).message.slice(0, 160)} (${c.what.slice(0, 80)})`).join('')}`,
      `  slowest: ${slowest.map((c) => `#${c.index} ${Math.round(c.ms)} ms (${c.what.slice(0, 80)})`).join(' | ')}`,
      `  this process: rss ${Math.round(process.memoryUsage().rss / 1048576)} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    ].join('\n');
    console.log(report);

    // ---- the verdict
    const broken = results.filter((c) => c.outcome.kind === 'broken').sort((a, b) => a.index - b.index);
    if (broken.length) {
      const keep = path.join(os.tmpdir(), `ledgerdesk-fuzz-failures-${SEED}`);
      fs.mkdirSync(keep, { recursive: true });
      for (const c of broken) fs.writeFileSync(path.join(keep, `case-${c.index}${c.ext}`), c.file);
      const lines = broken.map((c) => `#${c.index} [${c.family}, ${c.seed}${c.inspect ? ', inspect' : ''}] ${c.what.slice(0, 200)}\n    → ${(c.outcome as { problem: string }).problem}`);
      assert.fail(`${broken.length} of ${results.length} cases failed (files kept in ${keep}; repeat with FUZZ_SEED=${SEED} FUZZ_ONLY=${broken.map((c) => c.index).join(',')}):\n${lines.join('\n')}`);
    }
    assert.equal(results.length, indexes.length);
    if (!ONLY.length) assert.ok(results.length >= 1000 || CASES < 1000, 'at least 1,000 cases per run');
  });
});
