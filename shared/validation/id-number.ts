/**
 * 公民身份号码 (GB 11643-1999): 17 digits + a check character (0-9 or X).
 * The check character is ISO 7064 MOD 11-2 over the first 17 digits.
 * Digits 7-14 are the birth date (YYYYMMDD); digit 17 is odd for men, even for women.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface IdNumberInfo {
  /** normalised: upper-case X, no spaces */
  idNumber: string;
  birthDate: string; // YYYY-MM-DD
  sex: '男' | '女';
}

export type IdNumberResult = { ok: true; info: IdNumberInfo } | { ok: false; reason: string };

export function checkCharFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  // Date.UTC reads years 0–99 as 1900–1999: those (and anything not an integer) take its answer
  if (!Number.isInteger(y) || !Number.isInteger(m) || y < 100) return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}

// An import checks each row's ID several times (the field, the row's consistency, the match
// against the roster): remember recent answers by the text alone. Only the "born after today"
// rule depends on the day, so it is applied on every call, not cached. Recent is enough: the
// repeats of a row come together, and a cache of every ID in a 100,000-row file held ~25 MB.
const RECENT = 10_000;
type Parsed = { fail: IdNumberResult } | { birthUtc: number; birthDigits: string; rest: IdNumberResult };
const recent = new Map<string, Parsed>();

/** Validates an ID number and explains, in Chinese, what is wrong with it. */
export function parseIdNumber(raw: string, today?: Date): IdNumberResult {
  let p = recent.get(raw);
  if (!p) {
    p = parse(raw);
    if (recent.size >= RECENT) recent.clear();
    recent.set(raw, p);
  }
  if ('fail' in p) return p.fail;
  if (p.birthUtc > (today ? today.getTime() : Date.now())) return { ok: false, reason: `公民身份号码中的出生日期${p.birthDigits}晚于今天` };
  return p.rest;
}

const CLEAN = /^\d{17}[\dX]$/;

/** checkCharFor over the first 17 characters of an ID already known to be digits there. */
function checkCharOf(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

const failed = (reason: string): Parsed => ({ fail: { ok: false, reason } });

function parse(raw: string): Parsed {
  // A Chinese IME in full-width mode types Ｘ/ｘ for the check character.
  // most IDs arrive clean: the normalising below would give them back unchanged
  const s = CLEAN.test(raw) ? raw : raw.replace(/[\s\u3000]/g, '').replace(/[\uFF38\uFF58]/g, 'X').toUpperCase();
  if (s.length === 0) return failed('公民身份号码为空');
  if (/^\d{15}$/.test(s)) return failed('这是15位旧身份证号码，请填写18位公民身份号码');
  if (!/^\d{17}[\dX]$/.test(s)) {
    if (/^\d+[\dX]?$/.test(s)) return failed(`公民身份号码应为18位，这里是${s.length}位`);
    return failed('公民身份号码只能由数字和末位X组成');
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900) return failed(`公民身份号码中的出生年份${y}早于1900年，请核对`);
  if (!isRealDate(y, m, d)) return failed(`公民身份号码中的出生日期${s.slice(6, 14)}不存在`);
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const expected = checkCharOf(s);
  const sex = Number(s[16]) % 2 === 1 ? '男' : '女';
  const rest: IdNumberResult =
    s[17] !== expected
      ? { ok: false, reason: `公民身份号码校验位错误（末位应为${expected}），请核对是否输错` }
      : { ok: true, info: { idNumber: s, birthDate, sex } };
  return { birthUtc: Date.UTC(y, m - 1, d), birthDigits: s.slice(6, 14), rest };
}
