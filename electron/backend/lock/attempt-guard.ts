import { performance } from 'node:perf_hooks';
import { fail } from '../errors';

export const LockErrorCode = {
  wrongPassword: 'WRONG_PASSWORD',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
} as const;

export interface GuardOptions {
  /** pause after every wrong answer, before answering (slows guessing) */
  failDelayMs?: number;
  /** wrong answers in a row before a pause of `lockoutMs` */
  maxAttempts?: number;
  lockoutMs?: number;
  /** a monotonic clock in ms (the lockout is about elapsed time, not the calendar) */
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Counts wrong passwords and recovery keys for one data file, whatever asks (the lock screen,
 * the settings dialog, a re-encryption): checks run one at a time, each wrong one is slowed
 * down, and too many in a row pause all checks. One guard lives as long as the program has the
 * file open, across its re-encryptions.
 */
export class AttemptGuard {
  private failures = 0;
  private blockedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<GuardOptions>;

  constructor(opts: GuardOptions = {}) {
    this.opts = {
      failDelayMs: opts.failDelayMs ?? 400,
      maxAttempts: opts.maxAttempts ?? 5,
      lockoutMs: opts.lockoutMs ?? 30_000,
      now: opts.now ?? (() => performance.now()),
    };
  }

  /** Runs `work` after every earlier check has finished, so parallel guesses wait their turn. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One check, counted against guessing; throws `wrong` (in Chinese) when `right` says no. */
  async check(right: () => boolean | Promise<boolean>, wrong: string): Promise<void> {
    const { maxAttempts, lockoutMs, failDelayMs, now } = this.opts;
    const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
    const wait = this.blockedUntil - now();
    if (wait > 0) fail(LockErrorCode.tooManyAttempts, `输错次数过多，请 ${seconds(wait)} 秒后再试`);
    if (await right()) {
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
}
