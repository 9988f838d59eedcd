import { countFieldsNamed } from '../mapping/match-header';
import type { GridRow, HeaderHints } from './grid';

/**
 * Which sheet holds the data. A "填表说明" sheet often comes first; a workbook may also keep
 * a copy of last year's list. The sheet whose rows name most of the target's fields wins;
 * on a tie, a sheet not named like instructions; then the one with more rows; then the first.
 */
const INSTRUCTIONS = /说明|填表|须知|注意事项|目录|封面|示例|样表|instruction|readme|help/i;

export interface SheetCandidate {
  index: number;
  name: string;
  preview: GridRow[];
}

export function sheetScore(c: SheetCandidate, hints: HeaderHints | undefined): number[] {
  let named = 0;
  let widest = 0;
  for (const r of c.preview) {
    if (hints) named = Math.max(named, countFieldsNamed(r.cells, hints.fields));
    widest = Math.max(widest, r.cells.filter((v) => typeof v === 'string' && v.trim() !== '').length);
  }
  // then: not instructions; has a row of two or more texts (a header); has more rows
  return [named, INSTRUCTIONS.test(c.name) ? 0 : 1, widest >= 2 ? 1 : 0, c.preview.length];
}

export function chooseSheet(candidates: SheetCandidate[], hints: HeaderHints | undefined): SheetCandidate | null {
  let best: { c: SheetCandidate; s: number[] } | null = null;
  for (const c of candidates) {
    const s = sheetScore(c, hints);
    if (!best || compare(s, best.s) > 0) best = { c, s };
  }
  return best?.c ?? null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
