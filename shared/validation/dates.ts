import { isRealDate } from './id-number';

/**
 * Dates as offices type them: 1985-03-12, 1985.3.12, 1985/03/12, 1985年3月12日, 19850312,
 * and partial dates where the field allows them: month-only 1985-3 / 1985.03 / 1985年3月,
 * year-only 1985年. Stored as ISO text: YYYY-MM-DD, YYYY-MM or YYYY — and shown exactly so
 * everywhere (grid, detail panel, search, copy): see `shownDate`.
 */
export type DatePrecision = 'day' | 'month' | 'year';
export type DateParse = { ok: true; value: string; precision: DatePrecision } | { ok: false; reason: string };

const FULLWIDTH_DIGITS = /[\uFF10-\uFF19]/g;

/** Full-width digits and punctuation to ASCII, spaces removed. */
export function toHalfWidth(s: string): string {
  // the common case — plain ASCII digits and CJK text — needs no replacing (a hot path in imports)
  if (!/[\uFF0D-\uFF19\u3002\u2013\u2014]/.test(s)) return s;
  return s
    .replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/\uFF0F/g, '/')
    .replace(/[\uFF0D\u2014\u2013]/g, '-');
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseDateText(raw: string, opts: { allowMonth?: boolean } = {}): DateParse {
  const s = toHalfWidth(raw).replace(/[\s\u3000]/g, '');
  if (!s) return { ok: false, reason: '日期为空' };
  let m =
    /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDate(y, mo, d) || y < 1900 || y > 2100) return { ok: false, reason: `日期“${raw}”不存在` };
    return { ok: true, value: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day' };
  }
  m = /^(\d{4})[-./年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12 || y < 1900 || y > 2100) return { ok: false, reason: `日期“${raw}”不存在` };
    if (!opts.allowMonth) return { ok: false, reason: `日期“${raw}”缺少日，请写成如1985-03-12` };
    return { ok: true, value: `${y}-${pad(mo)}`, precision: 'month' };
  }
  // year-only needs the 年 (a bare 4-digit number is as likely a typo as a year)
  m = /^(\d{4})年$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    if (y < 1900 || y > 2100) return { ok: false, reason: `日期“${raw}”不存在` };
    if (!opts.allowMonth) return { ok: false, reason: `日期“${raw}”缺少月和日，请写成如1985-03-12` };
    return { ok: true, value: String(y), precision: 'year' };
  }
  return { ok: false, reason: `无法识别的日期“${raw}”，请写成如1985-03-12` };
}

const STORED_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * A stored date as every view shows it — the one convention of the whole program: as it is
 * stored, ISO, with only the precision that is known (1995-05-12, 1995-05, 1995). Never blank
 * for a partial date; anything else (text an old file kept) is shown unchanged.
 */
export function shownDate(stored: string | null | undefined): string {
  if (stored === null || stored === undefined) return '';
  return STORED_DATE.test(stored) ? stored : String(stored);
}

/** Excel serial day number to ISO date; `date1904` for workbooks from old Mac Excel. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  // 1904 system: day 0 = 1904-01-01; 1900 system: day 1 = 1900-01-01.
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1)) return null;
  const whole = Math.floor(serial);
  // 1900 system: Lotus's phantom 1900-02-29 (serial 60) never existed; refuse it rather
  // than give it the date of its neighbour.
  if (!date1904 && whole === 60) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const days = date1904 ? whole : whole > 59 ? whole - 1 : whole;
  const d = new Date(epoch + days * 86400000);
  // `!(… <= 2100)` also refuses serials beyond JS's date range (an Invalid Date is NaN).
  if (!(d.getUTCFullYear() <= 2100)) return null;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Local calendar date of a JS Date as ISO (the office's clock is the workstation's). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
