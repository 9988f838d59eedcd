/**
 * Printed width of text in Excel column units (widths of the default font's digit). A 宋体
 * 11 pt CJK glyph is about 2.1 units wide and an ASCII one about 1.05; we count 2.2 and 1.05,
 * erring wide: column widths fitted with this hold their text on one line, and a row height
 * estimated with it never clips its text on paper. Only an estimate — Excel measures with
 * the real font — so callers leave a unit of padding and clamp.
 */
const WIDE = 2.2;
const NARROW = 1.05;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) || // Hangul Jamo
    (code >= 0x2e80 && code <= 0xa4cf) || // CJK radicals … Yi, incl. 。，、「」 and 汉字
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xff60) || // full-width ASCII （）：
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd) // CJK extensions B… (rare surnames)
  );
}

/** Width of one line of text. */
export function lineWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += isWide(ch.codePointAt(0)!) ? WIDE : NARROW;
  return w;
}

/** Width of the widest line (cells may hold line breaks typed with Alt+Enter). */
export function textWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, lineWidth(line));
  return max;
}

/** How many lines `text` takes in a column `width` units wide once wrapped (one unit is the cell's padding). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(lineWidth(line) / usable));
  return lines;
}

const NOT_NARROW = /[^\x20-\u10ff]/;

/**
 * True when `text` fits on one line of a column `width` units wide. Called for every text
 * cell of a 100,000-row export, so the common cases (short text; IDs and phone numbers,
 * which are all narrow characters) are settled without measuring character by character.
 */
export function fitsOneLine(text: string, width: number): boolean {
  const usable = width - 1;
  if (text.length * WIDE <= usable && !text.includes('\n')) return true;
  if (!NOT_NARROW.test(text)) return text.length * NARROW <= usable;
  return wrappedLines(text, width) === 1;
}
