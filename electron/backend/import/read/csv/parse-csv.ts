import type { GridRow } from '../grid';

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks.
 * Every value stays text (an ID number in a CSV is still all 18 characters). The
 * delimiter is the most frequent of comma, tab and semicolon on the first line.
 */
export function detectDelimiter(text: string): string {
  let firstLine = '';
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    firstLine += c;
  }
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', '\t', ';', '，'].map((d) => ({ d, n: count(d) }));
  candidates.sort((a, b) => b.n - a.n);
  return candidates[0] && candidates[0].n > 0 ? candidates[0].d : ',';
}

export function* parseCsv(text: string, delimiter: string): Generator<GridRow> {
  const n = text.length;
  let i = 0;
  let rowNumber = 1; // Excel numbers a CSV's rows by record, not by physical line
  let cells: (string | null)[] = [];
  const flush = (): GridRow | null => {
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    const r = cells.length > 0 ? { row: rowNumber, cells } : null;
    cells = [];
    rowNumber++;
    return r;
  };
  while (i < n) {
    let value: string;
    if (text[i] === '"') {
      // quoted field: runs to the next quote not doubled
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          out += text.slice(from);
          i = n;
          break;
        }
        out += text.slice(from, q);
        if (text[q + 1] === '"') {
          out += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything between the closing quote and the delimiter is kept, as Excel does
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') out += text[i++];
      value = out;
    } else {
      let j = i;
      while (j < n) {
        const c = text[j];
        if (c === delimiter || c === '\n' || c === '\r') break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    cells.push(value === '' ? null : value);
    if (i >= n) break;
    const c = text[i];
    if (c === delimiter) {
      i++;
      if (i >= n) cells.push(null);
      continue;
    }
    // a line break ends the record
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    const r = flush();
    if (r) yield r;
  }
  if (cells.length > 0) {
    const r = flush();
    if (r) yield r;
  }
}
