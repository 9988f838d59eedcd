import { presetSpecSchema, type ExportPreset, type ExportPresetSpec, type ExportTarget } from '../../../shared/contract/exports';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { utcStamp } from '../clock';
import type { ExportSource } from './export-sources';

/** The audit log's name for a preset row. */
export const PRESET_ENTITY = 'export_preset';

interface DbPreset {
  id: number;
  target: ExportTarget;
  category_id: number | null;
  name: string;
  spec: string;
  updated_at: string;
}

function toPreset(r: DbPreset): ExportPreset | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.spec);
  } catch {
    return null;
  }
  const spec = presetSpecSchema.safeParse(parsed);
  if (!spec.success) return null; // written by a later version in a shape this one cannot read
  return { id: r.id, name: r.name, builtIn: false, target: r.target, categoryId: r.category_id, spec: spec.data, updatedAt: r.updated_at };
}

/**
 * The office's own export presets (导出方案), in the export_presets table, per target and
 * (for ledgers) per category. Built-in presets are not stored; a saved one may not take a
 * built-in's name, so a name always means one preset. Every change is audited in its transaction.
 */
export class PresetStore {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  saved(target: ExportTarget, categoryId: number | null): ExportPreset[] {
    const rows = this.db
      .prepare('SELECT * FROM export_presets WHERE target = ? AND coalesce(category_id, 0) = ? ORDER BY name COLLATE NOCASE, id')
      .all(target, categoryId ?? 0) as DbPreset[];
    return rows.map(toPreset).filter((p): p is ExportPreset => p !== null);
  }

  get(id: number): ExportPreset {
    const row = this.db.prepare('SELECT * FROM export_presets WHERE id = ?').get(id) as DbPreset | undefined;
    const preset = row ? toPreset(row) : null;
    return preset ?? fail(ErrorCode.notFound, '该导出方案不存在或已被删除');
  }

  /** All presets of a source: built-in first (id null), then the saved ones. */
  list(source: ExportSource): ExportPreset[] {
    const builtIns = source.builtIns.map((b) => ({ id: null, name: b.name, builtIn: true, target: source.target, categoryId: source.categoryId, spec: b.spec, updatedAt: null }));
    return [...builtIns, ...this.saved(source.target, source.categoryId)];
  }

  /** A preset by name (built-in or saved), or a refusal naming the ones there are. */
  find(source: ExportSource, name: string | undefined): ExportPreset {
    const all = this.list(source);
    if (name === undefined || name.trim() === '') return all[0]!;
    const hit = all.find((p) => p.name === name.trim());
    if (hit) return hit;
    const names = all.map((p) => `“${p.name}”`).join('、');
    return fail(ErrorCode.notFound, `导出方案“${name.trim()}”不存在，${source.name}可用的方案：${names}`);
  }

  private checkName(source: ExportSource, name: string, exceptId: number | null): void {
    if (source.builtIns.some((b) => b.name === name)) fail(ErrorCode.conflict, `“${name}”是内置方案的名称，请另取一个名称`);
    const clash = this.saved(source.target, source.categoryId).find((p) => p.name === name && p.id !== exceptId);
    if (clash) fail(ErrorCode.conflict, `已有名为“${name}”的导出方案，请另取一个名称，或选中该方案后保存以覆盖它`);
  }

  create(source: ExportSource, name: string, spec: ExportPresetSpec): ExportPreset {
    return this.db.transaction(() => {
      this.checkName(source, name, null);
      const now = utcStamp(this.ctx.clock.now());
      const id = Number(
        this.db
          .prepare('INSERT INTO export_presets (target, category_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(source.target, source.categoryId, name, JSON.stringify(spec), now, now).lastInsertRowid,
      );
      this.audit.record([{ entity: PRESET_ENTITY, entityId: id, action: 'create', newValue: { target: source.target, categoryId: source.categoryId, name, spec } }]);
      return this.get(id);
    })();
  }

  update(source: ExportSource, id: number, name: string, spec: ExportPresetSpec): ExportPreset {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.target !== source.target || before.categoryId !== source.categoryId) fail(ErrorCode.validation, `导出方案“${before.name}”不属于${source.name}`);
      this.checkName(source, name, id);
      this.db.prepare('UPDATE export_presets SET name = ?, spec = ?, updated_at = ? WHERE id = ?').run(name, JSON.stringify(spec), utcStamp(this.ctx.clock.now()), id);
      const lines = [];
      if (before.name !== name) lines.push({ entity: PRESET_ENTITY, entityId: id, action: 'update' as const, field: '名称', oldValue: before.name, newValue: name });
      if (JSON.stringify(before.spec) !== JSON.stringify(spec)) lines.push({ entity: PRESET_ENTITY, entityId: id, action: 'update' as const, field: '方案内容', oldValue: before.spec, newValue: spec });
      this.audit.record(lines);
      return this.get(id);
    })();
  }

  rename(source: ExportSource, id: number, name: string): ExportPreset {
    return this.update(source, id, name, this.get(id).spec);
  }

  delete(id: number): { id: number } {
    return this.db.transaction(() => {
      const before = this.get(id);
      this.db.prepare('DELETE FROM export_presets WHERE id = ?').run(id);
      this.audit.record([{ entity: PRESET_ENTITY, entityId: id, action: 'delete', oldValue: { target: before.target, categoryId: before.categoryId, name: before.name, spec: before.spec } }]);
      return { id };
    })();
  }
}
