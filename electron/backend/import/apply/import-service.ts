import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { ImportApplyResult, ImportBatch, ImportPreview, ImportUndoResult } from '../../../../shared/contract/imports';
import { ApiError } from '../../../../shared/contract/define';
import type { AuditService } from '../../audit/audit-service';
import type { BackendContext } from '../../context';
import { ErrorCode, fail } from '../../errors';
import type { JobRegistry } from '../../jobs/job-registry';
import type { UnitService } from '../../units/unit-service';
import { ImportFileError } from '../errors';
import { readTable } from '../index';
import { headerSignature } from '../mapping/header-signature';
import type { ParsedImport } from '../parsed-import';
import { previewOf } from '../preview-of';
import type { BatchItem, ImportKind, RowWriter } from './import-kind';
import { placeImportUnits, type ImportUnitPlacement } from '../../units/import-units';

const KEEP_PREVIEWS = 3;

interface HeldPreview {
  preview: ImportPreview;
  kind: ImportKind;
  /** raw cells of the refused rows by sheet row, for the error workbook */
  raw: Map<number, string[]>;
}

export interface PreviewInput {
  path: string;
  fileName?: string;
  sheet?: string;
  mapping?: Record<string, string>;
  jobId?: string;
}

export interface ApplyInput {
  previewId: string;
  skipRows: number[];
  createUnits: string[];
  /** where created units go, and unknown names the user said mean an existing unit */
  units?: ImportUnitPlacement | undefined;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** how a refusal for a missing unit tells this user to create it (the screen has a tick box, the CLI a flag) */
  unitHint?: string;
}

/** The screen's words; the CLI passes its own. */
export const SCREEN_UNIT_HINT = '可在导入时勾选创建该单位';

/** Thrown inside the transaction to roll it back (nothing to apply, a dry run); carries the counts out. */
class NothingApplied extends Error {
  constructor(readonly result: ImportApplyResult) {
    super('nothing applied');
  }
}

/**
 * The one import path, for every kind (the roster, each ledger category): stage a file,
 * preview it (read, map, validate, classify — nothing written), apply the ticked rows in one
 * transaction recorded as a batch (with the units it was asked to create), undo a batch,
 * and the workbook of refused rows. What differs by kind is in its ImportKind.
 */
export class ImportService {
  private readonly held = new Map<string, HeldPreview>();
  private readonly stagingDir = path.join(os.tmpdir(), `ledgerdesk-staging-${process.pid}`);
  private readonly kinds: { prefix: string; kindFor: (target: string) => ImportKind }[] = [];

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly units: UnitService,
    private readonly jobs: JobRegistry,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** How batches of a target ("roster", "ledger:…") are undone: by the kind the owner builds for it. */
  register(prefix: string, kindFor: (target: string) => ImportKind): void {
    this.kinds.push({ prefix, kindFor });
  }

  stageFile(name: string, dataBase64: string): { path: string; name: string; size: number } {
    fs.mkdirSync(this.stagingDir, { recursive: true });
    // characters no file name may hold on Windows, control characters included
    // eslint-disable-next-line no-control-regex -- removing them is the point
    const safe = path.basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'file';
    const file = path.join(this.stagingDir, `${randomUUID()}-${safe}`);
    const data = Buffer.from(dataBase64, 'base64');
    fs.writeFileSync(file, data);
    return { path: file, name: safe, size: data.length };
  }

  private rememberedMapping(kind: ImportKind, columns: string[]): Record<string, string> | null {
    const row = this.db.prepare('SELECT mapping_json FROM import_mappings WHERE target = ? AND signature = ?').get(kind.target.key, headerSignature(columns)) as { mapping_json: string } | undefined;
    return row ? (JSON.parse(row.mapping_json) as Record<string, string>) : null;
  }

  private rememberMapping(kind: ImportKind, columns: string[], mapping: Record<string, string>): void {
    this.db
      .prepare('INSERT INTO import_mappings (target, signature, mapping_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(target, signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at')
      .run(kind.target.key, headerSignature(columns), JSON.stringify(mapping), this.ctx.clock.now().toISOString());
  }

  async preview(kind: ImportKind, input: PreviewInput): Promise<ImportPreview> {
    const job = this.jobs.start(input.jobId, '读取文件');
    try {
      const unitNames = this.units.list().map((u) => u.name);
      const read = (mapping?: Record<string, string>) =>
        readTable(input.path, {
          target: kind.target,
          sheet: input.sheet,
          mapping,
          units: unitNames,
          signal: job.signal,
          onProgress: (p) => job.report(p.rowsRead),
        });
      let parsed = await read(input.mapping);
      let remembered = false;
      if (kind.remembersMappings) {
        if (input.mapping) this.rememberMapping(kind, parsed.columns, parsed.mapping);
        else {
          const saved = this.rememberedMapping(kind, parsed.columns);
          if (saved && JSON.stringify(saved) !== JSON.stringify(parsed.mapping)) {
            parsed = await read(saved);
            remembered = true;
          }
        }
      }
      job.report(parsed.rows.length + parsed.refused.length, null, '核对');
      const preview = previewOf(parsed, kind.classify(parsed), { path: input.path, fileName: input.fileName, fields: kind.fields, rememberedMapping: remembered });
      this.held.set(preview.previewId, { preview, kind, raw: refusedCells(parsed, preview) });
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

  /** The preview a previewId names (the CLI reads its columns and labels). */
  previewOf(previewId: string): ImportPreview {
    return this.heldPreview(previewId).preview;
  }

  /** Every ticked new and changed row in one transaction: all go in, or none do. */
  apply(input: ApplyInput, opts: ApplyOptions = {}): ImportApplyResult {
    const held = this.heldPreview(input.previewId);
    try {
      return this.db.transaction(() => {
        const result = this.applyRows(held, new Set(input.skipRows), new Set(input.createUnits), input.units, opts.unitHint ?? SCREEN_UNIT_HINT);
        // a dry run does the real work and then rolls it back: what it reports is what would happen
        if (opts.dryRun) throw new NothingApplied({ ...result, batchId: null });
        return result;
      })();
    } catch (err) {
      if (err instanceof NothingApplied) return err.result;
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        throw new ApiError(ErrorCode.conflict, `${held.kind.target.label}在预览之后有了变化（如身份证号或警号重复），本次导入未做任何更改，请重新预览。`);
      }
      throw err;
    }
  }

  private applyRows({ preview, kind }: HeldPreview, skip: Set<number>, createUnits: Set<string>, placement: ImportUnitPlacement | undefined, unitHint: string): ImportApplyResult {
    kind.assertWritable?.();
    const now = this.ctx.clock.now().toISOString();
    const result: ImportApplyResult = { batchId: null, added: 0, updated: 0, unchanged: 0, skipped: 0, refused: [], unitsCreated: [] };
    const batchId = Number(
      this.db
        .prepare('INSERT INTO import_batches (target, file_name, sheet, applied_at, actor, added, updated, unchanged, refused) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)')
        .run(kind.batchTarget, preview.fileName, preview.sheet, now, this.ctx.actor).lastInsertRowid,
    );
    const itemStatement = this.db.prepare('INSERT INTO import_batch_items (batch_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
    const item: RowWriter['item'] = (entity, id, action, before, after) =>
      itemStatement.run(batchId, entity, id, action, before === null ? null : JSON.stringify(before), JSON.stringify(after));

    const unitIds = new Map(this.units.list().map((u) => [u.name, u.id]));
    const wanted = new Set<string>();
    for (const r of preview.rows) if ((r.class === 'new' || r.class === 'changed') && r.newUnit && !skip.has(r.row)) wanted.add(r.newUnit);
    const placed = placeImportUnits(this.units, preview.unknownUnits.filter((n) => !unitIds.has(n)), createUnits, (name) => wanted.has(name), placement);
    for (const [name, id] of placed.ids) unitIds.set(name, id);
    for (const unit of placed.created) {
      item('unit', unit.id, 'create', null, { name: unit.name });
      result.unitsCreated.push(unit.name);
    }

    const writer: RowWriter = { batchId, auditBatch: `import-${batchId}`, now, unitId: (name) => unitIds.get(name), item, unitHint };
    kind.begin?.(writer);
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
      const w = kind.writeRow(r, writer);
      if (w.kind === 'refused') result.refused.push({ row: r.row, reason: w.reason });
      else result[w.kind]++;
    }
    kind.finish?.(writer);
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

  /** Batches of targets starting with `prefix` ("roster", "ledger:"), newest first. */
  batches(prefix: string): ImportBatch[] {
    return this.db
      .prepare(
        `SELECT id, target, file_name AS fileName, sheet, applied_at AS appliedAt, actor, added, updated, unchanged, refused,
                units_created AS unitsCreated, undone_at AS undoneAt FROM import_batches WHERE substr(target, 1, length(?)) = ? ORDER BY id DESC`,
      )
      .all(prefix, prefix) as ImportBatch[];
  }

  /**
   * Undoes a batch: its kind takes back its rows (refused, naming them, when any was edited
   * since); then each unit it created is deleted — or kept, with the reason, when something
   * else uses it now (a person added by hand, a ledger record, a task).
   */
  undoBatch(batchId: number, prefix: string, notFound = '该导入批次不存在'): ImportUndoResult {
    return this.db.transaction(() => {
      const batch = this.db.prepare('SELECT target, undone_at AS undoneAt FROM import_batches WHERE id = ?').get(batchId) as { target: string; undoneAt: string | null } | undefined;
      if (!batch || !batch.target.startsWith(prefix)) return fail(ErrorCode.notFound, notFound);
      if (batch.undoneAt) fail(ErrorCode.conflict, '该批次已经撤销过了');
      const kind = this.kindFor(batch.target);
      const items = this.db.prepare('SELECT entity, entity_id AS id, action, before_json AS beforeJson, after_json AS afterJson FROM import_batch_items WHERE batch_id = ?').all(batchId) as BatchItem[];
      const now = this.ctx.clock.now().toISOString();
      const { removed, restored } = kind.undoRows({ batchId, auditBatch: `import-${batchId}`, undoAuditBatch: `undo-import-${batchId}`, items: items.filter((i) => i.entity !== 'unit'), now });
      const keptUnits: { name: string; reason: string }[] = [];
      let unitsRemoved = 0;
      for (const it of items.filter((i) => i.entity === 'unit')) {
        const unit = this.db.prepare('SELECT name FROM units WHERE id = ?').get(it.id) as { name: string } | undefined;
        if (!unit) continue;
        try {
          // a savepoint of its own: a unit still in use stays, and the undo goes on
          this.db.transaction(() => this.units.delete(it.id))();
          unitsRemoved++;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          keptUnits.push({ name: unit.name, reason: e.message });
        }
      }
      this.db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(now, batchId);
      return { batchId, removed, restored, unitsRemoved, keptUnits };
    })();
  }

  private kindFor(target: string): ImportKind {
    const k = this.kinds.find((x) => target === x.prefix || target.startsWith(x.prefix));
    return k ? k.kindFor(target) : fail(ErrorCode.notFound, '该导入批次不存在');
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
}

/** Raw cells of the rows the preview refuses (by the reader's checks or the kind's): what the error workbook writes. */
function refusedCells(parsed: ParsedImport, preview: ImportPreview): Map<number, string[]> {
  const refused = new Set<number>();
  for (const r of preview.rows) if (r.class === 'invalid' || r.class === 'duplicate') refused.add(r.row);
  const raw = new Map<number, string[]>();
  for (const r of parsed.refused) raw.set(r.row, r.raw);
  for (const r of parsed.rows) if (refused.has(r.row)) raw.set(r.row, r.raw);
  return raw;
}
