import type { Backend } from '../backend';
import type { ExportResult } from './table-spec';
import type { CategoryExporter, CategoryExportOptions } from './category-exporters';

/** A ledger category as the official form, in the chosen preset's layout (default: its built-in one). */
export function ledgerExporter(categoryId: number): CategoryExporter {
  return async (backend: Backend, out: string, options: CategoryExportOptions): Promise<ExportResult> => {
    const { preset, ...rest } = options;
    const r = await backend.exports.prepareLedger({ categoryId, preset }).write(out, rest);
    return { out: r.out, rows: r.rows };
  };
}
