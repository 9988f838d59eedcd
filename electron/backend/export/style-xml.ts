import type { CellStyle } from './sheet-styles';

/**
 * The cell formats (<xf>) of the data rows we write ourselves (row-xml.ts), as styles.xml
 * entries, and the pass over the styles.xml ExcelJS wrote that makes room for them. ExcelJS
 * writes the heading, the header and the totals through its public API; the data rows'
 * formats are ours, so their ids are known while the rows are written, before ExcelJS has
 * finished its styles: ours take the ids 1…K, and ExcelJS's own ids (from 1 on) move up by K
 * in the sheets it wrote (see shiftStyleIds).
 *
 * Covered: what a data cell's style may hold — font, border, pattern fill, number format,
 * alignment, protection (locked) and quotePrefix. Other keys are not written.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Excel's built-in number formats by code (the ids every reader knows). */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49 };

type Color = { argb?: string; theme?: number; indexed?: number } | undefined;
const colorXml = (tag: string, c: Color) => {
  if (!c) return '';
  if (c.argb) return `<${tag} rgb="${esc(c.argb)}"/>`;
  if (c.theme !== undefined) return `<${tag} theme="${c.theme}"/>`;
  if (c.indexed !== undefined) return `<${tag} indexed="${c.indexed}"/>`;
  return '';
};

function fontXml(f: NonNullable<CellStyle['font']>): string {
  let x = '<font>';
  if (f.bold) x += '<b/>';
  if (f.italic) x += '<i/>';
  if (f.strike) x += '<strike/>';
  if (f.underline) x += f.underline === true || f.underline === 'single' ? '<u/>' : `<u val="${esc(String(f.underline))}"/>`;
  if (f.vertAlign) x += `<vertAlign val="${esc(f.vertAlign)}"/>`;
  if (f.size) x += `<sz val="${f.size}"/>`;
  x += colorXml('color', f.color as Color);
  if (f.name) x += `<name val="${esc(f.name)}"/>`;
  if (f.family) x += `<family val="${f.family}"/>`;
  if (f.charset) x += `<charset val="${f.charset}"/>`;
  if (f.scheme) x += `<scheme val="${esc(f.scheme)}"/>`;
  return `${x}</font>`;
}

function borderXml(b: NonNullable<CellStyle['border']>): string {
  const side = (tag: string, s: (typeof b)['top']) => (s?.style ? `<${tag} style="${esc(s.style)}">${colorXml('color', s.color as Color)}</${tag}>` : `<${tag}/>`);
  return `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`;
}

function fillXml(f: NonNullable<CellStyle['fill']>): string | null {
  if (f.type !== 'pattern') return null;
  return `<fill><patternFill patternType="${esc(f.pattern)}">${colorXml('fgColor', f.fgColor as Color)}${colorXml('bgColor', f.bgColor as Color)}</patternFill></fill>`;
}

const VERTICAL: Record<string, string> = { top: 'top', middle: 'center', bottom: 'bottom', distributed: 'distributed', justify: 'justify' };

/** `quoted`: the reading order is quote-prefix.ts's mark for ExcelJS, not wanted here */
function alignmentXml(a: NonNullable<CellStyle['alignment']>, quoted: boolean): string {
  let x = '<alignment';
  if (a.horizontal) x += ` horizontal="${esc(a.horizontal)}"`;
  if (a.vertical && VERTICAL[a.vertical]) x += ` vertical="${VERTICAL[a.vertical]}"`;
  if (a.wrapText) x += ' wrapText="1"';
  if (a.shrinkToFit) x += ' shrinkToFit="1"';
  if (a.indent) x += ` indent="${a.indent}"`;
  if (a.textRotation !== undefined) x += ` textRotation="${a.textRotation === 'vertical' ? 255 : a.textRotation}"`;
  if (a.readingOrder && !(quoted && a.readingOrder === 'ltr')) x += ` readingOrder="${a.readingOrder === 'rtl' ? 2 : 1}"`;
  return `${x}/>`;
}

/** The formats the data rows of one workbook use, each registered once (by object identity). */
export class DataStyles {
  private readonly ids = new Map<CellStyle, number>();
  private readonly styles: CellStyle[] = [];

  /** The style's id in the finished file (1…K; 0 is Excel's default format). */
  id(style: CellStyle): number {
    let id = this.ids.get(style);
    if (id === undefined) {
      this.styles.push(style);
      id = this.styles.length;
      this.ids.set(style, id);
    }
    return id;
  }

  get count(): number {
    return this.styles.length;
  }

  /**
   * styles.xml as ExcelJS wrote it, with our formats inserted at ids 1…K (their fonts,
   * borders, fills and number formats appended to those lists), and ExcelJS's quotePrefix
   * marks turned into quotePrefix (see quote-prefix.ts).
   */
  patch(xml: string, quoteMark: (xf: string) => string): string {
    const fonts = new ListPart(xml, 'fonts');
    const fills = new ListPart(xml, 'fills');
    const borders = new ListPart(xml, 'borders');
    const formats = new NumFmts(xml);
    const ours = this.styles.map((s) => {
      const fontId = s.font ? fonts.add(fontXml(s.font)) : 0;
      const fillXmlText = s.fill ? fillXml(s.fill) : null;
      const fillId = fillXmlText ? fills.add(fillXmlText) : 0;
      const borderId = s.border ? borders.add(borderXml(s.border)) : 0;
      const numFmtId = s.numFmt ? formats.id(s.numFmt) : 0;
      let xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
      if (numFmtId) xf += ' applyNumberFormat="1"';
      if (fontId) xf += ' applyFont="1"';
      if (fillId) xf += ' applyFill="1"';
      if (borderId) xf += ' applyBorder="1"';
      if (s.alignment) xf += ' applyAlignment="1"';
      const locked = s.protection?.locked === false;
      if (locked) xf += ' applyProtection="1"';
      if (s.quotePrefix) xf += ' quotePrefix="1"';
      const inner = (s.alignment ? alignmentXml(s.alignment, Boolean(s.quotePrefix)) : '') + (locked ? '<protection locked="0"/>' : '');
      return inner ? `${xf}>${inner}</xf>` : `${xf}/>`;
    });
    let out = formats.apply(xml);
    out = fonts.apply(out);
    out = fills.apply(out);
    out = borders.apply(out);
    const open = /<cellXfs count="(\d+)">/.exec(out);
    if (!open) throw new Error('styles.xml: no <cellXfs>');
    const start = open.index + open[0].length;
    const end = out.indexOf('</cellXfs>', start);
    const xfs = splitXfs(out.slice(start, end)).map(quoteMark);
    const merged = [xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...ours, ...xfs.slice(1)];
    return `${out.slice(0, open.index)}<cellXfs count="${merged.length}">${merged.join('')}${out.slice(end)}`;
  }
}

/** The <xf> elements of a <cellXfs> body, each whole. */
function splitXfs(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while ((i = body.indexOf('<xf', i)) >= 0) {
    const close = body.indexOf('>', i);
    const end = body[close - 1] === '/' ? close + 1 : body.indexOf('</xf>', close) + 5;
    out.push(body.slice(i, end));
    i = end;
  }
  return out;
}

/** One of styles.xml's lists (<fonts>, <fills>, <borders>): entries appended, the count kept right. */
class ListPart {
  private readonly count: number;
  private readonly added: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    xml: string,
    private readonly tag: string,
  ) {
    const m = new RegExp(`<${tag} count="(\\d+)"`).exec(xml);
    if (!m) throw new Error(`styles.xml: no <${tag}>`);
    this.count = Number(m[1]);
  }

  add(entry: string): number {
    let id = this.index.get(entry);
    if (id === undefined) {
      id = this.count + this.added.length;
      this.added.push(entry);
      this.index.set(entry, id);
    }
    return id;
  }

  apply(xml: string): string {
    if (this.added.length === 0) return xml;
    const close = `</${this.tag}>`;
    const at = xml.indexOf(close);
    return xml
      .slice(0, at)
      .concat(this.added.join(''), xml.slice(at))
      .replace(new RegExp(`<${this.tag} count="\\d+"`), `<${this.tag} count="${this.count + this.added.length}"`);
  }
}

/** Custom number formats: ids from 164 on, after any ExcelJS already gave out. */
class NumFmts {
  private next: number;
  private readonly added = new Map<string, number>();

  constructor(xml: string) {
    let max = 163;
    for (const m of xml.matchAll(/<numFmt numFmtId="(\d+)"/g)) max = Math.max(max, Number(m[1]));
    this.next = max + 1;
  }

  id(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.added.get(code);
    if (id === undefined) {
      id = this.next++;
      this.added.set(code, id);
    }
    return id;
  }

  apply(xml: string): string {
    if (this.added.size === 0) return xml;
    const entries = [...this.added].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
    const open = /<numFmts count="(\d+)">/.exec(xml);
    if (open) {
      const at = xml.indexOf('</numFmts>');
      return `${xml.slice(0, open.index)}<numFmts count="${Number(open[1]) + this.added.size}">${xml.slice(open.index + open[0].length, at)}${entries}${xml.slice(at)}`;
    }
    // no list yet: it comes first inside <styleSheet>
    const root = /<styleSheet[^>]*>/.exec(xml)!;
    const at = root.index + root[0].length;
    return `${xml.slice(0, at)}<numFmts count="${this.added.size}">${entries}</numFmts>${xml.slice(at)}`;
  }
}

/**
 * A sheet ExcelJS wrote, with its format ids moved up by `by` (ours took 1…by): cells and rows
 * (s="n"), columns (style="n"). 0, Excel's default, stays.
 */
export function shiftStyleIds(xml: string, by: number): string {
  if (by === 0) return xml;
  return xml.replace(/<(c|row|col) ([^>]*)>/g, (tag, name: string, attrs: string) => {
    const key = name === 'col' ? 'style' : 's';
    const shifted = attrs.replace(new RegExp(`(^|\\s)${key}="(\\d+)"`), (m, space: string, id: string) => (id === '0' ? m : `${space}${key}="${Number(id) + by}"`));
    return shifted === attrs ? tag : `<${name} ${shifted}>`;
  });
}
