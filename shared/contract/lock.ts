import { z } from 'zod';
import { returns } from './define';

/** Refusals about the password, the same for the app's lock screen, its backups and the command line. */
export const PasswordErrorCode = {
  required: 'PASSWORD_REQUIRED',
  wrong: 'WRONG_PASSWORD',
} as const;

/** The optional lock (锁定): a password asked at start and after some minutes without use. */
export interface LockStatus {
  /** a password is set */
  enabled: boolean;
  /** the backend refuses everything but LOCK_OPEN_METHODS until unlocked */
  locked: boolean;
  /** minutes without mouse or keyboard use before the program locks itself; 0 = never */
  idleMinutes: number;
  /** the data file (and every backup written since) is encrypted with the password */
  encrypted: boolean;
}

/** What setting a password answers: the status, and the recovery key when one was made (shown once, never again). */
export interface PasswordSaved extends LockStatus {
  recoveryKey: string | null;
}

export const LOCK_MIN_LENGTH = 6;
export const LOCK_MAX_LENGTH = 128;
export const LOCK_DEFAULT_IDLE_MINUTES = 10;
export const LOCK_MAX_IDLE_MINUTES = 480;

/** The error code every method answers with while the program is locked. */
export const LOCKED_CODE = 'LOCKED';

/** What a locked backend still serves (the lock screen needs them; nothing here reveals data). */
export const LOCK_OPEN_METHODS = ['lock.status', 'lock.unlock', 'lock.recover', 'lock.restoreNewestBackup', 'app.info'] as const;

/** A typed password is never trimmed: spaces are part of it. */
const typed = z.string().max(LOCK_MAX_LENGTH, `密码不能超过 ${LOCK_MAX_LENGTH} 个字符`);
const newPassword = z
  .string()
  .min(LOCK_MIN_LENGTH, `密码至少需要 ${LOCK_MIN_LENGTH} 个字符`)
  .max(LOCK_MAX_LENGTH, `密码不能超过 ${LOCK_MAX_LENGTH} 个字符`);
const idleMinutes = z
  .number({ error: '空闲锁定时间应为分钟数' })
  .int('空闲锁定时间应为整数分钟')
  .min(0, '空闲锁定时间不能为负数')
  .max(LOCK_MAX_IDLE_MINUTES, `空闲锁定时间不能超过 ${LOCK_MAX_IDLE_MINUTES} 分钟`);

export const lockContract = {
  'lock.status': returns<LockStatus>()(z.object({})),
  /**
   * Sets the password, or changes it and/or the idle minutes. When a password is already
   * set, `current` must be it; `password` may then be left out to change only the minutes.
   * Setting or changing it encrypts the data file with it; the first time, the answer carries
   * the recovery key, shown once.
   */
  'lock.setPassword': returns<PasswordSaved>()(
    z.object({
      current: typed.optional(),
      password: newPassword.optional(),
      idleMinutes: idleMinutes.default(LOCK_DEFAULT_IDLE_MINUTES),
    }),
  ),
  /** Removes the password (the program then never locks, the file is no longer encrypted); needs the current one. */
  'lock.clear': returns<LockStatus>()(z.object({ current: typed })),
  /** Answers the lock screen: the status when right, the refusal 密码不正确 when not. */
  'lock.unlock': returns<LockStatus>()(z.object({ password: typed })),
  /**
   * 忘记密码: the recovery key (printed when the password was set) opens the file, which is
   * then encrypted with the new password given here. The same recovery key stays valid.
   */
  'lock.recover': returns<LockStatus>()(z.object({ recoveryKey: z.string().max(200), password: newPassword })),
  /**
   * The lock screen's answer to a data file the password opens but that is damaged: the
   * newest backup encrypted with the same password takes its place (the damaged file is kept,
   * renamed) and opens. Refused while the file is open (数据安全 restores then).
   */
  'lock.restoreNewestBackup': returns<{ status: LockStatus; restored: string; damagedKeptAs: string }>()(z.object({ password: typed })),
  /**
   * A new recovery key for an encrypted file (the printout is lost, or was never made): the
   * current password is sealed to it. The old key keeps opening what it opened until the
   * password is changed too.
   */
  'lock.newRecoveryKey': returns<{ recoveryKey: string }>()(z.object({ current: typed })),
  /** Locks at once (the 锁定 button, or the renderer's idle timer). */
  'lock.lockNow': returns<LockStatus>()(z.object({})),
};
