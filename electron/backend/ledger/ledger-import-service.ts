import type { ImportApplyResult, ImportPreview, ImportUndoResult } from '../../../shared/contract/imports';
import type { AuditService } from '../audit/audit-service';
import type { BackendContext } from '../context';
import { ErrorCode, fail } from '../errors';
import { ImportService, type ApplyInput, type ApplyOptions, type PreviewInput } from '../import/apply/import-service';
import type { JobRegistry } from '../jobs/job-registry';
import type { UnitService } from '../units/unit-service';
import type { CategoryService } from './category-service';
import { ledgerImportKind } from './import-target';
import type { RecordService } from './record-service';
import type { SearchIndex } from './search-index';

const PREFIX = 'ledger:';

/**
 * Import into a ledger category, as the `ledger.import*` methods offer it: the one import
 * path (import/apply/import-service.ts) with the category's kind (import-target.ts).
 */
export class LedgerImportService {
  readonly service: ImportService;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    units: UnitService,
    private readonly categories: CategoryService,
    private readonly records: RecordService,
    private readonly search: SearchIndex,
    jobs: JobRegistry,
  ) {
    this.service = new ImportService(ctx, audit, units, jobs);
    this.service.register(PREFIX, (target) => this.kindOf(Number(target.slice(PREFIX.length))));
  }

  private kindOf(categoryId: number) {
    return ledgerImportKind(this.ctx.db, this.categories, this.records, this.search, this.audit, categoryId);
  }

  async preview(input: PreviewInput & { categoryId: number }): Promise<ImportPreview> {
    const cat = this.categories.get(input.categoryId);
    if (cat.archived) fail(ErrorCode.conflict, `“${cat.name}”已归档，不能导入`);
    return this.service.preview(this.kindOf(cat.id), input);
  }

  /** Every ticked valid row in one transaction: all go in, or none do. */
  apply(input: ApplyInput, opts: ApplyOptions = {}): ImportApplyResult {
    return this.service.apply(input, opts);
  }

  /** Removes the records a batch added (and the units it created, if nothing else uses them). */
  undoBatch(batchId: number): ImportUndoResult {
    return this.service.undoBatch(batchId, PREFIX, '该台账导入批次不存在');
  }
}
