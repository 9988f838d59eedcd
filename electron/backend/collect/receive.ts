import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReceiveFilePreview, ReceivePreview, ReceiveResult, ReceiveRow, ReceiveRowClass } from '../../../shared/contract/collect';
import { ImportFileError, readTable } from '../import';
import { ReadWorkerPool } from '../import/read/read-worker-pool';
import type { WorkerEntry } from '../import/read/worker-path';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { DbRefs } from '../ledger/refs';
import { ErrorCode, fail } from '../errors';
import type { CollectStore, DbCollection, DbUnit } from './collect-store';
import { returnTarget } from './collect-schema';
import { readIdentity } from './read-identity';
import { countClasses, diffRows, type SheetRow } from './row-diff';

export const RETURN_ENTITY = 'collection_return';

/** One file being received: what it is, whose it is, its rows, and what it would change. */
interface FileWork {
  preview: ReceiveFilePreview;
  path: string;
  sha256: string;
  collection: DbCollection | null;
  rows: SheetRow[];
  refused: { row: number; reason: string; values: Record<string, unknown> }[];
  /** against the unit's rows in force; null until the unit is known */
  diff: ReceiveRow[] | null;
}

interface HeldPreview {
  files: FileWork[];
  /** receiving inside one collection (the screen), or wherever each file belongs (the CLI) */
  collectionId: number | null;
}

export interface ReceiveHooks {
  officeUid(): string;
  /** the folder of a collection beside the data file */
  folder(c: DbCollection): string;
  /** a unit returned: its open 催报 task is finished (inside the transaction) */
  returned(unit: DbUnit, version: number): void;
}

const KEEP_PREVIEWS = 3;
/** files read side by side: the reading runs in worker threads, the checking here */
const PARALLEL = 2;

const emptyCounts = (): Record<ReceiveRowClass, number> => ({ new: 0, changed: 0, unchanged: 0, removed: 0, refused: 0 });

/** 汇总: returned files checked and previewed, then applied in one transaction; a return undone. */
export class CollectReceiver {
  private readonly held = new Map<string, HeldPreview>();
  /** where the reading worker starts from; a bench running from source points it at the built one */
  workerEntry: WorkerEntry | undefined;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly store: CollectStore,
    private readonly hooks: ReceiveHooks,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** A folder's .xlsx files, sorted by name (Office's lock files "~$…" left out). */
  static folderFiles(folder: string): { path: string; name: string }[] {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) fail(ErrorCode.notFound, `文件夹“${folder}”不存在`);
    return fs
      .readdirSync(folder)
      .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .map((n) => ({ path: path.join(folder, n), name: n }));
  }

  async preview(files: { path: string; name?: string }[], collectionId: number | null, progress: (done: number, total: number) => void, signal?: AbortSignal): Promise<ReceivePreview> {
    if (files.length === 0) fail(ErrorCode.validation, '请选择要接收的文件');
    if (collectionId !== null) this.store.collection(collectionId);
    const work: FileWork[] = new Array(files.length);
    let next = 0;
    let done = 0;
    // the batch's files go through a few reading threads kept for the whole batch
    const pool = new ReadWorkerPool({ size: Math.min(PARALLEL, files.length), workerEntry: this.workerEntry });
    const worker = async () => {
      for (let i = next++; i < files.length; i = next++) {
        signal?.throwIfAborted();
        work[i] = await this.readOne(i, files[i]!.path, files[i]!.name ?? path.basename(files[i]!.path), collectionId, pool, signal);
        progress(++done, files.length);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
    } finally {
      await pool.close();
    }
    this.markDuplicates(work);
    for (const w of work) this.diff(w);
    const previewId = randomUUID();
    this.held.set(previewId, { files: work, collectionId });
    while (this.held.size > KEEP_PREVIEWS) this.held.delete(this.held.keys().next().value!);
    return { previewId, files: work.map((w) => w.preview) };
  }

  private refuse(w: FileWork, reason: string): FileWork {
    w.preview.state = 'refused';
    w.preview.reason = reason;
    w.rows = [];
    w.refused = [];
    return w;
  }

  private async readOne(index: number, file: string, fileName: string, collectionId: number | null, pool: ReadWorkerPool, signal?: AbortSignal): Promise<FileWork> {
    const w: FileWork = {
      preview: {
        index, fileName, state: 'ok', reason: null, collectionId: null, collectionTitle: null, unitId: null, unitName: null, identifiedBy: null,
        version: 1, previousRows: 0, counts: emptyCounts(), rows: 0,
      },
      path: file, sha256: '', collection: null, rows: [], refused: [], diff: null,
    };
    if (!fs.existsSync(file)) return this.refuse(w, '文件不存在或已被移走');
    if (!/\.xlsx$/i.test(fileName) && !/\.xlsx$/i.test(file)) return this.refuse(w, '不是 .xlsx 文件：填报表应以 Excel/WPS 的 .xlsx 格式保存后报回');
    w.sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const found = await readIdentity(file);
    const id = found.identity;
    w.preview.identifiedBy = found.by;

    // which collection
    let c: DbCollection | null;
    if (id) {
      c = this.store.byUid(id.collection);
      if (!c) {
        if (id.office && id.office !== this.hooks.officeUid()) {
          return this.refuse(w, `这是“${id.officeName || '其他单位'}”下发的填报表，不是本单位发出的收集，不能在这里汇总`);
        }
        return this.refuse(w, `本单位没有表号为 ${id.collection} 的收集（可能已被删除，或是其他单位的表格）`);
      }
      if (c.direction === 'in') return this.refuse(w, `这是上级下发给本单位的“${c.title}”填报表，请在“上级下发”中打开并填报，不能当作下级报送接收`);
      if (collectionId !== null && c.id !== collectionId) return this.refuse(w, `该文件属于另一次收集“${c.title}（${c.period}）”，请到那次收集中接收`);
    } else if (collectionId !== null) {
      c = this.store.collection(collectionId);
    } else {
      return this.refuse(w, '无法识别该文件属于哪次收集：它不是本程序下发的填报表，或“填报信息”工作表和表号都已丢失');
    }
    w.collection = c;
    w.preview.collectionId = c.id;
    w.preview.collectionTitle = `${c.title}（${c.period}）`;

    // which unit
    if (id) {
      const unit = this.store.units(c.id).find((u) => u.token === id.unit);
      if (!unit) return this.refuse(w, `填报单位“${id.unitName || id.unit}”不在本次收集的名单中`);
      w.preview.unitId = unit.id;
      w.preview.unitName = unit.name;
      if (id.schemaHash && id.schemaHash !== c.schemaHash) return this.refuse(w, '该文件的栏目与本次收集下发的不一致（可能是旧的或其他收集的表格），请用本次下发的填报表重新填写');
    } else {
      w.preview.state = 'ask-unit';
      w.preview.reason = '该文件没有本程序的填报信息（可能是复制到新工作簿后保存的），请选择它是哪个单位报送的';
    }

    // the rows, checked as a normal import of the collected fields
    const fields = this.store.fields(c);
    try {
      const sheet = id?.dataSheet && found.visibleSheets.includes(id.dataSheet) ? id.dataSheet : undefined;
      const parsed = await readTable(file, { target: returnTarget(c.uid, c.title, fields, new DbRefs(this.db)), sheet, signal, runner: pool.run });
      const mapped = new Set(Object.values(parsed.mapping));
      const lost = fields.filter((f) => !mapped.has(f.key)).map((f) => f.label);
      if (lost.length) return this.refuse(w, `找不到这些栏目：${lost.join('、')}（请用下发的填报表填写，不要改动表头或删除列）`);
      const seq = parsed.columns.findIndex((col) => col.replace(/\s+/g, '') === '序号');
      // empty is absent, as in a ledger record
      w.rows = parsed.rows.map((r) => ({ row: r.row, values: Object.fromEntries(Object.entries(r.values).filter(([, v]) => v !== null && v !== undefined && v !== '')) }));
      // a row with nothing but its 序号 (numbered in advance) is an empty line, not a refused row
      w.refused = parsed.refused
        .filter((r) => r.raw.some((cell, i) => i !== seq && cell.trim() !== ''))
        .map((r) => ({ row: r.row, reason: r.reason, values: Object.fromEntries(parsed.columns.map((col, i) => [col, r.raw[i] ?? ''])) }));
    } catch (err) {
      if (err instanceof ImportFileError) {
        if (err.code === 'IMPORT_CANCELLED') throw err;
        return this.refuse(w, err.message);
      }
      throw err;
    }
    w.preview.rows = w.rows.length;
    if (w.rows.length === 0 && w.refused.length === 0 && w.preview.state === 'ok') {
      w.preview.state = 'empty';
      w.preview.reason = '文件中没有填写任何数据行（可能是未填写的空白填报表）；如该单位本期确实没有内容，可勾选接收';
    }
    if (w.preview.unitId !== null) {
      const prev = this.store.inForce(w.preview.unitId);
      if (prev && prev.fileSha256 === w.sha256) {
        w.preview.state = 'same';
        w.preview.reason = `与已接收的该单位第 ${prev.version} 次报送完全相同，无需再次接收`;
      }
    }
    return w;
  }

  /** A second file from one unit in the same batch is a question, not a silent overwrite. */
  private markDuplicates(work: FileWork[]): void {
    const first = new Map<number, FileWork>();
    for (const w of work) {
      const unit = w.preview.unitId;
      if (unit === null || w.preview.state !== 'ok') continue;
      const earlier = first.get(unit);
      if (!earlier) first.set(unit, w);
      else {
        w.preview.state = 'duplicate';
        w.preview.reason = `同一批中“${w.preview.unitName}”还有另一份文件“${earlier.preview.fileName}”，一个单位只能采用一份，请选择采用哪一份`;
      }
    }
  }

  private diff(w: FileWork): void {
    const unit = w.preview.unitId;
    if (w.collection === null || w.preview.state === 'refused') return;
    const prev = unit === null ? null : this.store.inForce(unit);
    const before = prev ? this.store.rowsOf(prev.id) : [];
    w.diff = diffRows(this.store.fields(w.collection), before, w.rows);
    w.preview.version = unit === null ? 1 : this.store.returnCount(unit) + 1;
    w.preview.previousRows = prev?.rows ?? 0;
    w.preview.counts = countClasses(w.diff, w.refused.length);
  }

  rows(previewId: string, index: number, classes: string[], offset: number, limit: number): { total: number; rows: ReceiveRow[] } {
    const held = this.held.get(previewId) ?? fail(ErrorCode.notFound, '预览已过期，请重新选择文件');
    const w = held.files[index] ?? fail(ErrorCode.notFound, '没有这个文件');
    const refused: ReceiveRow[] = w.refused.map((r) => ({ class: 'refused', row: r.row, values: r.values, reason: r.reason }));
    const all = [...(w.diff ?? w.rows.map((r) => ({ class: 'new' as const, row: r.row, values: r.values }))), ...refused].sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
    const wanted = classes.length ? all.filter((r) => classes.includes(r.class)) : all;
    return { total: wanted.length, rows: wanted.slice(offset, offset + limit) };
  }

  /**
   * Every chosen file in one transaction: each replaces its unit's rows (its earlier return
   * stays, no longer in force). Refused files and those left out touch nothing.
   */
  apply(previewId: string, choices: { index: number; include: boolean; unitId?: number | undefined }[] | undefined, dryRun: boolean): ReceiveResult {
    const held = this.held.get(previewId) ?? fail(ErrorCode.notFound, '预览已过期，请重新选择文件');
    const byIndex = new Map((choices ?? []).map((c) => [c.index, c]));
    const result: ReceiveResult = { accepted: [], refused: [], applied: false };
    const chosen: { w: FileWork; unit: DbUnit }[] = [];
    const taken = new Map<number, string>();
    for (const w of held.files) {
      const choice = byIndex.get(w.preview.index);
      const p = w.preview;
      const include = choice ? choice.include : p.state === 'ok';
      if (!include || p.state === 'refused' || p.state === 'same') {
        if (p.state !== 'ok' || choice) result.refused.push({ index: p.index, file: w.path, reason: p.reason ?? '未选择接收该文件' });
        continue;
      }
      let unitId = p.unitId;
      if (p.state === 'ask-unit') {
        if (choice?.unitId === undefined) {
          result.refused.push({ index: p.index, file: w.path, reason: p.reason! });
          continue;
        }
        unitId = choice.unitId;
      }
      const unit = this.store.unit(unitId!);
      if (unit.collectionId !== w.collection!.id) fail(ErrorCode.validation, `所选单位不在“${w.collection!.title}”的名单中`);
      const other = taken.get(unit.id);
      if (other) fail(ErrorCode.conflict, `“${unit.name}”选了两份文件（${other}、${p.fileName}），一个单位只能采用一份`);
      taken.set(unit.id, p.fileName);
      chosen.push({ w, unit });
    }
    if (dryRun) {
      for (const { w, unit } of chosen) {
        result.accepted.push({ index: w.preview.index, fileName: w.preview.fileName, unit: unit.name, unitId: unit.id, returnId: 0, rows: w.rows.length, replaced: this.store.inForce(unit.id)?.rows ?? 0, refusedRows: w.refused.length });
      }
      return result;
    }
    const copied: string[] = [];
    try {
      this.db.transaction(() => {
        for (const { w, unit } of chosen) result.accepted.push(this.applyOne(w, unit, copied));
      })();
    } catch (err) {
      for (const f of copied) fs.rmSync(f, { force: true });
      throw err;
    }
    result.applied = chosen.length > 0;
    // applied files cannot be applied twice from the same preview
    if (result.applied) this.held.delete(previewId);
    return result;
  }

  private applyOne(w: FileWork, unit: DbUnit, copied: string[]) {
    const c = w.collection!;
    const prev = this.store.inForce(unit.id);
    const version = this.store.returnCount(unit.id) + 1;
    const now = this.ctx.clock.now().toISOString();
    // the file as received, kept beside the data file: what was consolidated can always be shown
    const dir = path.join(this.hooks.folder(c), '收到');
    fs.mkdirSync(dir, { recursive: true });
    const stored = path.join(dir, `${unit.name}-第${version}次-${path.basename(w.preview.fileName)}`.replace(/[\\/:*?"<>|]+/g, '_'));
    fs.copyFileSync(w.path, stored);
    copied.push(stored);
    const returnId = Number(
      this.db
        .prepare(
          `INSERT INTO collection_returns (collection_id, unit_id, version, file_name, file_sha256, stored_file, received_at, actor, rows, refused, replaced_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.id, unit.id, version, w.preview.fileName, w.sha256, stored, now, this.ctx.actor, w.rows.length, w.refused.length, prev?.id ?? null).lastInsertRowid,
    );
    const insert = this.db.prepare('INSERT INTO collection_rows (return_id, seq, sheet_row, data) VALUES (?, ?, ?, ?)');
    w.rows.forEach((r, i) => insert.run(returnId, i + 1, r.row, JSON.stringify(r.values)));
    this.audit.record([
      {
        entity: RETURN_ENTITY, entityId: returnId, action: 'create', field: '接收报送',
        oldValue: prev ? { 第几次: prev.version, 行数: prev.rows } : null,
        newValue: { 收集: `${c.title}（${c.period}）`, 单位: unit.name, 文件: w.preview.fileName, 第几次: version, 行数: w.rows.length, 拒绝行数: w.refused.length },
      },
    ]);
    this.hooks.returned(unit, version);
    return { index: w.preview.index, fileName: w.preview.fileName, unit: unit.name, unitId: unit.id, returnId, rows: w.rows.length, replaced: prev?.rows ?? 0, refusedRows: w.refused.length };
  }

  /** Undoes a unit's return in force: the one before it (if any) is in force again. */
  undo(returnId: number): { returnId: number; unit: string; restoredVersion: number | null } {
    return this.db.transaction(() => {
      const r = this.store.returnById(returnId) ?? fail(ErrorCode.notFound, '该报送记录不存在');
      if (r.undoneAt) fail(ErrorCode.conflict, '该报送已经撤销过了');
      const unit = this.store.unit(r.unitId);
      const current = this.store.inForce(r.unitId);
      if (current?.id !== r.id) fail(ErrorCode.conflict, `“${unit.name}”在这之后又报送过（第 ${current?.version} 次），请先撤销后来的那一次`);
      this.db.prepare('UPDATE collection_returns SET undone_at = ? WHERE id = ?').run(this.ctx.clock.now().toISOString(), r.id);
      const restored = this.store.inForce(r.unitId);
      this.audit.record([
        { entity: RETURN_ENTITY, entityId: r.id, action: 'update', field: '撤销接收', oldValue: { 单位: unit.name, 第几次: r.version, 行数: r.rows }, newValue: restored ? { 恢复为第几次: restored.version, 行数: restored.rows } : null },
      ]);
      return { returnId: r.id, unit: unit.name, restoredVersion: restored?.version ?? null };
    })();
  }
}
