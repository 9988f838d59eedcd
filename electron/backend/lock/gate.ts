import type { Dispatch } from '../dispatch';
import { LOCK_OPEN_METHODS, LOCKED_CODE } from '../../../shared/contract/lock';
import type { LockService } from './lock-service';

const OPEN = new Set<string>(LOCK_OPEN_METHODS);

export const LOCKED_MESSAGE = '程序已锁定，请先输入密码解锁';

/**
 * The lock gate, in front of the dispatcher: while the open data file's lock is closed,
 * every method except lock.status, lock.unlock and app.info is refused with LOCKED —
 * enforced here in the main process, because the renderer is untrusted.
 *
 * The headless CLI (electron/cli) opens data files directly through the services, without a
 * dispatcher, and is deliberately not gated: it is for batch jobs (backup, check, import) run by
 * the office's own operators on the workstation, who can read the file anyway. The lock keeps
 * an unattended window closed; it does not encrypt the file.
 */
export function lockGate(dispatch: Dispatch, lock: () => LockService): Dispatch {
  return (method, input) => {
    if (!OPEN.has(method) && lock().isLocked()) {
      return Promise.resolve({ ok: false, error: { code: LOCKED_CODE, message: LOCKED_MESSAGE } });
    }
    return dispatch(method, input);
  };
}
