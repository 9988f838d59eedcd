import type { Readable } from 'node:stream';
import type { CellValue, GridRow } from '../grid';
import { isDateFormat, serialToDate, zeroPadWidth } from '../number-format';
import { parseSax, type InternalWorkbookReader, type SharedString } from './exceljs-internals';

/**
 * A sheet's rows, assembled from ExcelJS's SAX events straight into compact grid rows.
 * ExcelJS's own WorksheetReader builds a Row/Cell/Style object per cell — half the time of a
 * 100,000-row read — and loses data on the way: a formula result that is 0, FALSE or an
 * error (it keeps results only when truthy), all but the last run of inline rich text, and
 * t="d" (ISO date) cells. Here every cell type is read as Excel shows it.
 */
export interface SheetReadContext {
  reader: InternalWorkbookReader;
  date1904: boolean;
}

/** "x:c" → "c": some writers prefix SpreadsheetML names (ExcelJS itself would miss those cells). */
const localName = (n: string) => {
  const i = n.indexOf(':');
  return i === -1 ? n : n.slice(i + 1);
};

/** The column of a cell reference ("AB12" → 28), without a regex: this runs once per cell. */
function refColumn(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function sharedText(s: SharedString | undefined): string | null {
  if (s === null || s === undefined) return null;
  if (typeof s === 'string') return s;
  return s.richText.map((r) => r.text ?? '').join('');
}

/** ISO date cells (t="d") without a zone are the workbook's local calendar: read as UTC days. */
function isoDate(text: string): Date | null {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function* sheetRows(text: Readable, ctx: SheetReadContext): AsyncGenerator<GridRow | null> {
  const strings = ctx.reader.sharedStrings ?? [];
  const formatOf = numFmtLookup(ctx.reader);

  let rowNumber = 0;
  let cells: CellValue[] = [];
  let formats: Record<number, string> | undefined;
  let inRow = false;
  // the cell being read
  let col = 0;
  let type = '';
  let style = 0;
  let value: string | null = null;
  let collecting = false; // inside <v>, or a <t> of <is>
  let inInline = false;
  let inPhonetic = false;

  for await (const events of parseSax(text)) {
    for (const ev of events) {
      if (ev.eventType === 'text') {
        if (collecting) value = value === null ? ev.value : value + ev.value;
        continue;
      }
      const name = localName(ev.value.name);
      if (ev.eventType === 'opentag') {
        switch (name) {
          case 'row': {
            const r = Number.parseInt(ev.value.attributes.r ?? '', 10);
            rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
            inRow = true;
            cells = [];
            formats = undefined;
            col = 0;
            break;
          }
          case 'c': {
            const a = ev.value.attributes;
            const ref = a.r ? refColumn(a.r) : 0;
            col = ref > 0 ? ref : col + 1; // cells without r="…" follow one another
            type = a.t ?? 'n';
            style = a.s ? Number.parseInt(a.s, 10) : 0;
            value = null;
            break;
          }
          case 'v':
            collecting = true;
            value = null;
            break;
          case 'is':
            inInline = true;
            value = null;
            break;
          case 't':
            if (inInline && !inPhonetic) collecting = true;
            break;
          case 'rPh':
            inPhonetic = true; // a pronunciation guide, not part of the text
            break;
        }
        continue;
      }
      // closetag
      switch (name) {
        case 'v':
        case 't':
          collecting = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c': {
          if (!inRow || value === null || col < 1) break;
          const fmt = style ? formatOf(style) : undefined;
          const v = cellValue(type, value, fmt, strings, ctx.date1904);
          if (v === null || v === '') break;
          const i = col - 1;
          while (cells.length < i) cells.push(null);
          cells[i] = v;
          if (fmt && (v instanceof Date || (typeof v === 'number' && zeroPadWidth(fmt) > 0))) (formats ??= {})[i] = fmt;
          break;
        }
        case 'row':
          inRow = false;
          yield cells.length === 0 ? null : formats ? { row: rowNumber, cells, formats } : { row: rowNumber, cells };
          break;
      }
    }
  }
}

function cellValue(type: string, text: string, fmt: string | undefined, strings: readonly SharedString[], date1904: boolean): CellValue {
  switch (type) {
    case 's':
      return sharedText(strings[Number.parseInt(text, 10)]);
    case 'str':
    case 'inlineStr':
      return text;
    case 'b':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'e':
      return text; // "#N/A", "#DIV/0!": validation names them
    case 'd':
      return isoDate(text.trim());
    default: {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) return text.trim() === '' ? null : text;
      return isDateFormat(fmt) ? serialToDate(n, date1904) : n;
    }
  }
}

/** Style id → number format, looked up once per style. */
function numFmtLookup(reader: InternalWorkbookReader): (style: number) => string | undefined {
  const cache = new Map<number, string | undefined>();
  return (id) => {
    if (cache.has(id)) return cache.get(id);
    let fmt: string | undefined;
    try {
      fmt = reader.styles.getStyleModel(id)?.numFmt;
    } catch {
      fmt = undefined; // no styles part, or a broken one: read the value as a plain number
    }
    cache.set(id, fmt);
    return fmt;
  };
}
