import { eachAttribute, elementText, nextTag, runsText, selfClosing, tagEnd, tagName, XmlDamage } from '../xml/xml-text';
import { parseRef } from './cell-ref';
import { clip, damagedSheet, type RowBuilder } from './row-builder';

/**
 * The general reader of one row's cells, for every form the fast path in sheet-rows.ts does
 * not take: namespace prefixes, other attribute orders, formulas, rich text runs, phonetic
 * guides, CDATA, other elements in the row. `s` is the row's whole content (between
 * <row …> and </row>) and `p` the prefix the sheet uses ("" or "x:").
 */
export function readRowXml(s: string, p: string, row: number, into: RowBuilder, label: string): void {
  const open = `<${p}c`;
  const cEnd = `</${p}c>`;
  let i = 0;
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt === -1) return;
    const gt = tagEnd(s, lt);
    if (gt === -1) throw new XmlDamage('标签没有结束');
    if (!isTagAt(s, lt, open)) {
      // something else in a row (an extLst): passed over whole
      const name = tagName(s, lt);
      if (name === '' || name.startsWith('/')) throw damagedSheet(label, `第${row}行中有多余的结束标签`);
      if (selfClosing(s, gt)) {
        i = gt + 1;
        continue;
      }
      const close = s.indexOf(`</${name}>`, gt + 1);
      if (close === -1) throw damagedSheet(label, `第${row}行中有没有结束的标签`);
      i = close + name.length + 3;
      continue;
    }
    let ref = '';
    let type = 'n';
    let style = 0;
    eachAttribute(s, lt, gt, (name, value) => {
      if (name === 'r') ref = value;
      else if (name === 't') type = value;
      else if (name === 's') style = /^\d{1,6}$/.test(value) ? Number(value) : 0;
    });
    let refCol = 0;
    let refRow = 0;
    if (ref) {
      const r = parseRef(ref);
      if (!r) throw damagedSheet(label, `第${row}行有无效的单元格地址“${clip(ref)}”`);
      refCol = r.col;
      refRow = r.row;
    }
    if (selfClosing(s, gt)) {
      into.add(refCol, refRow, type, style, null);
      i = gt + 1;
      continue;
    }
    const close = s.indexOf(cEnd, gt + 1);
    if (close === -1) throw damagedSheet(label, `第${row}行的单元格没有结束`);
    into.add(refCol, refRow, type, style, cellText(s, gt + 1, close, p, type, row, label));
    i = close + cEnd.length;
  }
}

/** The text a cell shows: its inline string, else its (cached) value; null when it has none. */
function cellText(s: string, from: number, to: number, p: string, type: string, row: number, label: string): string | null {
  if (type === 'inlineStr') {
    const is = nextTag(s, `<${p}is`, from, to);
    if (is !== -1) {
      const gt = tagEnd(s, is);
      if (gt === -1 || gt > to) throw damagedSheet(label, `第${row}行的单元格标签没有结束`);
      if (selfClosing(s, gt)) return null;
      const close = s.indexOf(`</${p}is>`, gt + 1);
      if (close === -1 || close > to) throw damagedSheet(label, `第${row}行的单元格没有结束`);
      return runsText(s, gt + 1, close, p);
    }
  }
  const v = nextTag(s, `<${p}v`, from, to);
  if (v === -1) return null;
  const gt = tagEnd(s, v);
  if (gt === -1 || gt > to) throw damagedSheet(label, `第${row}行的单元格标签没有结束`);
  if (selfClosing(s, gt)) return null;
  const close = s.indexOf(`</${p}v>`, gt + 1);
  if (close === -1 || close > to) throw damagedSheet(label, `第${row}行的单元格值没有结束`);
  return elementText(s, gt + 1, close);
}

/** Is there a tag `open` ("<c") at `at`, followed by whitespace, '>' or '/'? */
function isTagAt(s: string, at: number, open: string): boolean {
  if (!s.startsWith(open, at)) return false;
  const c = s.charCodeAt(at + open.length);
  return c === 32 || c === 62 || c === 47 || c === 10 || c === 13 || c === 9;
}
