import type { Unit, UnitKind } from '../../../shared/domain/units';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { HandlersOf } from '../../../shared/contract/types';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { similarUnitNames } from './unit-names';
import { FreshIds } from '../db/fresh-ids';

interface UnitRow {
  id: number;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  sortOrder: number;
  peopleCount: number;
}

const SELECT_UNITS = `
  SELECT u.id, u.name, u.parent_id AS parentId, u.kind, u.sort_order AS sortOrder,
         (SELECT count(*) FROM people p WHERE p.unit_id = u.id) AS peopleCount
  FROM units u`;

/** The organisation tree (组织架构). Names are unique across the tree: imports match by name. */
export class UnitService {
  /** never an id a deleted row had (fresh-ids.ts) */
  private readonly ids: FreshIds;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
  ) {
    this.ids = new FreshIds(ctx.db, 'units', 'unit');
  }

  /** Modules whose references to units are not foreign keys (values inside JSON) say so here. */
  private readonly usageChecks: ((unitId: number) => string | null)[] = [];

  addUsageCheck(check: (unitId: number) => string | null): void {
    this.usageChecks.push(check);
  }

  /** Modules that copy a unit's name elsewhere (the ledger search index) refresh it here, inside the rename's transaction. */
  private readonly renameHooks: ((unitId: number) => void)[] = [];

  onRenamed(hook: (unitId: number) => void): void {
    this.renameHooks.push(hook);
  }

  private get db() {
    return this.ctx.db;
  }

  list(): Unit[] {
    return this.db.prepare(`${SELECT_UNITS} ORDER BY u.parent_id IS NOT NULL, u.parent_id, u.sort_order, u.id`).all() as UnitRow[];
  }

  get(id: number): Unit {
    const row = this.db.prepare(`${SELECT_UNITS} WHERE u.id = ?`).get(id) as UnitRow | undefined;
    return row ?? fail(ErrorCode.notFound, '该单位不存在或已被删除');
  }

  findByName(name: string): Unit | undefined {
    return this.db.prepare(`${SELECT_UNITS} WHERE u.name = ?`).get(name) as UnitRow | undefined;
  }

  private assertNameFree(name: string, exceptId?: number): void {
    const other = this.findByName(name);
    if (other && other.id !== exceptId) fail(ErrorCode.conflict, `已有名为“${name}”的单位，单位名称不能重复`);
  }

  create(input: { name: string; parentId: number | null; kind: UnitKind }): Unit {
    return this.db.transaction(() => {
      this.assertNameFree(input.name);
      if (input.parentId !== null) this.get(input.parentId);
      const now = this.ctx.clock.now().toISOString();
      const next = this.db
        .prepare('SELECT coalesce(max(sort_order), -1) + 1 AS n FROM units WHERE parent_id IS ?')
        .get(input.parentId) as { n: number };
      const id = this.ids.insert((id) => {
        this.db.prepare('INSERT INTO units (id, name, parent_id, kind, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.name, input.parentId, input.kind, next.n, now, now);
        return id;
      });
      this.audit.record([{ entity: 'unit', entityId: id, action: 'create', newValue: { name: input.name, parentId: input.parentId, kind: input.kind } }]);
      return this.get(id);
    })();
  }

  rename(id: number, name: string): Unit {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.name === name) return before;
      this.assertNameFree(name, id);
      this.db.prepare('UPDATE units SET name = ?, updated_at = ? WHERE id = ?').run(name, this.ctx.clock.now().toISOString(), id);
      this.audit.record([{ entity: 'unit', entityId: id, action: 'update', field: 'name', oldValue: before.name, newValue: name }]);
      for (const hook of this.renameHooks) hook(id);
      return this.get(id);
    })();
  }

  setKind(id: number, kind: UnitKind): Unit {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.kind === kind) return before;
      this.db.prepare('UPDATE units SET kind = ?, updated_at = ? WHERE id = ?').run(kind, this.ctx.clock.now().toISOString(), id);
      this.audit.record([
        { entity: 'unit', entityId: id, action: 'update', field: 'kind', oldValue: UNIT_KIND_LABELS[before.kind], newValue: UNIT_KIND_LABELS[kind] },
      ]);
      return this.get(id);
    })();
  }

  /** Moves a unit under a new parent at a position; refuses to put a unit inside its own subtree. */
  move(id: number, parentId: number | null, index: number): Unit[] {
    return this.db.transaction(() => {
      const unit = this.get(id);
      if (parentId !== null) {
        this.get(parentId);
        for (let cur: number | null = parentId; cur !== null; cur = this.get(cur).parentId) {
          if (cur === id) fail(ErrorCode.validation, `不能把“${unit.name}”移到它自己的下级单位中`);
        }
      }
      const order = (pid: number | null) => (this.db.prepare('SELECT id FROM units WHERE parent_id IS ? ORDER BY sort_order, id').all(pid) as { id: number }[]).map((r) => r.id);
      const oldIndex = order(unit.parentId).indexOf(id);
      const siblings = order(parentId).filter((sid) => sid !== id);
      siblings.splice(Math.min(index, siblings.length), 0, id);
      const now = this.ctx.clock.now().toISOString();
      const setOrder = this.db.prepare('UPDATE units SET parent_id = ?, sort_order = ?, updated_at = ? WHERE id = ?');
      siblings.forEach((sid, i) => setOrder.run(parentId, i, now, sid));
      if (unit.parentId !== parentId) {
        const name = (pid: number | null) => (pid === null ? '（顶层）' : this.get(pid).name);
        this.audit.record([{ entity: 'unit', entityId: id, action: 'update', field: 'parent', oldValue: name(unit.parentId), newValue: name(parentId) }]);
      } else if (siblings.indexOf(id) !== oldIndex) {
        // a reorder among siblings is a change too: positions counted from 1, as the tree shows them
        this.audit.record([{ entity: 'unit', entityId: id, action: 'update', field: 'order', oldValue: oldIndex + 1, newValue: siblings.indexOf(id) + 1 }]);
      }
      return this.list();
    })();
  }

  /** Deleting is refused while anything still points at the unit: sub-units or people. */
  delete(id: number): { id: number } {
    return this.db.transaction(() => {
      const unit = this.get(id);
      const children = (this.db.prepare('SELECT count(*) AS n FROM units WHERE parent_id = ?').get(id) as { n: number }).n;
      if (children > 0) fail(ErrorCode.inUse, `“${unit.name}”下还有 ${children} 个下级单位，请先移走或删除它们`);
      if (unit.peopleCount > 0) fail(ErrorCode.inUse, `“${unit.name}”还有 ${unit.peopleCount} 名人员，请先把他们调到其他单位`);
      const refs = this.referencesFromOtherTables(id) ?? this.usageChecks.map((check) => check(id)).find((r) => r !== null) ?? null;
      if (refs) fail(ErrorCode.inUse, `“${unit.name}”仍被${refs}引用，不能删除`);
      this.db.prepare('DELETE FROM units WHERE id = ?').run(id);
      this.audit.record([{ entity: 'unit', entityId: id, action: 'delete', oldValue: { name: unit.name, parentId: unit.parentId, kind: unit.kind } }]);
      return { id };
    })();
  }

  /**
   * Later modules (ledger records, tasks) point at units through foreign keys; rather than
   * knowing each of them, ask SQLite which tables reference `units` and count the rows.
   */
  private referencesFromOtherTables(id: number): string | null {
    const tables = this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('units', 'people')").all() as { name: string }[];
    for (const { name } of tables) {
      const fks = this.db.prepare(`SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = 'units'`).all(name) as { col: string }[];
      for (const { col } of fks) {
        const n = (this.db.prepare(`SELECT count(*) AS n FROM "${name}" WHERE "${col}" = ?`).get(id) as { n: number }).n;
        if (n > 0) return `${n} 条记录`;
      }
    }
    return null;
  }

  /** For each name the tree does not have, the existing names it may be a slip for. */
  similar(names: readonly string[]): { name: string; similar: string[] }[] {
    const existing = this.list().map((u) => u.name);
    return names.filter((n) => !existing.includes(n)).map((name) => ({ name, similar: similarUnitNames(name, existing) }));
  }

  handlers(): HandlersOf<'units'> {
    return {
      'units.list': () => this.list(),
      'units.create': (i) => this.create(i),
      'units.rename': (i) => this.rename(i.id, i.name),
      'units.setKind': (i) => this.setKind(i.id, i.kind),
      'units.move': (i) => this.move(i.id, i.parentId, i.index),
      'units.delete': (i) => this.delete(i.id),
      'units.similar': (i) => this.similar(i.names),
    };
  }
}
