/**
 * `npm start` uses a build of better-sqlite3 for Electron's ABI, cached in .native/; it must be
 * rebuilt when it is not really for that ABI (read from the binary, not trusted from the file
 * name) or when node_modules now holds another better-sqlite3.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/temp-db';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const electronVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const electronAbi = Number(fs.readFileSync(path.join(ROOT, 'node_modules/electron/abi_version'), 'utf8').trim());
const sqlitePkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { name: string; version: string };

function check(nativeDir: string): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/native.mjs'), 'check-electron'], { encoding: 'utf8', env: { ...process.env, LEDGERDESK_NATIVE_DIR: nativeDir } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function cache(nativeDir: string, binary: Buffer, stamp: object | null): void {
  const dir = path.join(nativeDir, `electron-${electronVersion}-${process.platform}-${process.arch}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), binary);
  if (stamp) fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify(stamp));
}

describe('the cached Electron build of better-sqlite3', () => {
  it('is rebuilt when missing', (t) => {
    assert.equal(check(tempDir(t)), 'no build yet');
  });

  it("is rebuilt when the binary is Node's build (its ABI read from the file), though it sits under Electron's name", (t) => {
    const dir = tempDir(t);
    cache(dir, fs.readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')), { package: sqlitePkg.name, version: sqlitePkg.version });
    assert.equal(check(dir), `the cached build is for ABI ${process.versions.modules}, Electron needs ${electronAbi}`);
  });

  it("is used when built for Electron's ABI from the better-sqlite3 in node_modules, and rebuilt after that package changes", (t) => {
    const dir = tempDir(t);
    const forElectron = Buffer.concat([Buffer.alloc(64), Buffer.from(`node_register_module_v${electronAbi}\0`, 'latin1'), Buffer.alloc(64)]);
    cache(dir, forElectron, { package: sqlitePkg.name, version: sqlitePkg.version });
    assert.equal(check(dir), 'ok');
    cache(dir, forElectron, { package: sqlitePkg.name, version: '0.0.1' });
    assert.match(check(dir), /the cached build is of .* 0\.0\.1, node_modules has/);
    cache(dir, forElectron, null);
    fs.rmSync(path.join(dir, `electron-${electronVersion}-${process.platform}-${process.arch}`, 'build-info.json'));
    assert.match(check(dir), /does not say which better-sqlite3/);
  });
});
