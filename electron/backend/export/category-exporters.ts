import { ApiError } from '../../../shared/contract/define';
import type { Backend } from '../backend';
import { ExportErrorCode } from './export-errors';
import { exportRoster } from './roster-export';
import { ledgerExporter } from './ledger-export';
import type { ExportOptions, ExportResult } from './table-spec';

export interface CategoryExportOptions extends ExportOptions {
  preset?: string | undefined;
}

/** Exports one category (the roster, a ledger category, …) to an .xlsx file. */
export type CategoryExporter = (backend: Backend, out: string, options: CategoryExportOptions) => Promise<ExportResult>;

/** Categories with a fixed name. */
const exportTaskList: CategoryExporter = async (backend, out, { preset, ...options }) => {
  const r = await backend.exports.prepareTaskList({ preset }).write(out, options);
  return { out: r.out, rows: r.rows };
};

const FIXED: ReadonlyMap<string, CategoryExporter> = new Map([
  ['roster', exportRoster],
  ['花名册', exportRoster],
  ['tasks', exportTaskList],
]);

/**
 * Categories the office creates (ledgers, by id or name) are found in the database; their
 * module adds one resolver here, returning null for a category it does not know.
 */
type CategoryResolver = (category: string, backend: Backend) => CategoryExporter | null;
const RESOLVERS: readonly CategoryResolver[] = [
  (category, backend) => {
    try {
      return ledgerExporter(backend.ledger.categories.resolve(category).id);
    } catch {
      return null; // not a ledger category either: the caller says it does not exist
    }
  },
];

export function findCategoryExporter(category: string, backend: Backend): CategoryExporter {
  const key = category.trim();
  const found = FIXED.get(key) ?? RESOLVERS.reduce<CategoryExporter | null>((hit, resolve) => hit ?? resolve(key, backend), null);
  if (!found) throw new ApiError(ExportErrorCode.notFound, `台账类别“${category}”不存在`);
  return found;
}

export function exportCategory(backend: Backend, category: string, out: string, options: CategoryExportOptions = {}): Promise<ExportResult> {
  return findCategoryExporter(category, backend)(backend, out, options);
}
