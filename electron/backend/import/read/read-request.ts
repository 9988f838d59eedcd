import type { ChosenSheet, GridRow, HeaderHints, ReadMeta } from './grid';
import type { ReadLimits } from './limits';

/** What the caller asks of the reading layer (and what crosses into the worker). */
export interface ReadRequest {
  path: string;
  /** 'inspect' lists sheets and previews the chosen one; 'read' returns every row of it */
  mode: 'inspect' | 'read';
  sheet?: string;
  hints?: HeaderHints;
  limits?: Partial<ReadLimits>;
}

/**
 * Where the reader delivers, in this order: the chosen sheet (with its merges, so the caller
 * can shape rows as they come), its rows in batches, then the workbook's sheet list. Progress
 * comes now and then; `alive` whenever bytes really flow (the watchdog's pulse).
 */
export interface ReadSink {
  sheet(sheet: ChosenSheet): void;
  rows(batch: GridRow[]): void;
  meta(meta: ReadMeta): void;
  progress(rowsRead: number): void;
  alive?: () => void;
}

/** Rows enough to find a header below titles and 填报 lines, and to judge a sheet by. */
export const PREVIEW_ROWS = 50;
export const BATCH_ROWS = 2000;
