import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { WorkerEntry } from '../../../../electron/backend/import/read/worker-path';

const ROOT = path.resolve(__dirname, '../../../..');
const DIST_WORKER = path.join(ROOT, 'dist/electron/import-worker.js');
const SOURCE = path.join(ROOT, 'electron/backend/import/read/import-worker.ts');

const viaRequire = (script: string): WorkerEntry => ({ script: `require(${JSON.stringify(script)});`, eval: true });

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The import worker as the program runs it: the esbuild bundle. A worker started from the
 * .ts source compiles every module through tsx first (about 1 s per read), which would make
 * a thousand fuzz cases take minutes. dist/electron/import-worker.js (`node scripts/build.mjs
 * --only=cli`) is used when it is newer than the engine's sources; else the same bundle is
 * built into `outDir`, so the cases always run the code under test.
 *
 * The bundle is started through a one-line `require` (eval), not as the worker's entry
 * file: under `node --import tsx` (the test runner) a worker inherits that flag, and tsx's
 * loader then takes about 0.5 s to load a 3 MB entry file; `require` from an eval script
 * loads the same file in about 0.1 s. The program itself runs without tsx.
 */
export async function bundledWorker(outDir: string): Promise<{ entry: WorkerEntry; from: string }> {
  const newest = Math.max(newestSource(path.join(ROOT, 'electron/backend/import')), newestSource(path.join(ROOT, 'shared')));
  if (fs.existsSync(DIST_WORKER) && fs.statSync(DIST_WORKER).mtimeMs >= newest) {
    return { entry: viaRequire(DIST_WORKER), from: 'dist/electron/import-worker.js' };
  }
  await build({
    entryPoints: { 'import-worker': SOURCE },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: outDir,
    logLevel: 'error',
    external: ['electron', 'better-sqlite3'],
    absWorkingDir: ROOT,
  });
  return { entry: viaRequire(path.join(outDir, 'import-worker.js')), from: 'a fresh esbuild bundle (dist/ was older than the sources)' };
}
