import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { AuditAction, AuditEntry } from '../../../shared/domain/audit';
import type { HandlersOf } from '../../../shared/contract/types';
import type { BackendContext } from '../context';
import { utcStamp } from '../clock';

export interface AuditLine {
  entity: string;
  entityId: number;
  action: AuditAction;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * Writes the audit log. Callers must call `record` inside the same transaction as the change
 * it describes, so the log and the data can never disagree.
 */
export class AuditService {
  private readonly insert: Statement;
  private readonly byRecord: Statement;

  constructor(private readonly ctx: BackendContext) {
    this.insert = ctx.db.prepare(
      `INSERT INTO audit_log (at, actor, entity, entity_id, action, field, old_value, new_value, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byRecord = ctx.db.prepare(
      `SELECT id, at, actor, entity, entity_id AS entityId, action, field, old_value AS oldValue,
              new_value AS newValue, batch_id AS batchId
       FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC`,
    );
  }

  newBatchId(): string {
    return randomUUID();
  }

  record(lines: AuditLine[], batchId: string | null = null): void {
    const at = utcStamp(this.ctx.clock.now());
    for (const l of lines) {
      this.insert.run(at, this.ctx.actor, l.entity, l.entityId, l.action, l.field ?? null, asText(l.oldValue), asText(l.newValue), batchId);
    }
  }

  forRecord(entity: string, entityId: number): AuditEntry[] {
    return this.byRecord.all(entity, entityId) as AuditEntry[];
  }

  handlers(): HandlersOf<'audit'> {
    return { 'audit.forRecord': ({ entity, entityId }) => this.forRecord(entity, entityId) };
  }
}
