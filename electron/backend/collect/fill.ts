import type { CollectField, FillCandidates } from '../../../shared/contract/collect';
import type { FieldValue, LedgerCategory } from '../../../shared/domain/ledger';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { LedgerService } from '../ledger/ledger-service';
import { displayValue } from '../ledger/field-values';
import { DbRefs } from '../ledger/refs';
import { ErrorCode, fail } from '../errors';
import type { CollectStore, DbCollection } from './collect-store';
import { collectFields, schemaHash } from './collect-schema';
import type { FormIdentity } from './form-identity';
import { readIdentity } from './read-identity';

export const COLLECTION_ENTITY = 'collection';

/**
 * 填报 in LedgerDesk: a 填报表 from the office above is opened here, gets a ledger category
 * with identical fields (ours if we have one, else a new one), and our own records of that
 * ledger are written back in the same form (form-workbook.ts) as our return.
 */
export class CollectFill {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly store: CollectStore,
    private readonly officeUid: () => string,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** A category whose fields hash like the form's, else a new one with the form's fields. */
  private categoryFor(identity: FormIdentity, fields: CollectField[]): { category: LedgerCategory; created: boolean } {
    const hash = schemaHash(fields);
    const same = this.ledger.categories.list(true).find((c) => !c.archived && schemaHash(collectFields(c)) === hash);
    if (same) return { category: same, created: false };
    let name = identity.title || '上级下发台账';
    for (let n = 2; this.ledger.categories.list(true).some((c) => c.name === name); n++) name = `${identity.title}（上级下发${n > 2 ? n - 1 : ''}）`;
    const cat = this.ledger.categories.create({ name, group: '自定义' });
    // the new category's placeholder field goes first: the form's own may share its key or name
    for (const f of cat.fields) this.ledger.categories.removeField(f.id);
    for (const f of fields) {
      this.ledger.categories.addField(cat.id, {
        key: f.key, label: f.label, type: f.type, required: f.required, defaultValue: null, hidden: false, synonyms: f.synonyms,
        choices: f.choices.map((c) => ({ value: c.value, color: c.color, ...(c.closed ? { closed: true } : {}), ...(c.aliases ? { aliases: c.aliases } : {}) })),
      });
    }
    return { category: this.ledger.categories.get(cat.id), created: true };
  }

  async open(file: string): Promise<{ collection: DbCollection; created: boolean }> {
    const found = await readIdentity(file);
    const id = found.identity;
    if (!id) fail(ErrorCode.validation, '该文件不是本程序下发的填报表（没有填报信息），请直接用 Excel/WPS 填写');
    if (id!.office === this.officeUid()) fail(ErrorCode.validation, '这是本单位自己下发的填报表，下级报回后请在“填报汇总”中接收');
    if (!id!.fields || id!.fields.length === 0 || schemaHash(id!.fields) !== id!.schemaHash) {
      fail(ErrorCode.validation, '该填报表的“填报信息”不完整或被改动过，无法在本程序中填报，请直接用 Excel/WPS 填写');
    }
    const identity = id!;
    const fields = identity.fields!;
    return this.db.transaction(() => {
      const existing = this.store.byUid(identity.collection);
      if (existing) {
        if (existing.direction === 'out') fail(ErrorCode.validation, '这是本单位自己下发的填报表，下级报回后请在“填报汇总”中接收');
        return { collection: existing, created: false };
      }
      const { category, created } = this.categoryFor(identity, fields);
      const now = this.ctx.clock.now().toISOString();
      const rowId = Number(
        this.db
          .prepare(
            `INSERT INTO collections (uid, direction, category_id, title, period, due_date, instructions, office_name, office_uid, schema_json, schema_hash,
               unit_token, unit_name, created_at, actor) VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(identity.collection, category.id, identity.title, identity.period, identity.dueDate, identity.instructions, identity.officeName, identity.office,
            JSON.stringify(fields), identity.schemaHash, identity.unit, identity.unitName, now, this.ctx.actor).lastInsertRowid,
      );
      this.audit.record([{ entity: COLLECTION_ENTITY, entityId: rowId, action: 'create', field: '打开上级填报表', newValue: { 下发单位: identity.officeName, 台账: identity.title, 期间: identity.period, 本单位: identity.unitName, 使用台账: category.name, 新建台账: created } }]);
      return { collection: this.store.collection(rowId), created };
    })();
  }

  private category(c: DbCollection): LedgerCategory {
    if (c.direction !== 'in') fail(ErrorCode.validation, '只有上级下发的填报表才需要在本单位填报');
    if (c.categoryId === null) fail(ErrorCode.notFound, '该填报表对应的台账已被删除，请重新打开填报表');
    return this.ledger.categories.get(c.categoryId!);
  }

  /** Whether a record's date lies in the period: 2026-12, 2026, or 2026-12-01至2026-12-07. */
  private static inPeriod(period: string, date: string | null): boolean {
    if (!date) return false;
    const range = /(\d{4}-\d{2}-\d{2})\s*(?:至|到|~|—|-{1,2})\s*(\d{4}-\d{2}-\d{2})/.exec(period);
    if (range) return date >= range[1]! && date <= range[2]!;
    const m = /^(\d{4})(?:[-年.](\d{1,2}))?/.exec(period.trim());
    if (!m) return false;
    return m[2] ? date.startsWith(`${m[1]}-${m[2].padStart(2, '0')}`) : date.startsWith(m[1]!);
  }

  candidates(c: DbCollection): FillCandidates {
    const cat = this.category(c);
    const fields = this.store.fields(c);
    const dateField = fields.find((f) => f.type === 'date')?.key ?? null;
    const refs = new DbRefs(this.db);
    const records = this.ledger.rows({ categoryId: cat.id, startRow: 0, endRow: 5000, sort: [], filters: [], search: '', deleted: false }).rows.map((r) => {
      const values = this.shown(fields, r.values, refs);
      return { id: r.id, values, inPeriod: dateField !== null && CollectFill.inPeriod(c.period, typeof r.values[dateField] === 'string' ? (r.values[dateField] as string) : null) };
    });
    return { categoryId: cat.id, fields, dateField, records };
  }

  private shown(fields: readonly CollectField[], values: Record<string, FieldValue>, refs: DbRefs): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.key];
      if (v === undefined) continue;
      out[f.key] = f.type === 'number' ? v : displayValue(f.type, v, refs);
    }
    return out;
  }

  /** The rows of our return: the chosen records of our category, as shown. */
  returnRows(c: DbCollection, recordIds: readonly number[]): Record<string, unknown>[] {
    const cat = this.category(c);
    const fields = this.store.fields(c);
    const refs = new DbRefs(this.db);
    return recordIds.map((rid) => {
      const r = this.ledger.records.get(rid);
      if (r.categoryId !== cat.id || r.deletedAt) fail(ErrorCode.validation, `第 ${rid} 号记录不属于“${cat.name}”或在回收站中`);
      return this.shown(fields, r.values, refs);
    });
  }

  identity(c: DbCollection): FormIdentity {
    return {
      kind: 'return', collection: c.uid, unit: c.unitToken ?? '', unitName: c.unitName ?? '', office: c.officeUid, officeName: c.officeName,
      title: c.title, period: c.period, dueDate: c.dueDate, schemaHash: c.schemaHash, dataSheet: null, fields: this.store.fields(c),
      instructions: c.instructions, filledAt: this.ctx.clock.now().toISOString(),
    };
  }

  /** Remembers that we wrote our return (the office above decides whether it arrived). */
  sent(c: DbCollection, rows: number): void {
    this.db.transaction(() => {
      const now = this.ctx.clock.now().toISOString();
      this.db.prepare('UPDATE collections SET sent_at = ?, sent_rows = ? WHERE id = ?').run(now, rows, c.id);
      this.audit.record([{ entity: COLLECTION_ENTITY, entityId: c.id, action: 'update', field: '生成报送文件', oldValue: c.sentAt, newValue: { 行数: rows, 时间: now } }]);
    })();
  }
}
