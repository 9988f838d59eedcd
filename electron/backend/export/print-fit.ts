import type { ExportColumn, Margins } from './table-spec';
import { BINDING_MARGINS } from './print-setup';
import { wrappedLines } from './text-width';

/**
 * How an exported sheet comes out on A4 landscape once Excel (or WPS, or LibreOffice) fits
 * it to the page width, estimated from the column widths and margins alone — and the widths
 * that keep its 11 pt body text at 9 pt or more on paper.
 *
 * A column is measured in widths of the default font's digit (Calibri 11): Excel rounds it
 * to 7 px, one width unit printing as 5.25 pt; LibreOffice keeps it unrounded (about 7.4 px)
 * and adds a little per column: measured on our exports, 5.6–5.75 pt a unit. We count 5.75,
 * so either reader prints at least as large as estimated. Fit-to-width then scales everything by the printable width over the table's
 * width, in whole percent.
 */
export const POINTS_PER_WIDTH_UNIT = 5.75;
export const BODY_FONT_POINTS = 11;
/** What the office can read on paper without glasses; the fitting aims a little above it. */
export const MIN_PRINTED_POINTS = 9;
/** The fitting aims at 9.2 pt (with the unit counted wide, above): readers print at 9 pt or more. */
const TARGET_SCALE = 9.2 / BODY_FONT_POINTS;

const INCH = 72;
/** A4 landscape, in points. */
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;

const margins = (m?: Partial<Margins>): Margins => ({ ...BINDING_MARGINS, ...m });

/** Points across the page between the left and right margins. */
export function printableWidth(m?: Partial<Margins>): number {
  const { left, right } = margins(m);
  return PAGE_WIDTH - (left + right) * INCH;
}

/** Points down the page between the top and bottom margins (header and footer sit inside them). */
export function printableHeight(m?: Partial<Margins>): number {
  const { top, bottom } = margins(m);
  return PAGE_HEIGHT - (top + bottom) * INCH;
}

/** The fit-to-width scale of a table `widths` wide (whole percent, at most 100%). */
export function widthScale(widths: readonly number[], m?: Partial<Margins>): number {
  const table = widths.reduce((a, b) => a + b, 0) * POINTS_PER_WIDTH_UNIT;
  if (table <= 0) return 1;
  return Math.min(100, Math.floor((printableWidth(m) / table) * 100)) / 100;
}

/** The printed size of the 11 pt body text of a table `widths` wide. */
export function printedBodyPoints(widths: readonly number[], m?: Partial<Margins>): number {
  return BODY_FONT_POINTS * widthScale(widths, m);
}

/**
 * Which columns may give up width, and down to what: long text (it wraps anyway, and rows
 * grow) and wide free text together, so width goes where it saves the most printed lines —
 * a list of attendees before a topic that fits in two lines — then free text further, down
 * to about four characters a line, only if the table still does not fit. Dates, ID numbers
 * and numbers never narrow: they must not wrap.
 */
const STAGES: readonly (readonly { kind: ExportColumn['kind']; floor: number }[])[] = [
  [
    { kind: 'longText', floor: 16 },
    { kind: 'text', floor: 14 },
  ],
  [{ kind: 'text', floor: 10 }],
  [{ kind: 'text', floor: 9 }],
];

/** How far ahead a column looks for the width at which a line is saved. */
const LOOKAHEAD = 24;

/** Lines each sample row needs in one column at each width, computed once per width. */
class LineTable {
  private readonly memo = new Map<number, Uint16Array>();
  constructor(private readonly texts: readonly string[]) {}
  at(width: number): Uint16Array {
    let lines = this.memo.get(width);
    if (!lines) {
      lines = Uint16Array.from(this.texts, (t) => (t ? Math.min(65535, wrappedLines(t, width)) : 1));
      this.memo.set(width, lines);
    }
    return lines;
  }
}

/**
 * `widths` (序号 first, then one per column, fitted to the content) narrowed until the table
 * prints at the target size. Stage by stage, the stage's columns go down to its floor and
 * the width that is left is handed back a unit at a time where it saves the most printed
 * lines over the sample rows (`texts`: per column, the sample's cell text) — so a column
 * whose text just fails to fit two lines gets the unit before one that would need four
 * either way. A table of very many columns may still print smaller: printedBodyPoints says.
 */
export function fitWidthsToPage(columns: readonly ExportColumn[], widths: readonly number[], texts: readonly (readonly string[])[], m?: Partial<Margins>): number[] {
  const out = [...widths];
  const budget = Math.floor(printableWidth(m) / (TARGET_SCALE * POINTS_PER_WIDTH_UNIT));
  const sum = () => out.reduce((a, b) => a + b, 0);
  if (sum() <= budget) return out;
  const rows = texts[0]?.length ?? 0;
  const tables = columns.map((_, i) => new LineTable(texts[i] ?? []));
  const narrowed = new Set<number>();
  for (const stage of STAGES) {
    const floorOf = (c: ExportColumn) => stage.find((s) => s.kind === c.kind)?.floor;
    const cols = columns.flatMap((c, i) => (floorOf(c) !== undefined && c.width === undefined && out[i + 1]! > floorOf(c)! ? [i] : []));
    if (cols.length === 0) continue;
    for (const i of cols) {
      out[i + 1] = floorOf(columns[i]!)!;
      narrowed.add(i);
    }
    let spare = budget - sum();
    // the printed height of the sample: each row as tall as its tallest cell
    const lineArrays = () => columns.map((_, i) => (narrowed.has(i) ? tables[i]!.at(out[i + 1]!) : null));
    const height = (arrays: (Uint16Array | null)[]) => {
      let total = 0;
      for (let r = 0; r < rows; r++) {
        let tallest = 1;
        for (const a of arrays) if (a && a[r]! > tallest) tallest = a[r]!;
        total += tallest;
      }
      return total;
    };
    while (spare > 0) {
      const base = lineArrays();
      const now = height(base);
      // per column: the fewest added units that save a printed line, and lines saved per unit
      let best: { col: number; units: number; rate: number; own: number } | null = null;
      for (const i of narrowed) {
        const w = out[i + 1]!;
        const room = Math.min(spare, widths[i + 1]! - w, LOOKAHEAD);
        const ownNow = base[i]!.reduce((a, b) => a + b, 0);
        for (let d = 1; d <= room; d++) {
          const wider = tables[i]!.at(w + d);
          const saved = now - height(base.map((a, j) => (j === i ? wider : a)));
          const own = ownNow - wider.reduce((a, b) => a + b, 0);
          if (saved <= 0 && d < room) continue;
          const rate = saved / d;
          if (!best || rate > best.rate || (rate === best.rate && own / d > best.own)) best = { col: i, units: saved > 0 ? d : 1, rate, own: own / d };
          break;
        }
      }
      if (!best) break;
      out[best.col + 1]! += best.units;
      spare -= best.units;
    }
    if (sum() <= budget) return out;
  }
  return out;
}

/** Rows as they stack on paper, heights in points at 100%. */
export interface PageStack {
  /** the rows printed once above the table: title, 填报单位 line, paragraphs */
  heading: number;
  /** the header rows, repeated at the top of every page */
  header: number;
  /** every row below the header, in order (data rows, then the 合计 row) */
  rows: readonly number[];
}

/** Pages the stack takes at `scale`, and how many rows fall on the last one. */
export function paginate(stack: PageStack, scale: number, m?: Partial<Margins>): { pages: number; lastPageRows: number } {
  const room = printableHeight(m) / scale;
  let pages = 1;
  let used = stack.heading + stack.header;
  let onPage = 0;
  for (const h of stack.rows) {
    if (used + h > room && onPage > 0) {
      pages++;
      used = stack.header;
      onPage = 0;
    }
    used += h;
    onPage++;
  }
  return { pages, lastPageRows: onPage };
}

/** Below this the last page is "almost empty": one or two rows under a repeated header. */
const STRAY_ROWS = 2;

/**
 * The fitToHeight that saves a nearly empty last page — the pages less one — when a
 * slightly smaller scale (still at the target size) fits the rows on them; 0 ("automatic":
 * as many pages as needed) otherwise.
 */
export function fitToHeightFor(stack: PageStack, widths: readonly number[], m?: Partial<Margins>): number {
  const scale = widthScale(widths, m);
  const { pages, lastPageRows } = paginate(stack, scale, m);
  if (pages < 2 || lastPageRows > STRAY_ROWS) return 0;
  for (let s = scale - 0.01; s >= TARGET_SCALE - 1e-9; s -= 0.01) {
    if (paginate(stack, s, m).pages <= pages - 1) return pages - 1;
  }
  return 0;
}
