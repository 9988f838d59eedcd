import type { Database, Statement } from 'better-sqlite3';
import type { FieldValue, LedgerField, LedgerRecord, LedgerRefs, RawCell } from '../../../shared/domain/ledger';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { CellRefusal, LedgerBatchResult } from '../../../shared/contract/ledger';
import type { BackendContext } from '../context';
import type { AuditLine, AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import type { CategoryService } from './category-service';
import { checkValue, displayValue, type Refs } from './field-values';
import { RECORD_COLUMNS, toRecord, type DbRecord } from './ledger-rows';
import { DbRefs } from './refs';
import { FreshIds } from '../db/fresh-ids';
import type { SearchIndex } from './search-index';

type RawValues = Record<string, RawCell | undefined>;
type Refusal = { field: string; reason: string };

export const RECORD_ENTITY = 'ledger_record';

/** Audit values as people read them: the person's or unit's name, not its id. */
export function auditShown(f: LedgerField, v: FieldValue | null | undefined, refs: Refs): unknown {
  if (v === null || v === undefined) return null;
  return f.type === 'person' || f.type === 'people' || f.type === 'unit' || f.type === 'boolean' ? displayValue(f.type, v, refs) : v;
}

/**
 * Ledger records: every cell validated by its field's rule, every change audited in the
 * same transaction, deletes go to the recycle bin (回收站) until it is emptied.
 */
export class RecordService {
  private readonly byId: Statement;
  /** never an id a purged record had: its audit lines would read as the new record's history */
  private readonly ids: FreshIds;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly categories: CategoryService,
    private readonly search: SearchIndex,
  ) {
    this.byId = ctx.db.prepare(`SELECT ${RECORD_COLUMNS} FROM ledger_records WHERE id = ?`);
    this.ids = new FreshIds(ctx.db, 'ledger_records', RECORD_ENTITY);
  }

  private get db(): Database {
    return this.ctx.db;
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** Statements a paste runs once per row, prepared once (10,000 prepares were a quarter of a large paste). */
  private readonly statements = new Map<string, Statement>();
  private statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  get(id: number): LedgerRecord {
    const row = this.byId.get(id) as DbRecord | undefined;
    return row ? toRecord(row) : fail(ErrorCode.notFound, '该记录不存在或已被彻底删除');
  }

  /** The names of the people and units these records point at. */
  refsFor(records: readonly LedgerRecord[], fields: readonly LedgerField[], refs: Refs = new DbRefs(this.db)): LedgerRefs {
    const out: LedgerRefs = { people: {}, units: {} };
    for (const f of fields) {
      if (f.type !== 'person' && f.type !== 'people' && f.type !== 'unit') continue;
      for (const r of records) {
        const value = r.values[f.key];
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v !== 'number') continue;
          if (f.type === 'unit') out.units[v] = refs.unitName(v) ?? '（已删除的单位）';
          else if (!(v in out.people)) {
            const p = refs.person(v);
            out.people[v] = p ? { name: p.name, unit: p.unitName, badge: p.badge } : { name: '（已删除的人员）', unit: null, badge: null };
          }
        }
      }
    }
    return out;
  }

  /** Checks each given cell against its field; refused cells are listed, the rest returned. */
  prepare(fields: readonly LedgerField[], raw: RawValues, refs: Refs): { values: Record<string, FieldValue | null>; refused: Refusal[] } {
    const values: Record<string, FieldValue | null> = {};
    const refused: Refusal[] = [];
    const byKey = new Map(fields.map((f) => [f.key, f]));
    for (const [key, cell] of Object.entries(raw)) {
      if (cell === undefined) continue;
      const f = byKey.get(key);
      if (!f) {
        refused.push({ field: key, reason: '本台账没有这个字段' });
        continue;
      }
      const r = checkValue(f, cell, refs);
      if (!r.ok) refused.push({ field: key, reason: `${f.label}：${r.reason}` });
      else if (r.value === null && f.required) refused.push({ field: key, reason: `${f.label}不能为空` });
      else values[key] = r.value;
    }
    return { values, refused };
  }

  /** Defaults filled in, then every required field must hold a value. */
  private completeNew(fields: readonly LedgerField[], values: Record<string, FieldValue | null>, refused: Refusal[]): Record<string, FieldValue> | null {
    const out: Record<string, FieldValue> = {};
    for (const f of fields) {
      const v = f.key in values ? values[f.key] : f.defaultValue;
      if (v !== null && v !== undefined) out[f.key] = v;
      else if (f.required && !refused.some((r) => r.field === f.key)) refused.push({ field: f.key, reason: `${f.label}不能为空` });
    }
    return refused.some((r) => fields.find((f) => f.key === r.field)?.required) ? null : out;
  }

  /** Inserts a validated record; the caller holds the transaction. */
  insert(categoryId: number, fields: readonly LedgerField[], values: Record<string, FieldValue>, refs: Refs, batchId: string | null): number {
    const now = this.now();
    const id = this.ids.insert((id) => {
      this.statement('INSERT INTO ledger_records (id, category_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, categoryId, JSON.stringify(values), now, now);
      return id;
    });
    this.audit.record(
      fields.filter((f) => values[f.key] !== undefined).map((f) => ({ entity: RECORD_ENTITY, entityId: id, action: 'create' as const, field: f.label, newValue: auditShown(f, values[f.key], refs) })),
      batchId,
    );
    this.search.write(id, fields, values, refs, true);
    return id;
  }

  /**
   * Writes the cells that differ; returns what they held before (null: empty), for undo. Its
   * audit lines are recorded now, or added to `auditLines` for the caller to record once for
   * many records (a paste of 10,000 rows writes its 100,000 lines many to a statement).
   */
  write(before: LedgerRecord, fields: readonly LedgerField[], changes: Record<string, FieldValue | null>, refs: Refs, batchId: string | null, auditLines?: AuditLine[]): Record<string, FieldValue | null> {
    const previous: Record<string, FieldValue | null> = {};
    const next: Record<string, FieldValue> = { ...before.values };
    const lines: AuditLine[] = auditLines ?? [];
    const linesBefore = lines.length;
    for (const f of fields) {
      if (!(f.key in changes)) continue;
      const old = before.values[f.key] ?? null;
      const val = changes[f.key] ?? null;
      if (JSON.stringify(old) === JSON.stringify(val)) continue;
      previous[f.key] = old;
      if (val === null) delete next[f.key];
      else next[f.key] = val;
      lines.push({ entity: RECORD_ENTITY, entityId: before.id, action: 'update' as const, field: f.label, oldValue: auditShown(f, old, refs), newValue: auditShown(f, val, refs) });
    }
    if (lines.length === linesBefore) return previous;
    this.statement('UPDATE ledger_records SET data = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(next), this.now(), before.id);
    if (!auditLines) this.audit.record(lines, batchId);
    this.search.write(before.id, fields, next, refs);
    return previous;
  }

  private refuseAll(refused: Refusal[]): never {
    return fail(ErrorCode.fieldInvalid, refused[0]!.reason, refused);
  }

  private liveCategory(categoryId: number): LedgerField[] {
    const cat = this.categories.get(categoryId);
    if (cat.archived) fail(ErrorCode.conflict, `“${cat.name}”已归档，不能再修改，请先取消归档`);
    return cat.fields;
  }

  create(categoryId: number, raw: RawValues): LedgerRecord {
    return this.db.transaction(() => {
      const fields = this.liveCategory(categoryId);
      const refs = new DbRefs(this.db);
      const { values, refused } = this.prepare(fields, raw, refs);
      const complete = this.completeNew(fields, values, refused);
      if (refused.length > 0 || !complete) this.refuseAll(refused);
      return this.get(this.insert(categoryId, fields, complete!, refs, null));
    })();
  }

  private editable(id: number): LedgerRecord {
    const rec = this.get(id);
    if (rec.deletedAt) fail(ErrorCode.conflict, '该记录在回收站中，请先恢复再修改');
    return rec;
  }

  /** A cell edit or a form save: all cells or none. */
  update(id: number, raw: RawValues): LedgerRecord {
    return this.db.transaction(() => {
      const before = this.editable(id);
      const fields = this.liveCategory(before.categoryId);
      const refs = new DbRefs(this.db);
      const { values, refused } = this.prepare(fields, raw, refs);
      if (refused.length > 0) this.refuseAll(refused);
      this.write(before, fields, values, refs, null);
      return this.get(id);
    })();
  }

  /** A paste (or its undo): each valid cell saved, each refused one reported, in one transaction. */
  applyBatch(input: { categoryId: number; edits: { id: number; values: RawValues }[]; creates: { values: RawValues }[] }): LedgerBatchResult {
    return this.db.transaction(() => {
      const fields = this.liveCategory(input.categoryId);
      const refs = new DbRefs(this.db);
      const batchId = this.audit.newBatchId();
      const result: LedgerBatchResult = { updated: [], created: [], createdFrom: [], refused: [], previous: [] };
      const note = (kind: CellRefusal['kind'], index: number, list: Refusal[]) => result.refused.push(...list.map((r) => ({ kind, index, ...r })));
      const editLines: AuditLine[] = [];
      input.edits.forEach((edit, index) => {
        const before = this.get(edit.id);
        if (before.categoryId !== input.categoryId || before.deletedAt) {
          note('edit', index, [{ field: '', reason: before.deletedAt ? '该记录在回收站中，未修改' : '该记录不属于本台账，未修改' }]);
          return;
        }
        const { values, refused } = this.prepare(fields, edit.values, refs);
        note('edit', index, refused);
        const previous = this.write(before, fields, values, refs, batchId, editLines);
        if (Object.keys(previous).length > 0) {
          result.previous.push({ id: edit.id, values: previous });
          result.updated.push(this.get(edit.id));
        }
      });
      this.audit.record(editLines, batchId);
      input.creates.forEach((create, index) => {
        const { values, refused } = this.prepare(fields, create.values, refs);
        const complete = this.completeNew(fields, values, refused);
        if (!complete) {
          note('create', index, refused.map((r) => ({ ...r, reason: `未添加此行：${r.reason}` })));
          return;
        }
        note('create', index, refused);
        result.created.push(this.get(this.insert(input.categoryId, fields, complete, refs, batchId)));
        result.createdFrom.push(index);
      });
      return result;
    })();
  }

  /** To the recycle bin. */
  delete(ids: number[]): { deleted: number } {
    return this.db.transaction(() => {
      const batchId = ids.length > 1 ? this.audit.newBatchId() : null;
      const now = this.now();
      let n = 0;
      for (const id of ids) {
        const rec = this.get(id);
        if (rec.deletedAt) continue;
        this.db.prepare('UPDATE ledger_records SET deleted_at = ? WHERE id = ?').run(now, id);
        this.audit.record([{ entity: RECORD_ENTITY, entityId: id, action: 'delete', field: '回收站', oldValue: null, newValue: '移入回收站' }], batchId);
        n++;
      }
      return { deleted: n };
    })();
  }

  restore(ids: number[]): { restored: number } {
    return this.db.transaction(() => {
      const batchId = ids.length > 1 ? this.audit.newBatchId() : null;
      let n = 0;
      for (const id of ids) {
        const rec = this.get(id);
        if (!rec.deletedAt) continue;
        this.db.prepare('UPDATE ledger_records SET deleted_at = NULL WHERE id = ?').run(id);
        this.audit.record([{ entity: RECORD_ENTITY, entityId: id, action: 'restore', field: '回收站', oldValue: '回收站', newValue: '已恢复' }], batchId);
        n++;
      }
      return { restored: n };
    })();
  }

  /**
   * ⚠ Erases the category's recycle bin for good. The audit log keeps every value of every
   * erased record (one line per record), so what was erased can still be read back.
   */
  emptyBin(categoryId: number): { purged: number } {
    return this.db.transaction(() => {
      const { fields } = this.categories.get(categoryId);
      const refs = new DbRefs(this.db);
      const rows = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM ledger_records WHERE category_id = ? AND deleted_at IS NOT NULL`).all(categoryId) as DbRecord[];
      const batchId = this.audit.newBatchId();
      // an erased record's attachments leave its list too (the copies stay, as on any removal)
      const detach = this.db.prepare("UPDATE attachments SET removed_at = ? WHERE owner = 'record' AND owner_id = ? AND removed_at IS NULL");
      const now = this.now();
      for (const r of rows) {
        const rec = toRecord(r);
        const shown = Object.fromEntries(fields.filter((f) => rec.values[f.key] !== undefined).map((f) => [f.label, auditShown(f, rec.values[f.key], refs)]));
        this.audit.record([{ entity: RECORD_ENTITY, entityId: r.id, action: 'delete', field: '彻底删除', oldValue: shown, newValue: null }], batchId);
        this.db.prepare('DELETE FROM ledger_records WHERE id = ?').run(r.id);
        detach.run(now, r.id);
        this.search.remove(r.id);
      }
      return { purged: rows.length };
    })();
  }

  history(id: number): AuditEntry[] {
    return this.audit.forRecord(RECORD_ENTITY, id);
  }
}
