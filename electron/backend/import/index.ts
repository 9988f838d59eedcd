/**
 * The import engine: spreadsheets as offices send them → rows checked against a target.
 *
 *   inspectFile  what is in the file: sheets, row counts, the sheet and header we would use
 *   readTable    every row of one sheet, mapped, coerced and validated; refusals with reasons
 *
 * Reading runs in a worker thread (memory cap + watchdog); shaping, mapping and validation
 * run here. Nothing is written anywhere: applying the rows is the caller's business.
 */
import { ImportFileError } from './errors';
import { autoMap, type ColumnMapping } from './mapping/auto-map';
import { headerHintsFor, type ImportTarget } from './mapping/target';
import type { ParsedImport } from './parsed-import';
import type { FileFormat, SheetInfo } from './read/grid';
import type { ReadLimits } from './read/limits';
import { collectRows, runReadWorker, type ReadRunner, type ReadWorkerOptions } from './read/run-read-worker';
import type { WorkerEntry } from './read/worker-path';
import { shapeTable } from './shape/shape-table';
import { TableSession } from './table-session';

export { ImportFileError, type ImportErrorCode } from './errors';
export type { ImportTarget, ImportField, FieldKind, FieldCheck, RowValues } from './mapping/target';
export type { ColumnMapping } from './mapping/auto-map';
export type { ImportRow, RefusedRow } from './rows/row-validator';
export type { SheetInfo, FileFormat } from './read/grid';
export type { ParsedImport } from './parsed-import';
export type { SkipReason } from './shape/classify-row';
export { ROSTER_TARGET } from './mapping/roster-target';
export { headerSignature } from './mapping/header-signature';
export { importWorkerPath } from './read/worker-path';

export interface ReadOptions {
  onProgress?: (p: { rowsRead: number }) => void;
  signal?: AbortSignal;
  /** watchdog: no progress for this long ends the read (default 30 s) */
  idleTimeoutMs?: number;
  /** watchdog: the read never takes longer than this (default 10 min) */
  totalTimeoutMs?: number;
  /** the worker's heap cap (default 512 MB: with the row limits, the whole process stays under 1 GB) */
  maxOldGenerationSizeMb?: number;
  limits?: Partial<ReadLimits>;
  workerEntry?: WorkerEntry;
  /** how the file is read; the isolated worker unless a test brings its own */
  runner?: ReadRunner;
}

export interface InspectOptions extends ReadOptions {
  /** lets the data sheet and its header be recognised by the target's field names */
  target?: ImportTarget;
  sheet?: string;
}

export interface InspectResult {
  format: FileFormat;
  sheets: SheetInfo[];
  chosenSheet: string;
  /** the header found in the chosen sheet, when one is (sheet rows, 1-based) */
  headerRows: number[] | null;
  columns: string[] | null;
  /** the mapping readTable would use, when a target was given */
  mapping: ColumnMapping | null;
}

export interface ReadTableOptions extends ReadOptions {
  target: ImportTarget;
  sheet?: string;
  /** a corrected or remembered mapping; omitted: mapped by header names */
  mapping?: ColumnMapping;
  /** existing unit names; unknown names are reported in `unknownUnits` */
  units?: readonly string[];
}

const workerOptions = (o: ReadOptions): ReadWorkerOptions => ({
  onProgress: o.onProgress,
  signal: o.signal,
  idleTimeoutMs: o.idleTimeoutMs,
  totalTimeoutMs: o.totalTimeoutMs,
  maxOldGenerationSizeMb: o.maxOldGenerationSizeMb,
  workerEntry: o.workerEntry,
});

export async function inspectFile(path: string, opts: InspectOptions = {}): Promise<InspectResult> {
  const hints = opts.target ? headerHintsFor(opts.target) : undefined;
  const { meta, sheet, rows } = await collectRows({ path, mode: 'inspect', sheet: opts.sheet, hints, limits: opts.limits }, workerOptions(opts), opts.runner);
  const base = { format: meta.format, sheets: meta.sheets, chosenSheet: meta.chosenSheet };
  try {
    const table = shapeTable(rows, sheet.merges, hints, meta.chosenSheet);
    return {
      ...base,
      headerRows: table.headerRows,
      columns: table.columns,
      mapping: opts.target ? autoMap(table.columns, opts.target) : null,
    };
  } catch (e) {
    // no header in the preview is an answer here, not a failure: the user may pick a sheet
    if (e instanceof ImportFileError && e.code === 'IMPORT_NO_DATA') return { ...base, headerRows: null, columns: null, mapping: null };
    throw e;
  }
}

export async function readTable(path: string, opts: ReadTableOptions): Promise<ParsedImport> {
  const session = new TableSession(opts.target, opts.mapping, opts.units);
  const hints = headerHintsFor(opts.target);
  const meta = await (opts.runner ?? runReadWorker)({ path, mode: 'read', sheet: opts.sheet, hints, limits: opts.limits }, session, workerOptions(opts));
  return session.result(meta);
}
