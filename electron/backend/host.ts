import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../shared/contract/types';
import type { AppInfo, HostMethod } from '../../shared/contract/app';
import { LOCK_DEFAULT_IDLE_MINUTES, type LockStatus } from '../../shared/contract/lock';
import { ApiError } from '../../shared/contract/define';
import { openBackend, currentActor, type Backend, type BackendOptions } from './backend';
import { createDispatcher, type Dispatch } from './dispatch';
import { ErrorCode, fail } from './errors';
import { restoreFromBackup, type RestoreResult } from './backup/restore';
import { recoverFromNewestBackup } from './backup/recover';
import { lockGate } from './lock/gate';
import { fileKind } from './db/cipher';
import { PasswordErrorCode, passwordFor } from './db/open';
import { APP_VERSION } from './app/app-service';
import { AttemptGuard } from './lock/attempt-guard';
import { rekeyDataFile, type RekeyProgress } from './lock/rekey-file';
import { applyNewPassword, clearPassword, passwordsFromRecoveryKey, savePassword, type KeyHost } from './lock/key-change';
import { cleanLeftovers } from './leftovers';

/** While an encrypted file waits for its password, this is all the gate sees of its lock. */
const SEALED_LOCK = { isLocked: () => true };

/**
 * Owns the one open database and swaps it when the user opens another data file, restores a
 * backup or re-encrypts the file. The Electron main process, the loopback bridge and the
 * command line serve the API through a host.
 *
 * An encrypted data file cannot be opened before its password is given: until then the host
 * is "sealed" — no backend, and only the lock screen's methods answer (lock.status,
 * lock.unlock, lock.recover, app.info).
 */
export class BackendHost {
  private backend: Backend | null;
  private path: string;
  private guard: AttemptGuard;
  readonly dispatch: Dispatch;
  private readonly listeners = new Set<(dbPath: string) => void>();

  constructor(
    dbPath: string,
    private readonly opts: BackendOptions = {},
  ) {
    this.path = path.resolve(dbPath);
    this.guard = opts.guard ?? new AttemptGuard();
    const password = passwordFor(opts);
    const sealed = this.waitsForPassword(this.path, password);
    if (sealed) cleanLeftovers(this.path); // (opening cleans them otherwise)
    this.backend = sealed ? null : this.openAt(this.path, password);
    // while the open file's lock is closed, only the lock screen's methods pass
    this.dispatch = lockGate(createDispatcher(() => this.handlers()), () => this.backend?.lock ?? SEALED_LOCK);
  }

  private waitsForPassword(file: string, password: string | undefined): boolean {
    return fileKind(file) === 'encrypted' && password === undefined;
  }

  private openAt(file: string, password: string | undefined): Backend {
    return openBackend(file, { ...this.opts, guard: this.guard, ...(password === undefined ? {} : { password }) });
  }

  /** The open data file's backend; refused while an encrypted file waits for its password. */
  get current(): Backend {
    if (!this.backend) throw new ApiError(PasswordErrorCode.required, '数据文件已加密，请先输入密码');
    return this.backend;
  }

  /** The data file this host serves (open, or waiting for its password). */
  get dbPath(): string {
    return this.path;
  }

  /** An encrypted file waits for its password: nothing can be read yet. */
  get sealed(): boolean {
    return this.backend === null;
  }

  /** Called with the path whenever another file is open, and when an encrypted one has been unlocked. */
  onSwitch(listener: (dbPath: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private switched(): void {
    this.listeners.forEach((l) => l(this.path));
  }

  /** Opens `file`; the old database stays open if the new one is refused. */
  open(file: string, create: boolean): AppInfo {
    const resolved = path.resolve(file);
    if (!create && !fs.existsSync(resolved)) fail(ErrorCode.notFound, `数据文件“${resolved}”不存在`);
    if (create && fs.existsSync(resolved) && fs.statSync(resolved).size > 0) {
      fail(ErrorCode.conflict, `“${resolved}”已存在，请选择“打开数据文件”或换一个文件名`);
    }
    const sealedNext = this.waitsForPassword(resolved, undefined);
    if (sealedNext) cleanLeftovers(resolved);
    // an encrypted file: the window shows the lock screen for it; the guard starts afresh
    const next = sealedNext ? null : openBackend(resolved, { ...this.opts, guard: new AttemptGuard() });
    const prev = this.backend;
    this.backend = next;
    this.path = resolved;
    if (sealedNext) this.guard = new AttemptGuard();
    else this.guard = next!.lock.guard;
    prev?.close();
    this.switched();
    return this.info();
  }

  private info(): AppInfo {
    if (this.backend) return this.backend.app.info();
    // nothing can be read from the file before the password: no office name, no counts
    return { dbPath: this.path, schemaVersion: 0, actor: this.opts.actor ?? currentActor(), appVersion: APP_VERSION, isEmpty: false, officeName: '', officeLevel: null, officeUnitId: null };
  }

  private sealedStatus(): LockStatus {
    return { enabled: true, locked: true, idleMinutes: LOCK_DEFAULT_IDLE_MINUTES, encrypted: true };
  }

  /** The lock screen's answer for a sealed file: the password opens it (wrong ones are counted). */
  private unseal(password: string): Promise<LockStatus> {
    if (this.backend) return this.backend.lock.unlock(password);
    return this.guard.serial(async () => {
      if (this.backend) return this.backend.lock.status(); // unsealed by a call that queued before
      let opened: Backend | null = null;
      await this.guard.check(() => {
        try {
          opened = this.openAt(this.path, password);
          return true;
        } catch (err) {
          if (err instanceof ApiError && err.code === PasswordErrorCode.wrong) return false;
          throw err;
        }
      }, '密码不正确');
      this.backend = opened;
      this.switched();
      return this.backend!.lock.status();
    });
  }

  /**
   * A sealed file the password opens but that is damaged: the newest backup encrypted with the
   * same password replaces it (the damaged file kept, renamed) and opens. A file that opens
   * is simply unsealed; a wrong password counts as a wrong attempt and changes nothing.
   */
  private unsealFromBackup(password: string): Promise<{ status: LockStatus; restored: string; damagedKeptAs: string }> {
    if (this.backend) return Promise.resolve(fail(ErrorCode.conflict, '数据文件已经打开，请在“数据安全”中选择备份恢复。'));
    return this.guard.serial(async () => {
      let damaged = false;
      await this.guard.check(() => {
        try {
          this.backend = this.openAt(this.path, password);
          return true;
        } catch (err) {
          if (err instanceof ApiError && err.code === PasswordErrorCode.wrong) return false;
          if (err instanceof ApiError && err.code === ErrorCode.dbCorrupt) return (damaged = true);
          throw err;
        }
      }, '密码不正确');
      if (!damaged) {
        this.switched();
        return { status: this.current.lock.status(), restored: '', damagedKeptAs: '' };
      }
      const r =
        recoverFromNewestBackup(this.path, this.opts.nativeBinding, password, true) ??
        fail(ErrorCode.notFound, '没有找到能用这个密码打开的完好备份（设置或更换密码之前的备份需要当时的密码，或不加密），数据文件未做改动。');
      this.backend = this.openAt(this.path, password);
      this.switched();
      return { status: this.current.lock.status(), ...r };
    });
  }

  /** 忘记密码: the recovery key unseals the file's passwords; the file is re-encrypted with the new one. */
  private recover(recoveryKey: string, password: string): Promise<LockStatus> {
    return this.guard.serial(async () => {
      const candidates = await passwordsFromRecoveryKey(this.path, recoveryKey, (right, wrong) => this.guard.check(right, wrong));
      if (!this.backend) {
        for (const candidate of candidates) {
          try {
            this.backend = this.openAt(this.path, candidate);
            break;
          } catch (err) {
            if (!(err instanceof ApiError && err.code === PasswordErrorCode.wrong)) throw err;
          }
        }
        if (!this.backend) fail(PasswordErrorCode.wrong, '恢复密钥正确，但它保存的密码都打不开这个数据文件（数据文件可能被替换过）。');
        this.switched();
      } else if (!candidates.includes(this.backend.lock.filePassword() ?? '\0')) {
        fail(PasswordErrorCode.wrong, '恢复密钥正确，但它保存的密码都不是这个数据文件现在的密码。');
      }
      this.backend!.lock.unlockRecovered();
      // the recovery key stood in for the current password: the new one replaces it
      const lock = this.current.lock;
      await applyNewPassword(this.keyHost(), { before: lock.status(), next: password, idleMinutes: lock.idleMinutes(), by: '用恢复密钥重设' });
      return this.current.lock.status();
    });
  }

  private keyHost(): KeyHost {
    return { dbPath: this.path, backend: this.current, rekey: (to, edit) => this.rekey(to, edit) };
  }

  /** Re-encrypts the open file (lock/rekey-file.ts) and reopens it, with the new key or, if it failed before the switch, the old. */
  private rekey(to: string | null, edit: (copy: Database) => void): Backend {
    const b = this.current;
    const from = b.lock.filePassword();
    const progress: RekeyProgress = { closed: false, replaced: false };
    try {
      rekeyDataFile({ dbPath: this.path, db: b.ctx.db, from, to, edit, closeLive: () => b.close(), ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}) }, progress);
    } finally {
      if (progress.closed) {
        const key = progress.replaced ? to : from;
        this.backend = this.openAt(this.path, key ?? undefined);
        this.switched();
      }
    }
    return this.current;
  }

  /** Replaces the open data file with a verified backup, then reopens it. */
  async restore(from: string, backupPassword?: string): Promise<RestoreResult> {
    const current = this.current;
    const dbPath = current.ctx.dbPath;
    const password = current.lock.filePassword();
    let closed = false;
    try {
      return await restoreFromBackup({
        dbPath,
        from,
        current: current.ctx.db,
        backupDir: current.backup.dir(),
        password,
        ...(backupPassword ? { backupPassword } : {}),
        ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}),
        closeCurrent: () => {
          current.close();
          closed = true;
        },
      });
    } finally {
      // reopen whatever is now at dbPath: the restored file (given the current key), or the untouched original
      if (closed) {
        this.backend = this.openAt(dbPath, password ?? undefined);
        this.switched();
      }
    }
  }

  handlers(): Handlers {
    const host: Pick<Handlers, HostMethod> = {
      'app.openDataFile': (i) => this.open(i.path, i.create),
      'backup.restore': (i) => this.restore(i.path, i.password),
      'lock.setPassword': (i) => savePassword(this.keyHost(), i),
      'lock.clear': async (i) => {
        await clearPassword(this.keyHost(), i.current);
        return this.current.lock.status();
      },
      'lock.recover': (i) => this.recover(i.recoveryKey, i.password),
      'lock.restoreNewestBackup': (i) => this.unsealFromBackup(i.password),
    };
    if (!this.backend) {
      // sealed: the gate lets only the lock screen's methods through; these answer them
      const sealed = {
        'app.info': () => this.info(),
        'lock.status': () => this.sealedStatus(),
        'lock.unlock': (i: { password: string }) => this.unseal(i.password),
      };
      return { ...(sealed as unknown as Handlers), ...host };
    }
    return { ...this.backend.handlers, 'lock.unlock': (i) => this.unseal(i.password), ...host };
  }

  close(): void {
    this.backend?.close();
  }
}
