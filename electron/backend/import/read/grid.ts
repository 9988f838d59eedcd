/**
 * What the reading layer hands to table shaping: cell values as the spreadsheet holds them,
 * nothing interpreted yet. Kept compact (one array per row) because a roster can have
 * 100,000 rows and every row crosses the worker boundary by structured clone.
 */
export type CellValue = string | number | boolean | Date | null;

export interface GridRow {
  /** the row number as Excel shows it (1-based) */
  row: number;
  /** cells[0] is column A; trailing empty cells are dropped; an empty cell is null (or, from the .xlsx reader, a hole) */
  cells: CellValue[];
  /**
   * Number formats that change a value's meaning, by 0-based column: date formats (a Date
   * shown as "1985年3月" means month precision) and zero-padding formats ("000000" badges).
   */
  formats?: Record<number, string>;
}

/** A merged range, 1-based and inclusive, as in "A2:A3". */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetInfo {
  name: string;
  /** rows holding at least one value */
  rows: number;
  hidden: boolean;
}

export type FileFormat = 'xlsx' | 'xls' | 'csv';

/** Field names per target field, already normalised, so the worker can pick the data sheet. */
export interface HeaderHints {
  fields: { key: string; names: string[] }[];
}

/** The sheet whose rows follow, announced before them. */
export interface ChosenSheet {
  format: FileFormat;
  name: string;
  /** every merged range of the sheet (read before its rows: Excel writes them after) */
  merges: MergeRange[];
  date1904: boolean;
}

export interface ReadMeta {
  format: FileFormat;
  sheets: SheetInfo[];
  chosenSheet: string;
  date1904: boolean;
}
