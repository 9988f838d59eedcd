import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../../shared/contract/app';
import type { Envelope } from '../../../shared/contract/define';
import { BackendHost } from '../../../electron/backend/host';
import { tempDir, testBackendOptions } from '../../helpers/temp-db';

function setup(t: TestContext) {
  const dir = tempDir(t);
  const first = path.join(dir, 'first.db');
  const h = new BackendHost(first, testBackendOptions());
  t.after(() => h.close());
  return { dir, first, h };
}

function valueOf<T>(env: Envelope<unknown>): T {
  assert.ok(env.ok, `expected success, got ${JSON.stringify(env)}`);
  return env.value as T;
}
function errorOf(env: Envelope<unknown>): { code: string; message: string } {
  assert.equal(env.ok, false, `expected an error, got ${JSON.stringify(env)}`);
  return env.ok ? { code: '', message: '' } : env.error;
}

describe('switching data files (app.openDataFile)', () => {
  it('creates a new file and switches to it: app.info().dbPath changes, the data is the new file’s', async (t) => {
    const { dir, first, h } = setup(t);
    valueOf(await h.dispatch('units.create', { name: '政治部', kind: 'department' }));
    const before = valueOf<AppInfo>(await h.dispatch('app.info', {}));
    assert.equal(before.dbPath, first);
    assert.equal(before.isEmpty, false);

    const seen: string[] = [];
    h.onSwitch((p) => seen.push(p));
    const second = path.join(dir, 'second.db');
    const info = valueOf<AppInfo>(await h.dispatch('app.openDataFile', { path: second, create: true }));
    assert.equal(info.dbPath, second);
    assert.equal(info.isEmpty, true);
    assert.equal(valueOf<AppInfo>(await h.dispatch('app.info', {})).dbPath, second);
    assert.deepEqual(valueOf(await h.dispatch('units.list', {})), []);
    assert.deepEqual(seen, [second]);

    // and back: the first file still has its unit
    const back = valueOf<AppInfo>(await h.dispatch('app.openDataFile', { path: first }));
    assert.equal(back.dbPath, first);
    assert.deepEqual(valueOf<{ name: string }[]>(await h.dispatch('units.list', {})).map((u) => u.name), ['政治部']);
  });

  it('a relative path is resolved to an absolute one', async (t) => {
    const { dir, h } = setup(t);
    const rel = path.relative(process.cwd(), path.join(dir, 'rel.db'));
    const info = valueOf<AppInfo>(await h.dispatch('app.openDataFile', { path: rel, create: true }));
    assert.equal(info.dbPath, path.join(dir, 'rel.db'));
  });

  it('a missing file is refused (NOT_FOUND) and the old file stays open and writable', async (t) => {
    const { dir, first, h } = setup(t);
    const missing = path.join(dir, 'missing.db');
    const e = errorOf(await h.dispatch('app.openDataFile', { path: missing }));
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, /不存在/);
    assert.equal(fs.existsSync(missing), false, 'opening must not create it');
    assert.equal(valueOf<AppInfo>(await h.dispatch('app.info', {})).dbPath, first);
    valueOf(await h.dispatch('units.create', { name: '仍可写入', kind: 'department' }));
  });

  it('"create" over an existing non-empty file is refused and the file is untouched', async (t) => {
    const { dir, first, h } = setup(t);
    const other = path.join(dir, 'taken.db');
    fs.writeFileSync(other, 'some bytes the user cares about');
    const e = errorOf(await h.dispatch('app.openDataFile', { path: other, create: true }));
    assert.equal(e.code, 'CONFLICT');
    assert.match(e.message, /已存在/);
    assert.equal(fs.readFileSync(other, 'utf8'), 'some bytes the user cares about');
    assert.equal(valueOf<AppInfo>(await h.dispatch('app.info', {})).dbPath, first);
    // an existing LedgerDesk file is refused for "create" too (it would look like a new one)
    const e2 = errorOf(await h.dispatch('app.openDataFile', { path: first, create: true }));
    assert.equal(e2.code, 'CONFLICT');
  });

  it('a file that is not a LedgerDesk database is refused and the old database keeps working', async (t) => {
    const { dir, first, h } = setup(t);
    valueOf(await h.dispatch('units.create', { name: '政治部', kind: 'department' }));
    const text = path.join(dir, '名单.db');
    fs.writeFileSync(text, '姓名\n张三\n');
    const e = errorOf(await h.dispatch('app.openDataFile', { path: text }));
    assert.equal(e.code, 'DB_NOT_LEDGERDESK');
    assert.match(e.message, /不是台账督办助手的数据文件/);
    assert.equal(valueOf<AppInfo>(await h.dispatch('app.info', {})).dbPath, first);
    valueOf(await h.dispatch('units.create', { name: '指挥中心', kind: 'department' }));
    assert.equal(valueOf<unknown[]>(await h.dispatch('units.list', {})).length, 2);
  });

  it('an empty path is refused by the schema with a Chinese message', async (t) => {
    const { h } = setup(t);
    const e = errorOf(await h.dispatch('app.openDataFile', { path: '  ' }));
    assert.equal(e.code, 'VALIDATION');
    assert.match(e.message, /请输入数据文件路径/);
  });
});
