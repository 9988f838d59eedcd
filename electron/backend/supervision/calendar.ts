/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so a date never shifts with the
 * workstation's time zone. Weeks run Monday to Sunday, as Chinese offices count them.
 */
const DAY_MS = 86_400_000;

export const dayNumber = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

export const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number): string => fromDayNumber(dayNumber(iso) + days);

/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** ISO weekday: 1 Monday … 7 Sunday. */
export const isoWeekday = (iso: string): number => ((new Date(dayNumber(iso) * DAY_MS).getUTCDay() + 6) % 7) + 1;

export const weekStart = (iso: string): string => addDays(iso, 1 - isoWeekday(iso));
export const weekEnd = (iso: string): string => addDays(weekStart(iso), 6);

export const monthStart = (iso: string): string => `${iso.slice(0, 7)}-01`;

export const daysInMonth = (year: number, month1: number): number => new Date(Date.UTC(year, month1, 0)).getUTCDate();

export const monthEnd = (iso: string): string => {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return `${iso.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** The first day of the month after the one `iso` falls in. */
export const nextMonthStart = (iso: string): string => addDays(monthEnd(iso), 1);

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ISO 8601 week: [year, week]; week 1 holds the year's first Thursday. */
export function isoWeek(iso: string): [number, number] {
  const thursday = addDays(iso, 4 - isoWeekday(iso));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return [year, week];
}
