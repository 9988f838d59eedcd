import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LockStatus } from '../../../shared/contract/lock';
import { api, errorMessage } from '../api';
import { LockScreen } from './LockScreen';
import './lock.css';

interface LockContextValue {
  status: LockStatus | null;
  /** after a change in the settings dialog */
  update: (s: LockStatus) => void;
  lockNow: () => Promise<void>;
}

const LockContext = createContext<LockContextValue | null>(null);

export function useLock(): LockContextValue {
  const ctx = useContext(LockContext);
  if (!ctx) throw new Error('useLock outside LockGate');
  return ctx;
}

/** How often the gate asks the backend whether it is locked (it may lock itself, e.g. on a restore). */
const POLL_MS = 3000;
const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Shows the lock screen over everything while the backend says it is locked. At start, when
 * locked, the program behind it is not even mounted (nothing is loaded before the password);
 * when it locks later, the program stays mounted under the screen — inert and fully covered —
 * so nothing being typed is lost. The backend refuses every call while locked regardless
 * (electron/backend/lock/gate.ts); this is the face of that rule, not the rule.
 */
export function LockGate(props: { children: ReactNode }) {
  const [status, setStatus] = useState<LockStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [everUnlocked, setEverUnlocked] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.lock.status({}));
      setUnreachable(false);
    } catch {
      // the shell reports a backend it cannot reach; the gate does not stand in its way
      setUnreachable(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  useEffect(() => {
    if (status && !status.locked) setEverUnlocked(true);
  }, [status]);

  const lockNow = useCallback(async () => {
    try {
      setStatus(await api.lock.lockNow({}));
    } catch (err) {
      console.error('锁定失败', errorMessage(err));
      void refresh();
    }
  }, [refresh]);

  // the idle timer: no mouse or keyboard use for idleMinutes → lock
  const lastActivity = useRef(Date.now());
  const idleMinutes = status?.enabled && !status.locked ? status.idleMinutes : 0;
  useEffect(() => {
    if (idleMinutes <= 0) return;
    lastActivity.current = Date.now();
    const touch = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, touch, { capture: true, passive: true });
    const limit = idleMinutes * 60_000;
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current >= limit) void lockNow();
    }, Math.min(10_000, limit / 4));
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, touch, { capture: true });
    };
  }, [idleMinutes, lockNow]);

  const value = useMemo<LockContextValue>(() => ({ status, update: setStatus, lockNow }), [status, lockNow]);

  if (!status && !unreachable) return <div className="loading">正在打开数据文件…</div>;
  const locked = !!status?.locked;
  return (
    <LockContext.Provider value={value}>
      {(everUnlocked || !locked) && (
        <div className="lock-guarded" inert={locked} aria-hidden={locked || undefined}>
          {props.children}
        </div>
      )}
      {locked && status && <LockScreen status={status} onUnlocked={setStatus} />}
    </LockContext.Provider>
  );
}
