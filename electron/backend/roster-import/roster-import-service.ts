import type { ImportApplyResult, ImportBatch, ImportPreview, ImportUndoResult } from '../../../shared/contract/imports';
import type { HandlersOf } from '../../../shared/contract/types';
import type { AuditService } from '../audit/audit-service';
import type { BackendContext } from '../context';
import type { JobRegistry } from '../jobs/job-registry';
import type { RosterService } from '../roster/roster-service';
import type { UnitService } from '../units/unit-service';
import { ImportService, type ApplyInput, type ApplyOptions, type PreviewInput } from '../import/apply/import-service';
import type { ImportKind } from '../import/apply/import-kind';
import { ROSTER_BATCH_TARGET, rosterKind } from './roster-kind';

/**
 * Roster import (花名册), as the `imports.*` methods offer it: the one import path
 * (import/apply/import-service.ts) with the roster's kind.
 */
export class RosterImportService {
  readonly service: ImportService;
  private readonly kind: ImportKind;

  constructor(ctx: BackendContext, audit: AuditService, units: UnitService, roster: RosterService, jobs: JobRegistry) {
    this.service = new ImportService(ctx, audit, units, jobs);
    this.kind = rosterKind(ctx, audit, roster);
    this.service.register(ROSTER_BATCH_TARGET, () => this.kind);
  }

  stageFile(name: string, dataBase64: string) {
    return this.service.stageFile(name, dataBase64);
  }

  preview(input: PreviewInput): Promise<ImportPreview> {
    return this.service.preview(this.kind, input);
  }

  apply(input: ApplyInput, opts: ApplyOptions = {}): ImportApplyResult {
    return this.service.apply(input, opts);
  }

  batches(): ImportBatch[] {
    return this.service.batches(ROSTER_BATCH_TARGET);
  }

  undoBatch(batchId: number): ImportUndoResult {
    // ledger batches are undone by the ledger import, which knows their records
    return this.service.undoBatch(batchId, ROSTER_BATCH_TARGET);
  }

  errorWorkbook(input: { previewId: string; path?: string }) {
    return this.service.errorWorkbook(input);
  }

  dispose(): void {
    this.service.dispose();
  }

  handlers(): HandlersOf<'imports'> {
    return {
      'imports.stageFile': (i) => this.stageFile(i.name, i.dataBase64),
      'imports.preview': (i) => this.preview(i),
      'imports.apply': (i) => this.apply(i),
      'imports.batches': () => this.batches(),
      'imports.undoBatch': (i) => this.undoBatch(i.batchId),
      'imports.errorWorkbook': (i) => this.errorWorkbook(i),
    };
  }
}
