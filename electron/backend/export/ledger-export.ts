import type { FieldType } from '../../../shared/domain/ledger';
import type { Backend } from '../backend';
import { exportTable } from './export-table';
import type { ExportColumn, ExportResult } from './table-spec';
import type { CategoryExporter, CategoryExportOptions } from './category-exporters';

const KIND: Partial<Record<FieldType, ExportColumn['kind']>> = { date: 'date', number: 'number', longText: 'longText' };

/** A ledger category as the official form: its visible fields in order, values as shown. */
export function ledgerExporter(categoryId: number): CategoryExporter {
  return async (backend: Backend, out: string, options: CategoryExportOptions): Promise<ExportResult> => {
    const category = backend.ledger.categories.get(categoryId);
    const fields = category.fields.filter((f) => !f.hidden);
    const rows = backend.ledger.shownRows(categoryId).map((r) => {
      const row: Record<string, unknown> = {};
      for (const f of fields) {
        const v = r[f.label];
        row[f.key] = f.type === 'boolean' ? (v === null || v === undefined ? null : v ? '是' : '否') : v;
      }
      return row;
    });
    const officeName = backend.app.info().officeName;
    const status = fields.find((f) => f.type === 'status');
    const unit = fields.find((f) => f.type === 'unit');
    return exportTable(
      out,
      {
        title: `${officeName}${category.name}`,
        officeName,
        reportDate: backend.ctx.clock.today(),
        dateFormat: 'yyyy-mm-dd',
        columns: fields.map((f) => ({ key: f.key, label: f.label, kind: KIND[f.type] ?? 'text' })),
        rows,
        sheetName: category.name,
        ...(status || unit ? { summary: { ...(status ? { statusKey: status.key } : {}), ...(unit ? { unitKey: unit.key } : {}) } } : {}),
      },
      options,
    );
  };
}
