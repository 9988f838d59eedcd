import { attributes, nextTag, tagEnd } from '../xml/xml-text';

/**
 * What we need of styles.xml: each cell style's number format, so a date serial reads as a
 * date and a "000000" badge keeps its zeros. Fonts, fills and borders are not read.
 */
export interface CellFormats {
  /** the number format of cell style `s`, if it has one worth knowing */
  formatOf(style: number): string | undefined;
}

/** Excel's built-in formats (ECMA-376 18.8.30) that are never written to styles.xml. */
const BUILTIN: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  /**
   * 27–36 and 50–58 depend on the locale. Chinese Excel and WPS use them for dates all the
   * time (31 is "yyyy年m月d日", 57 "yyyy年m月"): these are the zh-CN meanings.
   */
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export const NO_FORMATS: CellFormats = { formatOf: () => undefined };

/** Styles beyond this are not a workbook a person made (Excel itself stops at 64,000). */
const MAX_STYLES = 100_000;

/**
 * Reads the cellXfs list of styles.xml (`p`: the namespace prefix with its colon, usually "").
 * A damaged styles part costs formats, not the import: values read as plain numbers.
 */
export function parseStyles(xml: string): CellFormats {
  const p = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
  const custom = new Map<number, string>();
  eachTag(xml, `<${p}numFmt`, 0, xml.length, (a) => {
    const id = Number(a.numFmtId);
    if (Number.isInteger(id) && a.formatCode !== undefined) custom.set(id, a.formatCode);
  });
  const ids: number[] = [];
  const xfs = nextTag(xml, `<${p}cellXfs`, 0);
  if (xfs !== -1) {
    const end = xml.indexOf(`</${p}cellXfs>`, xfs);
    eachTag(xml, `<${p}xf`, xfs, end === -1 ? xml.length : end, (a) => {
      if (ids.length < MAX_STYLES) ids.push(Number(a.numFmtId ?? 0) || 0);
    });
  }
  const byStyle = ids.map((id) => custom.get(id) ?? BUILTIN[id]);
  return { formatOf: (s) => byStyle[s] };
}

function eachTag(xml: string, open: string, from: number, to: number, onTag: (a: Record<string, string>) => void): void {
  let i = from;
  for (;;) {
    const lt = nextTag(xml, open, i, to);
    if (lt === -1 || lt >= to) return;
    let gt: number;
    try {
      gt = tagEnd(xml, lt);
      if (gt === -1) return;
      onTag(attributes(xml, lt, gt));
    } catch {
      return; // a broken tag ends what we read of the list; the formats read so far stand
    }
    i = gt + 1;
  }
}
