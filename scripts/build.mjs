// Builds every runtime part with esbuild. Type checking is `tsc -b` (npm test runs both).
//   node scripts/build.mjs [--only=cli|electron|renderer] [--quiet]
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const quiet = args.includes('--quiet');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const log = (...m) => quiet || console.error('[build]', ...m);

const define = { __APP_VERSION__: JSON.stringify(pkg.version) };
const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'error',
  define,
  // Native and Electron-provided modules stay outside the bundle.
  external: ['electron', 'better-sqlite3'],
  absWorkingDir: root,
};

/** Entry points of the Node side; the import worker runs in a worker thread of its own. */
const nodeEntries = {
  cli: ['electron/cli/main.ts', 'cli'],
  bridge: ['electron/bridge/bridge-main.ts', 'bridge-server'],
  main: ['electron/main.ts', 'main'],
  worker: ['electron/backend/import/read/import-worker.ts', 'import-worker'],
};

async function buildNode(keys) {
  const entryPoints = {};
  for (const k of keys) {
    const [src, out] = nodeEntries[k];
    if (fs.existsSync(path.join(root, src))) entryPoints[out] = src;
  }
  await build({ ...nodeCommon, entryPoints, outdir: 'dist/electron' });
}

async function buildPreload() {
  // Sandboxed preloads cannot require local files: everything is bundled into one script.
  await build({ ...nodeCommon, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', platform: 'browser', format: 'cjs', target: 'chrome120' });
}

async function buildRenderer() {
  const out = path.join(root, 'dist/renderer');
  fs.mkdirSync(out, { recursive: true });
  await build({
    bundle: true,
    entryPoints: { app: 'renderer/src/main.tsx' },
    outdir: out,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    jsx: 'automatic',
    minify: !args.includes('--dev'),
    sourcemap: true,
    logLevel: 'error',
    define: { ...define, 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    absWorkingDir: root,
  });
  fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(out, 'index.html'));
  const icon = path.join(root, 'resources/icon.png');
  if (fs.existsSync(icon)) fs.copyFileSync(icon, path.join(out, 'icon.png'));
}

const t0 = Date.now();
if (!only || only === 'cli') await buildNode(['cli', 'worker']);
if (!only || only === 'electron') {
  await buildNode(['bridge', 'main', 'worker']);
  await buildPreload();
}
if (!only || only === 'renderer') await buildRenderer();
log(`done in ${Date.now() - t0} ms`);
