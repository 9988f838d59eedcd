import type { Statement } from 'better-sqlite3';
import { PERSON_FIELDS, PERSON_FIELD_LABELS, type Person, type PersonField, type PersonInput } from '../../../shared/domain/roster';
import type { CellRefusal, RosterBatchResult } from '../../../shared/contract/roster';
import type { HandlersOf } from '../../../shared/contract/types';
import { checkPersonConsistency, checkPersonField } from '../../../shared/validation/person';
import { parseIdNumber } from '../../../shared/validation/id-number';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { UnitService } from '../units/unit-service';
import { ErrorCode, fail } from '../errors';
import { PersonRows, SELECT_PEOPLE } from './person-row';
import { personIndex, queryPeople, viewIds } from './roster-query';

type RawValues = Partial<Record<PersonField, string | number | null>>;
type Refusal = { field: PersonField; reason: string };
type Prepared = { values: PersonInput; refused: Refusal[] };

/** The roster (花名册): every write validated with the same rules the grid shows as you type. */
export class RosterService {
  private readonly byId: Statement;
  /** every write to `people`, here and by an import */
  readonly rows: PersonRows;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly units: UnitService,
  ) {
    this.byId = ctx.db.prepare(`${SELECT_PEOPLE} WHERE p.id = ?`);
    this.rows = new PersonRows(ctx.db, (id) => this.renamed(id));
  }

  private get db() {
    return this.ctx.db;
  }

  /** Modules that copy a person's name or 警号 elsewhere (the ledger search index) refresh it here, inside the write's transaction. */
  private readonly renameHooks: ((personId: number) => void)[] = [];

  onRenamed(hook: (personId: number) => void): void {
    this.renameHooks.push(hook);
  }

  private renamed(personId: number): void {
    for (const hook of this.renameHooks) hook(personId);
  }

  list(): Person[] {
    return this.db.prepare(`${SELECT_PEOPLE} ORDER BY p.id`).all() as Person[];
  }

  get(id: number): Person {
    return (this.byId.get(id) as Person | undefined) ?? fail(ErrorCode.notFound, '该人员不存在或已被删除');
  }

  /** Normalises each given cell; bad cells are refused one by one, the rest kept. */
  private prepareCells(raw: RawValues): Prepared {
    const values: PersonInput = {};
    const refused: Refusal[] = [];
    for (const field of PERSON_FIELDS) {
      if (!(field in raw)) continue;
      const v = raw[field];
      if (field === 'unitId' && typeof v === 'string' && v.trim() !== '' && !/^\d+$/.test(v.trim())) {
        // a unit typed or pasted by name
        // as named (a unit's name may contain a space), else with stray spaces removed
        const unit = this.units.findByName(v.trim()) ?? this.units.findByName(v.trim().replace(/[\s\u3000]/g, ''));
        if (unit) values.unitId = unit.id;
        else refused.push({ field, reason: `单位“${v.trim()}”不在组织架构中，请先添加该单位` });
        continue;
      }
      const r = checkPersonField(field, v);
      if (!r.ok) {
        refused.push({ field, reason: r.reason });
        continue;
      }
      if (field === 'unitId' && r.value !== null && !this.unitExists(r.value as number)) {
        refused.push({ field, reason: '所选单位不存在或已被删除' });
        continue;
      }
      (values as Record<string, unknown>)[field] = r.value;
    }
    return { values, refused };
  }

  private unitExists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Applies cross-field rules to `before` + `changes`: fills 出生日期/性别 from the ID when they
   * are empty, then drops (refuses) a changed field that disagrees with the rest.
   */
  private settle(before: PersonInput, changes: PersonInput, refused: Refusal[], selfId: number | null): PersonInput {
    const changed = { ...changes };
    const filledFromId: PersonField[] = [];
    for (let guard = 0; guard < PERSON_FIELDS.length; guard++) {
      const merged: PersonInput = { ...before, ...changed };
      if (merged.idNumber) {
        const id = parseIdNumber(merged.idNumber);
        if (id.ok) {
          if (!merged.birthDate && !('birthDate' in changed)) {
            changed.birthDate = id.info.birthDate;
            filledFromId.push('birthDate');
          }
          if (!merged.sex && !('sex' in changed)) {
            changed.sex = id.info.sex;
            filledFromId.push('sex');
          }
        }
      }
      const problem = checkPersonConsistency({ ...before, ...changed }) ?? this.uniqueness({ ...before, ...changed }, changed, selfId);
      if (!problem) return changed;
      // Blame a field the user actually changed, never silently revert an untouched one.
      const blamed: PersonField | undefined =
        problem.field in changed ? problem.field : 'idNumber' in changed ? 'idNumber' : (Object.keys(changed)[0] as PersonField | undefined);
      if (!blamed || (blamed === 'name' && selfId === null)) {
        refused.push({ field: problem.field, reason: problem.reason });
        return {};
      }
      refused.push({ field: blamed, reason: problem.reason });
      delete changed[blamed];
      // nothing read from a refused ID is kept (its birth date and sex were never typed)
      if (blamed === 'idNumber') filledFromId.splice(0).forEach((f) => delete changed[f]);
    }
    return changed;
  }

  private uniqueness(p: PersonInput, changed: PersonInput, selfId: number | null): Refusal | null {
    if ('idNumber' in changed && p.idNumber) {
      const other = this.db.prepare('SELECT id, name FROM people WHERE id_number = ? AND id IS NOT ?').get(p.idNumber, selfId) as { name: string } | undefined;
      if (other) return { field: 'idNumber', reason: `公民身份号码与“${other.name}”重复` };
    }
    if ('badge' in changed && p.badge) {
      const other = this.db.prepare('SELECT id, name FROM people WHERE badge = ? AND id IS NOT ?').get(p.badge, selfId) as { name: string } | undefined;
      if (other) return { field: 'badge', reason: `警号/工号与“${other.name}”重复` };
    }
    return null;
  }

  private unitName(id: unknown): string | null {
    if (typeof id !== 'number') return null;
    return (this.db.prepare('SELECT name FROM units WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
  }

  private auditValue(field: PersonField, v: unknown): unknown {
    return field === 'unitId' ? this.unitName(v) : v;
  }

  private insert(values: PersonInput, batchId: string | null): Person {
    const fields = PERSON_FIELDS.filter((f) => values[f] !== undefined && values[f] !== null);
    const id = this.rows.insert(values, this.ctx.clock.now().toISOString());
    this.audit.record(
      fields.map((f) => ({ entity: 'person', entityId: id, action: 'create' as const, field: f, newValue: this.auditValue(f, values[f]) })),
      batchId,
    );
    return this.get(id);
  }

  /** Writes only what differs; returns the previous values of what it changed (for undo). */
  private write(before: Person, changes: PersonInput, batchId: string | null): Record<string, unknown> {
    const fields = PERSON_FIELDS.filter((f) => f in changes && (changes[f] ?? null) !== (before[f] ?? null));
    if (fields.length === 0) return {};
    this.rows.update(before.id, Object.fromEntries(fields.map((f) => [f, changes[f] ?? null])) as PersonInput, this.ctx.clock.now().toISOString());
    this.audit.record(
      fields.map((f) => ({
        entity: 'person',
        entityId: before.id,
        action: 'update' as const,
        field: f,
        oldValue: this.auditValue(f, before[f]),
        newValue: this.auditValue(f, changes[f]),
      })),
      batchId,
    );
    return Object.fromEntries(fields.map((f) => [f, before[f] ?? null]));
  }

  private refuseAll(refused: Refusal[]): never {
    const first = refused[0]!;
    return fail(ErrorCode.fieldInvalid, `${PERSON_FIELD_LABELS[first.field]}：${first.reason}`, refused);
  }

  create(raw: RawValues): Person {
    return this.db.transaction(() => {
      const { values, refused } = this.prepareCells(raw);
      const settled = this.settle({}, values, refused, null);
      if (refused.length > 0) this.refuseAll(refused);
      return this.insert(settled, null);
    })();
  }

  /** A single cell edit (or a form save): all or nothing, with the reason if refused. */
  update(id: number, raw: RawValues): Person {
    return this.db.transaction(() => {
      const before = this.get(id);
      const { values, refused } = this.prepareCells(raw);
      const settled = this.settle(before, values, refused, id);
      if (refused.length > 0) this.refuseAll(refused);
      this.write(before, settled, null);
      return this.get(id);
    })();
  }

  /** A paste: per-cell validation, every valid cell saved in one transaction. */
  applyBatch(input: { edits: { id: number; values: RawValues }[]; creates: { values: RawValues }[] }): RosterBatchResult {
    return this.db.transaction(() => {
      const batchId = this.audit.newBatchId();
      const result: RosterBatchResult = { updated: [], created: [], createdFrom: [], refused: [], previous: [] };
      const note = (kind: CellRefusal['kind'], index: number, r: Refusal[]) =>
        result.refused.push(...r.map((x) => ({ kind, index, field: x.field, reason: x.reason })));
      input.edits.forEach((edit, index) => {
        const before = this.get(edit.id);
        const { values, refused } = this.prepareCells(edit.values);
        const settled = this.settle(before, values, refused, edit.id);
        note('edit', index, refused);
        const previous = this.write(before, settled, batchId);
        if (Object.keys(previous).length > 0) {
          result.previous.push({ id: edit.id, values: previous });
          result.updated.push(this.get(edit.id));
        }
      });
      input.creates.forEach((create, index) => {
        const { values, refused } = this.prepareCells(create.values);
        if (!values.name) {
          const why = refused.find((r) => r.field === 'name')?.reason ?? '姓名不能为空';
          note('create', index, [{ field: 'name', reason: `未添加此行：${why}` }]);
          return;
        }
        const settled = this.settle({}, values, refused, null);
        note('create', index, refused);
        if (settled.name) {
          result.created.push(this.insert(settled, batchId));
          result.createdFrom.push(index);
        }
      });
      return result;
    })();
  }

  delete(ids: number[]): { deleted: number } {
    return this.db.transaction(() => {
      const batchId = ids.length > 1 ? this.audit.newBatchId() : null;
      for (const id of ids) {
        const before = this.get(id);
        this.rows.delete(id);
        // The whole row goes into the log, so a deleted person can always be traced.
        const { id: _id, updatedAt: _u, unitName: _n, ...values } = before;
        this.audit.record([{ entity: 'person', entityId: id, action: 'delete', oldValue: { ...values, unitId: before.unitName } }], batchId);
      }
      return { deleted: ids.length };
    })();
  }

  handlers(): HandlersOf<'roster'> {
    return {
      'roster.list': () => this.list(),
      'roster.rows': (i) => queryPeople(this.db, i),
      'roster.rowIndex': ({ id, ...view }) => ({ index: personIndex(this.db, id, view) }),
      'roster.viewIds': (i) => viewIds(this.db, i),
      'roster.get': (i) => this.get(i.id),
      'roster.create': (i) => this.create(i.values),
      'roster.update': (i) => this.update(i.id, i.values),
      'roster.applyBatch': (i) => this.applyBatch(i),
      'roster.delete': (i) => this.delete(i.ids),
    };
  }
}
