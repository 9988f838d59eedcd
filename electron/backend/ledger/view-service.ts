import type { LedgerView, ViewSpec } from '../../../shared/contract/ledger';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import type { CategoryService } from './category-service';

interface DbView {
  id: number;
  category_id: number;
  name: string;
  spec: string;
  created_at: string;
  updated_at: string;
}

const toView = (r: DbView): LedgerView => ({ id: r.id, categoryId: r.category_id, name: r.name, spec: JSON.parse(r.spec) as ViewSpec, createdAt: r.created_at, updatedAt: r.updated_at });

const ENTITY = 'ledger_view';

/** Saved views (视图) of a category: a named filter + sort + column set, each change audited. */
export class ViewService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly categories: CategoryService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  list(categoryId: number): LedgerView[] {
    this.categories.get(categoryId);
    return (this.db.prepare('SELECT * FROM ledger_views WHERE category_id = ? ORDER BY name COLLATE NOCASE, id').all(categoryId) as DbView[]).map(toView);
  }

  get(id: number): LedgerView {
    const r = this.db.prepare('SELECT * FROM ledger_views WHERE id = ?').get(id) as DbView | undefined;
    return r ? toView(r) : fail(ErrorCode.notFound, '该视图不存在或已被删除');
  }

  private assertNameFree(categoryId: number, name: string, exceptId?: number): void {
    const other = this.db.prepare('SELECT id FROM ledger_views WHERE category_id = ? AND name = ?').pluck().get(categoryId, name) as number | undefined;
    if (other !== undefined && other !== exceptId) fail(ErrorCode.conflict, `本台账已有名为“${name}”的视图，请换一个名称或选择覆盖它`);
  }

  /** A new view, or with `id` the same view saved again (its name may change too). */
  save(input: { categoryId: number; id?: number | undefined; name: string; spec: ViewSpec }): LedgerView {
    return this.db.transaction(() => {
      this.categories.get(input.categoryId);
      const now = this.ctx.clock.now().toISOString();
      const spec = JSON.stringify(input.spec);
      if (input.id !== undefined) {
        const before = this.get(input.id);
        if (before.categoryId !== input.categoryId) fail(ErrorCode.validation, '该视图不属于本台账');
        this.assertNameFree(input.categoryId, input.name, input.id);
        this.db.prepare('UPDATE ledger_views SET name = ?, spec = ?, updated_at = ? WHERE id = ?').run(input.name, spec, now, input.id);
        this.audit.record([{ entity: ENTITY, entityId: input.id, action: 'update', field: 'spec', oldValue: { name: before.name, ...before.spec }, newValue: { name: input.name, ...input.spec } }]);
        return this.get(input.id);
      }
      this.assertNameFree(input.categoryId, input.name);
      const id = Number(
        this.db.prepare('INSERT INTO ledger_views (category_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(input.categoryId, input.name, spec, now, now).lastInsertRowid,
      );
      this.audit.record([{ entity: ENTITY, entityId: id, action: 'create', newValue: { category: input.categoryId, name: input.name, ...input.spec } }]);
      return this.get(id);
    })();
  }

  rename(id: number, name: string): LedgerView {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.name === name) return before;
      this.assertNameFree(before.categoryId, name, id);
      this.db.prepare('UPDATE ledger_views SET name = ?, updated_at = ? WHERE id = ?').run(name, this.ctx.clock.now().toISOString(), id);
      this.audit.record([{ entity: ENTITY, entityId: id, action: 'update', field: 'name', oldValue: before.name, newValue: name }]);
      return this.get(id);
    })();
  }

  delete(id: number): { id: number } {
    return this.db.transaction(() => {
      const before = this.get(id);
      this.db.prepare('DELETE FROM ledger_views WHERE id = ?').run(id);
      this.audit.record([{ entity: ENTITY, entityId: id, action: 'delete', oldValue: { category: before.categoryId, name: before.name, ...before.spec } }]);
      return { id };
    })();
  }
}
