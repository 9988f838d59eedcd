import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LockStatus, PasswordSaved } from '../../../shared/contract/lock';
import { AuditService, type AuditLine } from '../audit/audit-service';
import type { Backend } from '../backend';
import type { BackendContext } from '../context';
import { ErrorCode, fail } from '../errors';
import { HASH_KEY, RECOVERY_KEY, lockSettings } from './lock-service';
import { newRecoveryKey, parseRecoveryKey, sealPassword, unsealPasswords } from './recovery-key';
import { addSealed, readSealed, recoveryFileIn, RECOVERY_FILE } from './recovery-file';

/** What the host offers the password changes: the open file, and a re-encryption of it (host.ts). */
export interface KeyHost {
  dbPath: string;
  backend: Backend;
  /** re-encrypts the file with `to` (null: decrypt), writing `edit` into it in the same step; reopens it */
  rekey(to: string | null, edit: (copy: Database) => void): Backend;
}

const passwordLine = (from: string, to: string): AuditLine => ({ entity: 'settings', entityId: 0, action: 'update', field: 'lock.password', oldValue: from, newValue: to });

/** Writes audit lines into the copy being re-keyed, as the same actor and clock. */
function auditInto(copy: Database, ctx: BackendContext, lines: AuditLine[]): void {
  if (lines.length) new AuditService({ ...ctx, db: copy }).record(lines);
}

/**
 * Sets, changes (with the current password) or keeps the password, and the idle minutes.
 * A new or changed password re-encrypts the file; the first one makes the recovery key, whose
 * public half is kept in the file and to which each password is sealed (the recovery file
 * beside the data file gets the sealed password before the file changes key, so there is never
 * a file the recovery key cannot open).
 */
export async function savePassword(h: KeyHost, input: { current?: string | undefined; password?: string | undefined; idleMinutes: number }): Promise<PasswordSaved> {
  const lock = h.backend.lock;
  return lock.guard.serial(async () => {
    const before = lock.status();
    if (before.enabled) {
      if (!input.current) fail(ErrorCode.validation, '请输入当前密码');
      await lock.checkCurrent(input.current!, '当前密码不正确');
    } else if (input.password === undefined) {
      fail(ErrorCode.validation, '请输入要设置的密码');
    }
    // a password set by an earlier version, file not yet encrypted: saving encrypts it with it
    const next = input.password ?? (before.encrypted ? undefined : input.current);
    if (next === undefined) return { ...lock.setIdleMinutes(input.idleMinutes), recoveryKey: null };
    return applyNewPassword(h, { before, next, idleMinutes: input.idleMinutes });
  });
}

/** Encrypts the file with `next` (the checks are the caller's), sealing it to the recovery key first. */
export function applyNewPassword(h: KeyHost, change: { before: LockStatus; next: string; idleMinutes: number; by?: string }): PasswordSaved {
  const { before, next } = change;
  const existingKey = h.backend.lock.recoveryPublicKey();
  const fresh = existingKey ? null : newRecoveryKey();
  const publicKey = existingKey ?? fresh!.publicKey;
  addSealed(path.dirname(path.resolve(h.dbPath)), [sealPassword(publicKey, next)]);
  const ctx = h.backend.ctx;
  const reopened = h.rekey(next, (copy) => {
    lockSettings.put(copy, HASH_KEY, null); // the encrypted file is its own check of the password
    lockSettings.put(copy, RECOVERY_KEY, publicKey);
    const now = change.by ?? (before.encrypted ? '已更改' : '已设置并加密数据文件');
    const lines = [passwordLine(before.enabled ? '已设置' : '未设置', now)];
    const idle = lockSettings.setIdleMinutes(copy, change.idleMinutes);
    if (idle) lines.push(idle);
    auditInto(copy, ctx, lines);
  });
  return { ...reopened.lock.status(), recoveryKey: fresh?.text ?? null };
}

/** Removes the password: the file is decrypted (old-style: the stored hash removed). */
export async function clearPassword(h: KeyHost, current: string): Promise<void> {
  const lock = h.backend.lock;
  await lock.guard.serial(async () => {
    const before = lock.status();
    if (!before.enabled) return;
    await lock.checkCurrent(current, '当前密码不正确');
    const ctx = h.backend.ctx;
    const edit = (db: Database) => {
      lockSettings.put(db, HASH_KEY, null);
      lockSettings.put(db, RECOVERY_KEY, null);
      auditInto(db, ctx, [passwordLine('已设置', '未设置')]);
    };
    if (before.encrypted) h.rekey(null, edit);
    else ctx.db.transaction(() => edit(ctx.db))();
  });
}

/**
 * The passwords the recovery key unseals from the recovery file beside the data file; refuses
 * (in Chinese, counted against guessing) a key that unseals none.
 */
export async function passwordsFromRecoveryKey(dbPath: string, recoveryKey: string, check: (right: () => boolean, wrong: string) => Promise<void>): Promise<string[]> {
  const parsed = parseRecoveryKey(recoveryKey);
  if ('problem' in parsed) return fail(ErrorCode.validation, parsed.problem);
  const dir = path.dirname(path.resolve(dbPath));
  const sealed = readSealed(dir);
  if (sealed.length === 0) {
    fail(ErrorCode.notFound, `找不到恢复信息文件“${recoveryFileIn(dir)}”。它应与数据文件放在同一文件夹中（复制数据文件时需一并复制 ${RECOVERY_FILE}）。`);
  }
  const candidates = unsealPasswords(parsed.secret, sealed);
  await check(() => candidates.length > 0, '恢复密钥不正确');
  return candidates;
}
