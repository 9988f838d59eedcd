import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import path from 'node:path';
import type { Envelope } from '../../../shared/contract/define';
import { METHOD_NAMES } from '../../../shared/contract/client';
import { LOCK_OPEN_METHODS, type LockStatus } from '../../../shared/contract/lock';
import { BackendHost } from '../../../electron/backend/host';
import { LockService, HASH_KEY } from '../../../electron/backend/lock/lock-service';
import { parseHash, verifyPassword } from '../../../electron/backend/lock/password-hash';
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

describe('the optional lock: password storage', () => {
  it('stores a salted scrypt hash: scrypt$N$r$p$salt$hash, never the password', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    const s = valueOf<LockStatus>(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 5 }));
    assert.deepEqual(s, { enabled: true, locked: false, idleMinutes: 5 });
    const first = storedHash(h)!;
    assert.match(first, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    const parsed = parseHash(first)!;
    assert.equal(parsed.salt.length, 16);
    assert.equal(parsed.key.length, 32);
    assert.ok(!first.includes(PASSWORD));
    assert.ok(await verifyPassword(PASSWORD, first));
    assert.ok(!(await verifyPassword(PASSWORD + ' ', first)));

    // the same password set again (a change to itself) gives a different salt and hash
    valueOf(await h.dispatch('lock.setPassword', { current: PASSWORD, password: PASSWORD, idleMinutes: 5 }));
    const second = storedHash(h)!;
    assert.notEqual(second, first);
    assert.notEqual(parseHash(second)!.salt.toString('base64'), parsed.salt.toString('base64'));
    assert.ok(await verifyPassword(PASSWORD, second));
  });

  it('refuses a short password and a hostile stored string, in Chinese', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    const e = errorOf(await h.dispatch('lock.setPassword', { password: '12345', idleMinutes: 10 }));
    assert.equal(e.code, 'VALIDATION');
    assert.match(e.message, /密码至少需要 6 个字符/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { idleMinutes: 10 })).message, /请输入要设置的密码/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: -1 })).message, HAN);
    assert.equal(storedHash(h), null);
    // a hand-edited hash with an absurd cost is not run, just refused
    for (const bad of ['scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'plain', 'scrypt$3$8$1$x$y']) {
      assert.equal(parseHash(bad), null, bad);
      assert.equal(await verifyPassword('whatever', bad), false);
    }
  });
});

describe('the optional lock: the gate in the backend', () => {
  it('refuses every method but lock.status, lock.unlock and app.info while locked, and allows them after unlock', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    valueOf(await h.dispatch('units.create', { name: '政治部', parentId: null, kind: 'department' }));
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));
    assert.deepEqual(valueOf<LockStatus>(await h.dispatch('lock.lockNow', {})), { enabled: true, locked: true, idleMinutes: 10 });

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

  it('a new host on the same file starts locked; a file without a password does not', async (t) => {
    const dbPath = path.join(tempDir(t), 'ledger.db');
    const first = openHost(t, dbPath);
    assert.equal(valueOf<LockStatus>(await first.dispatch('lock.status', {})).locked, false);
    valueOf(await first.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 3 }));
    assert.equal(valueOf<LockStatus>(await first.dispatch('lock.status', {})).locked, false, 'setting a password does not lock the one who set it');
    first.close();

    const second = openHost(t, dbPath);
    assert.deepEqual(valueOf<LockStatus>(await second.dispatch('lock.status', {})), { enabled: true, locked: true, idleMinutes: 3 });
    assert.equal(errorOf(await second.dispatch('units.list', {})).code, 'LOCKED');
    // switching data files is refused too while locked
    assert.equal(errorOf(await second.dispatch('app.openDataFile', { path: path.join(path.dirname(dbPath), 'other.db'), create: true })).code, 'LOCKED');
    valueOf(await second.dispatch('lock.unlock', { password: PASSWORD }));
    valueOf(await second.dispatch('units.list', {}));
  });

  it('changing the password or the minutes, and clearing, need the current password', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));
    const hash = storedHash(h);

    assert.match(errorOf(await h.dispatch('lock.setPassword', { password: 'another-one', idleMinutes: 10 })).message, /请输入当前密码/);
    assert.match(errorOf(await h.dispatch('lock.setPassword', { current: 'wrong-pass', idleMinutes: 0 })).message, /^当前密码不正确/);
    assert.match(errorOf(await h.dispatch('lock.clear', { current: 'wrong-pass' })).message, /^当前密码不正确/);
    assert.equal(errorOf(await h.dispatch('lock.clear', {})).code, 'VALIDATION');
    assert.equal(storedHash(h), hash);
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.status', {})).idleMinutes, 10);

    // minutes only (no new password)
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.setPassword', { current: PASSWORD, idleMinutes: 0 })).idleMinutes, 0);
    assert.equal(storedHash(h), hash);

    assert.deepEqual(valueOf<LockStatus>(await h.dispatch('lock.clear', { current: PASSWORD })), { enabled: false, locked: false, idleMinutes: 0 });
    assert.equal(storedHash(h), null);
    // without a password there is nothing to lock
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.lockNow', {})).locked, false);
    valueOf(await h.dispatch('units.list', {}));
  });

  it('writes audit lines for each setting change, with neither the password nor the hash', async (t) => {
    const h = openHost(t, path.join(tempDir(t), 'ledger.db'));
    valueOf(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 15 }));
    const firstHash = storedHash(h)!;
    valueOf(await h.dispatch('lock.setPassword', { current: PASSWORD, password: 'second-密码', idleMinutes: 15 }));
    const secondHash = storedHash(h)!;
    valueOf(await h.dispatch('lock.setPassword', { current: 'second-密码', idleMinutes: 30 }));
    valueOf(await h.dispatch('lock.clear', { current: 'second-密码' }));

    const rows = auditRows(h.current).filter((r) => r.entity === 'settings');
    assert.deepEqual(
      rows.map((r) => [r.field, r.old_value, r.new_value]),
      [
        ['lock.password', '未设置', '已设置'],
        ['lock.idleMinutes', '10', '15'],
        ['lock.password', '已设置', '已更改'],
        ['lock.idleMinutes', '15', '30'],
        ['lock.password', '已设置', '未设置'],
      ],
    );
    assert.ok(rows.every((r) => r.actor === '测试员' && /\+00:00$/.test(r.at)));
    const everything = JSON.stringify(auditRows(h.current));
    for (const secret of [PASSWORD, 'second-密码', firstHash, secondHash, ...[firstHash, secondHash].flatMap((x) => x.split('$').slice(4))]) {
      assert.ok(!everything.includes(secret), `the audit log must not contain ${secret}`);
    }
    assert.ok(!/scrypt/.test(everything));
  });
});

describe('the optional lock: against guessing', () => {
  it('pauses after wrong passwords in a row, and the pause ends', async (t) => {
    const { backend } = openTestBackend(t);
    let now = 1_000;
    const lock = new LockService(backend.ctx, backend.audit, { failDelayMs: 50, maxAttempts: 3, lockoutMs: 30_000, now: () => now });
    await lock.setPassword({ password: PASSWORD, idleMinutes: 10 });
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
    const lock = new LockService(backend.ctx, backend.audit, { failDelayMs: 100, maxAttempts: 100 });
    await lock.setPassword({ password: PASSWORD, idleMinutes: 10 });
    lock.lockNow();
    const started = performance.now();
    const results = await Promise.allSettled(['a1', 'a2', 'a3', 'a4'].map((g) => lock.unlock(g + '-guess')));
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.ok(performance.now() - started >= 4 * 95, `four guesses waited in turn (${Math.round(performance.now() - started)} ms)`);
    assert.equal(lock.isLocked(), true);
  });
});
