import { fillTitle, type ExportPresetSpec } from '../../../shared/contract/exports';
import { ErrorCode, fail } from '../errors';
import type { ExportSource } from './export-sources';
import type { ExportColumn, ExportRows, ExportTable } from './table-spec';

/** Refuses a preset that names a column the source does not have, or one column twice (saving). */
export function checkSpec(source: ExportSource, spec: ExportPresetSpec): void {
  const seen = new Set<string>();
  for (const c of spec.columns) {
    const column = source.columns.find((k) => k.key === c.key);
    if (!column) fail(ErrorCode.validation, `${source.name}没有“${c.key}”这一列，请从列表中选择要导出的列`);
    if (seen.has(c.key)) fail(ErrorCode.validation, `“${column!.label}”列选了两次`);
    seen.add(c.key);
  }
}

/**
 * The preset's columns, in its order, with its header groups. Exporting, a column the
 * source no longer has (a ledger field removed since the preset was saved) is left out
 * rather than refused; the export is refused only when nothing is left.
 */
export function presetColumns(source: ExportSource, spec: ExportPresetSpec): ExportColumn[] {
  const seen = new Set<string>();
  const out: ExportColumn[] = [];
  for (const c of spec.columns) {
    const column = source.columns.find((k) => k.key === c.key);
    if (!column || seen.has(c.key)) continue;
    seen.add(c.key);
    const { group: _ignored, ...plain } = column;
    out.push(c.group ? { ...plain, group: c.group } : plain);
  }
  if (out.length === 0) fail(ErrorCode.validation, `导出方案中的列在${source.name}中都已不存在，请重新选择要导出的列`);
  return out;
}

export const defaultTitle = (source: ExportSource, officeName: string) => `${officeName}${source.name}`;

/** The official-form table for `rows` of `source` as the preset lays it out. */
export function presetTable(source: ExportSource, spec: ExportPresetSpec, form: { officeName: string; reportDate: string }, rows: ExportRows): ExportTable {
  return {
    title: fillTitle(spec.title, form.officeName, defaultTitle(source, form.officeName)),
    officeName: form.officeName,
    reportDate: form.reportDate,
    dateFormat: spec.dateFormat,
    columns: presetColumns(source, spec),
    rows,
    totalsRow: spec.totalsRow,
    statsSheet: spec.statsSheet,
    countUnit: source.countUnit,
    sheetName: source.name,
    summary: source.summary,
  };
}
