import { z } from 'zod';
import { returns } from './define';

/** The optional lock (锁定): a password asked at start and after some minutes without use. */
export interface LockStatus {
  /** a password is set */
  enabled: boolean;
  /** the backend refuses everything but LOCK_OPEN_METHODS until unlocked */
  locked: boolean;
  /** minutes without mouse or keyboard use before the program locks itself; 0 = never */
  idleMinutes: number;
}

export const LOCK_MIN_LENGTH = 6;
export const LOCK_MAX_LENGTH = 128;
export const LOCK_DEFAULT_IDLE_MINUTES = 10;
export const LOCK_MAX_IDLE_MINUTES = 480;

/** The error code every method answers with while the program is locked. */
export const LOCKED_CODE = 'LOCKED';

/** What a locked backend still serves (the lock screen needs them; nothing here reveals data). */
export const LOCK_OPEN_METHODS = ['lock.status', 'lock.unlock', 'app.info'] as const;

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
   */
  'lock.setPassword': returns<LockStatus>()(
    z.object({
      current: typed.optional(),
      password: newPassword.optional(),
      idleMinutes: idleMinutes.default(LOCK_DEFAULT_IDLE_MINUTES),
    }),
  ),
  /** Removes the password (the program then never locks); needs the current one. */
  'lock.clear': returns<LockStatus>()(z.object({ current: typed })),
  /** Answers the lock screen: the status when right, the refusal 密码不正确 when not. */
  'lock.unlock': returns<LockStatus>()(z.object({ password: typed })),
  /** Locks at once (the 锁定 button, or the renderer's idle timer). */
  'lock.lockNow': returns<LockStatus>()(z.object({})),
};
