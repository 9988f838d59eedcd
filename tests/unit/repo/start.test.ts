/**
 * `npm start` where Electron's binary is missing (as on every machine of this workplace) must
 * not compile for minutes and then print Electron's English stack trace: it checks first and
 * says in Chinese what is missing, how to get it, and that `npm run dev:browser` works now.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/temp-db';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('npm start without the Electron binary', () => {
  it('stops at once with a Chinese message naming npm run dev:browser', (t) => {
    // an override folder without the executable: the binary is missing even where it is installed
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir(t) };
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { encoding: 'utf8', env, timeout: 10_000 });
    assert.equal(r.error, undefined, 'it ended by itself within 10 s (it did not start building first)');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /无法启动桌面程序：本机没有 Electron 程序文件/);
    assert.match(r.stderr, /ELECTRON_OVERRIDE_DIST_PATH 指向的 .* 不存在/);
    assert.match(r.stderr, /npm run dev:browser/);
    assert.doesNotMatch(r.stderr, /Error|at .*\.js:\d+/, 'no stack trace');
    assert.equal(r.stdout, '');
  });
});
