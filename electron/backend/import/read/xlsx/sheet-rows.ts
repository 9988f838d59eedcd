import { ImportFileError, tooLarge } from '../../errors';
import type { CellValue, GridRow } from '../grid';
import { isDateFormat, serialToDate, zeroPadWidth } from '../number-format';
import { elementText, nextTag, runsText, selfClosing, tagEnd, XmlDamage } from '../xml/xml-text';
import { columnLetters, MAX_ROW, parseRef, parseRowNumber } from './cell-ref';
import type { SharedStrings } from './shared-strings';
import type { CellFormats } from './styles';

/**
 * A sheet's rows, cut from its XML text as it streams in and assembled straight into
 * compact grid rows: no XML library, no object per cell. Every cell type is read as Excel
 * shows it (a formula's cached result even when it is 0 or FALSE, every run of rich text,
 * t="d" ISO dates). Bounded by construction: references are checked (A–XFD, rows up to
 * 1,048,576, in order), one row's XML and one cell's text are capped, and nothing is ever
 * filled up to a column a reference merely claims.
 */
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

const SPACE = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class SheetRowReader {
  private carry = '';
  /** how far into `carry` the search for the current row's end already looked */
  private searched = 0;
  private tags: { row: string; rowEnd: string; c: string; cEnd: string; v: string; vEnd: string; is: string; isEnd: string; dataEnd: string; dataEmpty: string; p: string } | null = null;
  private lastRow = 0;
  /** true once </sheetData> was met: the rest of the part is not rows */
  done = false;

  // the cell being read (fields, not an object per cell)
  private aRef = '';
  private aType = '';
  private aStyle = 0;

  constructor(private readonly ctx: SheetRowsContext) {}

  /** The rows completed by this chunk of text. */
  push(chunk: string, out: GridRow[]): void {
    if (this.done) return;
    // the carried text was searched for the end of sheetData already
    let searchedBefore = this.tags ? Math.max(0, this.carry.length - this.tags.dataEnd.length) : 0;
    let s = this.carry.length ? this.carry + chunk : chunk;
    this.carry = '';
    try {
      if (!this.tags) {
        const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>/]/.exec(s);
        if (!root) {
          if (s.length > 1024 * 1024) throw this.damage('不是有效的工作表数据');
          this.carry = s;
          return;
        }
        const p = root[1] ?? '';
        this.tags = {
          p,
          row: `<${p}row`,
          rowEnd: `</${p}row>`,
          c: `<${p}c`,
          cEnd: `</${p}c>`,
          v: `<${p}v`,
          vEnd: `</${p}v>`,
          is: `<${p}is`,
          isEnd: `</${p}is>`,
          dataEnd: `</${p}sheetData>`,
          dataEmpty: `<${p}sheetData/>`,
        };
        s = s.slice(root.index);
        searchedBefore = 0;
      }
      const keepFrom = this.rows(s, out, searchedBefore);
      if (keepFrom >= 0) this.keep(s, keepFrom);
    } catch (e) {
      throw this.asImportError(e);
    }
  }

  /** At the end of the part: a sheet cut off inside a row is damage. */
  end(): void {
    if (!this.done && this.carry.length > 0 && this.tags && nextTag(this.carry, this.tags.row, 0) !== -1) {
      throw this.damage('数据不完整（最后一行没有结束）');
    }
    if (!this.tags && !this.done) throw this.damage('不是有效的工作表数据');
  }

  private keep(s: string, from: number): void {
    this.carry = s.slice(from);
    if (this.carry.length > this.ctx.maxRowChars) {
      throw tooLarge(`${this.ctx.label}第${this.lastRow + 1}行附近有一行内容过大（超过 ${Math.round(this.ctx.maxRowChars / 1048576)} MB），可能是异常文件`);
    }
  }

  /** Reads the complete rows of `s`; returns where the unfinished rest begins, or -1 at the end of sheetData. */
  private rows(s: string, out: GridRow[], searchedBefore: number): number {
    const t = this.tags!;
    let dataEnd = s.indexOf(t.dataEnd, searchedBefore);
    if (dataEnd === -1) dataEnd = s.indexOf(t.dataEmpty, searchedBefore);
    let pos = 0;
    for (;;) {
      const lt = nextTag(s, t.row, pos);
      if (dataEnd !== -1 && (lt === -1 || dataEnd < lt)) {
        this.done = true;
        return -1;
      }
      if (lt === -1) {
        // keep a possible "<row" or "</sheetData>" cut at the chunk's end
        return Math.max(pos, s.length - t.dataEnd.length);
      }
      const gt = tagEnd(s, lt);
      if (gt === -1) return lt;
      const rowNumber = this.rowNumber(s, lt, gt);
      if (selfClosing(s, gt)) {
        this.lastRow = rowNumber; // <row r="7"/>: a formatted row without cells
        pos = gt + 1;
        this.searched = 0;
        continue;
      }
      const from = Math.max(gt + 1, lt + this.searched - t.rowEnd.length);
      const close = s.indexOf(t.rowEnd, from);
      if (close === -1) {
        this.searched = s.length - lt;
        return lt;
      }
      this.searched = 0;
      const row = this.cells(s, gt + 1, close, rowNumber);
      this.lastRow = rowNumber;
      if (row) out.push(row);
      pos = close + t.rowEnd.length;
    }
  }

  private rowNumber(s: string, lt: number, gt: number): number {
    let r: string | null = null;
    this.eachAttr(s, lt, gt, (name, value) => {
      if (name === 'r') r = value;
    });
    if (r === null) {
      // rows without r="…" follow one another (the cells may still say where they are)
      const next = this.lastRow + 1;
      if (next > MAX_ROW) throw this.damage(`行数超过了 Excel 的上限 ${MAX_ROW} 行`);
      return next;
    }
    const n = parseRowNumber(r);
    if (n === null) throw this.damage(`行号“${clip(r)}”无效`);
    if (n <= this.lastRow) throw this.damage(`行的顺序错乱（第${n}行出现在第${this.lastRow}行之后）`);
    return n;
  }

  /** The cells of one row, s[from, to): its content between <row …> and </row>. */
  private cells(s: string, from: number, to: number, rowNumber: number): GridRow | null {
    const t = this.tags!;
    const { strings, formats, date1904 } = this.ctx;
    let cells: CellValue[] | null = null;
    let fmts: Record<number, string> | undefined;
    let col = 0;
    let i = from;
    for (;;) {
      const lt = nextTag(s, t.c, i, to);
      if (lt === -1) break;
      const gt = tagEnd(s, lt);
      if (gt === -1 || gt > to) throw this.damage(`第${rowNumber}行的单元格标签没有结束`);
      this.cellAttrs(s, lt, gt);
      if (this.aRef) {
        const ref = parseRef(this.aRef);
        if (!ref) throw this.damage(`第${rowNumber}行有无效的单元格地址“${clip(this.aRef)}”`);
        if (ref.row !== rowNumber) throw this.damage(`单元格地址“${clip(this.aRef)}”与所在的第${rowNumber}行不符`);
        if (ref.col <= col) throw this.damage(`第${rowNumber}行的单元格地址重复或顺序错乱（${clip(this.aRef)}）`);
        col = ref.col;
      } else {
        col++; // cells without r="…" follow one another
        if (col > 16_384) throw this.damage(`第${rowNumber}行的单元格超过了 Excel 的上限 16,384 列`);
      }
      if (selfClosing(s, gt)) {
        i = gt + 1;
        continue;
      }
      const close = s.indexOf(t.cEnd, gt + 1);
      if (close === -1 || close > to) throw this.damage(`第${rowNumber}行的单元格没有结束`);
      i = close + t.cEnd.length;

      let text: string | null = null;
      if (this.aType === 'inlineStr') {
        const is = nextTag(s, t.is, gt + 1, close);
        if (is !== -1) {
          const isGt = tagEnd(s, is);
          if (isGt === -1 || isGt > close) throw this.damage(`第${rowNumber}行的单元格标签没有结束`);
          if (!selfClosing(s, isGt)) {
            const isClose = s.indexOf(t.isEnd, isGt + 1);
            if (isClose === -1 || isClose > close) throw this.damage(`第${rowNumber}行的单元格没有结束`);
            text = runsText(s, isGt + 1, isClose, t.p);
          }
        }
      }
      if (text === null) {
        const v = nextTag(s, t.v, gt + 1, close);
        if (v === -1) continue;
        const vGt = tagEnd(s, v);
        if (vGt === -1 || vGt > close) throw this.damage(`第${rowNumber}行的单元格标签没有结束`);
        if (selfClosing(s, vGt)) continue;
        const vClose = s.indexOf(t.vEnd, vGt + 1);
        if (vClose === -1 || vClose > close) throw this.damage(`第${rowNumber}行的单元格值没有结束`);
        text = elementText(s, vGt + 1, vClose);
      }
      if (text.length > MAX_CELL_CHARS) {
        throw tooLarge(
          `${this.ctx.label}的 ${columnLetters(col)}${rowNumber} 单元格有 ${text.length.toLocaleString('en-US')} 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制（文件可能被其他程序改动过）`,
        );
      }
      const fmt = this.aStyle ? formats.formatOf(this.aStyle) : undefined;
      const value = this.value(text, fmt, strings, date1904, rowNumber, col);
      if (value === null || value === '') continue;
      cells ??= [];
      const c = col - 1;
      while (cells.length < c) cells.push(null);
      cells[c] = value;
      if (fmt && (value instanceof Date || (typeof value === 'number' && zeroPadWidth(fmt) > 0))) (fmts ??= {})[c] = fmt;
    }
    if (!cells) return null;
    return fmts ? { row: rowNumber, cells, formats: fmts } : { row: rowNumber, cells };
  }

  private value(text: string, fmt: string | undefined, strings: SharedStrings, date1904: boolean, row: number, col: number): CellValue {
    switch (this.aType) {
      case 's': {
        const trimmed = text.trim();
        const index = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : -1;
        const v = index >= 0 ? strings.get(index) : undefined;
        if (v === undefined) throw this.damage(`${columnLetters(col)}${row} 单元格引用了不存在的共享文字（第${clip(trimmed)}项）`);
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
        return isDateFormat(fmt) ? serialToDate(n, date1904) : n;
      }
    }
  }

  /** r, t and s of a <c> tag, into fields: this runs once per cell. */
  private cellAttrs(s: string, lt: number, gt: number): void {
    this.aRef = '';
    this.aType = 'n';
    this.aStyle = 0;
    this.eachAttr(s, lt, gt, (name, value) => {
      if (name === 'r') this.aRef = value;
      else if (name === 't') this.aType = value;
      else if (name === 's') {
        const n = /^\d{1,6}$/.test(value) ? Number(value) : 0;
        this.aStyle = n;
      }
    });
  }

  /**
   * Attributes of the tag s[lt, gt] (local names; values are references, numbers and type
   * names, which hold no entities worth decoding).
   */
  private eachAttr(s: string, lt: number, gt: number, on: (name: string, value: string) => void): void {
    let i = lt + 1;
    while (i < gt && !SPACE(s.charCodeAt(i)) && s.charCodeAt(i) !== 47) i++;
    for (;;) {
      while (i < gt && SPACE(s.charCodeAt(i))) i++;
      if (i >= gt || s.charCodeAt(i) === 47) return;
      const nameStart = i;
      while (i < gt && s.charCodeAt(i) !== 61 && !SPACE(s.charCodeAt(i))) i++;
      let name = s.slice(nameStart, i);
      const colon = name.indexOf(':');
      if (colon !== -1) name = name.slice(colon + 1);
      while (i < gt && SPACE(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) throw new XmlDamage('属性没有值');
      i++;
      while (i < gt && SPACE(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) throw new XmlDamage('属性值缺少引号');
      const end = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (end === -1 || end > gt) throw new XmlDamage('属性值没有结束');
      on(name, s.slice(i + 1, end));
      i = end + 1;
    }
  }

  private damage(what: string): ImportFileError {
    return damagedSheet(this.ctx.label, what);
  }

  private asImportError(e: unknown): unknown {
    if (e instanceof XmlDamage) return this.damage(`XML 结构有误（${e.message}，在第${this.lastRow + 1}行附近）`);
    return e;
  }
}

/** "第2个工作表（花名册）已损坏：…": where, in the clerk's terms, and what to do. */
export function damagedSheet(label: string, what: string): ImportFileError {
  return new ImportFileError(
    'IMPORT_FILE_DAMAGED',
    `文件无法读取：${label}已损坏，${what}。请在 Excel/WPS 中打开该文件检查，“另存为” .xlsx 后再导入；如仍不行，请向发件单位重新索要原表。`,
  );
}

const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/** ISO date cells (t="d") without a zone are the workbook's local calendar: read as UTC days. */
function isoDate(text: string): Date | null {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
