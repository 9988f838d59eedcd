import { tooLarge } from '../../errors';
import type { GridRow } from '../grid';
import { decodeText, eachAttribute, XmlDamage } from '../xml/xml-text';
import { MAX_COLUMN, MAX_ROW, parseRowNumber } from './cell-ref';
import { clip, damagedSheet, RowBuilder, type SheetRowsContext } from './row-builder';
import { readRowXml } from './row-xml';

export { damagedSheet, MAX_CELL_CHARS, type SheetRowsContext } from './row-builder';

/**
 * A sheet's rows, cut from its inflated bytes as they stream in and assembled straight into
 * compact grid rows: no XML library, no object per cell. Markup is ASCII, so the bytes are
 * scanned as they are and only cell values are decoded (UTF-8; bytes that are not become
 * U+FFFD, which validation refuses by row). The cell forms Excel, WPS and ExcelJS write take
 * a fast path by byte codes; any other row is decoded and read by the general reader
 * (row-xml.ts). Bounded by construction: references are checked (A–XFD, rows up to
 * 1,048,576, in order), one row's XML and one cell's text are capped, and nothing is filled
 * up to a column a reference merely claims.
 */
interface Tags {
  p: string;
  row: Buffer;
  rowEnd: Buffer;
  dataEnd: Buffer;
  dataEmpty: Buffer;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOT = 34;
const APOS = 39;

/** Returned by the fast path: the row is not all in this buffer yet. */
const INCOMPLETE = -1;
/** Returned by the fast path: a form it does not take; the general reader reads the row. */
const GENERAL = -2;

const CELL_END = Buffer.from('</c>');
const V_CLOSE = Buffer.from('</v></c>');
const T_CLOSE = Buffer.from('</t></is></c>');
const IS_T = Buffer.from('<is><t>');
const IS_T_PRESERVE = Buffer.from('<is><t xml:space="preserve">');

export class SheetRowReader {
  private carry: Buffer | null = null;
  /** how far into `carry` the search for the current row's end already looked */
  private searched = 0;
  private tags: Tags | null = null;
  private lastRow = 0;
  /** true once </sheetData> was met: the rest of the part is not rows */
  done = false;

  // the cell the fast path just read (fields, not an object per cell)
  private fCol = 0;
  private fRow = 0;
  private fStyle = 0;
  private fType = 'n';
  private fText: string | null = null;

  constructor(private readonly ctx: SheetRowsContext) {}

  /** Reads the rows this chunk completes into `out`. */
  push(chunk: Buffer, out: GridRow[]): void {
    if (this.done) return;
    // the carried bytes were searched for the end of sheetData already
    let searchedBefore = this.tags && this.carry ? Math.max(0, this.carry.length - this.tags.dataEnd.length) : 0;
    let b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    try {
      if (!this.tags) {
        const head = b.toString('latin1', 0, Math.min(b.length, 1024 * 1024));
        const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>/]/.exec(head);
        if (!root) {
          if (b.length > 1024 * 1024) throw damagedSheet(this.ctx.label, '内容不是有效的工作表数据');
          this.carry = b;
          return;
        }
        const p = root[1] ?? '';
        this.tags = { p, row: Buffer.from(`<${p}row`), rowEnd: Buffer.from(`</${p}row>`), dataEnd: Buffer.from(`</${p}sheetData>`), dataEmpty: Buffer.from(`<${p}sheetData/>`) };
        b = b.subarray(root.index);
        searchedBefore = 0;
      }
      const keepFrom = this.rows(b, out, searchedBefore);
      if (keepFrom >= 0) this.keep(b, keepFrom);
    } catch (e) {
      if (e instanceof XmlDamage) throw damagedSheet(this.ctx.label, `XML 结构有误（${e.message}，在第${this.lastRow + 1}行附近）`);
      throw e;
    }
  }

  /** At the end of the part: a sheet cut off inside a row is damage. */
  end(): void {
    if (this.done) return;
    if (!this.tags) throw damagedSheet(this.ctx.label, '内容不是有效的工作表数据');
    if (this.carry && this.carry.indexOf(this.tags.row) !== -1) throw damagedSheet(this.ctx.label, '数据不完整（最后一行没有结束）');
  }

  private keep(b: Buffer, from: number): void {
    // a copy: the chunk it came from is released
    this.carry = Buffer.from(b.subarray(from));
    if (this.carry.length > this.ctx.maxRowChars) {
      throw tooLarge(`${this.ctx.label}第${this.lastRow + 1}行附近有一行内容过大（超过 ${Math.round(this.ctx.maxRowChars / 1048576)} MB），可能是异常文件`);
    }
  }

  /** Reads the complete rows of `b`; returns where the unfinished rest begins, or -1 at the end of sheetData. */
  private rows(b: Buffer, out: GridRow[], searchedBefore: number): number {
    const t = this.tags!;
    let dataEnd = b.indexOf(t.dataEnd, searchedBefore);
    if (dataEnd === -1) dataEnd = b.indexOf(t.dataEmpty, searchedBefore);
    let pos = 0;
    for (;;) {
      const lt = nextTagAt(b, t.row, pos);
      if (dataEnd !== -1 && (lt === -1 || dataEnd < lt)) {
        this.done = true;
        return -1;
      }
      if (lt === -1) return Math.max(pos, b.length - t.dataEnd.length); // a "<row" or "</sheetData>" may be cut at the end
      const gt = tagEndAt(b, lt);
      if (gt === -1) return lt;
      const rowNumber = this.rowNumber(b.toString('latin1', lt, gt + 1));
      if (b[gt - 1] === SLASH) {
        this.lastRow = rowNumber; // <row r="7"/>: a formatted row without cells
        pos = gt + 1;
        this.searched = 0;
        continue;
      }
      let close = -1;
      if (this.searched > 0) {
        // this row was cut at a chunk's end before: read it only once it is whole
        close = b.indexOf(t.rowEnd, Math.max(gt + 1, lt + this.searched - t.rowEnd.length));
        if (close === -1) {
          this.searched = b.length - lt;
          return lt;
        }
      }
      const row = new RowBuilder(this.ctx, rowNumber);
      let end = t.p === '' ? this.fastRow(b, gt + 1, row) : GENERAL;
      if (end === GENERAL) {
        if (close === -1) close = b.indexOf(t.rowEnd, gt + 1);
        if (close !== -1) {
          const general = new RowBuilder(this.ctx, rowNumber);
          readRowXml(b.toString('utf8', gt + 1, close), t.p, rowNumber, general, this.ctx.label);
          const g = general.done();
          if (g) out.push(g);
          end = close + t.rowEnd.length;
        } else end = INCOMPLETE;
      } else if (end !== INCOMPLETE) {
        const g = row.done();
        if (g) out.push(g);
      }
      if (end === INCOMPLETE) {
        this.searched = b.length - lt;
        return lt;
      }
      this.searched = 0;
      this.lastRow = rowNumber;
      pos = end;
    }
  }

  private rowNumber(tag: string): number {
    let r: string | null = null;
    eachAttribute(tag, 0, tag.length - 1, (name, value) => {
      if (name === 'r') r = value;
    });
    if (r === null) {
      // rows without r="…" follow one another
      const next = this.lastRow + 1;
      if (next > MAX_ROW) throw damagedSheet(this.ctx.label, `行数超过了 Excel 的上限 ${MAX_ROW.toLocaleString('en-US')} 行`);
      return next;
    }
    const n = parseRowNumber(r);
    if (n === null) throw damagedSheet(this.ctx.label, `行号“${clip(r)}”无效`);
    if (n <= this.lastRow) throw damagedSheet(this.ctx.label, `行的顺序错乱（第${n}行出现在第${this.lastRow}行之后）`);
    return n;
  }

  /**
   * The cells of a row in the plain form, from `from` (just after <row …>) to its </row>:
   * returns the index after </row>, INCOMPLETE when `b` ends first, GENERAL at anything else.
   */
  private fastRow(b: Buffer, from: number, row: RowBuilder): number {
    const rowEnd = this.tags!.rowEnd;
    let i = from;
    for (;;) {
      const next = this.fastCell(b, i);
      if (next > 0) {
        row.add(this.fCol, this.fRow, this.fType, this.fStyle, this.fText);
        i = next;
        continue;
      }
      if (startsWith(b, i, rowEnd)) return i + rowEnd.length;
      // cut at the end of the buffer, or a form the fast path does not take
      return b.indexOf(rowEnd, i) === -1 ? INCOMPLETE : GENERAL;
    }
  }

  /**
   * One cell in the plain form, by byte codes: <c r="B7" s="3" t="s"> (s and t optional, in
   * this order) holding nothing, <v>…</v> or <is><t>…</t></is>. Sets the f* fields and
   * returns the index after the cell; -1 for anything else (the general reader takes the
   * row, and names what is wrong when something is).
   */
  private fastCell(b: Buffer, i: number): number {
    if (b[i] !== LT || b[i + 1] !== 99 || b[i + 2] !== 32 || b[i + 3] !== 114 || b[i + 4] !== 61 || b[i + 5] !== QUOT) return -1;
    let k = i + 6;
    let c = b[k]!;
    let col = 0;
    let n = 0;
    while (c >= 65 && c <= 90 && n < 4) {
      col = col * 26 + c - 64;
      c = b[++k]!;
      n++;
    }
    if (n === 0 || n > 3 || col > MAX_COLUMN || c === 48) return -1;
    let row = 0;
    n = 0;
    while (c >= 48 && c <= 57 && n < 8) {
      row = row * 10 + c - 48;
      c = b[++k]!;
      n++;
    }
    if (n === 0 || row > MAX_ROW || c !== QUOT) return -1;
    c = b[++k]!;
    let style = 0;
    if (c === 32 && b[k + 1] === 115 && b[k + 2] === 61 && b[k + 3] === QUOT) {
      k += 4;
      c = b[k]!;
      n = 0;
      while (c >= 48 && c <= 57 && n < 7) {
        style = style * 10 + c - 48;
        c = b[++k]!;
        n++;
      }
      if (n === 0 || n > 6 || c !== QUOT) return -1;
      c = b[++k]!;
    }
    let type = 'n';
    if (c === 32 && b[k + 1] === 116 && b[k + 2] === 61 && b[k + 3] === QUOT) {
      const from = k + 4;
      k = from;
      while (k < b.length && b[k] !== QUOT && k - from < 10) k++;
      if (b[k] !== QUOT) return -1;
      type = typeName(b, from, k);
      c = b[++k]!;
    }
    let text: string | null = null;
    let end: number;
    if (c === SLASH) {
      if (b[k + 1] !== GT) return -1;
      end = k + 2;
    } else if (c === GT) {
      k++;
      if (startsWith(b, k, CELL_END)) end = k + 4;
      else {
        let from: number;
        let close: Buffer;
        if (b[k] === LT && b[k + 1] === 118 && b[k + 2] === GT) {
          from = k + 3;
          close = V_CLOSE;
        } else if (startsWith(b, k, IS_T)) {
          from = k + IS_T.length;
          close = T_CLOSE;
        } else if (startsWith(b, k, IS_T_PRESERVE)) {
          from = k + IS_T_PRESERVE.length;
          close = T_CLOSE;
        } else return -1;
        // to the next '<', noting what the text needs: UTF-8 decoding, entities, _xHHHH_
        let e = from;
        let high = 0;
        let special = false;
        const len = b.length;
        while (e < len) {
          const x = b[e]!;
          if (x === LT) break;
          high |= x;
          if (x === 38 || x === 95) special = true;
          e++;
        }
        if (e >= len || !startsWith(b, e, close)) return -1;
        const raw = high < 0x80 ? b.toString('latin1', from, e) : b.toString('utf8', from, e);
        text = special ? decodeText(raw) : raw;
        end = e + close.length;
      }
    } else return -1;
    this.fCol = col;
    this.fRow = row;
    this.fStyle = style;
    this.fType = type;
    this.fText = text;
    return end;
  }
}

function startsWith(b: Buffer, at: number, what: Buffer): boolean {
  if (at + what.length > b.length) return false;
  for (let k = 0; k < what.length; k++) if (b[at + k] !== what[k]) return false;
  return true;
}

/** Next `<row` (as `open` has it) followed by whitespace, '>' or '/', at or after `from`. */
function nextTagAt(b: Buffer, open: Buffer, from: number): number {
  let i = b.indexOf(open, from);
  while (i !== -1) {
    const c = b[i + open.length];
    if (c === undefined) return -1; // cut at the end: wait for more
    if (c === 32 || c === GT || c === SLASH || c === 10 || c === 13 || c === 9) return i;
    i = b.indexOf(open, i + 1);
  }
  return -1;
}

/** The '>' ending the tag at `lt`, honouring quoted values; -1 when `b` ends first. */
function tagEndAt(b: Buffer, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < b.length; i++) {
    const c = b[i]!;
    if (q !== 0) {
      if (c === q) q = 0;
    } else if (c === QUOT || c === APOS) q = c;
    else if (c === GT) return i;
    else if (c === LT) throw new XmlDamage('标签没有结束');
  }
  return -1;
}

/** The cell types as constants: the fast path reads them without making a string. */
function typeName(b: Buffer, from: number, to: number): string {
  const len = to - from;
  const c = b[from];
  if (len === 1) {
    if (c === 115) return 's';
    if (c === 110) return 'n';
    if (c === 98) return 'b';
    if (c === 101) return 'e';
    if (c === 100) return 'd';
  } else if (len === 3 && b[from] === 115 && b[from + 1] === 116 && b[from + 2] === 114) return 'str';
  else if (len === 9 && b.toString('latin1', from, to) === 'inlineStr') return 'inlineStr';
  return b.toString('latin1', from, to);
}
