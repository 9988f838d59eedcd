import type { Database } from 'better-sqlite3';
import type { FieldType, FieldValue, LedgerCategory } from '../../../shared/domain/ledger';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import type { FieldKind, ImportTarget } from '../import';
import type { ImportKind } from '../import/apply/import-kind';
import type { CategoryService } from './category-service';
import { checkValue, type Refs } from './field-values';
import { RECORD_ENTITY, type RecordService } from './record-service';
import { DbRefs } from './refs';
import type { SearchIndex } from './search-index';

/** How the engine reads a cell before the field's own rule sees it. */
const KIND: Record<FieldType, FieldKind> = {
  text: 'text',
  longText: 'text',
  number: 'number',
  date: 'date',
  singleChoice: 'text',
  multiChoice: 'text',
  person: 'text',
  people: 'text',
  // the engine matches unit names against the organisation and collects unknown ones
  unit: 'unit',
  boolean: 'text',
  status: 'text',
};

/**
 * A ledger category as an import target, built from its fields at run time. Every cell goes
 * through the same rule as typing it in the grid (field-values.ts): choices matched by text
 * or alias, people by 警号, by name, or by "姓名（单位）". Ledger rows have no natural key,
 * so there are no identity keys: every valid row is a new record.
 */
export function ledgerImportTarget(cat: LedgerCategory, refs: Refs): ImportTarget {
  return {
    key: `ledger:${cat.id}`,
    label: cat.name,
    fields: cat.fields.map((f) => ({
      key: f.key,
      label: f.label,
      synonyms: f.synonyms,
      required: f.required,
      kind: KIND[f.type],
      ...(f.type === 'unit'
        ? {}
        : {
            checkValue: (v: unknown) => {
              const r = checkValue(f, v, refs);
              return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, reason: `${f.label}：${r.reason}` };
            },
          }),
    })),
  };
}

/**
 * A ledger category as a kind of import (import/apply/import-service.ts): every valid row is a
 * new record, written through the record service (audit and search index included); undo
 * removes the batch's records while none was edited or deleted since.
 */
export function ledgerImportKind(
  db: Database,
  categories: CategoryService,
  records: RecordService,
  search: SearchIndex,
  audit: AuditService,
  categoryId: number,
): ImportKind {
  const cat = () => categories.get(categoryId);
  const c = cat();
  let refs = new DbRefs(db);
  let fields = c.fields;
  return {
    batchTarget: `ledger:${c.id}`,
    target: ledgerImportTarget(c, refs),
    fields: c.fields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
    remembersMappings: false,
    unitWord: '条',

    assertWritable() {
      const now = cat();
      if (now.archived) fail(ErrorCode.conflict, `“${now.name}”已归档，不能导入`);
    },

    classify: (parsed) =>
      [
        ...parsed.refused.map((r) => ({ row: r.row, class: 'invalid' as const, values: {}, reason: r.reason, ...(r.field ? { field: r.field } : {}) })),
        ...parsed.rows.map((r) => ({ row: r.row, class: 'new' as const, values: r.values, ...(r.newUnit ? { newUnit: r.newUnit } : {}) })),
      ].sort((a, b) => a.row - b.row),

    begin() {
      // units this import created are known by name from here on
      refs = new DbRefs(db);
      fields = cat().fields;
    },

    writeRow(r, w) {
      const values: Record<string, FieldValue> = {};
      for (const f of fields) {
        const v = f.key in r.values ? r.values[f.key] : f.defaultValue;
        if (v === null || v === undefined || v === '') continue;
        if (f.type === 'unit' && typeof v === 'string') {
          const id = w.unitId(v) ?? refs.unitByName(v);
          if (id === null || id === undefined) return { kind: 'refused', reason: `${f.label}：单位“${v}”不在组织架构中（${w.unitHint}）` };
          values[f.key] = id;
        } else values[f.key] = v as FieldValue;
      }
      const id = records.insert(c.id, fields, values, refs, w.auditBatch);
      w.item(RECORD_ENTITY, id, 'create', null, values);
      return { kind: 'added' };
    },

    undoRows(batch) {
      const items = batch.items.filter((i) => i.entity === RECORD_ENTITY);
      const blockers: number[] = [];
      for (const it of items) {
        const row = db.prepare('SELECT data, deleted_at AS deletedAt FROM ledger_records WHERE id = ?').get(it.id) as { data: string; deletedAt: string | null } | undefined;
        if (row && (row.deletedAt || JSON.stringify(JSON.parse(row.data)) !== JSON.stringify(JSON.parse(it.afterJson)))) blockers.push(it.id);
      }
      if (blockers.length) fail(ErrorCode.conflict, `本批导入的 ${blockers.length} 条记录在导入后又被修改或删除过，撤销会丢失这些修改，因此不能撤销`, blockers);
      let removed = 0;
      for (const it of items) {
        if (!db.prepare('SELECT 1 FROM ledger_records WHERE id = ?').get(it.id)) continue;
        db.prepare('DELETE FROM ledger_records WHERE id = ?').run(it.id);
        search.remove(it.id);
        audit.record([{ entity: RECORD_ENTITY, entityId: it.id, action: 'delete', field: '撤销导入', oldValue: JSON.parse(it.afterJson) as unknown }], batch.undoAuditBatch);
        removed++;
      }
      return { removed, restored: 0 };
    },
  };
}
