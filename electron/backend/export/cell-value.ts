import type { ColumnKind, DateFormat } from './table-spec';
import { looksLikeFormula } from './formula-guard';
import { isoDate } from '../../../shared/validation/dates';

/**
 * Which of a column's prepared styles a cell uses (see column-styles.ts):
 * base — the column's own format; text — '@' text in a column of another kind (a date
 * column holding "待定"); quoted — '@' text that looks like a formula, with quotePrefix;
 * day / month — a day- or month-precise date (either may turn up in a date or a month
 * column, and each shows exactly its own precision); general — a fraction in an integer column.
 */
export type CellVariant = 'base' | 'text' | 'quoted' | 'day' | 'month' | 'general';

/** Never a formula object: the only values the exporter writes. */
export type CellValue = string | number | Date | null;

export interface CellOut {
  value: CellValue;
  variant: CellVariant;
}

/** Excel refuses to open a file with a longer cell (the specification's limit). */
export const MAX_CELL_TEXT = 32767;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const EMPTY: CellOut = { value: null, variant: 'base' };

/**
 * Text as the cell will hold it. Line breaks become "\n": XML turns a bare CR into LF when
 * the file is read anyway, and doing it here makes the written text what a reader gets back.
 */
function asText(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : raw instanceof Date ? isoDate(raw) : typeof raw === 'boolean' ? (raw ? '是' : '否') : String(raw);
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Text cell: formula-looking text is flagged before the CR normalisation can hide a leading CR. */
function textCell(raw: unknown, plain: CellVariant): CellOut {
  const original = typeof raw === 'string' ? raw : String(raw);
  return { value: asText(raw), variant: looksLikeFormula(original) ? 'quoted' : plain };
}

/** A calendar date at UTC midnight: ExcelJS turns getTime() into the serial day exactly. */
function utcDate(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

function dateCell(raw: unknown): CellOut {
  const s = raw instanceof Date ? isoDate(raw) : typeof raw === 'string' ? raw.trim() : null;
  if (s !== null) {
    const day = DAY.exec(s);
    const dayDate = day ? utcDate(Number(day[1]), Number(day[2]), Number(day[3])) : null;
    if (dayDate) return { value: dayDate, variant: 'day' };
    const month = MONTH.exec(s);
    const monthDate = month ? utcDate(Number(month[1]), Number(month[2]), 1) : null;
    if (monthDate) return { value: monthDate, variant: 'month' };
  }
  // Not a date we recognise ("待定", a typo): keep exactly what was typed, as text.
  return textCell(raw, 'text');
}

function numberCell(raw: unknown, integer: boolean): CellOut {
  let n: number | null = null;
  if (typeof raw === 'number' && Number.isFinite(raw)) n = raw;
  else if (typeof raw === 'string' && NUMBER.test(raw.trim())) n = Number(raw.trim());
  if (n === null) return textCell(raw, 'text');
  // '0' would show 2.5 as 3: a fraction in an integer column keeps the General format.
  return { value: n, variant: integer && !Number.isInteger(n) ? 'general' : 'base' };
}

/** The value and style variant for one cell of a column of `kind`. */
export function toCell(kind: ColumnKind, raw: unknown): CellOut {
  if (raw === null || raw === undefined || raw === '') return EMPTY;
  switch (kind) {
    case 'date':
    case 'month':
      return dateCell(raw);
    case 'number':
      return numberCell(raw, false);
    case 'integer':
      return numberCell(raw, true);
    case 'id':
    case 'text':
    case 'longText':
      return textCell(raw, 'base');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text a cell shows, for fitting column widths. */
export function shownText(cell: CellOut, dateFormat: DateFormat): string {
  const v = cell.value;
  if (v === null) return '';
  if (!(v instanceof Date)) return typeof v === 'number' ? String(v) : v;
  const [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
  if (cell.variant === 'month') return dateFormat === 'yyyy-mm-dd' ? `${y}-${pad(m)}` : `${y}年${m}月`;
  return dateFormat === 'yyyy-mm-dd' ? `${y}-${pad(m)}-${pad(d)}` : `${y}年${m}月${d}日`;
}

/** 填报日期 as printed on the form: 2026年3月2日. */
export function chineseDate(iso: string): string {
  const m = DAY.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
