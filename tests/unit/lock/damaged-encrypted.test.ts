import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BackendHost } from '../../../electron/backend/host';
import { fileKind } from '../../../electron/backend/db/cipher';
import { tempDir, TEST_ACTOR } from '../../helpers/temp-db';

const PASSWORD = '督办密码-2026';

/** Overwrites one page in the middle of the file: the password still opens it, its check finds the damage. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
  fs.closeSync(fd);
}

const hashOf = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function call<T>(host: BackendHost, method: string, input: unknown): Promise<T> {
  const env = await host.dispatch(method as never, input as never);
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value as T;
}

/** An encrypted file with 3,000 people, a backup taken with the password, then one more person and closed. */
async function encryptedFileWithBackup(dir: string, backupFirst = false): Promise<string> {
  const dbPath = path.join(dir, 'ledgerdesk.db');
  const host = new BackendHost(dbPath, { actor: TEST_ACTOR });
  const unit = host.current.units.create({ name: '政治部', parentId: null, kind: 'department' });
  for (let i = 0; i < 3000; i++) host.current.roster.create({ name: `张${i}`, unitId: unit.id });
  // backupFirst: the only backup is from before the password (plain)
  if (backupFirst) await call(host, 'backup.now', {});
  await call(host, 'lock.setPassword', { password: PASSWORD, idleMinutes: 5 });
  if (!backupFirst) await call(host, 'backup.now', {});
  host.current.roster.create({ name: '李娜（备份之后）', unitId: unit.id });
  host.close();
  return dbPath;
}

test('a damaged encrypted file: the lock screen restores the newest backup with the same password, keeping the damaged file', async (t) => {
  const dir = tempDir(t);
  const dbPath = await encryptedFileWithBackup(dir);
  damage(dbPath);
  const damagedHash = hashOf(dbPath);

  const host = new BackendHost(dbPath, { actor: TEST_ACTOR });
  t.after(() => host.close());
  assert.equal(host.sealed, true);
  await assert.rejects(call(host, 'lock.unlock', { password: PASSWORD }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'DB_CORRUPT');
    assert.match(e.message, /已损坏/);
    // SQLite's English report (page numbers) is not for the clerk: only the file's name may hold Latin letters
    assert.doesNotMatch(e.message.replace(/“[^”]*”/g, ''), /[A-Za-z]/, e.message);
    return true;
  });

  await assert.rejects(call(host, 'lock.restoreNewestBackup', { password: '不是这个密码' }), (e: Error & { code?: string }) => e.code === 'WRONG_PASSWORD');
  assert.equal(hashOf(dbPath), damagedHash, 'a wrong password changes nothing');

  const r = await call<{ status: { encrypted: boolean; locked: boolean }; restored: string; damagedKeptAs: string }>(host, 'lock.restoreNewestBackup', { password: PASSWORD });
  assert.equal(host.sealed, false);
  assert.deepEqual([r.status.encrypted, r.status.locked], [true, false]);
  assert.match(path.basename(r.restored), /^manual-/);
  assert.equal(hashOf(r.damagedKeptAs), damagedHash, 'the damaged file is kept, renamed');
  assert.equal(host.current.roster.list().length, 3000, 'the people of the backup (the one added after it is not there)');
  assert.equal(fileKind(dbPath), 'encrypted', 'still encrypted with the password');
});

test('a damaged encrypted file whose only backup is from before the password: refused, nothing changed', async (t) => {
  const dir = tempDir(t);
  const dbPath = await encryptedFileWithBackup(dir, true);
  damage(dbPath);
  const damagedHash = hashOf(dbPath);
  const host = new BackendHost(dbPath, { actor: TEST_ACTOR });
  t.after(() => host.close());
  await assert.rejects(call(host, 'lock.restoreNewestBackup', { password: PASSWORD }), (e: Error & { code?: string }) => e.code === 'NOT_FOUND' && /没有找到能用这个密码打开的完好备份/.test(e.message));
  assert.equal(hashOf(dbPath), damagedHash);
  assert.equal(host.sealed, true);
});

test('restoreNewestBackup on a file that opens just unseals it; once open it is refused (数据安全 restores then)', async (t) => {
  const dir = tempDir(t);
  const dbPath = await encryptedFileWithBackup(dir);
  const host = new BackendHost(dbPath, { actor: TEST_ACTOR });
  t.after(() => host.close());
  const r = await call<{ restored: string }>(host, 'lock.restoreNewestBackup', { password: PASSWORD });
  assert.equal(r.restored, '');
  assert.equal(host.current.roster.list().length, 3001);
  await assert.rejects(call(host, 'lock.restoreNewestBackup', { password: PASSWORD }), (e: Error & { code?: string }) => e.code === 'CONFLICT');
});
