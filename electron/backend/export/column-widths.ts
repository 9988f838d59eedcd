import type { ColumnKind, DateFormat, ExportColumn } from './table-spec';
import { shownText, type CellOut } from './cell-value';
import { textWidth } from './text-width';

/**
 * Widths fitted to content within limits. The streaming writer must know the widths before
 * it writes the first row, so they come from the header and the first rows only
 * (SAMPLE_ROWS); later rows that are longer wrap, which the limits make happen anyway.
 */
export const SAMPLE_ROWS = 500;

/** [min, max] width per kind, in Excel character units (a CJK character ≈ 2.2, see text-width.ts). */
const LIMITS: Record<ColumnKind, readonly [number, number]> = {
  text: [6, 30],
  longText: [14, 40],
  // 18-character 公民身份号码 plus padding, in the widest digits a reader may use: an ID must never wrap mid-number.
  id: [8, 26],
  // dates do not wrap: too narrow and Excel shows ####, so the limits fit 2024年12月31日
  date: [10, 18],
  month: [8, 14],
  number: [6, 16],
  integer: [6, 12],
};

/** 序号 up to 99,999 fits; "序号" itself is 4 units wide. */
export const SEQ_WIDTH = 7;

/** The narrowest column: an empty one still shows a two-character label. */
const EMPTY_MIN = 6;

/** Header labels wrap, so a long label asks for at most this much width. */
const LABEL_CAP = 16;
/** one unit is the cell's own padding (see wrappedLines), one is air; dates, IDs and numbers never wrap and need no air */
const PADDING: Record<ColumnKind, number> = { text: 2, longText: 2, id: 1, date: 1, month: 1, number: 1, integer: 1 };

/**
 * A reader without 宋体 (LibreOffice on Linux, for one) sets its digits in a fallback font up
 * to a fifth wider than 宋体's half-width ones; ID numbers and phone numbers, which must not
 * wrap, are measured that wide.
 */
const WIDE_DIGITS = 1.22;

export function fitWidths(columns: readonly ExportColumn[], sample: readonly CellOut[][], dateFormat: DateFormat): number[] {
  return columns.map((column, i) => {
    if (column.width !== undefined) return column.width;
    let content = 0;
    for (const row of sample) {
      const cell = row[i];
      if (cell && cell.value !== null) content = Math.max(content, textWidth(shownText(cell, dateFormat)) * (column.kind === 'id' ? WIDE_DIGITS : 1));
    }
    const [min, max] = LIMITS[column.kind];
    const label = Math.min(textWidth(column.label), LABEL_CAP);
    // a column empty in every row (备注 nobody filled) needs only its label's width
    if (content === 0) return Math.max(EMPTY_MIN, Math.ceil(label) + PADDING[column.kind]);
    const need = Math.ceil(Math.max(label, content)) + PADDING[column.kind];
    return Math.min(max, Math.max(min, need));
  });
}

/** The sample's cell text per column, as printed (for choosing where wrapping costs least). */
export function sampleTexts(columns: readonly ExportColumn[], sample: readonly CellOut[][], dateFormat: DateFormat): string[][] {
  return columns.map((_, i) => sample.map((row) => (row[i] && row[i]!.value !== null ? shownText(row[i]!, dateFormat) : '')));
}
