import { isoDate } from '../../shared/validation/dates';

/** The one source of "now": tests and the CLI's --today set it, nothing else reads Date. */
export interface Clock {
  now(): Date;
  /** the office's calendar date, YYYY-MM-DD */
  today(): string;
}

export const systemClock: Clock = { now: () => new Date(), today: () => isoDate(new Date()) };

export function fixedClock(at: Date | string): Clock {
  const d = typeof at === 'string' ? new Date(at.length === 10 ? `${at}T09:00:00` : at) : at;
  return { now: () => new Date(d), today: () => isoDate(d) };
}

/** Audit timestamps: UTC with an explicit offset (the issue asks for the offset, not "Z"). */
export function utcStamp(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}
