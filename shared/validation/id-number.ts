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

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

// An import checks each row's ID several times (the field, the row's consistency, the match
// against the roster): remember recent answers. Keyed by the day too, for the "future" rule.
const recent = new Map<string, IdNumberResult>();

/** Validates an ID number and explains, in Chinese, what is wrong with it. */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const key = `${today.getFullYear()}-${today.getMonth()}-${today.getDate()}|${raw}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const result = parseIdNumberUncached(raw, today);
  if (recent.size >= 200_000) recent.clear();
  recent.set(key, result);
  return result;
}

function parseIdNumberUncached(raw: string, today: Date): IdNumberResult {
  // A Chinese IME in full-width mode types Ｘ/ｘ for the check character.
  const s = raw.replace(/[\s\u3000]/g, '').replace(/[\uFF38\uFF58]/g, 'X').toUpperCase();
  if (s.length === 0) return { ok: false, reason: '公民身份号码为空' };
  if (/^\d{15}$/.test(s)) return { ok: false, reason: '这是15位旧身份证号码，请填写18位公民身份号码' };
  if (!/^\d{17}[\dX]$/.test(s)) {
    if (/^\d+[\dX]?$/.test(s)) return { ok: false, reason: `公民身份号码应为18位，这里是${s.length}位` };
    return { ok: false, reason: '公民身份号码只能由数字和末位X组成' };
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900) return { ok: false, reason: `公民身份号码中的出生年份${y}早于1900年，请核对` };
  if (!isRealDate(y, m, d)) {
    return { ok: false, reason: `公民身份号码中的出生日期${s.slice(6, 14)}不存在` };
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (Date.UTC(y, m - 1, d) > today.getTime()) {
    return { ok: false, reason: `公民身份号码中的出生日期${s.slice(6, 14)}晚于今天` };
  }
  const expected = checkCharFor(s.slice(0, 17));
  if (s[17] !== expected) {
    return { ok: false, reason: `公民身份号码校验位错误（末位应为${expected}），请核对是否输错` };
  }
  const sex = Number(s[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, info: { idNumber: s, birthDate, sex } };
}
