import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CategoryGroup, FieldType, FieldValue, LedgerCategory, LedgerField, LedgerTemplateInfo, Choice } from '../../../shared/domain/ledger';
import { FIELD_TYPE_LABELS } from '../../../shared/domain/ledger';
import type { TypeChangePreview } from '../../../shared/contract/ledger';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { choicesOf, templateByKey, TEMPLATES, type TemplateField } from './templates';
import { SELECT_CATEGORIES, categoryFields, toCategory, toField, toRecord, type DbCategory, type DbField, type DbRecord } from './ledger-rows';
import { createFieldIndex, dropFieldIndex, KEY_PATTERN, valueExpr } from './field-indexes';
import { checkValue, convertValue, type FieldRule } from './field-values';
import { DbRefs } from './refs';
import { SearchIndex } from './search-index';

export interface NewField {
  key?: string;
  label: string;
  type: FieldType;
  choices: Choice[];
  required: boolean;
  defaultValue: unknown;
  hidden: boolean;
  synonyms: string[];
}

export interface FieldPatch {
  label?: string;
  choices?: Choice[];
  required?: boolean;
  defaultValue?: unknown;
  hidden?: boolean;
  synonyms?: string[];
}

/** 教育整顿 first, then 党建工作, then the office's own; within a group, as the office ordered them. */
const SIDEBAR_ORDER = "ORDER BY CASE c.grp WHEN '教育整顿' THEN 0 WHEN '党建工作' THEN 1 ELSE 2 END, c.sort_order, c.id";

export type CategoryShape = Pick<LedgerCategory, 'id' | 'name' | 'sensitive' | 'fields'>;

const CHOICE_TYPES: readonly FieldType[] = ['singleChoice', 'multiChoice', 'status'];

/**
 * Ledger categories (台账类别) and their fields. A field's key is fixed when it is created;
 * labels, order, choices and visibility change freely without touching a record. Removing a
 * field or changing its type rewrites only that field's values, each change audited.
 */
export class CategoryService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly search: SearchIndex,
  ) {}

  private get db(): Database {
    return this.ctx.db;
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  templates(): LedgerTemplateInfo[] {
    return TEMPLATES.map((t) => ({ key: t.key, name: t.name, group: t.group, sensitive: Boolean(t.sensitive) }));
  }

  fields(categoryId: number): LedgerField[] {
    return categoryFields(this.db, categoryId);
  }

  field(id: number): LedgerField {
    const row = this.db.prepare('SELECT * FROM ledger_fields WHERE id = ?').get(id) as DbField | undefined;
    return row ? toField(row) : fail(ErrorCode.notFound, '该字段不存在或已被删除');
  }

  list(includeArchived = false): LedgerCategory[] {
    const rows = this.db.prepare(`${SELECT_CATEGORIES} ${includeArchived ? '' : 'WHERE c.archived = 0'} ${SIDEBAR_ORDER}`).all() as DbCategory[];
    return rows.map((r) => toCategory(r, this.fields(r.id)));
  }

  /**
   * The categories in sidebar order with their fields but without the record counts, which
   * cost a walk over every record (70 ms at a million): for the search and for checks.
   */
  shapes(includeArchived = false): CategoryShape[] {
    const rows = this.db.prepare(`SELECT c.id, c.name, c.sensitive FROM ledger_categories c ${includeArchived ? '' : 'WHERE c.archived = 0'} ${SIDEBAR_ORDER}`).all() as { id: number; name: string; sensitive: number }[];
    return rows.map((r) => ({ id: r.id, name: r.name, sensitive: r.sensitive === 1, fields: this.fields(r.id) }));
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM ledger_categories WHERE id = ?').get(id) !== undefined;
  }

  get(id: number): LedgerCategory {
    const row = this.db.prepare(`${SELECT_CATEGORIES} WHERE c.id = ?`).get(id) as DbCategory | undefined;
    return row ? toCategory(row, this.fields(id)) : fail(ErrorCode.notFound, '该台账类别不存在');
  }

  /** By id (digits) or by name, as the CLI and the export take it. */
  resolve(idOrName: string): LedgerCategory {
    const s = idOrName.trim();
    const byName = this.db.prepare('SELECT id FROM ledger_categories WHERE name = ?').pluck().get(s) as number | undefined;
    if (byName !== undefined) return this.get(byName);
    if (/^\d+$/.test(s) && this.db.prepare('SELECT 1 FROM ledger_categories WHERE id = ?').get(Number(s))) return this.get(Number(s));
    return fail(ErrorCode.notFound, `台账类别“${s}”不存在`);
  }

  private assertNameFree(name: string, exceptId?: number): void {
    const other = this.db.prepare('SELECT id FROM ledger_categories WHERE name = ?').pluck().get(name) as number | undefined;
    if (other !== undefined && other !== exceptId) fail(ErrorCode.conflict, `已有名为“${name}”的台账类别，名称不能重复`);
  }

  /** From a built-in template, or empty with one 内容 field. The name defaults to the template's, numbered if taken. */
  create(input: { templateKey?: string; name?: string; group?: CategoryGroup }): LedgerCategory {
    return this.db.transaction(() => {
      const template = input.templateKey === undefined ? undefined : (templateByKey(input.templateKey) ?? fail(ErrorCode.notFound, `没有名为“${input.templateKey}”的内置模板。可用的模板：${TEMPLATES.map((t) => `${t.key}（${t.name}）`).join('、')}`));
      let name = input.name ?? template?.name ?? '新建台账';
      if (input.name === undefined) {
        for (let n = 2; this.db.prepare('SELECT 1 FROM ledger_categories WHERE name = ?').get(name); n++) name = `${template?.name ?? '新建台账'}（${n}）`;
      }
      this.assertNameFree(name);
      const group = input.group ?? template?.group ?? '自定义';
      const order = this.db.prepare('SELECT coalesce(max(sort_order), -1) + 1 FROM ledger_categories WHERE grp = ?').pluck().get(group) as number;
      const now = this.now();
      const id = Number(
        this.db
          .prepare('INSERT INTO ledger_categories (name, grp, sort_order, template_key, sensitive, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(name, group, order, template?.key ?? null, template?.sensitive ? 1 : 0, now, now).lastInsertRowid,
      );
      this.audit.record([{ entity: 'ledger_category', entityId: id, action: 'create', newValue: { name, group, template: template?.name ?? null } }]);
      const fields: TemplateField[] = template?.fields ?? [{ key: 'content', label: '内容', type: 'longText' }];
      for (const f of fields) {
        this.insertField(id, {
          key: f.key,
          label: f.label,
          type: f.type,
          choices: choicesOf(f.choices),
          required: Boolean(f.required),
          defaultValue: f.defaultValue ?? null,
          hidden: Boolean(f.hidden),
          synonyms: f.synonyms ?? [],
        });
      }
      return this.get(id);
    })();
  }

  private update(id: number, column: 'name' | 'archived' | 'sensitive', value: string | number, field: string, oldShown: unknown, newShown: unknown): LedgerCategory {
    this.db.prepare(`UPDATE ledger_categories SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, this.now(), id);
    this.audit.record([{ entity: 'ledger_category', entityId: id, action: 'update', field, oldValue: oldShown, newValue: newShown }]);
    return this.get(id);
  }

  rename(id: number, name: string): LedgerCategory {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.name === name) return before;
      this.assertNameFree(name, id);
      return this.update(id, 'name', name, 'name', before.name, name);
    })();
  }

  archive(id: number, archived: boolean): LedgerCategory {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.archived === archived) return before;
      return this.update(id, 'archived', archived ? 1 : 0, 'archived', before.archived ? '已归档' : '使用中', archived ? '已归档' : '使用中');
    })();
  }

  setSensitive(id: number, sensitive: boolean): LedgerCategory {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.sensitive === sensitive) return before;
      return this.update(id, 'sensitive', sensitive ? 1 : 0, 'sensitive', before.sensitive ? '敏感' : '普通', sensitive ? '敏感' : '普通');
    })();
  }

  /** Into `group` at `index` among its categories; the sidebar order is the stored order. */
  move(id: number, group: CategoryGroup, index: number): LedgerCategory[] {
    return this.db.transaction(() => {
      const cat = this.get(id);
      const ids = (this.db.prepare('SELECT id FROM ledger_categories WHERE grp = ? AND id <> ? ORDER BY sort_order, id').pluck().all(group, id) as number[]);
      ids.splice(Math.min(index, ids.length), 0, id);
      const set = this.db.prepare('UPDATE ledger_categories SET grp = ?, sort_order = ?, updated_at = ? WHERE id = ?');
      const now = this.now();
      ids.forEach((cid, i) => set.run(group, i, now, cid));
      this.audit.record([{ entity: 'ledger_category', entityId: id, action: 'update', field: 'order', oldValue: `${cat.group} 第${cat.order + 1}位`, newValue: `${group} 第${ids.indexOf(id) + 1}位` }]);
      return this.list(true);
    })();
  }

  // ── fields ────────────────────────────────────────────────────────────────────────

  private checkChoices(type: FieldType, choices: Choice[]): Choice[] {
    if (!CHOICE_TYPES.includes(type)) return [];
    if (choices.length === 0) fail(ErrorCode.validation, `${FIELD_TYPE_LABELS[type]}字段至少需要一个选项`);
    const seen = new Set<string>();
    for (const c of choices) {
      if (seen.has(c.value)) fail(ErrorCode.validation, `选项“${c.value}”重复`);
      seen.add(c.value);
    }
    if (type === 'status' && !choices.some((c) => c.closed)) fail(ErrorCode.validation, '状态字段至少要有一个表示“办结”的值');
    return choices.map((c) => (type === 'status' ? { ...c, closed: Boolean(c.closed) } : { value: c.value, color: c.color, ...(c.aliases ? { aliases: c.aliases } : {}) }));
  }

  private checkDefault(f: FieldRule, raw: unknown): FieldValue | null {
    if (raw === null || raw === undefined) return null;
    const r = checkValue(f, raw, new DbRefs(this.db));
    return r.ok ? r.value : fail(ErrorCode.fieldInvalid, `默认值：${r.reason}`);
  }

  private assertLabelFree(categoryId: number, label: string, exceptId?: number): void {
    const other = this.db.prepare('SELECT id FROM ledger_fields WHERE category_id = ? AND label = ?').pluck().get(categoryId, label) as number | undefined;
    if (other !== undefined && other !== exceptId) fail(ErrorCode.conflict, `本台账已有名为“${label}”的字段`);
  }

  private insertField(categoryId: number, f: NewField): LedgerField {
    this.assertLabelFree(categoryId, f.label);
    let key = f.key;
    if (key !== undefined) {
      if (!KEY_PATTERN.test(key)) fail(ErrorCode.validation, '字段标识只能由字母、数字和下划线组成');
      if (this.db.prepare('SELECT 1 FROM ledger_fields WHERE category_id = ? AND key = ?').get(categoryId, key)) fail(ErrorCode.conflict, `字段标识“${key}”已被使用`);
    }
    const choices = this.checkChoices(f.type, f.choices);
    const defaultValue = this.checkDefault({ label: f.label, type: f.type, choices }, f.defaultValue);
    const order = this.db.prepare('SELECT coalesce(max(sort_order), -1) + 1 FROM ledger_fields WHERE category_id = ?').pluck().get(categoryId) as number;
    const now = this.now();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO ledger_fields (category_id, key, label, type, choices_json, required, default_json, hidden, sort_order, synonyms_json, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(categoryId, key ?? `new_${randomUUID().replace(/-/g, '')}`, f.label, f.type, JSON.stringify(choices), f.required ? 1 : 0, defaultValue === null ? null : JSON.stringify(defaultValue), f.hidden ? 1 : 0, order, JSON.stringify(f.synonyms), now, now).lastInsertRowid,
    );
    // a field added by the office is keyed by its id: unique, and free of anything typed
    if (key === undefined) {
      key = `f${id}`;
      this.db.prepare('UPDATE ledger_fields SET key = ? WHERE id = ?').run(key, id);
    }
    const field = this.field(id);
    createFieldIndex(this.db, field);
    this.audit.record([{ entity: 'ledger_field', entityId: id, action: 'create', newValue: { category: categoryId, label: f.label, type: FIELD_TYPE_LABELS[f.type] } }]);
    return field;
  }

  addField(categoryId: number, f: NewField): LedgerField {
    return this.db.transaction(() => {
      this.get(categoryId);
      return this.insertField(categoryId, f);
    })();
  }

  updateField(id: number, patch: FieldPatch): LedgerField {
    return this.db.transaction(() => {
      const before = this.field(id);
      const sets: string[] = [];
      const args: unknown[] = [];
      const lines: { field: string; oldValue: unknown; newValue: unknown }[] = [];
      const change = (column: string, value: unknown, field: string, oldShown: unknown, newShown: unknown) => {
        sets.push(`${column} = ?`);
        args.push(value);
        lines.push({ field, oldValue: oldShown, newValue: newShown });
      };
      if (patch.label !== undefined && patch.label !== before.label) {
        this.assertLabelFree(before.categoryId, patch.label, id);
        change('label', patch.label, 'label', before.label, patch.label);
      }
      let choices = before.choices;
      if (patch.choices !== undefined) {
        choices = this.checkChoices(before.type, patch.choices);
        const removed = before.choices.filter((c) => !choices.some((n) => n.value === c.value)).map((c) => c.value);
        const inUse = removed.filter((v) => this.countWithChoice(before, v) > 0);
        // a choice still held by records would leave values the list no longer offers
        if (inUse.length) fail(ErrorCode.inUse, `选项“${inUse.join('、')}”仍有记录在用，请先修改这些记录或改用“更改类型”`);
        if (JSON.stringify(choices) !== JSON.stringify(before.choices)) change('choices_json', JSON.stringify(choices), 'choices', before.choices.map((c) => c.value), choices.map((c) => c.value));
      }
      if (patch.required !== undefined && patch.required !== before.required) change('required', patch.required ? 1 : 0, 'required', before.required, patch.required);
      if (patch.hidden !== undefined && patch.hidden !== before.hidden) change('hidden', patch.hidden ? 1 : 0, 'hidden', before.hidden, patch.hidden);
      if (patch.defaultValue !== undefined) {
        const d = this.checkDefault({ label: before.label, type: before.type, choices }, patch.defaultValue);
        if (JSON.stringify(d) !== JSON.stringify(before.defaultValue)) change('default_json', d === null ? null : JSON.stringify(d), 'default', before.defaultValue, d);
      }
      if (patch.synonyms !== undefined && JSON.stringify(patch.synonyms) !== JSON.stringify(before.synonyms)) change('synonyms_json', JSON.stringify(patch.synonyms), 'synonyms', before.synonyms, patch.synonyms);
      if (sets.length === 0) return before;
      this.db.prepare(`UPDATE ledger_fields SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...args, this.now(), id);
      this.audit.record(lines.map((l) => ({ entity: 'ledger_field', entityId: id, action: 'update' as const, ...l })));
      return this.field(id);
    })();
  }

  private countWithChoice(f: LedgerField, value: string): number {
    const expr = valueExpr(f.key);
    const sql =
      f.type === 'multiChoice'
        ? `SELECT count(*) FROM ledger_records WHERE category_id = ? AND EXISTS (SELECT 1 FROM json_each(data, '$.${f.key}') WHERE value = ?)`
        : `SELECT count(*) FROM ledger_records WHERE category_id = ? AND ${expr} = ?`;
    return this.db.prepare(sql).pluck().get(f.categoryId, value) as number;
  }

  moveField(id: number, index: number): LedgerField[] {
    return this.db.transaction(() => {
      const f = this.field(id);
      const ids = this.fields(f.categoryId).map((x) => x.id).filter((x) => x !== id);
      ids.splice(Math.min(index, ids.length), 0, id);
      const set = this.db.prepare('UPDATE ledger_fields SET sort_order = ? WHERE id = ?');
      ids.forEach((fid, i) => set.run(i, fid));
      if (ids.indexOf(id) !== f.order) this.audit.record([{ entity: 'ledger_field', entityId: id, action: 'update', field: 'order', oldValue: f.order + 1, newValue: ids.indexOf(id) + 1 }]);
      return this.fields(f.categoryId);
    })();
  }

  /** Records (the recycle bin included) holding a value in the field: what removing it would empty. */
  fieldUsage(id: number): { id: number; values: number } {
    const f = this.field(id);
    return { id, values: this.db.prepare(`SELECT count(*) FROM ledger_records WHERE category_id = ? AND ${valueExpr(f.key)} IS NOT NULL`).pluck().get(f.categoryId) as number };
  }

  /** Removes the field and its values from every record (recycle bin included); each value is kept in the audit log. */
  removeField(id: number): { id: number; valuesRemoved: number } {
    return this.db.transaction(() => {
      const f = this.field(id);
      const rows = this.db.prepare(`SELECT id, category_id, data, created_at, updated_at, deleted_at FROM ledger_records WHERE category_id = ? AND ${valueExpr(f.key)} IS NOT NULL`).all(f.categoryId) as DbRecord[];
      const batch = this.audit.newBatchId();
      const refs = new DbRefs(this.db);
      const remaining = this.fields(f.categoryId).filter((x) => x.id !== id);
      const write = this.db.prepare(`UPDATE ledger_records SET data = json_remove(data, '$.${f.key}'), updated_at = ? WHERE id = ?`);
      const now = this.now();
      for (const r of rows) {
        const rec = toRecord(r);
        write.run(now, r.id);
        this.audit.record([{ entity: 'ledger_record', entityId: r.id, action: 'update', field: f.label, oldValue: rec.values[f.key], newValue: null }], batch);
        const { [f.key]: _gone, ...rest } = rec.values;
        this.search.write(r.id, remaining, rest, refs);
      }
      dropFieldIndex(this.db, f);
      this.db.prepare('DELETE FROM ledger_fields WHERE id = ?').run(id);
      this.audit.record([{ entity: 'ledger_field', entityId: id, action: 'delete', oldValue: { category: f.categoryId, label: f.label, type: FIELD_TYPE_LABELS[f.type], values: rows.length } }], batch);
      return { id, valuesRemoved: rows.length };
    })();
  }

  // ── type change ───────────────────────────────────────────────────────────────────

  private planTypeChange(id: number, type: FieldType, choices: Choice[] | undefined) {
    const f = this.field(id);
    const nextChoices = CHOICE_TYPES.includes(type) ? this.checkChoices(type, choices ?? (CHOICE_TYPES.includes(f.type) ? f.choices : [])) : [];
    const rule: FieldRule = { label: f.label, type, choices: nextChoices };
    const refs = new DbRefs(this.db);
    const rows = this.db.prepare(`SELECT id, category_id, data, created_at, updated_at, deleted_at FROM ledger_records WHERE category_id = ? AND ${valueExpr(f.key)} IS NOT NULL ORDER BY id`).all(f.categoryId) as DbRecord[];
    const converted: { id: number; before: FieldValue; after: FieldValue | null; values: Record<string, FieldValue> }[] = [];
    const failures: TypeChangePreview['failures'] = [];
    for (const r of rows) {
      const rec = toRecord(r);
      const v = rec.values[f.key]!;
      const c = convertValue(f.type, rule, v, refs);
      if (c.ok) converted.push({ id: r.id, before: v, after: c.value, values: rec.values });
      else {
        failures.push({ recordId: r.id, value: JSON.stringify(v).replace(/^"|"$/g, ''), reason: c.reason });
        converted.push({ id: r.id, before: v, after: null, values: rec.values });
      }
    }
    return { f, rule, refs, converted, failures, total: rows.length };
  }

  previewTypeChange(id: number, type: FieldType, choices?: Choice[]): TypeChangePreview {
    const p = this.planTypeChange(id, type, choices);
    return { fieldId: id, from: FIELD_TYPE_LABELS[p.f.type], to: FIELD_TYPE_LABELS[type], total: p.total, converted: p.total - p.failures.length, failures: p.failures };
  }

  applyTypeChange(id: number, type: FieldType, choices: Choice[] | undefined, dropUnconvertible: boolean): { field: LedgerField; converted: number; dropped: number } {
    return this.db.transaction(() => {
      const p = this.planTypeChange(id, type, choices);
      if (p.failures.length > 0 && !dropUnconvertible) {
        const first = p.failures[0]!;
        fail(ErrorCode.fieldInvalid, `有 ${p.failures.length} 个值无法转换为${FIELD_TYPE_LABELS[type]}（如“${first.value}”：${first.reason}），未做任何更改`, p.failures);
      }
      const batch = this.audit.newBatchId();
      const now = this.now();
      dropFieldIndex(this.db, p.f);
      this.db
        .prepare('UPDATE ledger_fields SET type = ?, choices_json = ?, default_json = NULL, updated_at = ? WHERE id = ?')
        .run(type, JSON.stringify(p.rule.choices), now, id);
      const field = this.field(id);
      const fields = this.fields(p.f.categoryId);
      const set = this.db.prepare(`UPDATE ledger_records SET data = json_set(data, '$.${p.f.key}', json(?)), updated_at = ? WHERE id = ?`);
      const unset = this.db.prepare(`UPDATE ledger_records SET data = json_remove(data, '$.${p.f.key}'), updated_at = ? WHERE id = ?`);
      for (const c of p.converted) {
        if (JSON.stringify(c.after) === JSON.stringify(c.before)) continue;
        if (c.after === null) unset.run(now, c.id);
        else set.run(JSON.stringify(c.after), now, c.id);
        this.audit.record([{ entity: 'ledger_record', entityId: c.id, action: 'update', field: p.f.label, oldValue: c.before, newValue: c.after }], batch);
        const values = { ...c.values };
        if (c.after === null) delete values[p.f.key];
        else values[p.f.key] = c.after;
        this.search.write(c.id, fields, values, p.refs);
      }
      createFieldIndex(this.db, field);
      this.audit.record([{ entity: 'ledger_field', entityId: id, action: 'update', field: 'type', oldValue: FIELD_TYPE_LABELS[p.f.type], newValue: FIELD_TYPE_LABELS[type] }], batch);
      return { field, converted: p.total - p.failures.length, dropped: p.failures.length };
    })();
  }
}
