import type { HandlersOf } from '../../../shared/contract/types';
import type { LedgerPage } from '../../../shared/contract/ledger';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { UnitService } from '../units/unit-service';
import type { JobRegistry } from '../jobs/job-registry';
import { CategoryService } from './category-service';
import { RecordService } from './record-service';
import { SearchIndex } from './search-index';
import { LedgerImportService } from './ledger-import-service';
import { queryRows, type RowsQuery } from './record-query';
import { categoryStats } from './stats';
import { globalSearch } from './global-search';
import { displayValue } from './field-values';
import { DbRefs } from './refs';
import { loadDemoLedgers } from './demo-ledgers';
import { ViewService } from './view-service';
import { ErrorCode, fail } from '../errors';
import { matchPeople } from './people-match';

/** Ledgers (台账): categories and fields, records, search, statistics and import, behind one contract domain. */
export class LedgerService {
  readonly categories: CategoryService;
  readonly records: RecordService;
  readonly imports: LedgerImportService;
  readonly views: ViewService;
  private readonly index: SearchIndex;

  constructor(
    private readonly ctx: BackendContext,
    audit: AuditService,
    units: UnitService,
    jobs: JobRegistry,
  ) {
    this.index = new SearchIndex(ctx.db);
    this.categories = new CategoryService(ctx, audit, this.index);
    this.records = new RecordService(ctx, audit, this.categories, this.index);
    this.imports = new LedgerImportService(ctx, audit, units, this.categories, this.records, this.index, jobs);
    this.views = new ViewService(ctx, audit, this.categories);
  }

  /** A unit or a person was renamed: the records showing its name are found by the new one. Inside the rename's transaction. */
  reindexReferences(type: 'person' | 'unit', id: number): number {
    return this.index.reindexReferences(type, id, (c) => this.categories.fields(c), new DbRefs(this.ctx.db));
  }

  rows(q: RowsQuery): LedgerPage {
    // the fields only: the whole category (with its record counts) cost a count of every record per page
    const fields = this.categories.exists(q.categoryId) ? this.categories.fields(q.categoryId) : fail(ErrorCode.notFound, '该台账类别不存在');
    const refs = new DbRefs(this.ctx.db);
    const page = queryRows(this.ctx.db, fields, q, refs);
    return { ...page, refs: this.records.refsFor(page.rows, fields, refs) };
  }

  /** Every live record of a category as {field label: value as shown} (the CLI's `ledger rows`). */
  shownRows(categoryId: number): Record<string, string | number | boolean | null>[] {
    const { fields } = this.categories.get(categoryId);
    const refs = new DbRefs(this.ctx.db);
    const out: Record<string, string | number | boolean | null>[] = [];
    for (let after: RowsQuery['after']; ; ) {
      const page = queryRows(this.ctx.db, fields, { categoryId, startRow: 0, endRow: 1000, sort: [], filters: [], search: '', deleted: false, after }, refs);
      for (const r of page.rows) {
        const row: Record<string, string | number | boolean | null> = {};
        for (const f of fields) {
          const v = r.values[f.key];
          row[f.label] = v === undefined ? null : f.type === 'number' || f.type === 'boolean' ? (v as number | boolean) : displayValue(f.type, v, refs);
        }
        out.push(row);
      }
      if (page.rows.length < 1000 || !page.cursor) return out;
      after = page.cursor;
    }
  }

  /** The sample office's ledgers (载入示例数据); the caller holds the transaction. */
  loadDemo(): { categories: number; records: number } {
    return loadDemoLedgers(this.ctx, this.categories, this.records);
  }

  handlers(): HandlersOf<'ledger'> {
    const c = this.categories;
    const r = this.records;
    return {
      'ledger.templates': () => c.templates(),
      'ledger.categories': (i) => c.list(i.includeArchived),
      'ledger.category': (i) => c.get(i.id),
      'ledger.createCategory': (i) => c.create(i),
      'ledger.renameCategory': (i) => c.rename(i.id, i.name),
      'ledger.moveCategory': (i) => c.move(i.id, i.group, i.index),
      'ledger.archiveCategory': (i) => c.archive(i.id, i.archived),
      'ledger.setSensitive': (i) => c.setSensitive(i.id, i.sensitive),
      'ledger.addField': ({ categoryId, ...f }) => c.addField(categoryId, f),
      'ledger.updateField': ({ id, ...patch }) => c.updateField(id, patch),
      'ledger.moveField': (i) => c.moveField(i.id, i.index),
      'ledger.removeField': (i) => c.removeField(i.id),
      'ledger.fieldUsage': (i) => c.fieldUsage(i.id),
      'ledger.previewTypeChange': (i) => c.previewTypeChange(i.id, i.type, i.choices),
      'ledger.applyTypeChange': (i) => c.applyTypeChange(i.id, i.type, i.choices, i.dropUnconvertible),
      'ledger.rows': (i) => this.rows(i),
      'ledger.get': (i) => {
        const record = r.get(i.id);
        return { record, refs: r.refsFor([record], c.fields(record.categoryId)) };
      },
      'ledger.create': (i) => r.create(i.categoryId, i.values),
      'ledger.update': (i) => r.update(i.id, i.values),
      'ledger.applyBatch': (i) => r.applyBatch(i),
      'ledger.delete': (i) => r.delete(i.ids),
      'ledger.restore': (i) => r.restore(i.ids),
      'ledger.emptyBin': (i) => r.emptyBin(i.categoryId),
      'ledger.history': (i) => r.history(i.id),
      'ledger.stats': (i) => categoryStats(this.ctx.db, i.categoryId, c.get(i.categoryId).fields),
      'ledger.matchPeople': (i) => matchPeople(i.text, new DbRefs(this.ctx.db)),
      'ledger.search': (i) => globalSearch(this.ctx.db, i.query, i.perGroup, c.shapes(true), new DbRefs(this.ctx.db)),
      'ledger.views': (i) => this.views.list(i.categoryId),
      'ledger.saveView': (i) => this.views.save(i),
      'ledger.renameView': (i) => this.views.rename(i.id, i.name),
      'ledger.deleteView': (i) => this.views.delete(i.id),
      'ledger.importPreview': (i) => this.imports.preview(i),
      'ledger.importApply': (i) => this.imports.apply(i),
      'ledger.undoImport': (i) => this.imports.undoBatch(i.batchId),
    };
  }
}
