import type { RecurrenceRule } from '../../../shared/domain/supervision';
import { addDays, daysInMonth, isoWeekday, monthEnd, nextMonthStart } from './calendar';

export interface RecurrenceShape {
  rule: RecurrenceRule;
  weekdays: number[];
  monthDay: number | null;
  startDate: string;
  endDate: string | null;
}

/**
 * The dates a recurring task falls due on, from `from` to `until` inclusive (pure):
 * - weekly: each listed ISO weekday (每周两次集中学习: [2, 4]);
 * - semimonthly (每半月督导考核): the end of each half — the 15th and the month's last day,
 *   so February ends on the 28th or 29th and never spills into March;
 * - monthly: `monthDay`, clamped to the month's last day (31 → 30 April, 28/29 February).
 */
export function occurrenceDates(r: RecurrenceShape, from: string, until: string): string[] {
  const start = from > r.startDate ? from : r.startDate;
  const end = r.endDate && r.endDate < until ? r.endDate : until;
  if (end < start) return [];
  const out: string[] = [];
  if (r.rule === 'weekly') {
    const days = new Set(r.weekdays);
    if (days.size === 0) return [];
    for (let d = start; d <= end; d = addDays(d, 1)) if (days.has(isoWeekday(d))) out.push(d);
    return out;
  }
  for (let m = `${start.slice(0, 7)}-01`; m <= end; m = nextMonthStart(m)) {
    const y = Number(m.slice(0, 4));
    const mo = Number(m.slice(5, 7));
    const candidates =
      r.rule === 'semimonthly'
        ? [`${m.slice(0, 7)}-15`, monthEnd(m)]
        : [`${m.slice(0, 7)}-${String(Math.min(r.monthDay ?? 1, daysInMonth(y, mo))).padStart(2, '0')}`];
    for (const c of candidates) if (c >= start && c <= end) out.push(c);
  }
  return out;
}

/** The start of the period an occurrence closes (its plan's start date). */
export function occurrenceStart(r: RecurrenceShape, due: string): string {
  if (r.rule === 'weekly') return due;
  if (r.rule === 'semimonthly') return Number(due.slice(8, 10)) <= 15 ? `${due.slice(0, 7)}-01` : `${due.slice(0, 7)}-16`;
  return `${due.slice(0, 7)}-01`;
}

