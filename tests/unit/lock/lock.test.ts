import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import path from 'node:path';
import type { Envelope } from '../../../shared/contract/define';
import { METHOD_NAMES } from '../../../shared/contract/client';
import { LOCK_OPEN_METHODS, type LockStatus } from '../../../shared/contract/lock';
import { BackendHost } from '../../../electron/backend/host';
import fs from 'node:fs';
import { LockService, HASH_KEY } from '../../../electron/backend/lock/lock-service';
import { AttemptGuard } from '../../../electron/backend/lock/attempt-guard';
import { hashPassword, parseHash, verifyPassword } from '../../../electron/backend/lock/password-hash';
import { fileKind } from '../../../electron/backend/db/cipher';
import { openDatabase } from '../../../electron/backend/db/open';
import { auditRows, openTestBackend, tempDir, testBackendOptions } from '../../helpers/temp-db';

const PASSWORD = '督办2026春';
const HAN = /[\u4e00-\u9fff]/;

function openHost(t: TestContext, dbPath: string): BackendHost {
  const h = new BackendHost(dbPath, testBackendOptions());
  t.after(() => {
    try {
      h.close();
    } catch {
      /* closed by the test */
    }
  });
  return h;
}

function errorOf(env: Envelope<unknown>): { code: string; message: string } {
  assert.equal(env.ok, false, `expected an error envelope, got ${JSON.stringify(env)}`);
  return env.ok ? { code: '', message: '' } : env.error;
}

function valueOf<T>(env: Envelope<unknown>): T {
  assert.ok(env.ok, `expected success, got ${JSON.stringify(env)}`);
  return env.value as T;
}

const storedHash = (h: BackendHost) =>
  (h.current.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(HASH_KEY) as { value: string } | undefined)?.value ?? null;

/** Which of the passwords opens the file now (null: it opens without one). */
function opensWith(dbPath: string, candidates: string[]): string | null | undefined {
  if (fileKind(dbPath) === 'plain') return null;
  for (const password of candidates) {
    try {
      openDatabase(dbPath, { password }).db.close();
      return password;
    } catch {
      /* not this one */
    }
  }
  return undefined;
}

describe('the optional lock: password storage', () => {
  it('keeps no hash of an encrypting password: the encrypted file itself is the check', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const h = openHost(t, dbPath);
    const s = valueOf<LockStatus & { recoveryKey: string | null }>(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 5 }));
    assert.deepEqual({ ...s, recoveryKey: typeof s.recoveryKey }, { enabled: true, locked: false, idleMinutes: 5, encrypted: true, recoveryKey: 'string' });
    assert.equal(storedHash(h), null);
    assert.equal(opensWith(dbPath, ['wrong-pass', PASSWORD]), PASSWORD);
    // the same password set again (a change to itself) re-encrypts; the recovery key is only given the first time
    const again = valueOf<{ recoveryKey: string | null }>(await h.dispatch('lock.setPassword', { current: PASSWORD, password: PASSWORD, idleMinutes: 5 }));
    assert.equal(again.recoveryKey, null);
    assert.equal(opensWith(dbPath, [PASSWORD]), PASSWORD);
  });

  it('refuses a short password and a hostile stored string, in Chinese', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const h = openHost(t, dbPath);
    const e = errorOf(await h.dispatch('lock.setPassword', { password: '12345', idleMinutes: 10 }));
    assert.equal(e.code, 'VALIDATION');
    assert.match(e.message, /密码至少需要 6 个字符/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { idleMinutes: 10 })).message, /请输入要设置的密码/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: -1 })).message, HAN);
    assert.equal(fileKind(dbPath), 'plain', 'nothing was encrypted');
    // a hand-edited hash (of an earlier version's password) with an absurd cost is not run, just refused
    for (const bad of ['scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'plain', 'scrypt$3$8$1$x$y']) {
      assert.equal(parseHash(bad), null, bad);
      assert.equal(await verifyPassword('whatever', bad), false);
    }
  });

  it('a password set by an earlier version (a hash, the file plain) still locks, and saving it again encrypts the file', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const first = openHost(t, dbPath);
    valueOf(await first.dispatch('units.create', { name: '政治部', parentId: null, kind: 'department' }));
    first.current.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(HASH_KEY, await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));
    first.close();

    const h = openHost(t, dbPath);
    assert.deepEqual(valueOf<LockStatus>(await h.dispatch('lock.status', {})), { enabled: true, locked: true, idleMinutes: 10, encrypted: false });
    assert.equal(errorOf(await h.dispatch('units.list', {})).code, 'LOCKED');
    valueOf(await h.dispatch('lock.unlock', { password: PASSWORD }));
    const saved = valueOf<LockStatus & { recoveryKey: string | null }>(await h.dispatch('lock.setPassword', { current: PASSWORD, idleMinutes: 10 }));
    assert.equal(saved.encrypted, true);
    assert.ok(saved.recoveryKey);
    assert.equal(opensWith(dbPath, [PASSWORD]), PASSWORD);
    assert.equal(storedHash(h), null);
    assert.deepEqual(valueOf<{ name: string }[]>(await h.dispatch('units.list', {})).map((u) => u.name), ['政治部']);
  });
});

describe('the optional lock: the gate in the backend', () => {
  it('refuses every method but lock.status, lock.unlock and app.info while locked, and allows them after unlock', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    valueOf(await h.dispatch('units.create', { name: '政治部', parentId: null, kind: 'department' }));
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));
    assert.deepEqual(valueOf<LockStatus>(await h.dispatch('lock.lockNow', {})), { enabled: true, locked: true, idleMinutes: 10, encrypted: true });

    const open = new Set<string>(LOCK_OPEN_METHODS);
    for (const m of METHOD_NAMES) {
      if (open.has(m)) continue;
      const e = errorOf(await h.dispatch(m, {}));
      assert.equal(e.code, 'LOCKED', m);
      assert.match(e.message, /程序已锁定/);
    }
    // also an unknown method, and a method with valid input (refused before it runs)
    assert.equal(errorOf(await h.dispatch('nothing.here', {})).code, 'LOCKED');
    assert.equal(errorOf(await h.dispatch('units.create', { name: '指挥中心', parentId: null, kind: 'department' })).code, 'LOCKED');
    assert.equal(h.current.units.list().length, 1);
    // the three open methods still answer
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.status', {})).locked, true);
    assert.ok(valueOf<{ dbPath: string }>(await h.dispatch('app.info', {})).dbPath);

    const wrong = errorOf(await h.dispatch('lock.unlock', { password: 'not-the-password' }));
    assert.equal(wrong.code, 'WRONG_PASSWORD');
    assert.match(wrong.message, /^密码不正确/);
    assert.equal(errorOf(await h.dispatch('roster.list', {})).code, 'LOCKED');

    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.unlock', { password: PASSWORD })).locked, false);
    assert.deepEqual(valueOf<{ name: string }[]>(await h.dispatch('units.list', {})).map((u) => u.name), ['政治部']);
    valueOf(await h.dispatch('units.create', { name: '指挥中心', parentId: null, kind: 'department' }));
  });

  it('a new host on the same file starts locked, without even opening it; a file without a password does not', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const first = openHost(t, dbPath);
    assert.equal(valueOf<LockStatus>(await first.dispatch('lock.status', {})).locked, false);
    valueOf(await first.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 3 }));
    assert.equal(valueOf<LockStatus>(await first.dispatch('lock.status', {})).locked, false, 'setting a password does not lock the one who set it');
    first.close();

    const second = openHost(t, dbPath);
    assert.equal(second.sealed, true, 'the encrypted file waits for its password');
    assert.equal(valueOf<LockStatus>(await second.dispatch('lock.status', {})).locked, true);
    // the lock screen's app.info names the file, and nothing read from it
    assert.deepEqual(valueOf<{ dbPath: string; officeName: string }>(await second.dispatch('app.info', {})).officeName, '');
    assert.equal(errorOf(await second.dispatch('units.list', {})).code, 'LOCKED');
    // switching data files is refused too while locked
    assert.equal(errorOf(await second.dispatch('app.openDataFile', { path: path.join(path.dirname(dbPath), 'other.db'), create: true })).code, 'LOCKED');
    assert.match(errorOf(await second.dispatch('lock.unlock', { password: 'not-the-password' })).message, /^密码不正确/);
    assert.equal(second.sealed, true);
    assert.deepEqual(valueOf<LockStatus>(await second.dispatch('lock.unlock', { password: PASSWORD })), { enabled: true, locked: false, idleMinutes: 3, encrypted: true });
    valueOf(await second.dispatch('units.list', {}));
  });

  it('changing the password or the minutes, and clearing, need the current password', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const h = openHost(t, dbPath);
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));

    assert.match(errorOf(await h.dispatch('lock.setPassword', { password: 'another-one', idleMinutes: 10 })).message, /请输入当前密码/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { current: 'wrong-pass', password: 'another-one', idleMinutes: 0 })).message, /^当前密码不正确/);
    assert.match(errorOf(await h.dispatch('lock.clear', { current: 'wrong-pass' })).message, /^当前密码不正确/);
    assert.equal(errorOf(await h.dispatch('lock.clear', {})).code, 'VALIDATION');
    assert.equal(opensWith(dbPath, ['another-one', PASSWORD]), PASSWORD, 'refused changes change nothing');
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.status', {})).idleMinutes, 10);

    // minutes only (no new password)
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.setPassword', { current: PASSWORD, idleMinutes: 0 })).idleMinutes, 0);
    assert.equal(opensWith(dbPath, [PASSWORD]), PASSWORD);
    // a new password: the file opens with it, and no longer with the old one
    valueOf(await h.dispatch('lock.setPassword', { current: PASSWORD, password: 'another-one', idleMinutes: 0 }));
    assert.equal(opensWith(dbPath, [PASSWORD, 'another-one']), 'another-one');

    assert.deepEqual(valueOf<LockStatus>(await h.dispatch('lock.clear', { current: 'another-one' })), { enabled: false, locked: false, idleMinutes: 0, encrypted: false });
    assert.equal(fileKind(dbPath), 'plain', 'removing the password decrypts the file');
    // without a password there is nothing to lock
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.lockNow', {})).locked, false);
    valueOf(await h.dispatch('units.list', {}));
  });

  it('writes audit lines for each setting change, never a password', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const h = openHost(t, dbPath);
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 15 }));
    valueOf(await h.dispatch('lock.setPassword', { current: PASSWORD, password: 'second-密码', idleMinutes: 15 }));
    valueOf(await h.dispatch('lock.setPassword', { current: 'second-密码', idleMinutes: 30 }));
    valueOf(await h.dispatch('lock.clear', { current: 'second-密码' }));

    const rows = auditRows(h.current).filter((r) => r.entity === 'settings');
    assert.deepEqual(
      rows.map((r) => [r.field, r.old_value, r.new_value]),
      [
        ['lock.password', '未设置', '已设置并加密数据文件'],
        ['lock.idleMinutes', '10', '15'],
        ['lock.password', '已设置', '已更改'],
        ['lock.idleMinutes', '15', '30'],
        ['lock.password', '已设置', '未设置'],
      ],
    );
    assert.ok(rows.every((r) => r.actor === '测试员' && /\+00:00$/.test(r.at)));
    // the file is plain again: no password anywhere in it, nor in the recovery file beside it
    h.close();
    const bytes = Buffer.concat([fs.readFileSync(dbPath), fs.readFileSync(path.join(path.dirname(dbPath), 'ledgerdesk-recovery.json'))]);
    for (const secret of [PASSWORD, 'second-密码']) assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${secret} is stored`);
  });
});

describe('the optional lock: against guessing', () => {
  it('pauses after wrong passwords in a row, and the pause ends', async (t) => {
    const { backend } = openTestBackend(t);
    let now = 1_000;
    const lock = new LockService(backend.ctx, backend.audit, { password: PASSWORD, guard: new AttemptGuard({ failDelayMs: 50, maxAttempts: 3, lockoutMs: 30_000, now: () => now }) });
    lock.lockNow();

    const started = performance.now();
    await assert.rejects(lock.unlock('guess-1'), { code: 'WRONG_PASSWORD', message: '密码不正确（再输错 2 次将暂停 30 秒）' });
    assert.ok(performance.now() - started >= 45, 'a wrong answer is slowed down');
    await assert.rejects(lock.unlock('guess-2'), { message: /再输错 1 次/ });
    await assert.rejects(lock.unlock('guess-3'), { message: '密码不正确。已连续输错 3 次，请 30 秒后再试' });
    // during the pause even the right password is not checked
    await assert.rejects(lock.unlock(PASSWORD), { code: 'TOO_MANY_ATTEMPTS', message: /请 30 秒后再试/ });
    now += 20_000;
    await assert.rejects(lock.unlock(PASSWORD), { code: 'TOO_MANY_ATTEMPTS', message: /请 10 秒后再试/ });
    now += 10_001;
    assert.equal((await lock.unlock(PASSWORD)).locked, false);
  });

  it('parallel guesses are checked one at a time', async (t) => {
    const { backend } = openTestBackend(t);
    const lock = new LockService(backend.ctx, backend.audit, { password: PASSWORD, guard: new AttemptGuard({ failDelayMs: 100, maxAttempts: 100 }) });
    lock.lockNow();
    const started = performance.now();
    const results = await Promise.allSettled(['a1', 'a2', 'a3', 'a4'].map((g) => lock.unlock(g + '-guess')));
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.ok(performance.now() - started >= 4 * 95, `four guesses waited in turn (${Math.round(performance.now() - started)} ms)`);
    assert.equal(lock.isLocked(), true);
  });

  it('wrong passwords on the lock screen of an encrypted file count too', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const first = openHost(t, dbPath);
    valueOf(await first.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));
    first.close();
    const h = new BackendHost(dbPath, { ...testBackendOptions(), guard: new AttemptGuard({ failDelayMs: 1, maxAttempts: 2, lockoutMs: 60_000 }) });
    t.after(() => h.close());
    assert.match(errorOf(await h.dispatch('lock.unlock', { password: 'guess-1' })).message, /再输错 1 次/);
    assert.match(errorOf(await h.dispatch('lock.unlock', { password: 'guess-2' })).message, /已连续输错 2 次/);
    assert.equal(errorOf(await h.dispatch('lock.unlock', { password: PASSWORD })).code, 'TOO_MANY_ATTEMPTS');
    assert.equal(h.sealed, true);
  });
});
