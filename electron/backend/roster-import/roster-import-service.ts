import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Statement } from 'better-sqlite3';
import type { ImportApplyResult, ImportBatch, ImportPreview, ImportPreviewRow } from '../../../shared/contract/imports';
import type { HandlersOf } from '../../../shared/contract/types';
import { PERSON_FIELDS, type Person, type PersonField } from '../../../shared/domain/roster';
import { ApiError } from '../../../shared/contract/define';
import { headerSignature, ImportFileError, readTable, ROSTER_TARGET, type ParsedImport } from '../import';
import type { BackendContext } from '../context';
import type { AuditLine, AuditService } from '../audit/audit-service';
import type { UnitService } from '../units/unit-service';
import type { RosterService } from '../roster/roster-service';
import type { JobRegistry } from '../jobs/job-registry';
import { ErrorCode, fail } from '../errors';
import { PERSON_COLUMNS } from '../roster/person-row';
import { classifyRows, indexPeople } from './classify-rows';
import { previewOf } from '../import/preview-of';
import { placeImportUnits, type ImportUnitPlacement } from '../units/import-units';

const TARGET = 'roster';
const KEEP_PREVIEWS = 3;

interface HeldPreview {
  preview: ImportPreview;
  parsed: ParsedImport;
  /** raw cells of every row by sheet row, for the error workbook */
  raw: Map<number, string[]>;
}

type Snapshot = Partial<Record<PersonField, unknown>>;

/**
 * Roster import: preview (read, map, validate, classify — nothing written), apply (one
 * transaction, recorded as a batch), undo a batch, and the workbook of refused rows.
 */
export class RosterImportService {
  private readonly held = new Map<string, HeldPreview>();
  private readonly stagingDir = path.join(os.tmpdir(), `ledgerdesk-staging-${process.pid}`);

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly units: UnitService,
    private readonly roster: RosterService,
    private readonly jobs: JobRegistry,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  stageFile(name: string, dataBase64: string): { path: string; name: string; size: number } {
    fs.mkdirSync(this.stagingDir, { recursive: true });
    const safe = path.basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'file';
    const file = path.join(this.stagingDir, `${randomUUID()}-${safe}`);
    const data = Buffer.from(dataBase64, 'base64');
    fs.writeFileSync(file, data);
    return { path: file, name: safe, size: data.length };
  }

  private rememberedMapping(columns: string[]): Record<string, string> | null {
    const row = this.db.prepare('SELECT mapping_json FROM import_mappings WHERE target = ? AND signature = ?').get(TARGET, headerSignature(columns)) as { mapping_json: string } | undefined;
    return row ? (JSON.parse(row.mapping_json) as Record<string, string>) : null;
  }

  private rememberMapping(columns: string[], mapping: Record<string, string>): void {
    this.db
      .prepare('INSERT INTO import_mappings (target, signature, mapping_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(target, signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at')
      .run(TARGET, headerSignature(columns), JSON.stringify(mapping), this.ctx.clock.now().toISOString());
  }

  async preview(input: { path: string; fileName?: string; sheet?: string; mapping?: Record<string, string>; jobId?: string }): Promise<ImportPreview> {
    const job = this.jobs.start(input.jobId, '读取文件');
    try {
      const unitNames = this.units.list().map((u) => u.name);
      const read = (mapping?: Record<string, string>) =>
        readTable(input.path, {
          target: ROSTER_TARGET,
          sheet: input.sheet,
          mapping,
          units: unitNames,
          signal: job.signal,
          onProgress: (p) => job.report(p.rowsRead),
        });
      let parsed = await read(input.mapping);
      let remembered = false;
      if (input.mapping) this.rememberMapping(parsed.columns, parsed.mapping);
      else {
        const saved = this.rememberedMapping(parsed.columns);
        if (saved && JSON.stringify(saved) !== JSON.stringify(parsed.mapping)) {
          parsed = await read(saved);
          remembered = true;
        }
      }
      job.report(parsed.rows.length + parsed.refused.length, null, '核对');
      const rows = classifyRows(parsed.rows, parsed.refused, indexPeople(this.roster.list()));
      const raw = new Map<number, string[]>();
      for (const r of parsed.rows) raw.set(r.row, r.raw);
      for (const r of parsed.refused) raw.set(r.row, r.raw);
      const preview = previewOf(parsed, rows, {
        path: input.path,
        fileName: input.fileName,
        fields: ROSTER_TARGET.fields.map((f) => ({ key: f.key, label: f.label, required: Boolean(f.required) })),
        rememberedMapping: remembered,
      });
      this.held.set(preview.previewId, { preview, parsed, raw });
      while (this.held.size > KEEP_PREVIEWS) this.held.delete(this.held.keys().next().value!);
      return preview;
    } catch (err) {
      if (err instanceof ImportFileError) throw new ApiError(err.code, err.message);
      throw err;
    } finally {
      job.end();
    }
  }

  private heldPreview(previewId: string): HeldPreview {
    return this.held.get(previewId) ?? fail(ErrorCode.notFound, '预览已过期，请重新选择文件');
  }

  /** Every ticked new and changed row in one transaction: all go in, or none do. */
  apply(input: { previewId: string; skipRows: number[]; createUnits: string[]; units?: ImportUnitPlacement | undefined }, opts: { dryRun?: boolean } = {}): ImportApplyResult {
    const { preview } = this.heldPreview(input.previewId);
    const skip = new Set(input.skipRows);
    try {
      return this.db.transaction(() => {
        const result = this.applyRows(preview, skip, new Set(input.createUnits), input.units);
        // a dry run does the real work and then rolls it back: what it reports is what would happen
        if (opts.dryRun) throw new NothingApplied({ ...result, batchId: null });
        return result;
      })();
    } catch (err) {
      if (err instanceof NothingApplied) return err.result;
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        throw new ApiError(ErrorCode.conflict, '花名册在预览之后有了变化（如身份证号或警号重复），本次导入未做任何更改，请重新预览。');
      }
      throw err;
    }
  }

  private applyRows(preview: ImportPreview, skip: Set<number>, createUnits: Set<string>, placement?: ImportUnitPlacement): ImportApplyResult {
    const now = this.ctx.clock.now().toISOString();
    const result: ImportApplyResult = { batchId: null, added: 0, updated: 0, unchanged: 0, skipped: 0, refused: [], unitsCreated: [] };
    const unitIds = new Map(this.units.list().map((u) => [u.name, u.id]));
    const batchId = Number(
      this.db
        .prepare('INSERT INTO import_batches (target, file_name, sheet, applied_at, actor, added, updated, unchanged, refused) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)')
        .run(TARGET, preview.fileName, preview.sheet, now, this.ctx.actor).lastInsertRowid,
    );
    const auditBatch = `import-${batchId}`;
    const item = this.db.prepare('INSERT INTO import_batch_items (batch_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');

    const wanted = preview.rows.filter((r) => (r.class === 'new' || r.class === 'changed') && !skip.has(r.row));
    const placed = placeImportUnits(this.units, preview.unknownUnits, createUnits, (name) => wanted.some((r) => r.newUnit === name), placement);
    for (const [name, id] of placed.ids) unitIds.set(name, id);
    for (const unit of placed.created) {
      item.run(batchId, 'unit', unit.id, 'create', null, JSON.stringify({ name: unit.name }));
      result.unitsCreated.push(unit.name);
    }

    const insert = this.insertStatement();
    const created: AuditLine[] = []; // written together below: one timestamp, one pass
    for (const r of preview.rows) {
      if (r.class === 'invalid' || r.class === 'duplicate') {
        result.refused.push({ row: r.row, reason: r.reason ?? '数据有误' });
        continue;
      }
      if (r.class === 'unchanged') {
        result.unchanged++;
        continue;
      }
      if (skip.has(r.row)) {
        result.skipped++;
        continue;
      }
      const values = this.toPersonValues(r, unitIds);
      if ('refusal' in values) {
        result.refused.push({ row: r.row, reason: values.refusal });
        continue;
      }
      if (r.class === 'new') {
        const id = Number(insert.run(...PERSON_FIELDS.map((f) => values.snapshot[f] ?? null), now, now).lastInsertRowid);
        // one audit line per new person, under the batch id: it is also the batch's list of creations
        created.push({ entity: 'person', entityId: id, action: 'create', newValue: { ...values.snapshot, unitId: r.values.unit ?? null } });
        result.added++;
      } else {
        const before = this.roster.get(r.personId!);
        const fields = (Object.keys(values.snapshot) as PersonField[]).filter((f) => (before[f] ?? null) !== (values.snapshot[f] ?? null));
        if (fields.length === 0) {
          result.unchanged++;
          continue;
        }
        this.db
          .prepare(`UPDATE people SET ${fields.map((f) => `${PERSON_COLUMNS[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
          .run(...fields.map((f) => values.snapshot[f] ?? null), now, before.id);
        if (fields.includes('name') || fields.includes('badge')) this.roster.renamed(before.id); // ledgers show the name: re-index
        const beforeSnap: Snapshot = Object.fromEntries(fields.map((f) => [f, before[f] ?? null]));
        const afterSnap: Snapshot = Object.fromEntries(fields.map((f) => [f, values.snapshot[f] ?? null]));
        this.audit.record(
          fields.map((f) => ({
            entity: 'person',
            entityId: before.id,
            action: 'update' as const,
            field: f,
            oldValue: f === 'unitId' ? before.unitName : before[f],
            newValue: f === 'unitId' ? r.values.unit : values.snapshot[f],
          })),
          auditBatch,
        );
        item.run(batchId, 'person', before.id, 'update', JSON.stringify(beforeSnap), JSON.stringify(afterSnap));
        result.updated++;
      }
    }
    this.audit.record(created, auditBatch);
    if (result.added + result.updated + result.unitsCreated.length === 0) {
      // nothing applied: no batch to show or undo (the insert above rolls back with this)
      throw new NothingApplied(result);
    }
    this.db
      .prepare('UPDATE import_batches SET added = ?, updated = ?, unchanged = ?, refused = ?, units_created = ? WHERE id = ?')
      .run(result.added, result.updated, result.unchanged, result.refused.length, result.unitsCreated.length, batchId);
    result.batchId = batchId;
    return result;
  }

  private insertStatement(): Statement {
    const cols = [...PERSON_FIELDS.map((f) => PERSON_COLUMNS[f]), 'created_at', 'updated_at'];
    return this.db.prepare(`INSERT INTO people (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  }

  /** The row's values as roster fields; the unit name becomes its id (or the row is refused). */
  private toPersonValues(r: ImportPreviewRow, unitIds: Map<string, number>): { snapshot: Snapshot } | { refusal: string } {
    const snapshot: Snapshot = {};
    for (const [k, v] of Object.entries(r.values)) {
      if (v === null || v === undefined || v === '') continue;
      if (k === 'unit') {
        const id = unitIds.get(String(v));
        if (id === undefined) return { refusal: `所在单位“${String(v)}”不在组织架构中（可在导入时勾选创建该单位）` };
        snapshot.unitId = id;
      } else if ((PERSON_FIELDS as readonly string[]).includes(k)) snapshot[k as PersonField] = v;
    }
    return { snapshot };
  }

  batches(): ImportBatch[] {
    return this.db
      .prepare(
        `SELECT id, target, file_name AS fileName, sheet, applied_at AS appliedAt, actor, added, updated, unchanged, refused,
                units_created AS unitsCreated, undone_at AS undoneAt FROM import_batches WHERE target = ? ORDER BY id DESC`,
      )
      .all(TARGET) as ImportBatch[];
  }

  /**
   * Undoes a batch: removes the people it added, puts back what it changed. Refused, naming
   * the records, when any of them was edited since — their later edits would be lost.
   */
  undoBatch(batchId: number): { batchId: number; removed: number; restored: number } {
    return this.db.transaction(() => {
      // ledger batches are undone by the ledger import, which knows their records
      const batch = this.db.prepare('SELECT id, undone_at AS undoneAt, file_name AS fileName FROM import_batches WHERE id = ? AND target = ?').get(batchId, TARGET) as { id: number; undoneAt: string | null; fileName: string } | undefined;
      if (!batch) fail(ErrorCode.notFound, '该导入批次不存在');
      if (batch!.undoneAt) fail(ErrorCode.conflict, '该批次已经撤销过了');
      const items = this.db.prepare('SELECT entity, entity_id AS id, action, before_json AS beforeJson, after_json AS afterJson FROM import_batch_items WHERE batch_id = ?').all(batchId) as {
        entity: string;
        id: number;
        action: 'create' | 'update';
        beforeJson: string | null;
        afterJson: string;
        edited?: boolean;
      }[];
      // the people it created: its audit lines; edited since = any later audit line for them
      const auditBatch = `import-${batchId}`;
      const lastLine = (this.db.prepare('SELECT max(id) AS id FROM audit_log WHERE batch_id = ?').get(auditBatch) as { id: number | null }).id ?? 0;
      const created = this.db
        .prepare(
          `SELECT c.entity_id AS id,
                  EXISTS (SELECT 1 FROM audit_log later WHERE later.entity = 'person' AND later.entity_id = c.entity_id AND later.id > ?) AS edited
           FROM audit_log c WHERE c.batch_id = ? AND c.entity = 'person' AND c.action = 'create'`,
        )
        .all(lastLine, auditBatch) as { id: number; edited: number }[];
      for (const c of created) items.push({ entity: 'person', id: c.id, action: 'create', beforeJson: null, afterJson: '{}', edited: c.edited === 1 });
      const blockers: string[] = [];
      const people = new Map<number, Person>();
      const exists = this.db.prepare('SELECT 1 FROM people WHERE id = ?');
      const deletePerson = this.db.prepare('DELETE FROM people WHERE id = ?');
      for (const it of items.filter((i) => i.entity === 'person')) {
        const p = exists.get(it.id) ? this.roster.get(it.id) : null;
        if (!p) {
          if (it.action === 'update') blockers.push(`（已删除的人员 #${it.id}）`);
          continue;
        }
        people.set(it.id, p);
        const after = JSON.parse(it.afterJson) as Snapshot;
        const edited = it.edited || (Object.keys(after) as PersonField[]).some((f) => (p[f] ?? null) !== (after[f] ?? null));
        if (edited) blockers.push(p.name);
      }
      if (blockers.length > 0) {
        const shown = blockers.slice(0, 10).join('、') + (blockers.length > 10 ? ` 等 ${blockers.length} 人` : '');
        fail(ErrorCode.conflict, `以下人员在导入后又被修改过，撤销会丢失这些修改，因此不能撤销本批导入：${shown}`, blockers);
      }
      const undoBatch = `undo-import-${batchId}`;
      let removed = 0;
      let restored = 0;
      for (const it of items.filter((i) => i.entity === 'person')) {
        const p = people.get(it.id);
        if (!p) continue;
        if (it.action === 'create') {
          deletePerson.run(it.id);
          this.audit.record([{ entity: 'person', entityId: it.id, action: 'delete', oldValue: { name: p.name, idNumber: p.idNumber, badge: p.badge } }], undoBatch);
          removed++;
        } else {
          const before = JSON.parse(it.beforeJson ?? '{}') as Snapshot;
          const fields = Object.keys(before) as PersonField[];
          this.db
            .prepare(`UPDATE people SET ${fields.map((f) => `${PERSON_COLUMNS[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
            .run(...fields.map((f) => before[f] ?? null), this.ctx.clock.now().toISOString(), it.id);
          if (fields.includes('name') || fields.includes('badge')) this.roster.renamed(it.id);
          this.audit.record(fields.map((f) => ({ entity: 'person', entityId: it.id, action: 'update' as const, field: f, oldValue: p[f], newValue: before[f] })), undoBatch);
          restored++;
        }
      }
      for (const it of items.filter((i) => i.entity === 'unit')) {
        const inUse = this.db.prepare('SELECT 1 FROM people WHERE unit_id = ? UNION ALL SELECT 1 FROM units WHERE parent_id = ?').get(it.id, it.id);
        if (!inUse && this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(it.id)) this.units.delete(it.id);
      }
      this.db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(this.ctx.clock.now().toISOString(), batchId);
      return { batchId, removed, restored };
    })();
  }

  /** The refused rows with their original cells and a 错误原因 column, as an .xlsx. */
  async errorWorkbook(input: { previewId: string; path?: string }): Promise<{ out: string | null; dataBase64: string | null; fileName: string }> {
    const { preview, raw } = this.heldPreview(input.previewId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('未导入的行');
    const header = ws.addRow(['原行号', ...preview.columns, '错误原因']);
    header.font = { bold: true };
    for (const r of preview.rows) {
      if (r.class !== 'invalid' && r.class !== 'duplicate') continue;
      ws.addRow([r.row, ...(raw.get(r.row) ?? []), r.reason ?? '']).eachCell((c) => {
        c.numFmt = '@'; // keep ID numbers as the text they were
      });
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 8 : i === preview.columns.length + 1 ? 48 : 16));
    const fileName = `${path.parse(preview.fileName).name}-未导入的行.xlsx`;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    if (input.path) {
      const tmp = `${input.path}.partial`;
      fs.writeFileSync(tmp, buffer);
      fs.renameSync(tmp, input.path);
      return { out: input.path, dataBase64: null, fileName };
    }
    return { out: null, dataBase64: buffer.toString('base64'), fileName };
  }

  dispose(): void {
    fs.rmSync(this.stagingDir, { recursive: true, force: true });
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

/** Thrown inside the transaction to roll it back (empty batch, dry run); carries the counts out. */
export class NothingApplied extends Error {
  constructor(readonly result: ImportApplyResult) {
    super('nothing applied');
  }
}
