import type { ImportFieldInfo, ImportPreviewRow } from '../../../../shared/contract/imports';
import type { ImportTarget } from '../mapping/target';
import type { ParsedImport } from '../parsed-import';

/**
 * What one kind of import (the roster, a ledger category) brings to the one import path in
 * import-service.ts: its target for the reader, how parsed rows compare with what is stored,
 * how one row is written and how a batch of it is undone. Each kind lives beside its domain
 * (roster-import/roster-kind.ts, ledger/import-target.ts); staging, preview, the
 * transaction, batches, units, dry runs and the error workbook are the service's.
 */
export interface ImportKind {
  /** import_batches.target of its batches: 'roster', 'ledger:7' */
  batchTarget: string;
  target: ImportTarget;
  fields: ImportFieldInfo[];
  /** remember a corrected mapping for the next file with the same header */
  remembersMappings: boolean;
  /** what one row is, in counts ("人", "条") */
  unitWord: string;
  /** throws (a Chinese ApiError) when nothing may be written now, e.g. an archived category */
  assertWritable?(): void;
  /** new / changed / unchanged / duplicate / invalid, against what is stored */
  classify(parsed: ParsedImport): ImportPreviewRow[];
  /** before the first row of an apply, and after its last (inside its transaction) */
  begin?(w: RowWriter): void;
  finish?(w: RowWriter): void;
  /** writes one ticked new or changed row inside the apply's transaction */
  writeRow(row: ImportPreviewRow, w: RowWriter): RowWritten;
  /**
   * Undoes the rows of a batch inside the undo's transaction (units are the service's);
   * throws a conflict naming what was edited since, when undoing would lose that.
   */
  undoRows(batch: BatchToUndo): { removed: number; restored: number };
}

export type RowWritten = { kind: 'added' | 'updated' | 'unchanged' } | { kind: 'refused'; reason: string };

/** What a kind may use while writing a row. */
export interface RowWriter {
  batchId: number;
  /** the audit log's batch id of this import ("import-12"): its undo finds the lines by it */
  auditBatch: string;
  now: string;
  /** the id of a unit by its exact name (created by this import or existing) */
  unitId(name: string): number | undefined;
  /** a line of import_batch_items: what the undo needs to put back */
  item(entity: string, entityId: number, action: 'create' | 'update', before: unknown, after: unknown): void;
  /** said after a refusal for a unit the tree lacks: how this front end creates it */
  unitHint: string;
}

export interface BatchItem {
  entity: string;
  id: number;
  action: 'create' | 'update';
  beforeJson: string | null;
  afterJson: string;
}

export interface BatchToUndo {
  batchId: number;
  auditBatch: string;
  /** the audit log's batch id for the undo's own lines */
  undoAuditBatch: string;
  items: BatchItem[];
  now: string;
}
