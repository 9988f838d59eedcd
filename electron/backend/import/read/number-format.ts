/**
 * Reading number formats the way Excel means them: a format with day, month, year or time
 * parts makes a serial number a date (the same test ExcelJS applies, so files read before
 * and after our own reader agree).
 */
/** A workbook uses a handful of formats over thousands of cells: strip each once. */
const stripped = new Map<string, string>();
function stripLiterals(fmt: string): string {
  let s = stripped.get(fmt);
  if (s === undefined) {
    s = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
    if (stripped.size < 1000) stripped.set(fmt, s);
  }
  return s;
}

export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(stripLiterals(fmt));
}

/** A date format that shows no day ("yyyy年m月", "mmm-yy"): the value is month-precise. */
export function isMonthOnlyFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = stripLiterals(fmt).toLowerCase();
  return /y/.test(f) && /m/.test(f) && !/d/.test(f) && !/[hs]/.test(f);
}

/** A format with only time parts ("h:mm"): the value is not a calendar date. */
export function isTimeOnlyFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = stripLiterals(fmt).toLowerCase();
  return /[hs]/.test(f) && !/[yd]/.test(f);
}

/** "000000" pads a number to six digits: a badge typed as 001234 is stored as 1234. */
export function zeroPadWidth(fmt: string | undefined): number {
  if (!fmt) return 0;
  const m = /^0{2,}$/.exec(fmt.trim());
  return m ? m[0].length : 0;
}

/** Excel serial day number to a JS Date at UTC midnight (the calendar day, whatever the time zone). */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}
