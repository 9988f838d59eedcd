import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { HandlersOf } from '../../../shared/contract/types';
import type { HostMethod } from '../../../shared/contract/app';
import { LOCK_DEFAULT_IDLE_MINUTES, LOCK_MAX_IDLE_MINUTES, type LockStatus } from '../../../shared/contract/lock';
import type { BackendContext } from '../context';
import type { AuditService, AuditLine } from '../audit/audit-service';
import { AttemptGuard } from './attempt-guard';
import { verifyPassword } from './password-hash';
import path from 'node:path';
import { ErrorCode, fail } from '../errors';
import { newRecoveryKey, sealPassword } from './recovery-key';
import { addSealed } from './recovery-file';

export { LockErrorCode } from './attempt-guard';

export const HASH_KEY = 'lock.hash';
export const IDLE_KEY = 'lock.idleMinutes';
/** the public half of the recovery key the file's passwords are sealed to (recovery-key.ts) */
export const RECOVERY_KEY = 'lock.recoveryPublicKey';

export interface LockOptions {
  /** the password the file was opened with, when it is encrypted (null: a plain file) */
  password?: string | null;
  guard?: AttemptGuard;
}

const digest = (s: string) => createHash('sha256').update(s.normalize('NFC'), 'utf8').digest();

/** The settings rows of the lock, read and written on any connection (the live file or a copy being re-keyed). */
export const lockSettings = {
  get(db: Database, key: string): string | null {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  },
  put(db: Database, key: string, value: string | null): void {
    if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  },
  idleMinutes(db: Database): number {
    const raw = lockSettings.get(db, IDLE_KEY);
    const n = raw === null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= LOCK_MAX_IDLE_MINUTES ? n : LOCK_DEFAULT_IDLE_MINUTES;
  },
  /** The audit line for a change of the idle minutes, or null when they stay. */
  setIdleMinutes(db: Database, minutes: number): AuditLine | null {
    const before = lockSettings.idleMinutes(db);
    if (lockSettings.get(db, IDLE_KEY) !== String(minutes)) lockSettings.put(db, IDLE_KEY, String(minutes));
    return before === minutes ? null : { entity: 'settings', entityId: 0, action: 'update', field: IDLE_KEY, oldValue: before, newValue: minutes };
  },
};

/**
 * The lock over one open data file. With a password the file is encrypted (db/cipher.ts):
 * opening it at all takes the password, and the program holds it while the file is open, to
 * answer the lock screen after some minutes without use. Whether it is locked lives only in
 * this process. Setting, changing and removing the password re-encrypt the file, which the
 * host does (lock/key-change.ts); the gate that refuses other methods while locked is ./gate.ts.
 *
 * A file whose password was set by an earlier version (a scrypt hash in its settings, the file
 * itself not encrypted) still locks as before until the password is saved again, which
 * encrypts it.
 */
export class LockService {
  private locked: boolean;
  private readonly password: string | null;
  readonly guard: AttemptGuard;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    opts: LockOptions = {},
  ) {
    this.password = opts.password ?? null;
    this.guard = opts.guard ?? new AttemptGuard();
    // an encrypted file was just opened with its password; an old-style one starts locked
    this.locked = this.password === null && this.storedHash() !== null;
  }

  private storedHash(): string | null {
    return lockSettings.get(this.ctx.db, HASH_KEY);
  }

  /** The password the file is encrypted with (null: not encrypted). */
  filePassword(): string | null {
    return this.password;
  }

  recoveryPublicKey(): string | null {
    return lockSettings.get(this.ctx.db, RECOVERY_KEY);
  }

  idleMinutes(): number {
    return lockSettings.idleMinutes(this.ctx.db);
  }

  isLocked(): boolean {
    return this.locked;
  }

  status(): LockStatus {
    const encrypted = this.password !== null;
    return { enabled: encrypted || this.storedHash() !== null, locked: this.locked, idleMinutes: this.idleMinutes(), encrypted };
  }

  /** Whether `password` is this file's password. */
  private async matches(password: string): Promise<boolean> {
    if (this.password !== null) return timingSafeEqual(digest(password), digest(this.password));
    const stored = this.storedHash();
    return stored !== null && (await verifyPassword(password, stored));
  }

  /** One check of the current password, counted against guessing; throws `wrong` when it is not. */
  checkCurrent(password: string, wrong: string): Promise<void> {
    return this.guard.check(() => this.matches(password), wrong);
  }

  unlock(password: string): Promise<LockStatus> {
    return this.guard.serial(async () => {
      if (this.locked && this.status().enabled) await this.checkCurrent(password, '密码不正确');
      this.locked = false;
      return this.status();
    });
  }

  /** After the recovery key proved who is asking (key-change.ts). */
  unlockRecovered(): void {
    this.locked = false;
  }

  lockNow(): LockStatus {
    if (this.status().enabled) this.locked = true;
    return this.status();
  }

  /** Changes only the idle minutes, in the open file. */
  setIdleMinutes(minutes: number): LockStatus {
    this.ctx.db.transaction(() => {
      const line = lockSettings.setIdleMinutes(this.ctx.db, minutes);
      if (line) this.audit.record([line]);
    })();
    return this.status();
  }

  /** A new recovery key: the current password sealed to it, beside the file; its public half kept in the file. */
  newRecoveryKey(current: string): Promise<{ recoveryKey: string }> {
    return this.guard.serial(async () => {
      if (this.password === null) fail(ErrorCode.validation, '数据文件没有加密，不需要恢复密钥');
      await this.checkCurrent(current, '当前密码不正确');
      const fresh = newRecoveryKey();
      addSealed(path.dirname(path.resolve(this.ctx.dbPath)), [sealPassword(fresh.publicKey, this.password!)]);
      this.ctx.db.transaction(() => {
        lockSettings.put(this.ctx.db, RECOVERY_KEY, fresh.publicKey);
        this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field: 'lock.recoveryKey', oldValue: '已设置', newValue: '已更换' }]);
      })();
      return { recoveryKey: fresh.text };
    });
  }

  handlers(): Omit<HandlersOf<'lock'>, HostMethod> {
    return {
      'lock.newRecoveryKey': (i) => this.newRecoveryKey(i.current),
      'lock.status': () => this.status(),
      'lock.unlock': (i) => this.unlock(i.password),
      'lock.lockNow': () => this.lockNow(),
    };
  }
}
