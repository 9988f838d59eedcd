// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need different
// builds of it. node_modules keeps the Node build; the Electron build lives in .native/ and
// the main process loads it through better-sqlite3's `nativeBinding` option. So `npm test`
// and `npm start` work in either order on one checkout, without rebuilding back and forth.
//   node scripts/native.mjs node      ensure node_modules' build loads in this Node
//   node scripts/native.mjs electron  ensure .native/electron-<version>-<arch>/ exists
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [target = 'node', ...flags] = process.argv.slice(2);
const quiet = flags.includes('--quiet');
const say = (m) => quiet || console.error(`[native] ${m}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function electronBindingPath(version, arch = process.arch) {
  return path.join(root, '.native', `electron-${version}-${process.platform}-${arch}`, 'better_sqlite3.node');
}

function nodeBuildLoads() {
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  return r.status === 0;
}

if (target === 'node') {
  if (!nodeBuildLoads()) {
    say('better-sqlite3 is not built for this Node; rebuilding it (about 90 s)…');
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
    if (!nodeBuildLoads()) {
      console.error('[native] better-sqlite3 still does not load under Node ' + process.version);
      process.exit(2);
    }
  }
} else if (target === 'electron') {
  const version = require('electron/package.json').version;
  const dest = electronBindingPath(version);
  if (!fs.existsSync(dest)) {
    say(`building better-sqlite3 for Electron ${version} into ${path.relative(root, dest)}…`);
    const work = path.join(root, '.native', 'build-electron');
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true });
    fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
    const prebuild = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
    const viaPrebuild = spawnSync(process.execPath, [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`], { cwd: work, stdio: 'inherit' });
    if (viaPrebuild.status !== 0) {
      say('no prebuilt binary; compiling from source with node-gyp…');
      const gyp = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
      execFileSync(process.execPath, [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
    }
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), dest);
    fs.rmSync(work, { recursive: true, force: true });
  }
} else {
  console.error('usage: node scripts/native.mjs node|electron [--quiet]');
  process.exit(2);
}
