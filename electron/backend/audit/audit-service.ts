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

/** lines per INSERT when many are recorded at once */
const MANY = 64;

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * Writes the audit log. Callers must call `record` inside the same transaction as the change
 * it describes, so the log and the data can never disagree.
 */
export class AuditService {
  private readonly insert: Statement;
  private readonly byRecord: Statement;
  private insertMany: Statement | null = null;

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
    const actor = this.ctx.actor;
    let i = 0;
    // an import records 100,000 lines at once: many lines per statement, the same lines in the same order
    if (lines.length >= MANY) {
      this.insertMany ??= this.ctx.db.prepare(
        `INSERT INTO audit_log (at, actor, entity, entity_id, action, field, old_value, new_value, batch_id) VALUES ${Array.from({ length: MANY }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      const args: unknown[] = new Array(MANY * 9);
      for (; i + MANY <= lines.length; i += MANY) {
        for (let k = 0, a = 0; k < MANY; k++) {
          const l = lines[i + k]!;
          args[a++] = at;
          args[a++] = actor;
          args[a++] = l.entity;
          args[a++] = l.entityId;
          args[a++] = l.action;
          args[a++] = l.field ?? null;
          args[a++] = asText(l.oldValue);
          args[a++] = asText(l.newValue);
          args[a++] = batchId;
        }
        this.insertMany.run(args);
      }
    }
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      this.insert.run(at, actor, l.entity, l.entityId, l.action, l.field ?? null, asText(l.oldValue), asText(l.newValue), batchId);
    }
  }

  forRecord(entity: string, entityId: number): AuditEntry[] {
    return this.byRecord.all(entity, entityId) as AuditEntry[];
  }

  handlers(): HandlersOf<'audit'> {
    return { 'audit.forRecord': ({ entity, entityId }) => this.forRecord(entity, entityId) };
  }
}
