import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlersOf } from '../../../shared/contract/types';
import type { CollectBoardItem, CollectionDetail, CreatedCollection } from '../../../shared/contract/collect';
import type { ExportOutcome } from '../../../shared/contract/exports';
import { exportFileName } from '../../../shared/contract/exports';
import type { Task } from '../../../shared/domain/supervision';
import { CLOSED_STATUSES } from '../../../shared/domain/supervision';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { UnitService } from '../units/unit-service';
import type { LedgerService } from '../ledger/ledger-service';
import type { SupervisionService } from '../supervision/supervision-service';
import type { ExportService } from '../export/export-service';
import type { JobRegistry } from '../jobs/job-registry';
import { ErrorCode, fail } from '../errors';
import { CollectStore, type DbCollection, type DbUnit } from './collect-store';
import { COLLECTION_CODE_LENGTH, UNIT_CODE_LENGTH, collectFields, randomCode, schemaHash } from './collect-schema';
import { writeFormFile } from './form-workbook';
import type { FormIdentity } from './form-identity';
import { CollectReceiver } from './receive';
import { CollectFill, COLLECTION_ENTITY } from './fill';
import { writeConsolidated } from './consolidated-export';

const OFFICE_UID_KEY = 'collectOfficeUid';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim().slice(0, 80) || '未命名';

export interface CollectDeps {
  ctx: BackendContext;
  audit: AuditService;
  units: UnitService;
  ledger: LedgerService;
  supervision: SupervisionService;
  exports: ExportService;
  jobs: JobRegistry;
  officeName: () => string;
}

/** 填报 and 汇总 behind the `collect.*` contract: 下发, 汇总, status and 催报, 报送, and 填报 for the office above. */
export class CollectService {
  readonly store: CollectStore;
  readonly receiver: CollectReceiver;
  readonly fill: CollectFill;

  constructor(private readonly d: CollectDeps) {
    this.store = new CollectStore(d.ctx.db);
    this.receiver = new CollectReceiver(d.ctx, d.audit, this.store, {
      officeUid: () => this.officeUid(),
      folder: (c) => this.folder(c),
      returned: (unit, version) => this.finishUrge(unit, version),
    });
    this.fill = new CollectFill(d.ctx, d.audit, d.ledger, this.store, () => this.officeUid());
  }

  private get db() {
    return this.d.ctx.db;
  }

  private today(): string {
    return this.d.ctx.clock.today();
  }

  /** This data file's own code: tells our collections from another office's. Made on first use. */
  officeUid(): string {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(OFFICE_UID_KEY) as string | undefined;
    if (row) return row;
    const uid = randomUUID();
    this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(OFFICE_UID_KEY, uid);
    return this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(OFFICE_UID_KEY) as string;
  }

  /** Beside the data file: 填报汇总/<台账-期间-表号>/ with 下发/ (forms) and 收到/ (files received). */
  folder(c: Pick<DbCollection, 'uid' | 'title' | 'period'>): string {
    return path.join(path.dirname(path.resolve(this.d.ctx.dbPath)), '填报汇总', safeName(`${c.title}-${c.period}-${c.uid}`));
  }

  /** `today`: the day the due date is compared with (the CLI's --today). */
  detail(id: number, today = this.today()): CollectionDetail {
    const c = this.store.collection(id);
    return this.store.detail(c, today, this.folder(c));
  }

  private formIdentity(c: Pick<DbCollection, 'uid' | 'title' | 'period' | 'dueDate' | 'instructions' | 'schemaHash'>, unit: { token: string; name: string }, fields: FormIdentity['fields']): FormIdentity {
    return {
      kind: 'form', collection: c.uid, unit: unit.token, unitName: unit.name, office: this.officeUid(), officeName: this.d.officeName(),
      title: c.title, period: c.period, dueDate: c.dueDate, schemaHash: c.schemaHash, dataSheet: null, fields, instructions: c.instructions, filledAt: null,
    };
  }

  private formPath(dir: string, c: { title: string; period: string }, unitName: string): string {
    return path.join(dir, `${safeName(`${c.title}填报表（${c.period}）-${unitName}`)}.xlsx`);
  }

  /** 下发: the collection, and one 填报表 per unit, written before the collection is saved (no collection without its forms). */
  async create(input: { categoryId: number; period: string; dueDate: string; instructions: string; unitIds: number[]; unitNames: string[]; outDir?: string | undefined }): Promise<CreatedCollection> {
    const cat = this.d.ledger.categories.get(input.categoryId);
    if (cat.archived) fail(ErrorCode.conflict, `“${cat.name}”已归档，不能下发`);
    const fields = collectFields(cat);
    if (fields.length === 0) fail(ErrorCode.validation, `“${cat.name}”没有任何栏目，无法下发`);
    const asked: { name: string; unitId: number | null }[] = [];
    for (const id of input.unitIds) asked.push({ name: this.d.units.get(id).name, unitId: id });
    for (const raw of input.unitNames) {
      const name = raw.trim();
      const known = this.db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(name) as number | undefined;
      asked.push({ name, unitId: known ?? null });
    }
    const units = asked.filter((u, i) => asked.findIndex((x) => x.name === u.name) === i);
    if (units.length === 0) fail(ErrorCode.validation, '请至少选择一个填报单位');

    let uid = randomCode(COLLECTION_CODE_LENGTH);
    while (this.store.byUid(uid)) uid = randomCode(COLLECTION_CODE_LENGTH);
    const tokens = new Set<string>();
    const withTokens = units.map((u) => {
      let token = randomCode(UNIT_CODE_LENGTH);
      while (tokens.has(token)) token = randomCode(UNIT_CODE_LENGTH);
      tokens.add(token);
      return { ...u, token };
    });
    const base = { uid, title: cat.name, period: input.period, dueDate: input.dueDate, instructions: input.instructions.trim(), schemaHash: schemaHash(fields) };
    const dir = input.outDir ? path.resolve(input.outDir) : path.join(this.folder(base), '下发');
    if (input.outDir && (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())) fail(ErrorCode.notFound, `文件夹“${dir}”不存在`);
    fs.mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    try {
      for (const u of withTokens) {
        const out = this.formPath(dir, base, u.name);
        await writeFormFile(out, { identity: this.formIdentity(base, u, fields), fields, rows: [], reportDate: null });
        written.push(out);
      }
      const id = this.db.transaction(() => {
        const now = this.d.ctx.clock.now().toISOString();
        const cid = Number(
          this.db
            .prepare(
              `INSERT INTO collections (uid, direction, category_id, title, period, due_date, instructions, office_name, office_uid, schema_json, schema_hash, created_at, actor)
               VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(uid, cat.id, cat.name, base.period, base.dueDate, base.instructions, this.d.officeName(), this.officeUid(), JSON.stringify(fields), base.schemaHash, now, this.d.ctx.actor).lastInsertRowid,
        );
        const ins = this.db.prepare('INSERT INTO collection_units (collection_id, token, name, unit_id, sort_order, form_file) VALUES (?, ?, ?, ?, ?, ?)');
        withTokens.forEach((u, i) => ins.run(cid, u.token, u.name, u.unitId, i, written[i]));
        this.d.audit.record([{ entity: COLLECTION_ENTITY, entityId: cid, action: 'create', field: '下发', newValue: { 台账: cat.name, 期间: base.period, 截止日期: base.dueDate, 单位: units.map((u) => u.name) } }]);
        return cid;
      })();
      return { collection: this.detail(id), files: withTokens.map((u, i) => ({ unit: u.name, file: written[i]! })) };
    } catch (err) {
      for (const f of written) fs.rmSync(f, { force: true });
      throw err;
    }
  }

  /** One unit's 填报表 again (its file beside the data file may have been moved or sent). */
  async formFile(collectionId: number, unitId: number, out?: string): Promise<ExportOutcome> {
    const c = this.store.collection(collectionId);
    const unit = this.store.unit(unitId);
    if (unit.collectionId !== c.id) fail(ErrorCode.validation, '该单位不在本次收集的名单中');
    const fields = this.store.fields(c);
    return this.deliver(`${c.title}填报表（${c.period}）-${unit.name}`, out, (file) =>
      writeFormFile(file, { identity: { ...this.formIdentity(c, unit, fields), office: c.officeUid, officeName: c.officeName }, fields, rows: [], reportDate: null }),
    );
  }

  /** Writes to `out`, or to a temp file handed back as data (the browser downloads it). */
  private async deliver(name: string, out: string | undefined, write: (file: string) => Promise<{ rows: number }>): Promise<ExportOutcome> {
    const fileName = `${safeName(name)}.xlsx`;
    const file = out ?? path.join(os.tmpdir(), `ledgerdesk-collect-${randomUUID()}.xlsx`);
    const r = await write(file);
    if (out) return { out, rows: r.rows, fileName, dataBase64: null };
    const data = fs.readFileSync(file).toString('base64');
    fs.rmSync(file, { force: true });
    return { out: null, rows: r.rows, fileName, dataBase64: data };
  }

  // ── 催报 ─────────────────────────────────────────────────────────────────────────

  private openTask(id: number | null): Task | null {
    if (id === null) return null;
    try {
      const t = this.d.supervision.tasks.get(id);
      return CLOSED_STATUSES.includes(t.status) ? null : t;
    } catch {
      return null;
    }
  }

  /**
   * A 催办 task per late unit, in the supervision module (its colour rises with the dates, its
   * trail records each 催办); a unit already chased gets another 催办 line on its open task.
   */
  urge(collectionId: number, dueDate: string, unitIds?: number[]): { created: Task[]; urged: Task[] } {
    const c = this.store.collection(collectionId);
    if (c.direction !== 'out') fail(ErrorCode.validation, '只能对本单位下发的收集催报');
    const statuses = this.store.unitStatuses(c, this.today());
    const targets = unitIds ? statuses.filter((s) => unitIds.includes(s.id)) : statuses.filter((s) => s.state === 'late');
    const chased = targets.filter((s) => s.state !== 'submitted');
    if (chased.length === 0) fail(ErrorCode.validation, unitIds ? '所选单位都已报送，无需催报' : '没有逾期未报的单位');
    const tasks = this.d.supervision.tasks;
    return this.db.transaction(() => {
      const created: Task[] = [];
      const urged: Task[] = [];
      for (const s of chased) {
        const text = `催报：请于 ${dueDate} 前报送“${c.title}（${c.period}）”${c.dueDate ? `（原定截止 ${c.dueDate}）` : ''}`;
        const open = this.openTask(s.urgeTaskId);
        if (open) {
          tasks.act(open.id, 'urge', text);
          urged.push(tasks.get(open.id));
          continue;
        }
        const id = tasks.insert({
          parentId: null, title: `催报：${c.title}（${c.period}）— ${s.name}`,
          content: `${s.name}未按期报送“${c.title}（${c.period}）”${c.dueDate ? `，原定截止 ${c.dueDate}` : ''}。请于 ${dueDate} 前报送。`,
          source: '自定', leadLeaderId: null, unitId: s.unitId, responsibleId: null, helperUnitIds: [], startDate: null, dueDate,
          progress: 0, status: '未开始', evidence: null, horizon: null, ledgerRecordId: null,
        });
        tasks.act(id, 'urge', text);
        this.db.prepare('UPDATE collection_units SET urge_task_id = ? WHERE id = ?').run(id, s.id);
        created.push(tasks.get(id));
      }
      return { created, urged };
    })();
  }

  /** The unit returned: its open 催报 task is done, with a reply line saying so. Inside the receive transaction. */
  private finishUrge(unit: DbUnit, version: number): void {
    const open = this.openTask(unit.urgeTaskId);
    if (!open) return;
    this.d.supervision.tasks.act(open.id, 'reply', `已报送（第 ${version} 次）`);
    this.d.supervision.tasks.update(open.id, { status: '已办结' });
  }

  // ── 汇总报送 ─────────────────────────────────────────────────────────────────────

  async exportConsolidated(input: { collectionId: number; asReturnFor?: number | undefined; path?: string | undefined; jobId?: string | undefined }): Promise<ExportOutcome> {
    const c = this.store.collection(input.collectionId);
    if (c.direction !== 'out') fail(ErrorCode.validation, '上级下发的填报表请用“生成报送文件”');
    const fields = this.store.fields(c);
    let asReturn: FormIdentity | null = null;
    if (input.asReturnFor !== undefined) {
      const upper = this.store.collection(input.asReturnFor);
      if (upper.direction !== 'in') fail(ErrorCode.validation, '只能作为上级下发的填报表的报送文件');
      if (upper.schemaHash !== c.schemaHash) fail(ErrorCode.validation, `本次收集的栏目与上级下发的“${upper.title}”不一致，不能作为它的报送文件`);
      asReturn = this.fill.identity(upper);
    }
    const units = this.store.unitStatuses(c, this.today());
    const rows = this.store.consolidatedCount(c.id);
    const name = asReturn ? `${c.title}（${c.period}）报送-${asReturn.unitName}` : `${c.title}汇总表（${c.period}）`;
    const outcome = await this.d.exports.deliver(
      {
        name,
        rows,
        write: (out, options) =>
          writeConsolidated(out, {
            title: c.title, period: asReturn?.period ?? c.period, officeName: this.d.officeName(), reportDate: this.today(), fields, units,
            rows: this.store.consolidated(c.id), asReturn,
          }, options),
      },
      { path: input.path, jobId: input.jobId },
    );
    if (asReturn) this.fill.sent(this.store.collection(input.asReturnFor!), outcome.rows);
    return { out: outcome.out, rows: outcome.rows, fileName: exportFileName(name, this.today()), dataBase64: outcome.dataBase64 };
  }

  // ── 填报 for the office above ────────────────────────────────────────────────────

  async writeReturn(collectionId: number, recordIds: number[], out?: string): Promise<ExportOutcome> {
    const c = this.store.collection(collectionId);
    const rows = this.fill.returnRows(c, recordIds);
    const identity = this.fill.identity(c);
    const r = await this.deliver(`${c.title}（${c.period}）-${c.unitName ?? ''}`, out, (file) =>
      writeFormFile(file, { identity, fields: this.store.fields(c), rows, reportDate: this.today() }),
    );
    this.fill.sent(c, rows.length);
    return r;
  }

  board(today = this.today()): CollectBoardItem[] {
    return this.store
      .all('out')
      .map((c) => this.store.summary(c, today, null))
      .sort((a, b) => Number(b.missing > 0) - Number(a.missing > 0) || (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || b.id - a.id)
      .slice(0, 8)
      .map((s) => ({ id: s.id, title: s.title, period: s.period, dueDate: s.dueDate, units: s.units, submitted: s.submitted, late: s.late }));
  }

  handlers(): HandlersOf<'collect'> {
    return {
      'collect.list': (i) => this.store.all(i.direction).map((c) => this.store.summary(c, this.today(), null)),
      'collect.get': (i) => this.detail(i.id),
      'collect.create': (i) => this.create(i),
      'collect.formFile': (i) => this.formFile(i.collectionId, i.unitId, i.path),
      'collect.previewReceive': async (i) => {
        const files = i.folder ? [...i.files, ...CollectReceiver.folderFiles(i.folder)] : i.files;
        const job = this.d.jobs.start(i.jobId, '读取报送文件');
        try {
          return await this.receiver.preview(files, i.collectionId ?? null, (done, total) => job.report(done, total), job.signal);
        } finally {
          job.end();
        }
      },
      'collect.previewRows': (i) => this.receiver.rows(i.previewId, i.index, i.classes, i.offset, i.limit),
      'collect.applyReceive': (i) => this.receiver.apply(i.previewId, i.files, i.dryRun),
      'collect.undoReturn': (i) => this.receiver.undo(i.returnId),
      'collect.rows': (i) => ({ total: this.store.consolidatedCount(i.collectionId), rows: [...this.store.consolidated(i.collectionId, i.offset, i.limit)] }),
      'collect.urge': (i) => this.urge(i.collectionId, i.dueDate, i.unitIds),
      'collect.exportConsolidated': (i) => this.exportConsolidated(i),
      'collect.board': (i) => this.board(i.today),
      'collect.openForm': async (i) => {
        const { collection, created } = await this.fill.open(i.path);
        return { ...this.detail(collection.id), categoryCreated: created };
      },
      'collect.fillCandidates': (i) => this.fill.candidates(this.store.collection(i.collectionId)),
      'collect.writeReturn': (i) => this.writeReturn(i.collectionId, i.recordIds, i.path),
    };
  }
}
