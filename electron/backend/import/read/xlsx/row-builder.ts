import { ImportFileError, tooLarge } from '../../errors';
import type { CellValue, GridRow } from '../grid';
import { isDateFormat, serialToDate, zeroPadWidth } from '../number-format';
import { columnLetters, MAX_COLUMN } from './cell-ref';
import type { SharedStrings } from './shared-strings';
import type { CellFormats } from './styles';

/** What every cell of a sheet is read against. */
export interface SheetRowsContext {
  strings: SharedStrings;
  formats: CellFormats;
  date1904: boolean;
  /** "第2个工作表（花名册）": how messages name the sheet */
  label: string;
  /** characters of one row's XML we hold while waiting for its end */
  maxRowChars: number;
}

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

/**
 * One row's cells as they are read, checked as they come: references in order and on this
 * row, text within Excel's limit, shared-string numbers that exist. Values are typed the way
 * Excel shows them. Only cells holding a value are stored; the row is dense up to its last.
 */
export class RowBuilder {
  private cells: CellValue[] | null = null;
  private fmts: Record<number, string> | undefined;
  private col = 0;

  constructor(
    private readonly ctx: SheetRowsContext,
    private readonly row: number,
  ) {}

  /** `refCol`/`refRow` 0 when the cell has no r="…" (it follows the one before). */
  add(refCol: number, refRow: number, type: string, style: number, text: string | null): void {
    if (refRow !== 0) {
      if (refRow !== this.row) throw damagedSheet(this.ctx.label, `单元格地址“${columnLetters(refCol)}${refRow}”与所在的第${this.row}行不符`);
      if (refCol <= this.col) throw damagedSheet(this.ctx.label, `第${this.row}行的单元格地址重复或顺序错乱（${columnLetters(refCol)}${refRow}）`);
      this.col = refCol;
    } else if (++this.col > MAX_COLUMN) {
      throw damagedSheet(this.ctx.label, `第${this.row}行的单元格超过了 Excel 的上限 16,384 列`);
    }
    if (text === null) return;
    if (text.length > MAX_CELL_CHARS) {
      throw tooLarge(
        `${this.ctx.label}的 ${columnLetters(this.col)}${this.row} 单元格有 ${text.length.toLocaleString('en-US')} 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制（文件可能被其他程序改动过）`,
      );
    }
    const fmt = style ? this.ctx.formats.formatOf(style) : undefined;
    const value = this.value(type, text, fmt);
    if (value === null || value === '') return;
    const cells = (this.cells ??= []);
    const c = this.col - 1;
    // empty cells left of a value are holes (read as undefined, i.e. empty): a lone value in
    // column XFD makes a sparse array of two entries, not 16,384 slots
    if (cells.length < c) cells.length = c;
    cells[c] = value;
    if (fmt !== undefined && (value instanceof Date || (typeof value === 'number' && zeroPadWidth(fmt) > 0))) (this.fmts ??= {})[c] = fmt;
  }

  /** The row, or null when it holds no value. */
  done(): GridRow | null {
    if (!this.cells) return null;
    return this.fmts ? { row: this.row, cells: this.cells, formats: this.fmts } : { row: this.row, cells: this.cells };
  }

  private value(type: string, text: string, fmt: string | undefined): CellValue {
    switch (type) {
      case 's': {
        const trimmed = text.trim();
        const index = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : -1;
        const v = index >= 0 ? this.ctx.strings.get(index) : undefined;
        if (v === undefined) throw damagedSheet(this.ctx.label, `${columnLetters(this.col)}${this.row} 单元格引用了不存在的共享文字（第${clip(trimmed)}项）`);
        return v;
      }
      case 'str':
      case 'inlineStr':
      case 'e': // "#N/A", "#DIV/0!": validation names them
        return text;
      case 'b': {
        const b = text.trim();
        return b === '1' || b.toLowerCase() === 'true';
      }
      case 'd':
        return isoDate(text.trim());
      default: {
        const trimmed = text.trim();
        if (trimmed === '') return null;
        const n = Number(trimmed);
        if (!Number.isFinite(n)) return text;
        return isDateFormat(fmt) ? serialToDate(n, this.ctx.date1904) : n;
      }
    }
  }
}

/** "第2个工作表（花名册）已损坏：…": where, in the clerk's terms, and what to do. */
export function damagedSheet(label: string, what: string): ImportFileError {
  return new ImportFileError(
    'IMPORT_FILE_DAMAGED',
    `文件无法读取：${label}已损坏，${what}。请在 Excel/WPS 中打开该文件检查，“另存为” .xlsx 后再导入；如仍不行，请向发件单位重新索要原表。`,
  );
}

export const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/** ISO date cells (t="d") without a zone are the workbook's local calendar: read as UTC days. */
function isoDate(text: string): Date | null {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
