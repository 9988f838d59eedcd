import fs from 'node:fs';
import path from 'node:path';

/**
 * How to start the import worker. Built: `import-worker.js` next to the bundle that runs
 * (esbuild writes every electron entry to dist/electron/); in the packaged app, from
 * app.asar.unpacked, because a worker thread cannot start from a script inside app.asar
 * (electron-builder.yml unpacks it). From source (tests under tsx):
 * the .ts file beside this one, loaded through tsx's require hook — Node 20 does not apply
 * `--import tsx` to a worker's entry file, so a two-line bootstrap registers tsx first.
 */
export interface WorkerEntry {
  /** a file path, or bootstrap code when `eval` is true */
  script: string;
  eval: boolean;
}

export function importWorkerPath(): WorkerEntry {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const unpacked = path.join(here.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2'), 'import-worker.js');
  const bundled = path.join(here, 'import-worker.js');
  if (unpacked !== bundled && fs.existsSync(unpacked)) return { script: unpacked, eval: false };
  if (fs.existsSync(bundled)) return { script: bundled, eval: false };
  const source = path.join(here, 'import-worker.ts');
  if (fs.existsSync(source)) {
    // not a string literal: bundlers would try to resolve it, and only the source run needs it
    const tsxApi = ['tsx', 'cjs', 'api'].join('/');
    const tsx = require.resolve(tsxApi);
    return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  throw new Error(`import worker not found next to ${here} (is the esbuild entry "import-worker" missing?)`);
}
