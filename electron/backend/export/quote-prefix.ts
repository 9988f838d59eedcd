import type { CellStyle } from './sheet-styles';

/**
 * quotePrefix="1" on a cell format is what Excel itself stores for text typed with a leading
 * apostrophe ('=1+1): the cell is text and stays text when the user edits it. ExcelJS's style
 * API has no such key and drops unknown ones, so a style that wants it also carries a mark
 * ExcelJS does write — an explicit left-to-right reading order, which is what Chinese text
 * and numbers have anyway, so a workbook written elsewhere (the 填报表) loses nothing by it —
 * and the styles.xml pass of our exports (workbook-file.ts) turns every format carrying the
 * mark into a quotePrefix format without it. The data rows we write ourselves (row-xml.ts)
 * read `quotePrefix` directly.
 */
export function quotePrefixed(style: CellStyle): CellStyle {
  return { ...style, quotePrefix: true, alignment: { ...style.alignment, readingOrder: 'ltr' } };
}

/** One <xf> of ExcelJS's styles.xml: the mark, if present, becomes quotePrefix="1". */
export function quoteMarkToPrefix(xf: string): string {
  const mark = /<alignment([^>]*) readingOrder="1"([^>]*)\/>/.exec(xf);
  if (!mark) return xf;
  const rest = `${mark[1]}${mark[2]}`.trim();
  let out = xf.slice(0, mark.index) + (rest ? `<alignment ${rest}/>` : '') + xf.slice(mark.index + mark[0].length);
  if (!rest) out = out.replace(' applyAlignment="1"', '');
  out = out.replace(/^<xf /, '<xf quotePrefix="1" ');
  // an <xf …></xf> left with nothing inside closes on itself
  return out.replace(/^(<xf [^>]*[^/])><\/xf>$/, '$1/>');
}
