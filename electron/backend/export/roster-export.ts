import type { Person } from '../../../shared/domain/roster';
import { ApiError } from '../../../shared/contract/define';
import type { Backend } from '../backend';
import { exportTable } from './export-table';
import { ExportErrorCode } from './export-errors';
import { DEFAULT_ROSTER_PRESET, ROSTER_COLUMNS, ROSTER_PRESETS, findRosterPreset, type RosterPreset } from './roster-presets';
import type { ExportOptions, ExportResult, ExportTable } from './table-spec';

export interface RosterTableInput {
  people: Iterable<Person>;
  officeName: string;
  /** 填报日期, YYYY-MM-DD */
  reportDate: string;
  preset?: RosterPreset;
}

/** The 花名册 as a table for the official-form exporter. */
export function rosterTable(input: RosterTableInput): ExportTable {
  const preset = input.preset ?? DEFAULT_ROSTER_PRESET;
  const columns = preset.fields.map((f) => ROSTER_COLUMNS.find((c) => c.key === f)!);
  return {
    title: `${input.officeName}${preset.titleSuffix}`,
    officeName: input.officeName,
    reportDate: input.reportDate,
    dateFormat: preset.dateFormat,
    columns,
    rows: input.people as Iterable<Readonly<Record<string, unknown>>>,
    totalsRow: preset.totalsRow,
    countUnit: '人',
    sheetName: preset.titleSuffix,
    summary: { unitKey: 'unitName' },
  };
}

export interface RosterExportOptions extends ExportOptions {
  /** a preset name (花名册, 通讯录); the default is 花名册 */
  preset?: string;
}

/**
 * Exports the whole roster to `out`. The people are read up front in one query: a snapshot,
 * and no statement left open on the connection while the file streams out (better-sqlite3
 * refuses other queries while one is being iterated, and the app keeps working meanwhile).
 */
export async function exportRoster(backend: Backend, out: string, options: RosterExportOptions = {}): Promise<ExportResult> {
  const preset = findRosterPreset(options.preset);
  if (!preset) {
    const names = ROSTER_PRESETS.map((p) => `“${p.name}”`).join('、');
    throw new ApiError(ExportErrorCode.notFound, `导出方案“${options.preset}”不存在，花名册可用的方案：${names}`);
  }
  const table = rosterTable({
    people: backend.roster.list(),
    officeName: backend.app.info().officeName,
    reportDate: backend.ctx.clock.today(),
    preset,
  });
  return exportTable(out, table, options);
}
