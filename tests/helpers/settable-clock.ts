import { fixedClock, type Clock } from '../../electron/backend/clock';

/** A clock a test can move (e.g. past a deadline) while the backend that holds it stays open. */
export interface SettableClock extends Clock {
  set(at: string): void;
}

export function settableClock(at: string): SettableClock {
  let current = fixedClock(at);
  return {
    now: () => current.now(),
    today: () => current.today(),
    set: (next) => {
      current = fixedClock(next);
    },
  };
}
