import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../../shared/contract/define';
import type { LockStatus, PasswordSaved } from '../../../shared/contract/lock';
import { BackendHost } from '../../../electron/backend/host';
import { fileKind } from '../../../electron/backend/db/cipher';
import { openDatabase } from '../../../electron/backend/db/open';
import { RECOVERY_FILE } from '../../../electron/backend/lock/recovery-file';
import { formatRecoveryKey } from '../../../electron/backend/lock/recovery-key';
import { tempDir, testBackendOptions } from '../../helpers/temp-db';

const PASSWORD = '督办2026春';

function valueOf<T>(env: Envelope<unknown>): T {
  assert.ok(env.ok, `expected success, got ${JSON.stringify(env)}`);
  return env.value as T;
}
function errorOf(env: Envelope<unknown>): { code: string; message: string } {
  assert.equal(env.ok, false, `expected an error, got ${JSON.stringify(env)}`);
  return env.ok ? { code: '', message: '' } : env.error;
}

/** What plain SQLite (Python's sqlite3, as anyone with the copied file would try) reads from a file. */
function plainSqliteReads(file: string): { people: number } | { error: string } {
  const r = spawnSync('python3', ['-c', 'import sqlite3,sys,json\ntry:\n  print(json.dumps({"people": sqlite3.connect(sys.argv[1]).execute("select count(*) from people").fetchone()[0]}))\nexcept Exception as e:\n  print(json.dumps({"error": str(e)}))', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { people: number } | { error: string };
}

function openHost(t: TestContext, dbPath: string): BackendHost {
  const h = new BackendHost(dbPath, testBackendOptions());
  t.after(() => h.close());
  return h;
}

/** A data file with two people in it, and a password set: its recovery key. */
async function protectedFile(t: TestContext) {
  const dir = tempDir(t);
  const dbPath = path.join(dir, 'ledger.db');
  const h = openHost(t, dbPath);
  const unit = h.current.units.create({ name: '政治部', parentId: null, kind: 'department' });
  h.current.roster.create({ name: '王伟', unitId: unit.id });
  const plainBackup = valueOf<{ out: string }>(await h.dispatch('backup.now', {})).out; // before the password
  h.current.roster.create({ name: '李娜', unitId: unit.id });
  const saved = valueOf<PasswordSaved>(await h.dispatch('lock.setPassword', { password: PASSWORD, idleMinutes: 10 }));
  return { dir, dbPath, h, recoveryKey: saved.recoveryKey!, plainBackup };
}

describe('encryption at rest', () => {
  it('with a password set, plain SQLite reads neither the data file nor a backup written afterwards; without one it reads both', async (t) => {
    const { dbPath, h, plainBackup } = await protectedFile(t);
    assert.deepEqual(plainSqliteReads(plainBackup), { people: 1 }, 'a backup from before the password is plain (the README says so)');
    const daily = (await h.current.backup.automatic({ force: true })).written[0]!;
    const manual = valueOf<{ out: string }>(await h.dispatch('backup.now', {})).out;
    for (const file of [dbPath, daily, manual]) {
      const read = plainSqliteReads(file);
      assert.ok('error' in read && /not a database/.test(read.error), `${path.basename(file)}: ${JSON.stringify(read)}`);
      assert.equal(fileKind(file), 'encrypted');
    }
    // the password opens them (here, as in any SQLCipher 4 tool)
    for (const file of [daily, manual]) {
      const { db } = openDatabase(file, { password: PASSWORD });
      assert.equal((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n, 2);
      db.close();
    }
    // the recovery file goes beside each backup, so the recovery key serves them too
    assert.ok(fs.existsSync(path.join(path.dirname(daily), RECOVERY_FILE)));

    valueOf(await h.dispatch('lock.clear', { current: PASSWORD }));
    assert.deepEqual(plainSqliteReads(dbPath), { people: 2 }, 'removing the password decrypts the file');
  });

  it('checks and restores an encrypted backup with the password; one from before a change needs its own password', async (t) => {
    const { h, dbPath } = await protectedFile(t);
    const before = valueOf<{ out: string }>(await h.dispatch('backup.now', {})).out;
    assert.equal(valueOf<{ people: number }>(await h.dispatch('backup.verify', { path: before })).people, 2);
    valueOf(await h.dispatch('lock.setPassword', { current: PASSWORD, password: 'new-密码-2', idleMinutes: 10 }));
    h.current.roster.create({ name: '张强', unitId: 1 });
    const e = errorOf(await h.dispatch('backup.restore', { path: before }));
    assert.equal(e.code, 'WRONG_PASSWORD');
    assert.match(e.message, /更改密码之前的备份/);
    assert.equal(h.current.roster.list().length, 3, 'nothing changed');
    valueOf(await h.dispatch('backup.restore', { path: before, password: PASSWORD }));
    assert.deepEqual(h.current.roster.list().map((p) => p.name).sort(), ['李娜', '王伟'].sort());
    // the restored file keeps today's protection: the current password, not the backup's
    assert.equal(fileKind(dbPath), 'encrypted');
    assert.throws(() => openDatabase(dbPath, { password: PASSWORD }), { code: 'WRONG_PASSWORD' });
    openDatabase(dbPath, { password: 'new-密码-2' }).db.close();
  });

  it('restoring a backup from before the password leaves the data file encrypted', async (t) => {
    const { h, dbPath, plainBackup } = await protectedFile(t);
    valueOf(await h.dispatch('backup.restore', { path: plainBackup }));
    assert.deepEqual(h.current.roster.list().map((p) => p.name), ['王伟']);
    assert.equal(fileKind(dbPath), 'encrypted');
    assert.ok('error' in plainSqliteReads(dbPath));
    assert.equal(valueOf<LockStatus>(await h.dispatch('lock.status', {})).encrypted, true);
  });
});

describe('the recovery key (忘记密码)', () => {
  it('is 8 groups of 6 digits; a mistyped group is named, a wrong key refused; the right one opens the file with a new password', async (t) => {
    const { dbPath, h, recoveryKey } = await protectedFile(t);
    assert.match(recoveryKey, /^(\d{6}-){7}\d{6}$/);
    h.close();
    const sealed = openHost(t, dbPath);
    assert.equal(sealed.sealed, true);
    const typo = recoveryKey.replace(/^(\d{6}-\d{6}-)(\d)/, (_m, head: string, d: string) => head + String((Number(d) + 1) % 10));
    assert.match(errorOf(await sealed.dispatch('lock.recover', { recoveryKey: typo, password: 'brand-new-1' })).message, /第 3 组数字有误/);
    assert.match(errorOf(await sealed.dispatch('lock.recover', { recoveryKey: '12345', password: 'brand-new-1' })).message, /48 位数字/);
    const other = formatRecoveryKey(Buffer.alloc(16, 7));
    assert.match(errorOf(await sealed.dispatch('lock.recover', { recoveryKey: other, password: 'brand-new-1' })).message, /^恢复密钥不正确/);
    assert.equal(sealed.sealed, true);

    // pasted with spaces and full-width digits, as it may come from a printout
    const pasted = recoveryKey.replace(/-/g, ' ').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const s = valueOf<LockStatus>(await sealed.dispatch('lock.recover', { recoveryKey: pasted, password: 'brand-new-1' }));
    assert.deepEqual([s.locked, s.encrypted], [false, true]);
    assert.equal(sealed.current.roster.list().length, 2);
    assert.throws(() => openDatabase(dbPath, { password: PASSWORD }), { code: 'WRONG_PASSWORD' });
    openDatabase(dbPath, { password: 'brand-new-1' }).db.close();

    // the same key still works after the reset (the new password was sealed to it too)
    sealed.close();
    const again = openHost(t, dbPath);
    valueOf(await again.dispatch('lock.recover', { recoveryKey, password: 'brand-new-2' }));
    openDatabase(dbPath, { password: 'brand-new-2' }).db.close();
  });

  it('says where the recovery file should be when it is missing', async (t) => {
    const { dir, dbPath, h, recoveryKey } = await protectedFile(t);
    h.close();
    fs.rmSync(path.join(dir, RECOVERY_FILE));
    const sealed = openHost(t, dbPath);
    const e = errorOf(await sealed.dispatch('lock.recover', { recoveryKey, password: 'brand-new-1' }));
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, new RegExp(`找不到恢复信息文件.*${RECOVERY_FILE}`));
    assert.equal(sealed.sealed, true);
  });
});

describe('a new recovery key', () => {
  it('needs the current password, and opens the file from then on', async (t) => {
    const { dbPath, h } = await protectedFile(t);
    assert.match(errorOf(await h.dispatch('lock.newRecoveryKey', { current: 'wrong-pass' })).message, /^当前密码不正确/);
    const { recoveryKey } = valueOf<{ recoveryKey: string }>(await h.dispatch('lock.newRecoveryKey', { current: PASSWORD }));
    assert.match(recoveryKey, /^(\d{6}-){7}\d{6}$/);
    h.close();
    const sealed = openHost(t, dbPath);
    valueOf(await sealed.dispatch('lock.recover', { recoveryKey, password: 'after-new-key' }));
    openDatabase(dbPath, { password: 'after-new-key' }).db.close();
  });
});
