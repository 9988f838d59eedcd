import type { Backend } from '../backend';
import type { ExportOptions, ExportResult } from './table-spec';

export interface RosterExportOptions extends ExportOptions {
  /** a preset name (built-in 花名册, 通讯录, or one the office saved); the default is 花名册 */
  preset?: string | undefined;
}

/**
 * Exports the whole roster to `out`. The people are read up front in one query: a snapshot,
 * and no statement left open on the connection while the file streams out (better-sqlite3
 * refuses other queries while one is being iterated, and the app keeps working meanwhile).
 */
export async function exportRoster(backend: Backend, out: string, options: RosterExportOptions = {}): Promise<ExportResult> {
  const { preset, ...rest } = options;
  const r = await backend.exports.prepareRoster({ preset }).write(out, rest);
  return { out: r.out, rows: r.rows };
}
