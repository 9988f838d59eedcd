import type { CellValue } from '../read/grid';
import { zeroPadWidth } from '../read/number-format';

/**
 * Cells as text, the way a person reads them in Excel: integers without exponent or
 * separators, other numbers to Excel's 15 significant digits, dates as ISO days.
 */
export function numberText(n: number, format?: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const s = n.toFixed(0);
    const width = zeroPadWidth(format);
    return width > s.length && n >= 0 ? s.padStart(width, '0') : s;
  }
  return String(Number(n.toPrecision(15)));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The UTC calendar day: the readers put date cells at UTC midnight. (toISOString is slower, and this is hot.) */
export const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Trimmed text without invisible characters; non-breaking and ideographic spaces count as spaces. */
const NEEDS_CLEANING = /^[\s\u00a0\u3000]|[\s\u00a0\u3000]$|[\u200b-\u200d\u2060\ufeff\u00a0\u3000]/;

export function cleanString(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s.replace(INVISIBLE, '').replace(/[\u00a0\u3000]/g, ' ').trim();
}

export function displayCell(v: CellValue | undefined, format?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, format);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDay(v);
  return v;
}
