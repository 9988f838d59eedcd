// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need different
// builds of it. node_modules keeps the Node build; the Electron build lives in .native/ and
// the main process loads it through better-sqlite3's `nativeBinding` option. So `npm test`
// and `npm start` work in either order on one checkout, without rebuilding back and forth.
//   node scripts/native.mjs node      ensure node_modules' build loads in this Node
//   node scripts/native.mjs electron  ensure .native/electron-<version>-<arch>/ holds a build for
//                                     Electron's ABI, of the better-sqlite3 now in node_modules
//   node scripts/native.mjs check-electron   say why that build would be rebuilt (or "ok")
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

// LEDGERDESK_NATIVE_DIR: another cache folder (the tests use one of their own)
const nativeDir = process.env.LEDGERDESK_NATIVE_DIR ?? path.join(root, '.native');

export function electronBindingPath(version, arch = process.arch) {
  return path.join(nativeDir, `electron-${version}-${process.platform}-${arch}`, 'better_sqlite3.node');
}

/** Electron's NODE_MODULE_VERSION, as its package states it (abi_version), else node-abi's table. */
function electronAbi(version) {
  const file = path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version');
  if (fs.existsSync(file)) return Number(fs.readFileSync(file, 'utf8').trim());
  return Number(require('node-abi').getAbi(version, 'electron'));
}

/**
 * The ABI a native module was built for, read from the binary itself: a module built against
 * V8's API (better-sqlite3 is) exports `node_register_module_v<ABI>`; loading it in a runtime of
 * another ABI fails. Null when the name is not found.
 */
function builtForAbi(file) {
  const m = /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'));
  return m ? Number(m[1]) : null;
}

const stampPath = (dest) => path.join(path.dirname(dest), 'build-info.json');

/** Which better-sqlite3 the cached build came from: a new version of the package needs a new build. */
function packageStamp() {
  const pkg = require('better-sqlite3/package.json');
  return { package: pkg.name, version: pkg.version };
}

/** Why the cached Electron build cannot be used, or null when it can. */
function cachedBuildProblem(dest, abi) {
  if (!fs.existsSync(dest)) return 'no build yet';
  const built = builtForAbi(dest);
  if (built !== abi) return `the cached build is for ABI ${built ?? '(unknown)'}, Electron needs ${abi}`;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampPath(dest), 'utf8'));
  } catch {
    return 'the cached build does not say which better-sqlite3 it came from';
  }
  const now = packageStamp();
  if (stamp.package !== now.package || stamp.version !== now.version) return `the cached build is of ${stamp.package} ${stamp.version}, node_modules has ${now.package} ${now.version}`;
  return null;
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
  const abi = electronAbi(version);
  const stale = cachedBuildProblem(dest, abi);
  if (stale) {
    say(`building better-sqlite3 for Electron ${version} (ABI ${abi}) into ${path.relative(root, dest)}: ${stale}…`);
    const work = path.join(nativeDir, 'build-electron');
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
    fs.writeFileSync(stampPath(dest), JSON.stringify(packageStamp(), null, 1));
    fs.rmSync(work, { recursive: true, force: true });
    const after = cachedBuildProblem(dest, abi);
    if (after) {
      console.error(`[native] the build in ${path.relative(root, dest)} is still not usable: ${after}`);
      process.exit(2);
    }
  }
} else if (target === 'check-electron') {
  // prints why the cached Electron build would be rebuilt, or "ok" (used by the tests)
  const version = require('electron/package.json').version;
  console.log(cachedBuildProblem(electronBindingPath(version), electronAbi(version)) ?? 'ok');
} else {
  console.error('usage: node scripts/native.mjs node|electron|check-electron [--quiet]');
  process.exit(2);
}
