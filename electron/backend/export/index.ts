/** The official-form exporter (报送): one generic table formatter; the roster and later modules build on it. */
export { exportTable, exportBundle } from './export-table';
export { exportRoster } from './roster-export';
export { exportCategory, findCategoryExporter } from './category-exporters';
export type * from './table-spec';
