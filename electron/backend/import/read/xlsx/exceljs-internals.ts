import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * The parts of ExcelJS's streaming reader (exceljs 4.4.0, pinned exactly in package.json) we
 * drive ourselves. Its public `WorkbookReader.read()` unzips with `unzipper` and gives us no
 * say over sizes, temp files or text decoding, so we open the zip ourselves and feed each
 * part to the same XML parsers it uses internally. Re-check these names when upgrading.
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
  model?: { styles?: Array<{ numFmtId?: number } | undefined> };
}

export interface InternalWorksheetReader {
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

export interface InternalWorkbookReader {
  model?: { sheets?: SheetRef[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: Relationship[];
  sharedStrings?: unknown[];
  styles: InternalStyles;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Iterable<{ eventType: string; value: InternalWorksheetReader }>;
}

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
