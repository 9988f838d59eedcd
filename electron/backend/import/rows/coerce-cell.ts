import type { FieldCheck, ImportField } from '../mapping/target';
import type { CellValue } from '../read/grid';
import { toAsciiWidth } from '../shape/header-text';
import { cleanString, displayCell, numberText } from './cell-text';
import { coerceDate } from './coerce-date';

/**
 * One cell to one field value, by the field's kind. Empty cells are null. The target's own
 * `checkValue` runs after this, on the value returned here.
 */
export interface CoerceContext {
  date1904: boolean;
}

/** A refusal that outranks the others in a row: the cell lost data before it reached us. */
export const LOST_DIGITS = Symbol('lost-digits');
export type Coerced = FieldCheck | { ok: false; reason: string; severity: typeof LOST_DIGITS };

const ok = (value: unknown): FieldCheck => ({ ok: true, value });
const noSpaces = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');
/** toUpperCase copies even a string it does not change (100,000 ID numbers, twice over) */
const upper = (s: string) => (/[a-z\u00b5\u00df-\uffff]/.test(s) ? s.toUpperCase() : s);

/** 18-digit IDs typed into a number cell keep only 15 significant digits. */
const lostDigits = (label: string): Coerced => ({
  ok: false,
  reason: `${label}以数字形式存储，后几位已丢失，请将该列设为文本后重新填写`,
  severity: LOST_DIGITS,
});
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;
/** Excel's error values: a cell showing one holds no data, whatever the field. */
const EXCEL_ERROR = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

export function coerceCell(field: ImportField, v: CellValue | undefined, format: string | undefined, ctx: CoerceContext): Coerced {
  if (v === null || v === undefined) return ok(null);
  if (typeof v === 'string') {
    const s = cleanString(v);
    if (s === '') return ok(null);
    if (s.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(s)) {
      return { ok: false, reason: `${field.label}单元格显示错误值（${s}），请在原表中修正公式或改为实际内容` };
    }
    // U+FFFD stands for bytes that were not valid text in the file: the value is not what was typed
    if (s.includes('\ufffd')) {
      return { ok: false, reason: `${field.label}中有无法识别的字符（文件此处已损坏或编码有误），请在原表中核对后重新填写` };
    }
    v = s;
  }
  switch (field.kind) {
    case 'text':
      return ok(displayCell(v, format));
    case 'code':
      return code(field, v, format);
    case 'idNumber':
      return idNumber(field, v);
    case 'date':
    case 'month-date':
      return coerceDate(v, format, field.label, field.kind === 'month-date', ctx.date1904);
    case 'enum':
      return enumValue(field, displayCell(v, format));
    case 'unit':
      return ok(noSpaces(toAsciiWidth(displayCell(v, format))));
    case 'number':
      return numberValue(field, v);
  }
}

function code(field: ImportField, v: string | number | boolean | Date, format: string | undefined): Coerced {
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15) return lostDigits(field.label);
    return ok(numberText(v, format));
  }
  if (typeof v === 'string') {
    const s = noSpaces(toAsciiWidth(v));
    return SCIENTIFIC.test(s) ? lostDigits(field.label) : ok(s);
  }
  return ok(displayCell(v, format));
}

function idNumber(field: ImportField, v: string | number | boolean | Date): Coerced {
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15 || !Number.isInteger(v)) return lostDigits(field.label);
    v = numberText(v);
  }
  if (typeof v !== 'string') return { ok: false, reason: `${field.label}只能由数字和末位X组成` };
  const s = upper(noSpaces(toAsciiWidth(v)));
  // checked (GB 11643) by the field's checkValue, or by default-checks when it has none
  return SCIENTIFIC.test(s) ? lostDigits(field.label) : ok(s);
}

function enumValue(field: ImportField, text: string): FieldCheck {
  const s = noSpaces(toAsciiWidth(text));
  const v = field.aliases?.[s] ?? s;
  const options = field.options;
  if (options && !options.includes(v)) {
    const reason =
      options.length <= 4
        ? `${field.label}只能填${options.map((o) => `“${o}”`).join('或')}，这里是“${text}”`
        : `${field.label}“${text}”不在规定选项中（如${options.slice(0, 3).join('、')}）`;
    return { ok: false, reason };
  }
  return ok(v);
}

function numberValue(field: ImportField, v: string | number | boolean | Date): FieldCheck {
  if (typeof v === 'number') return ok(v);
  const s = typeof v === 'string' ? noSpaces(toAsciiWidth(v)).replace(/,/g, '') : '';
  const n = s === '' ? NaN : Number(s);
  return Number.isFinite(n) ? ok(n) : { ok: false, reason: `${field.label}应为数字，这里是“${displayCell(v)}”` };
}
