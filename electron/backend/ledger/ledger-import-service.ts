import type { Database } from 'better-sqlite3';
import type { ImportApplyResult, ImportPreview, ImportPreviewRow } from '../../../shared/contract/imports';
import type { FieldValue, LedgerCategory } from '../../../shared/domain/ledger';
import { ApiError } from '../../../shared/contract/define';
import { ImportFileError, readTable } from '../import';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { UnitService } from '../units/unit-service';
import type { JobRegistry } from '../jobs/job-registry';
import { ErrorCode, fail } from '../errors';
import type { CategoryService } from './category-service';
import { RECORD_ENTITY, type RecordService } from './record-service';
import type { SearchIndex } from './search-index';
import { ledgerImportTarget } from './import-target';
import { DbRefs } from './refs';
import { previewOf } from '../import/preview-of';
import { placeImportUnits, type ImportUnitPlacement } from '../units/import-units';

const KEEP_PREVIEWS = 3;

/** Thrown inside the transaction to roll it back (dry run, nothing to apply); carries the counts out. */
class NothingApplied extends Error {
  constructor(readonly result: ImportApplyResult) {
    super('nothing applied');
  }
}

/**
 * Import into a ledger category, mirroring the roster import: preview (read, map, validate,
 * classify — nothing written), apply (one transaction, recorded in import_batches with
 * target 'ledger:<id>'), undo a batch while its records are untouched.
 */
export class LedgerImportService {
  private readonly held = new Map<string, { preview: ImportPreview; categoryId: number }>();

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly units: UnitService,
    private readonly categories: CategoryService,
    private readonly records: RecordService,
    private readonly search: SearchIndex,
    private readonly jobs: JobRegistry,
  ) {}

  private get db(): Database {
    return this.ctx.db;
  }

  async preview(input: { categoryId: number; path: string; fileName?: string; sheet?: string; mapping?: Record<string, string>; jobId?: string }): Promise<ImportPreview> {
    const cat = this.categories.get(input.categoryId);
    if (cat.archived) fail(ErrorCode.conflict, `“${cat.name}”已归档，不能导入`);
    const job = this.jobs.start(input.jobId, '读取文件');
    try {
      const target = ledgerImportTarget(cat, new DbRefs(this.db));
      const parsed = await readTable(input.path, {
        target,
        sheet: input.sheet,
        mapping: input.mapping,
        units: this.units.list().map((u) => u.name),
        signal: job.signal,
        onProgress: (p) => job.report(p.rowsRead),
      });
      const rows: ImportPreviewRow[] = [
        ...parsed.refused.map((r) => ({ row: r.row, class: 'invalid' as const, values: {}, reason: r.reason, ...(r.field ? { field: r.field } : {}) })),
        ...parsed.rows.map((r) => ({ row: r.row, class: 'new' as const, values: r.values, ...(r.newUnit ? { newUnit: r.newUnit } : {}) })),
      ].sort((a, b) => a.row - b.row);
      const preview = previewOf(parsed, rows, {
        path: input.path,
        fileName: input.fileName,
        fields: cat.fields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
        rememberedMapping: false,
      });
      this.held.set(preview.previewId, { preview, categoryId: cat.id });
      while (this.held.size > KEEP_PREVIEWS) this.held.delete(this.held.keys().next().value!);
      return preview;
    } catch (err) {
      if (err instanceof ImportFileError) throw new ApiError(err.code, err.message);
      throw err;
    } finally {
      job.end();
    }
  }

  /** Every ticked valid row in one transaction: all go in, or none do. */
  apply(input: { previewId: string; skipRows: number[]; createUnits: string[]; units?: ImportUnitPlacement | undefined }, opts: { dryRun?: boolean } = {}): ImportApplyResult {
    const held = this.held.get(input.previewId) ?? fail(ErrorCode.notFound, '预览已过期，请重新选择文件');
    try {
      return this.db.transaction(() => {
        const result = this.applyRows(held.preview, this.categories.get(held.categoryId), new Set(input.skipRows), new Set(input.createUnits), input.units);
        if (opts.dryRun) throw new NothingApplied({ ...result, batchId: null });
        return result;
      })();
    } catch (err) {
      if (err instanceof NothingApplied) return err.result;
      throw err;
    }
  }

  private applyRows(preview: ImportPreview, cat: LedgerCategory, skip: Set<number>, createUnits: Set<string>, placement?: ImportUnitPlacement): ImportApplyResult {
    if (cat.archived) fail(ErrorCode.conflict, `“${cat.name}”已归档，不能导入`);
    const now = this.ctx.clock.now().toISOString();
    const result: ImportApplyResult = { batchId: null, added: 0, updated: 0, unchanged: 0, skipped: 0, refused: [], unitsCreated: [] };
    const batchId = Number(
      this.db
        .prepare('INSERT INTO import_batches (target, file_name, sheet, applied_at, actor, added, updated, unchanged, refused) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)')
        .run(`ledger:${cat.id}`, preview.fileName, preview.sheet, now, this.ctx.actor).lastInsertRowid,
    );
    const auditBatch = `import-${batchId}`;
    const item = this.db.prepare('INSERT INTO import_batch_items (batch_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
    const refs = new DbRefs(this.db);
    const wanted = preview.rows.filter((r) => r.class === 'new' && !skip.has(r.row));
    const placed = placeImportUnits(this.units, preview.unknownUnits, createUnits, (name) => wanted.some((r) => r.newUnit === name), placement);
    // a name taken as an existing unit finds that unit; the unit keeps its own name
    for (const [name, id] of placed.ids) refs.learnUnit(id, name), refs.learnUnit(id, this.units.get(id).name);
    for (const unit of placed.created) {
      item.run(batchId, 'unit', unit.id, 'create', null, JSON.stringify({ name: unit.name }));
      result.unitsCreated.push(unit.name);
    }
    for (const r of preview.rows) {
      if (r.class !== 'new') {
        result.refused.push({ row: r.row, reason: r.reason ?? '数据有误' });
        continue;
      }
      if (skip.has(r.row)) {
        result.skipped++;
        continue;
      }
      const values: Record<string, FieldValue> = {};
      let refusal: string | null = null;
      for (const f of cat.fields) {
        const v = f.key in r.values ? r.values[f.key] : f.defaultValue;
        if (v === null || v === undefined || v === '') continue;
        if (f.type === 'unit' && typeof v === 'string') {
          const id = refs.unitByName(v);
          if (id === null) {
            refusal = `${f.label}：单位“${v}”不在组织架构中（可在导入时勾选创建该单位）`;
            break;
          }
          values[f.key] = id;
        } else values[f.key] = v as FieldValue;
      }
      if (refusal) {
        result.refused.push({ row: r.row, reason: refusal });
        continue;
      }
      const id = this.records.insert(cat.id, cat.fields, values, refs, auditBatch);
      item.run(batchId, RECORD_ENTITY, id, 'create', null, JSON.stringify(values));
      result.added++;
    }
    if (result.added + result.unitsCreated.length === 0) throw new NothingApplied(result);
    this.db
      .prepare('UPDATE import_batches SET added = ?, refused = ?, units_created = ? WHERE id = ?')
      .run(result.added, result.refused.length, result.unitsCreated.length, batchId);
    result.batchId = batchId;
    return result;
  }

  /** Removes the records a batch added (and the units it created, if nothing else uses them). */
  undoBatch(batchId: number): { batchId: number; removed: number; restored: number } {
    return this.db.transaction(() => {
      const batch = this.db.prepare('SELECT target, undone_at AS undoneAt FROM import_batches WHERE id = ?').get(batchId) as { target: string; undoneAt: string | null } | undefined;
      if (!batch || !batch.target.startsWith('ledger:')) return fail(ErrorCode.notFound, '该台账导入批次不存在');
      if (batch.undoneAt) fail(ErrorCode.conflict, '该批次已经撤销过了');
      const items = this.db.prepare('SELECT entity, entity_id AS id, after_json AS afterJson FROM import_batch_items WHERE batch_id = ?').all(batchId) as { entity: string; id: number; afterJson: string }[];
      const records = items.filter((i) => i.entity === RECORD_ENTITY);
      const blockers: number[] = [];
      for (const it of records) {
        const row = this.db.prepare('SELECT data, deleted_at AS deletedAt FROM ledger_records WHERE id = ?').get(it.id) as { data: string; deletedAt: string | null } | undefined;
        if (row && (row.deletedAt || JSON.stringify(JSON.parse(row.data)) !== JSON.stringify(JSON.parse(it.afterJson)))) blockers.push(it.id);
      }
      if (blockers.length) fail(ErrorCode.conflict, `本批导入的 ${blockers.length} 条记录在导入后又被修改或删除过，撤销会丢失这些修改，因此不能撤销`, blockers);
      const auditBatch = `undo-import-${batchId}`;
      let removed = 0;
      for (const it of records) {
        if (!this.db.prepare('SELECT 1 FROM ledger_records WHERE id = ?').get(it.id)) continue;
        this.db.prepare('DELETE FROM ledger_records WHERE id = ?').run(it.id);
        this.search.remove(it.id);
        this.audit.record([{ entity: RECORD_ENTITY, entityId: it.id, action: 'delete', field: '撤销导入', oldValue: JSON.parse(it.afterJson) as unknown }], auditBatch);
        removed++;
      }
      for (const it of items.filter((i) => i.entity === 'unit')) {
        if (this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(it.id) && !this.unitInUse(it.id)) this.units.delete(it.id);
      }
      this.db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(this.ctx.clock.now().toISOString(), batchId);
      return { batchId, removed, restored: 0 };
    })();
  }

  private unitInUse(unitId: number): boolean {
    if (this.db.prepare('SELECT 1 FROM people WHERE unit_id = ? UNION ALL SELECT 1 FROM units WHERE parent_id = ?').get(unitId, unitId)) return true;
    for (const cat of this.categories.shapes(true)) {
      for (const f of cat.fields.filter((x) => x.type === 'unit')) {
        if (this.db.prepare(`SELECT 1 FROM ledger_records WHERE category_id = ? AND json_extract(data, '$.${f.key}') = ?`).get(cat.id, unitId)) return true;
      }
    }
    return false;
  }
}
