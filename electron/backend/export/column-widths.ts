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
  // 18-character 公民身份号码 (19 units) plus padding: an ID must never wrap mid-number.
  id: [8, 22],
  // dates do not wrap: too narrow and Excel shows ####, so the limits fit 2024年12月31日
  date: [10, 18],
  month: [8, 14],
  number: [6, 16],
  integer: [6, 12],
};

/** 序号 up to 99,999 fits; "序号" itself is 4 units wide. */
export const SEQ_WIDTH = 7;

/** Header labels wrap, so a long label asks for at most this much width. */
const LABEL_CAP = 16;
/** one unit is the cell's own padding (see wrappedLines), one is air; dates, IDs and numbers never wrap and need no air */
const PADDING: Record<ColumnKind, number> = { text: 2, longText: 2, id: 1, date: 1, month: 1, number: 1, integer: 1 };

export function fitWidths(columns: readonly ExportColumn[], sample: readonly CellOut[][], dateFormat: DateFormat): number[] {
  return columns.map((column, i) => {
    if (column.width !== undefined) return column.width;
    let content = 0;
    for (const row of sample) {
      const cell = row[i];
      if (cell && cell.value !== null) content = Math.max(content, textWidth(shownText(cell, dateFormat)));
    }
    const [min, max] = LIMITS[column.kind];
    const need = Math.ceil(Math.max(Math.min(textWidth(column.label), LABEL_CAP), content)) + PADDING[column.kind];
    return Math.min(max, Math.max(min, need));
  });
}

/** The sample's cell text per column, as printed (for choosing where wrapping costs least). */
export function sampleTexts(columns: readonly ExportColumn[], sample: readonly CellOut[][], dateFormat: DateFormat): string[][] {
  return columns.map((_, i) => sample.map((row) => (row[i] && row[i]!.value !== null ? shownText(row[i]!, dateFormat) : '')));
}
