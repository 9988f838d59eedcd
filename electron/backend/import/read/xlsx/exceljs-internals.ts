import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * The parts of ExcelJS's streaming reader (exceljs 4.4.0, pinned exactly in package.json) we
 * drive ourselves. Its public `WorkbookReader.read()` unzips with `unzipper` and gives us no
 * say over sizes, temp files or text decoding, so we open the zip ourselves and feed each
 * part to the same parsers it uses internally: its workbook, relationship, style and
 * shared-string parsers, and its SAX layer (parse-sax over saxes) for the sheets, whose
 * cells sheet-rows.ts assembles. Re-check these names when upgrading.
 */
export interface SheetRef {
  name: string;
  id: number;
  rId: string;
  state?: string;
}

export interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

export interface InternalStyles {
  index?: { numFmt?: Record<number, string> };
  getStyleModel(id: number): { numFmt?: string } | null;
}

/** An entry of xl/sharedStrings.xml as ExcelJS caches it. */
export type SharedString = string | null | { richText: { text?: string | null }[] };

export interface InternalWorkbookReader {
  model?: { sheets?: SheetRef[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: Relationship[];
  sharedStrings?: SharedString[];
  styles: InternalStyles;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
}

export type SaxEvent =
  | { eventType: 'opentag'; value: { name: string; attributes: Record<string, string> } }
  | { eventType: 'closetag'; value: { name: string } }
  | { eventType: 'text'; value: string };

/** ExcelJS's SAX layer: saxes events, gathered per chunk of input. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const parseSax = require('exceljs/lib/utils/parse-sax') as (input: Readable) => AsyncIterable<SaxEvent[]>;

export function newInternalReader(): InternalWorkbookReader {
  // the input is never opened: we call the part parsers directly
  const reader = new ExcelJS.stream.xlsx.WorkbookReader('', {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  return reader as unknown as InternalWorkbookReader;
}
