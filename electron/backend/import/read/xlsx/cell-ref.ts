/**
 * Cell references ("B7") as Excel allows them: one to three capital letters up to XFD
 * (column 16,384) and a row from 1 to 1,048,576. Anything else ("ZZZZZZZZ50", "inlineStr",
 * "A0") is damage, never a column to fill up to.
 */
export const MAX_COLUMN = 16_384;
export const MAX_ROW = 1_048_576;

/** Column and row of a reference, or null when it is not one Excel could write. */
export function parseRef(s: string, from = 0, to = s.length): { col: number; row: number } | null {
  let i = from;
  let col = 0;
  while (i < to && i - from < 4) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    i++;
  }
  const letters = i - from;
  if (letters === 0 || letters > 3 || col > MAX_COLUMN) return null;
  const digitsFrom = i;
  let row = 0;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
    i++;
    if (i - digitsFrom > 7) return null;
  }
  if (i === digitsFrom || s.charCodeAt(digitsFrom) === 48 || row > MAX_ROW) return null;
  return { col, row };
}

/** A row number attribute: "12" → 12; null when it is not a row Excel has. */
export function parseRowNumber(s: string): number | null {
  if (!/^[1-9]\d{0,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_ROW ? n : null;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
