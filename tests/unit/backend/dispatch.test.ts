import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../../shared/contract/define';
import { BackendHost } from '../../../electron/backend/host';
import { makeIdNumber, tempDir, testBackendOptions } from '../../helpers/temp-db';

const HAN = /[\u4e00-\u9fff]/;

function host(t: TestContext): BackendHost {
  const h = new BackendHost(path.join(tempDir(t), 'ledger.db'), testBackendOptions());
  t.after(() => {
    try {
      h.close();
    } catch {
      /* closed by the test */
    }
  });
  return h;
}

function errorOf(env: Envelope<unknown>): { code: string; message: string; details?: unknown } {
  assert.equal(env.ok, false, `expected an error envelope, got ${JSON.stringify(env)}`);
  return env.ok ? { code: '', message: '' } : env.error;
}

function valueOf<T>(env: Envelope<unknown>): T {
  assert.ok(env.ok, `expected success, got ${JSON.stringify(env)}`);
  return env.value as T;
}

describe('the dispatcher (every transport enters here)', () => {
  it('a file-system failure is told in Chinese (naming the path), not as Node\'s English error', async (t) => {
    const h = host(t);
    const dir = tempDir(t);
    // a backup "into a folder" that is really a file: mkdir fails with EEXIST
    fs.writeFileSync(path.join(dir, '备份.txt'), 'x');
    const e = errorOf(await h.dispatch('backup.now', { path: path.join(dir, '备份.txt', 'x.db') }));
    assert.equal(e.code, 'FILE_IO');
    assert.match(e.message, /同名的文件/);
    assert.ok(e.message.includes('备份.txt'), e.message);
    assert.doesNotMatch(e.message.replace(/“[^”]*”/g, ''), /[A-Za-z]/, e.message);
  });

  it('an unknown method is UNKNOWN_METHOD with a Chinese message', async (t) => {
    const { dispatch } = host(t);
    for (const m of ['roster.explode', 'nothing', '', '__proto__', 'constructor', 'toString', 'roster.list.extra']) {
      const e = errorOf(await dispatch(m, {}));
      assert.equal(e.code, 'UNKNOWN_METHOD', m);
      assert.match(e.message, /^未知的操作/);
    }
  });

  it('a wrong type is VALIDATION, naming the field, in Chinese', async (t) => {
    const { dispatch } = host(t);
    const e = errorOf(await dispatch('units.create', { name: 123, kind: 'department' }));
    assert.equal(e.code, 'VALIDATION');
    assert.match(e.message, /^输入无效（name）：/);
    assert.match(e.message.replace('输入无效', ''), HAN, 'the zod message itself is Chinese');
  });

  it('a missing field is VALIDATION', async (t) => {
    const { dispatch } = host(t);
    const e = errorOf(await dispatch('units.create', { name: '政治部' }));
    assert.equal(e.code, 'VALIDATION');
    assert.match(e.message, /（kind）/);
    assert.match(e.message, HAN);
  });

  it("the contract's own Chinese messages come through (empty unit name)", async (t) => {
    const { dispatch } = host(t);
    const e = errorOf(await dispatch('units.create', { name: '   ', kind: 'department' }));
    assert.equal(e.message, '输入无效（name）：单位名称不能为空');
  });

  it('input that is not an object, or a bad id, is VALIDATION; nothing is written', async (t) => {
    const h = host(t);
    for (const [m, input] of [
      ['units.list', 'abc'],
      ['units.list', 42],
      ['roster.get', { id: -1 }],
      ['roster.get', { id: 1.5 }],
      ['roster.delete', { ids: [] }],
      ['roster.create', { values: { name: { $gt: '' } } }],
      ['roster.create', { values: { name: 'x'.repeat(2001) } }],
    ] as const) {
      assert.equal(errorOf(await h.dispatch(m, input)).code, 'VALIDATION', `${m} ${JSON.stringify(input)}`);
    }
    assert.equal(h.current.roster.list().length, 0);
  });

  it('no input at all counts as {} (a method without parameters)', async (t) => {
    const { dispatch } = host(t);
    assert.deepEqual(valueOf(await dispatch('units.list', undefined)), []);
    assert.deepEqual(valueOf(await dispatch('roster.list', null)), []);
  });

  it('defaults from the schema are applied (applyBatch with only creates)', async (t) => {
    const { dispatch } = host(t);
    const r = valueOf<{ created: unknown[] }>(await dispatch('roster.applyBatch', { creates: [{ values: { name: '张三' } }] }));
    assert.equal(r.created.length, 1);
  });

  it("a service's ApiError crosses as {code, message} (with details when given)", async (t) => {
    const { dispatch } = host(t);
    const notFound = errorOf(await dispatch('units.delete', { id: 77 }));
    assert.deepEqual([notFound.code, notFound.message], ['NOT_FOUND', '该单位不存在或已被删除']);
    const bad = makeIdNumber('1985-03-12', '男');
    const invalid = errorOf(await dispatch('roster.create', { values: { name: '张三', idNumber: bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0') } }));
    assert.equal(invalid.code, 'FIELD_INVALID');
    assert.match(invalid.message, /末位应为/);
    assert.deepEqual((invalid.details as { field: string }[]).map((d) => d.field), ['idNumber']);
    // the envelope survives JSON (the bridge and IPC carry it as data)
    assert.deepEqual(JSON.parse(JSON.stringify(invalid)).code, 'FIELD_INVALID');
  });

  it('a success crosses as {ok: true, value}', async (t) => {
    const { dispatch } = host(t);
    const env = await dispatch('units.create', { name: '政治部', kind: 'department' });
    const unit = valueOf<{ id: number; name: string; parentId: number | null }>(env);
    assert.equal(unit.name, '政治部');
    assert.equal(unit.parentId, null, 'parentId defaults to null');
  });

  it('a write refused by SQLite itself becomes a Chinese message naming the problem', async (t) => {
    const h = host(t);
    h.current.ctx.db.pragma('query_only = ON'); // stands in for a read-only file
    const e = errorOf(await h.dispatch('units.create', { name: '政治部', kind: 'department' }));
    assert.equal(e.code, 'DB_READONLY');
    assert.match(e.message, /只读/);
  });

  it('nothing throws out of dispatch, even when the database is gone', async (t) => {
    const h = host(t);
    const logged = t.mock.method(console, 'error', () => {});
    h.current.close();
    const env = await h.dispatch('roster.list', {});
    const e = errorOf(env);
    assert.equal(e.code, 'INTERNAL');
    assert.match(e.message, /^程序内部错误/);
    assert.equal(logged.mock.callCount(), 1, 'the unexpected error is logged for the developer');
  });
});
