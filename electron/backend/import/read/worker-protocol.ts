import type { ImportErrorCode } from '../errors';
import type { ChosenSheet, ReadMeta } from './grid';
import type { PackedRows } from './row-codec';
import type { ReadRequest } from './read-request';

/** Messages between the import worker and the thread that started it. */
export type ToWorker = { type: 'read'; request: ReadRequest };

export type FromWorker =
  | { type: 'sheet'; sheet: ChosenSheet }
  | { type: 'rows'; rows: PackedRows }
  | { type: 'meta'; meta: ReadMeta }
  | { type: 'progress'; rowsRead: number }
  | { type: 'alive' }
  | { type: 'done' }
  | { type: 'error'; code: ImportErrorCode; message: string };
