import type { Dispatch } from '../dispatch';
import { LOCK_OPEN_METHODS, LOCKED_CODE } from '../../../shared/contract/lock';

const OPEN = new Set<string>(LOCK_OPEN_METHODS);

export const LOCKED_MESSAGE = '程序已锁定，请先输入密码解锁';

/**
 * The lock gate, in front of the dispatcher: while the open data file's lock is closed,
 * every method except the lock screen's (LOCK_OPEN_METHODS) is refused with LOCKED —
 * enforced here in the main process, because the renderer is untrusted. An encrypted file
 * that waits for its password has no open database at all (host.ts): the gate is closed then.
 *
 * The headless CLI (electron/cli) opens data files directly through the services, without a
 * dispatcher: an encrypted file needs the password in LEDGERDESK_PASSWORD to open at all.
 */
export function lockGate(dispatch: Dispatch, lock: () => { isLocked(): boolean }): Dispatch {
  return (method, input) => {
    if (!OPEN.has(method) && lock().isLocked()) {
      return Promise.resolve({ ok: false, error: { code: LOCKED_CODE, message: LOCKED_MESSAGE } });
    }
    return dispatch(method, input);
  };
}
