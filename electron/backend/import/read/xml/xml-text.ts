/**
 * The small part of XML a workbook's parts need, by hand: attributes of one tag, element
 * text with entities, CDATA and Excel's _xHHHH_ escapes. No DTD is ever read, so no entity
 * can expand (a "billion laughs" DOCTYPE is inert text). Everything works on strings that
 * hold whole elements: the callers cut the stream at element boundaries first.
 *
 * Malformed markup throws XmlDamage; the reader turns it into a Chinese message that names
 * the sheet (never the part's file name).
 */
export class XmlDamage extends Error {
  override readonly name = 'XmlDamage';
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;
const EQ = 61;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** "x:row" → "row" */
export const localName = (n: string): string => {
  const i = n.indexOf(':');
  return i === -1 ? n : n.slice(i + 1);
};

/** End of the tag starting at `lt` (index of its '>'), honouring quoted attribute values. */
export function tagEnd(s: string, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (q !== 0) {
      if (c === q) q = 0;
    } else if (c === QUOT || c === APOS) q = c;
    else if (c === GT) return i;
    else if (c === LT) throw new XmlDamage('标签没有结束');
  }
  return -1;
}

/** Is the tag ending at `gt` self-closing ("<c r="A1"/>")? */
export const selfClosing = (s: string, gt: number): boolean => s.charCodeAt(gt - 1) === SLASH;

/** The tag's name starting at `lt` ("<x:c r=…" → "x:c"). */
export function tagName(s: string, lt: number): string {
  let i = lt + 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === GT || c === SLASH) break;
    i++;
  }
  return s.slice(lt + 1, i);
}

/**
 * The attributes of the tag in s[lt, gt], by local name ("r:id" → "id"), values with
 * entities decoded. Calls `onAttr` for each; cheaper than building an object per cell.
 */
export function eachAttribute(s: string, lt: number, gt: number, onAttr: (name: string, value: string) => void): void {
  let i = lt + 1;
  while (i < gt && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== SLASH) i++; // the tag name
  for (;;) {
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    if (i >= gt || s.charCodeAt(i) === SLASH) return;
    const nameStart = i;
    while (i < gt && s.charCodeAt(i) !== EQ && !isSpace(s.charCodeAt(i))) i++;
    const name = s.slice(nameStart, i);
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== EQ) throw new XmlDamage('属性没有值');
    i++;
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    if (q !== QUOT && q !== APOS) throw new XmlDamage('属性值缺少引号');
    const end = s.indexOf(q === QUOT ? '"' : "'", i + 1);
    if (end === -1 || end > gt) throw new XmlDamage('属性值没有结束');
    onAttr(localName(name), decodeText(s.slice(i + 1, end)));
    i = end + 1;
  }
}

/** All attributes of one tag as an object: for the few tags that are not per cell. */
export function attributes(s: string, lt: number, gt: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  eachAttribute(s, lt, gt, (n, v) => (out[n] = v));
  return out;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Entity and character references; an unknown or impossible one stays as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (m, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref] ?? m;
    const code = ref.charCodeAt(1) === 120 ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Excel writes characters XML cannot carry as _xHHHH_ ("_x000D_" is a carriage return). */
function decodeExcelEscapes(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Text as written between tags: entities, then Excel's escapes. */
export function decodeText(s: string): string {
  if (s.indexOf('&') !== -1) s = decodeEntities(s);
  if (s.indexOf('_x') !== -1) s = decodeExcelEscapes(s);
  return s;
}

/**
 * `needle` within s[from, to), or -1. A search for something usually absent (CDATA, a
 * phonetic guide) must not run to the end of a 256 KB chunk once per cell.
 */
export function indexWithin(s: string, needle: string, from: number, to: number): number {
  if (to - from < needle.length) return -1;
  if (to - from <= 4096) {
    const i = s.slice(from, to).indexOf(needle);
    return i === -1 ? -1 : from + i;
  }
  const j = s.indexOf(needle, from);
  return j !== -1 && j + needle.length <= to ? j : -1;
}

/**
 * The character data of s[from, to) (an element's content with no child elements but
 * possibly CDATA sections): what a <v> or a <t> holds.
 */
export function elementText(s: string, from: number, to: number): string {
  const lt = indexWithin(s, '<', from, to);
  if (lt === -1) return decodeText(s.slice(from, to));
  if (indexWithin(s, '<![CDATA[', lt, to) !== lt) throw new XmlDamage('单元格值中混有标签');
  let out = '';
  let i = from;
  while (i < to) {
    const c = indexWithin(s, '<![CDATA[', i, to);
    if (c === -1) {
      out += decodeText(s.slice(i, to));
      break;
    }
    out += decodeText(s.slice(i, c));
    const end = indexWithin(s, ']]>', c + 9, to);
    if (end === -1) throw new XmlDamage('文字段没有结束');
    out += s.slice(c + 9, end);
    i = end + 3;
  }
  return out;
}

/**
 * Index of the next tag named `name` (with the prefix already in it, e.g. "<x:row") at or
 * after `from`, followed by whitespace, '>' or '/': "<row" does not match "<rowBreaks".
 * -1 when none, or when the only candidate is cut at the end of `s` (the caller waits).
 */
export function nextTag(s: string, open: string, from: number, end = s.length): number {
  let i = end < s.length ? indexWithin(s, open, from, end) : s.indexOf(open, from);
  while (i !== -1 && i < end) {
    const j = i + open.length;
    if (j >= s.length) return -1;
    const c = s.charCodeAt(j);
    if (isSpace(c) || c === GT || c === SLASH) return i;
    i = s.indexOf(open, i + 1);
  }
  return -1;
}

/**
 * Text of every `<t>` inside s[from, to) that is not in a phonetic guide (<rPh>): the text
 * of a rich-text run list, a shared string, or an inline string.
 */
export function runsText(s: string, from: number, to: number, p: string): string {
  const tOpen = `<${p}t`;
  const tClose = `</${p}t>`;
  const rphOpen = `<${p}rPh`;
  let out = '';
  let i = from;
  let nextPh = nextTag(s, rphOpen, i, to);
  for (;;) {
    const t = nextTag(s, tOpen, i, to);
    if (t === -1 || t >= to) return out;
    if (nextPh !== -1 && nextPh < t) {
      // skip the phonetic run entirely
      const end = s.indexOf(`</${p}rPh>`, nextPh);
      if (end === -1 || end >= to) {
        const gt = tagEnd(s, nextPh);
        if (gt !== -1 && selfClosing(s, gt)) {
          i = gt + 1;
          nextPh = nextTag(s, rphOpen, i, to);
          continue;
        }
        throw new XmlDamage('拼音注释没有结束');
      }
      i = end + rphOpen.length + 2;
      nextPh = nextTag(s, rphOpen, i, to);
      continue;
    }
    const gt = tagEnd(s, t);
    if (gt === -1 || gt >= to) throw new XmlDamage('文字标签没有结束');
    if (selfClosing(s, gt)) {
      i = gt + 1;
      continue;
    }
    const close = s.indexOf(tClose, gt + 1);
    if (close === -1 || close > to) throw new XmlDamage('文字没有结束');
    out += elementText(s, gt + 1, close);
    i = close + tClose.length;
  }
}
