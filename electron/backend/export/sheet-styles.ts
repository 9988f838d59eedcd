import type ExcelJS from 'exceljs';
import type { ColumnKind, DateFormat, ExportColumn } from './table-spec';
import type { CellVariant } from './cell-value';
import { quotePrefixed } from './quote-prefix';

/**
 * The look of the official form. Every cell gets one of these shared style objects:
 * ExcelJS caches a style's id by object identity, so sharing them is also what keeps a
 * 100,000-row export fast.
 */
export type CellStyle = Partial<ExcelJS.Style> & { quotePrefix?: true };

// charset 134 = GB2312: tells Excel/WPS which script the font name is for.
const SONG = { name: '宋体', charset: 134 } as const;
const thin = { style: 'thin' } as const;
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const TITLE_STYLE: CellStyle = {
  font: { ...SONG, size: 18, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};

const infoFont = { ...SONG, size: 11 };
export const INFO_LEFT_STYLE: CellStyle = { font: infoFont, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } };
export const INFO_RIGHT_STYLE: CellStyle = { font: infoFont, alignment: { horizontal: 'right', vertical: 'middle', wrapText: true } };

export const HEADER_STYLE: CellStyle = {
  font: { ...SONG, size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: BORDER,
};

/** Text between the heading and the table (a bulletin's paragraphs). */
export const PARAGRAPH_STYLE: CellStyle = { font: { ...SONG, size: 12 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };

/** 合计 row and section captions of the 汇总 sheet. */
export const TOTAL_LABEL_STYLE: CellStyle = { ...HEADER_STYLE };
export const CAPTION_STYLE: CellStyle = { font: { ...SONG, size: 12, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' } };

const bodyFont = { ...SONG, size: 11 };

export const SEQ_STYLE: CellStyle = {
  font: bodyFont,
  numFmt: '0',
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: BORDER,
};

export const DAY_FORMATS: Record<DateFormat, string> = { 'yyyy-mm-dd': 'yyyy-mm-dd', 'yyyy年m月d日': 'yyyy"年"m"月"d"日"' };
/** Month-precise dates show no day, which is also how a reader knows the day is not real. */
export const MONTH_FORMATS: Record<DateFormat, string> = { 'yyyy-mm-dd': 'yyyy-mm', 'yyyy年m月d日': 'yyyy"年"m"月"' };

const DEFAULT_ALIGN: Record<ColumnKind, 'left' | 'center' | 'right'> = {
  text: 'left',
  longText: 'left',
  id: 'center',
  date: 'center',
  month: 'center',
  number: 'right',
  integer: 'right',
};

function baseFormat(kind: ColumnKind, dateFormat: DateFormat): string | undefined {
  switch (kind) {
    case 'id':
      return '@';
    case 'date':
      return DAY_FORMATS[dateFormat];
    case 'month':
      return MONTH_FORMATS[dateFormat];
    case 'integer':
      return '0';
    case 'number':
      return 'General';
    case 'text':
    case 'longText':
      return undefined;
  }
}

function bodyStyle(align: 'left' | 'center' | 'right', numFmt: string | undefined, bold = false): CellStyle {
  const style: CellStyle = {
    font: bold ? { ...bodyFont, bold: true } : bodyFont,
    alignment: { horizontal: align, vertical: 'middle', wrapText: true },
    border: BORDER,
  };
  if (numFmt) style.numFmt = numFmt;
  return style;
}

export type ColumnStyles = Record<CellVariant, CellStyle>;

/** The styles a data column's cells may take, one object per variant. */
export function columnStyles(column: ExportColumn, dateFormat: DateFormat, bold = false): ColumnStyles {
  const align = column.align ?? DEFAULT_ALIGN[column.kind];
  const base = bodyStyle(align, baseFormat(column.kind, dateFormat), bold);
  const text = column.kind === 'text' || column.kind === 'longText' ? base : bodyStyle(align === 'right' ? 'left' : align, '@', bold);
  return {
    base,
    text,
    quoted: quotePrefixed(bodyStyle(align === 'right' ? 'left' : align, '@', bold)),
    day: bodyStyle(align, DAY_FORMATS[dateFormat], bold),
    month: bodyStyle(align, MONTH_FORMATS[dateFormat], bold),
    general: bodyStyle(align, 'General', bold),
  };
}

const quotedVariants = new WeakMap<CellStyle, CellStyle>();

/**
 * `style`, or its quotePrefix twin when `text` looks like a formula: titles, office names
 * and header labels come from users too (a category named "-临时-" is not a formula).
 */
export function guardedStyle(style: CellStyle, text: string, looksLikeFormula: (s: string) => boolean): CellStyle {
  if (!looksLikeFormula(text)) return style;
  let quoted = quotedVariants.get(style);
  if (!quoted) {
    quoted = quotePrefixed(style);
    quotedVariants.set(style, quoted);
  }
  return quoted;
}
