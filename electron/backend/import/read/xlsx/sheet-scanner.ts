import { tooLarge } from '../../errors';
import type { MergeRange } from '../grid';
import { parseRef } from './cell-ref';
import { damagedSheet } from './sheet-rows';

/**
 * A light pass over a sheet's XML text, for a sheet previewed or only listed: it counts rows
 * that hold a value and collects the <mergeCell> ranges (which Excel writes after the rows).
 * Plain indexOf scanning over latin1 text: 100,000 rows pass in a fraction of a full read.
 */
export class SheetScanner {
  rows = 0;
  readonly merges: MergeRange[] = [];
  private carry = '';
  private inTail = false;
  /** element names, with the namespace prefix the writer used ("x:row") if any */
  private tag: Record<'row' | 'rowEnd' | 'v' | 'is' | 'dataEnd' | 'dataEmpty' | 'merge', string> | null = null;

  constructor(
    private readonly maxMerges: number,
    private readonly maxCarry: number,
    /** "第2个工作表（花名册）" */
    private readonly label: string,
  ) {}

  push(chunk: string): void {
    const s = this.carry + chunk;
    this.carry = '';
    if (!this.tag) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(s);
      if (!root) {
        if (s.length > 1024 * 1024) throw damagedSheet(this.label, '内容不是有效的工作表数据');
        this.keep(s, 0);
        return;
      }
      const p = root[1] ?? '';
      this.tag = { row: `<${p}row`, rowEnd: `</${p}row>`, v: `<${p}v>`, is: `<${p}is>`, dataEnd: `</${p}sheetData>`, dataEmpty: `<${p}sheetData/>`, merge: `<${p}mergeCell` };
    }
    let pos = 0;
    if (!this.inTail) {
      pos = this.scanRows(s);
      if (!this.inTail) {
        this.keep(s, pos);
        return;
      }
    }
    this.carry = this.scanMerges(s, pos);
  }

  /**
   * Counts complete rows; returns where the unfinished part begins. Every search position
   * only moves forward, so a chunk is scanned in linear time even when no row has a value.
   */
  private scanRows(s: string): number {
    const tag = this.tag!;
    let pos = 0;
    let dataEnd = s.indexOf(tag.dataEnd);
    if (dataEnd === -1) dataEnd = s.indexOf(tag.dataEmpty);
    const nextValue = new ForwardSearch(s, tag.v);
    const nextInline = new ForwardSearch(s, tag.is);
    for (;;) {
      const row = nextTag(s, tag.row, pos);
      if (dataEnd !== -1 && (row === -1 || dataEnd < row)) {
        this.inTail = true;
        return dataEnd;
      }
      // keep a possible partial "<row" / "</sheetData>" cut at the chunk's end
      if (row === -1) return Math.max(pos, s.length - tag.dataEnd.length);
      const close = s.indexOf('>', row);
      if (close === -1) return row;
      if (s[close - 1] === '/') {
        pos = close + 1; // <row .../> holds nothing
        continue;
      }
      const rowEnd = s.indexOf(tag.rowEnd, close);
      if (rowEnd === -1) return row;
      if (nextValue.before(close, rowEnd) || nextInline.before(close, rowEnd)) this.rows++;
      pos = rowEnd + tag.rowEnd.length;
    }
  }

  private scanMerges(s: string, from: number): string {
    let pos = from;
    for (;;) {
      const at = nextTag(s, this.tag!.merge, pos);
      if (at === -1) return s.slice(Math.max(pos, s.length - this.tag!.merge.length));
      const close = s.indexOf('>', at);
      if (close === -1) return s.slice(at);
      const merge = mergeOf(s.slice(at, close), this.label);
      if (merge) {
        if (this.merges.length >= this.maxMerges) throw tooLarge(`${this.label}中的合并单元格过多（超过 ${this.maxMerges.toLocaleString('en-US')} 处）`);
        this.merges.push(merge);
      }
      pos = close + 1;
    }
  }

  private keep(s: string, from: number): void {
    this.carry = s.slice(from);
    if (this.carry.length > this.maxCarry) throw tooLarge(`${this.label}中有一行内容过大（超过 ${Math.round(this.maxCarry / 1048576)} MB）`);
  }
}

/** Index of `<name` followed by a space, '>' or '/', so "<row" does not match "<rowBreaks". */
function nextTag(s: string, open: string, from: number): number {
  let i = s.indexOf(open, from);
  while (i !== -1) {
    const c = s[i + open.length];
    if (c === undefined) return i; // cut at the chunk end: treat as a start, the caller waits for more
    if (c === ' ' || c === '>' || c === '/' || c === '\t' || c === '\n' || c === '\r') return i;
    i = s.indexOf(open, i + 1);
  }
  return -1;
}

/** Is there an occurrence of `needle` in [from, to)? Searches never go backwards. */
class ForwardSearch {
  private at = -2;

  constructor(
    private readonly s: string,
    private readonly needle: string,
  ) {}

  before(from: number, to: number): boolean {
    if (this.at !== -1 && this.at < from) this.at = this.s.indexOf(this.needle, from);
    return this.at !== -1 && this.at < to;
  }
}

/**
 * Only the merges of a sheet, from its inflated bytes: Buffer.indexOf for "<mergeCell" runs
 * at memory speed, no text is decoded and no row is looked at. For the sheet being imported,
 * whose rows the full read counts anyway.
 */
export class MergeScanner {
  readonly merges: MergeRange[] = [];
  private carry: Buffer | null = null;
  private open: Buffer | null = null;

  constructor(
    private readonly maxMerges: number,
    private readonly label: string,
  ) {}

  push(chunk: Buffer): void {
    let b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!this.open) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>/]/.exec(b.toString('latin1', 0, Math.min(b.length, 64 * 1024)));
      if (!root) {
        if (b.length > 1024 * 1024) throw damagedSheet(this.label, '内容不是有效的工作表数据');
        this.carry = b;
        return;
      }
      this.open = Buffer.from(`<${root[1] ?? ''}mergeCell`);
      b = b.subarray(root.index);
    }
    let pos = 0;
    for (;;) {
      const at = b.indexOf(this.open, pos);
      if (at === -1) {
        pos = Math.max(pos, b.length - this.open.length);
        break;
      }
      const next = b[at + this.open.length];
      if (next === undefined) {
        pos = at;
        break;
      }
      if (next !== 0x20 && next !== 0x2f && next !== 0x3e && next !== 0x09 && next !== 0x0a && next !== 0x0d) {
        pos = at + 1; // <mergeCells, the list around them
        continue;
      }
      const close = b.indexOf(0x3e, at);
      if (close === -1) {
        pos = at;
        break;
      }
      this.add(b.toString('latin1', at, close));
      pos = close + 1;
    }
    if (pos < b.length) this.carry = Buffer.from(b.subarray(pos));
    if (this.carry && this.carry.length > 1024 * 1024) throw damagedSheet(this.label, '合并单元格的标记没有结束');
  }

  private add(tag: string): void {
    const merge = mergeOf(tag, this.label);
    if (!merge) return;
    if (this.merges.length >= this.maxMerges) throw tooLarge(`${this.label}中的合并单元格过多（超过 ${this.maxMerges.toLocaleString('en-US')} 处）`);
    this.merges.push(merge);
  }
}

/** The range of one <mergeCell ref="A2:A3"> tag; an address Excel could not write is damage. */
function mergeOf(tag: string, label: string): MergeRange | null {
  const ref = /\bref\s*=\s*["']([^"':]*):?([^"']*)["']/.exec(tag);
  if (!ref) return null;
  const a = parseRef(ref[1]!);
  const b = ref[2] ? parseRef(ref[2]) : a;
  if (!a || !b) throw damagedSheet(label, `合并单元格的地址“${ref[0].slice(0, 40)}”无效`);
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}
