import { performance } from 'node:perf_hooks';
import type { HandlersOf } from '../../../shared/contract/types';
import { LOCK_DEFAULT_IDLE_MINUTES, LOCK_MAX_IDLE_MINUTES, LOCKED_CODE, type LockStatus } from '../../../shared/contract/lock';
import type { BackendContext } from '../context';
import type { AuditService, AuditLine } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { DEFAULT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './password-hash';

export const LockErrorCode = {
  wrongPassword: 'WRONG_PASSWORD',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
} as const;

export const HASH_KEY = 'lock.hash';
export const IDLE_KEY = 'lock.idleMinutes';

export interface LockOptions {
  /** pause after every wrong password, before answering (slows guessing) */
  failDelayMs?: number;
  /** wrong passwords in a row before a pause of `lockoutMs` */
  maxAttempts?: number;
  lockoutMs?: number;
  /** a monotonic clock in ms (the lockout is about elapsed time, not the calendar) */
  now?: () => number;
  params?: ScryptParams;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The optional lock over one open data file. The password's scrypt hash and the idle minutes
 * are settings in the file; whether it is locked lives only in this process, so a program
 * that starts (or opens this file) with a password set starts locked. The gate that makes
 * the backend refuse other methods while locked is in ./gate.ts.
 */
export class LockService {
  private locked: boolean;
  private failures = 0;
  private blockedUntil = 0;
  /** password checks run one at a time, so parallel guesses wait their turn */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<LockOptions>;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    opts: LockOptions = {},
  ) {
    this.opts = {
      failDelayMs: opts.failDelayMs ?? 400,
      maxAttempts: opts.maxAttempts ?? 5,
      lockoutMs: opts.lockoutMs ?? 30_000,
      now: opts.now ?? (() => performance.now()),
      params: opts.params ?? DEFAULT_PARAMS,
    };
    this.locked = this.storedHash() !== null;
  }

  private setting(key: string): string | null {
    const row = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  private put(key: string, value: string | null): void {
    if (value === null) this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private storedHash(): string | null {
    return this.setting(HASH_KEY);
  }

  idleMinutes(): number {
    const raw = this.setting(IDLE_KEY);
    const n = raw === null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= LOCK_MAX_IDLE_MINUTES ? n : LOCK_DEFAULT_IDLE_MINUTES;
  }

  isLocked(): boolean {
    return this.locked;
  }

  status(): LockStatus {
    return { enabled: this.storedHash() !== null, locked: this.locked, idleMinutes: this.idleMinutes() };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One password check, counted against guessing; throws the Chinese refusal when wrong. */
  private async check(password: string, stored: string, wrong: string): Promise<void> {
    const { maxAttempts, lockoutMs, failDelayMs, now } = this.opts;
    const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
    const wait = this.blockedUntil - now();
    if (wait > 0) fail(LockErrorCode.tooManyAttempts, `密码连续输错次数过多，请 ${seconds(wait)} 秒后再试`);
    if (await verifyPassword(password, stored)) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    await sleep(failDelayMs);
    if (this.failures >= maxAttempts) {
      this.failures = 0;
      this.blockedUntil = now() + lockoutMs;
      fail(LockErrorCode.wrongPassword, `${wrong}。已连续输错 ${maxAttempts} 次，请 ${seconds(lockoutMs)} 秒后再试`);
    }
    const left = maxAttempts - this.failures;
    fail(LockErrorCode.wrongPassword, left <= 2 ? `${wrong}（再输错 ${left} 次将暂停 ${seconds(lockoutMs)} 秒）` : wrong);
  }

  private refuseWhileLocked(): void {
    if (this.locked) fail(LOCKED_CODE, '程序已锁定，请先输入密码解锁');
  }

  unlock(password: string): Promise<LockStatus> {
    return this.serial(async () => {
      const stored = this.storedHash();
      if (stored !== null && this.locked) await this.check(password, stored, '密码不正确');
      this.locked = false;
      return this.status();
    });
  }

  lockNow(): LockStatus {
    if (this.storedHash() !== null) this.locked = true;
    return this.status();
  }

  /** Sets, or (with the current password) changes the password and/or the idle minutes. */
  setPassword(input: { current?: string; password?: string; idleMinutes: number }): Promise<LockStatus> {
    return this.serial(async () => {
      this.refuseWhileLocked();
      const stored = this.storedHash();
      if (stored !== null) {
        if (!input.current) fail(ErrorCode.validation, '请输入当前密码');
        await this.check(input.current!, stored, '当前密码不正确');
      } else if (input.password === undefined) {
        fail(ErrorCode.validation, '请输入要设置的密码');
      }
      const next = input.password === undefined ? null : await hashPassword(input.password, this.opts.params);
      const idleBefore = this.idleMinutes();
      this.ctx.db.transaction(() => {
        const lines: AuditLine[] = [];
        if (next !== null) {
          this.put(HASH_KEY, next);
          // the audit says that the password changed, never what it is or its hash
          lines.push({ entity: 'settings', entityId: 0, action: 'update', field: 'lock.password', oldValue: stored === null ? '未设置' : '已设置', newValue: stored === null ? '已设置' : '已更改' });
        }
        if (this.setting(IDLE_KEY) !== String(input.idleMinutes)) {
          this.put(IDLE_KEY, String(input.idleMinutes));
          if (idleBefore !== input.idleMinutes) {
            lines.push({ entity: 'settings', entityId: 0, action: 'update', field: IDLE_KEY, oldValue: idleBefore, newValue: input.idleMinutes });
          }
        }
        if (lines.length) this.audit.record(lines);
      })();
      return this.status();
    });
  }

  /** Removes the password; the program no longer locks. */
  clear(current: string): Promise<LockStatus> {
    return this.serial(async () => {
      this.refuseWhileLocked();
      const stored = this.storedHash();
      if (stored === null) return this.status();
      await this.check(current, stored, '当前密码不正确');
      this.ctx.db.transaction(() => {
        this.put(HASH_KEY, null);
        this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field: 'lock.password', oldValue: '已设置', newValue: '未设置' }]);
      })();
      this.locked = false;
      return this.status();
    });
  }

  handlers(): HandlersOf<'lock'> {
    return {
      'lock.status': () => this.status(),
      'lock.setPassword': (i) => this.setPassword(i),
      'lock.clear': (i) => this.clear(i.current),
      'lock.unlock': (i) => this.unlock(i.password),
      'lock.lockNow': () => this.lockNow(),
    };
  }
}
