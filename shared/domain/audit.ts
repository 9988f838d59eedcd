/** One line of the audit log (留痕): who changed which record, when, from what to what. */
export type AuditAction = 'create' | 'update' | 'delete' | 'restore';

export interface AuditEntry {
  id: number;
  /** ISO 8601 in UTC with offset, e.g. 2026-11-22T05:07:50.123+00:00 */
  at: string;
  actor: string;
  entity: string; // 'person' | 'unit' | …
  entityId: number;
  action: AuditAction;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  /** groups the lines of one user action (a paste, an import) */
  batchId: string | null;
}
