import type { ColumnMapping } from './mapping/auto-map';
import type { FileFormat, SheetInfo } from './read/grid';
import type { ImportRow, RefusedRow } from './rows/row-validator';
import type { SkipReason } from './shape/classify-row';

/** What readTable returns: everything a preview, a dry run or an apply needs. Plain data. */
export interface ParsedImport {
  format: FileFormat;
  sheet: string;
  sheets: SheetInfo[];
  /** the last header row (1-based, as Excel shows it) */
  headerRow: number;
  headerRows: number[];
  columns: string[];
  /** source column → field key; what the CLI prints under "mapping" */
  mapping: ColumnMapping;
  /** required fields no column maps to; when not empty, no row was validated */
  missingRequired: string[];
  /** unit names of accepted rows that the organisation does not have (to offer creating) */
  unknownUnits: string[];
  rows: ImportRow[];
  refused: RefusedRow[];
  /** rows under the header that are not data: totals, signatures, repeated headers */
  skipped: { row: number; reason: SkipReason }[];
  date1904: boolean;
}
