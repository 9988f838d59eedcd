import { z } from 'zod';
import { importUnits } from './imports';
import { returns } from './define';
import { jobId } from './jobs';
import type { AuditEntry } from '../domain/audit';
import type { ImportApplyResult, ImportPreview, ImportUndoResult } from './imports';
import {
  CATEGORY_GROUPS,
  FIELD_TYPES,
  type LedgerCategory,
  type LedgerField,
  type LedgerRecord,
  type LedgerRefs,
  type LedgerTemplateInfo,
} from '../domain/ledger';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(1_000_000);
const categoryName = z.string().trim().min(1, '类别名称不能为空').max(40, '类别名称最多40个字');
const fieldLabel = z.string().trim().min(1, '字段名称不能为空').max(40, '字段名称最多40个字');
const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, '字段标识只能由字母、数字和下划线组成');
/** A raw cell as typed or pasted; the ledger service validates it against the field's type. */
export const rawCell = z.union([
  z.string().max(20000, '内容过长（最多20000字）'),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(200),
  // a people field (人员名单): person ids, as many as a session's attendees
  z.array(z.number().int().positive()).max(5000, '人员名单最多5000人'),
  z.null(),
]);
const rawValues = z.record(z.string().max(40), rawCell);

/**
 * Chip colours offered for choices, distinguishable side by side and in print. White, blue,
 * yellow and red are the supervision levels' colours (白 领办, 蓝 催办, 黄 督办, 红 查办): they
 * carry that meaning alone, so no choice is coloured anything like them.
 */
export const CHOICE_PALETTE = ['#0f766e', '#6d28d9', '#15803d', '#475569', '#a21caf', '#7c6f64', '#4d7c0f', '#0e7490', '#334155', '#64748b'] as const;

export const choiceSchema = z.object({
  value: z.string().trim().min(1, '选项不能为空').max(40, '选项最多40个字'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色应写成如 #16a34a').default('#64748b'),
  closed: z.boolean().optional(),
  aliases: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
});

const fieldShape = {
  label: fieldLabel,
  type: z.enum(FIELD_TYPES),
  choices: z.array(choiceSchema).max(200).default([]),
  required: z.boolean().default(false),
  defaultValue: rawCell.default(null),
  hidden: z.boolean().default(false),
  synonyms: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
};

/** Sort by a field key, or by the record's id / creation / change / deletion time. */
const sortItem = z.object({ field: z.string().max(40), dir: z.enum(['asc', 'desc']).default('asc') });

/**
 * The grid's filter model, simplified: what AG Grid's text, number, date and set filters
 * produce, translated by the renderer into one of these per column.
 */
export const filterItem = z.discriminatedUnion('op', [
  z.object({ field: z.string().max(40), op: z.literal('equals'), value: rawCell }),
  z.object({ field: z.string().max(40), op: z.literal('contains'), value: z.string().max(200) }),
  z.object({ field: z.string().max(40), op: z.literal('in'), values: z.array(z.union([z.string().max(200), z.number()])).max(1000) }),
  z.object({ field: z.string().max(40), op: z.literal('between'), from: z.union([z.string(), z.number()]).nullable().default(null), to: z.union([z.string(), z.number()]).nullable().default(null) }),
  z.object({ field: z.string().max(40), op: z.enum(['empty', 'notEmpty']) }),
]);
export type LedgerFilter = z.output<typeof filterItem>;
export type LedgerSort = z.output<typeof sortItem>;

export interface LedgerPage {
  rows: LedgerRecord[];
  /** how many rows match in all (AG Grid's lastRow) */
  total: number;
  refs: LedgerRefs;
  /** pass back as `after` to read the next page by keyset instead of by offset */
  cursor: LedgerCursor | null;
}

export interface LedgerCursor {
  id: number;
  value: string | number | null;
}

export interface CellRefusal {
  /** index into `edits` or `creates` of the request */
  index: number;
  kind: 'edit' | 'create';
  field: string;
  reason: string;
}

export interface LedgerBatchResult {
  updated: LedgerRecord[];
  created: LedgerRecord[];
  createdFrom: number[];
  refused: CellRefusal[];
  /** what each applied edit replaced (null: the cell was empty), to undo it */
  previous: { id: number; values: Record<string, unknown> }[];
}

export interface TypeChangePreview {
  fieldId: number;
  from: string;
  to: string;
  /** records holding a value in this field */
  total: number;
  converted: number;
  /** values that would not convert: they would be emptied (the audit log keeps them) */
  failures: { recordId: number; value: string; reason: string }[];
}

/**
 * A saved view (视图): the grid's state as AG Grid describes it, so switching back restores
 * exactly what the user saw. Filters are AG Grid's filter model (translated to SQL per read).
 */
export const viewSpec = z
  .object({
    filterModel: z.record(z.string().max(40), z.unknown()).default({}),
    sort: z.array(z.object({ colId: z.string().max(40), sort: z.enum(['asc', 'desc']) })).max(5).default([]),
    columns: z
      .array(z.object({ colId: z.string().max(40), hide: z.boolean().default(false), width: z.number().int().min(20).max(2000).optional(), pinned: z.enum(['left', 'right']).nullable().default(null) }))
      .max(300)
      .default([]),
    search: z.string().max(100).default(''),
  })
  .refine((s) => JSON.stringify(s).length <= 50_000, '视图内容过多，无法保存');
export type ViewSpec = z.output<typeof viewSpec>;
const viewName = z.string().trim().min(1, '视图名称不能为空').max(40, '视图名称最多40个字');

export interface LedgerView {
  id: number;
  categoryId: number;
  name: string;
  spec: ViewSpec;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerStats {
  categoryId: number;
  total: number;
  /** null when the category has no status field */
  open: number | null;
  closed: number | null;
  byStatus: { value: string; closed: boolean; count: number }[];
  byUnit: { unitId: number | null; unit: string; count: number; open: number | null }[];
  /** by the first date field (else by creation date), YYYY-MM */
  byMonth: { month: string; count: number }[];
  statusField: string | null;
  unitField: string | null;
  dateField: string | null;
}

export interface SearchHit {
  id: number;
  /** the first text-like values of the record, for the result line */
  title: string;
  snippet: string;
}

export interface SearchGroup {
  kind: 'ledger' | 'roster';
  categoryId: number | null;
  name: string;
  count: number;
  /** true when there are more matches than `count` counted */
  more: boolean;
  hits: SearchHit[];
}

export interface PeopleMatchResult {
  matched: { id: number; name: string; badge: string | null; unitName: string | null }[];
  unmatched: string[];
  ambiguous: { text: string; count: number }[];
}

export const ledgerContract = {
  'ledger.templates': returns<LedgerTemplateInfo[]>()(z.object({})),
  'ledger.categories': returns<LedgerCategory[]>()(z.object({ includeArchived: z.boolean().default(false) })),
  'ledger.category': returns<LedgerCategory>()(z.object({ id })),
  /** From a built-in template (its fields and choices), or empty with one 内容 field. */
  'ledger.createCategory': returns<LedgerCategory>()(
    z.object({ templateKey: z.string().max(40).optional(), name: categoryName.optional(), group: z.enum(CATEGORY_GROUPS).optional() }),
  ),
  'ledger.renameCategory': returns<LedgerCategory>()(z.object({ id, name: categoryName })),
  /** Moves a category into `group` at position `index` among that group's categories. */
  'ledger.moveCategory': returns<LedgerCategory[]>()(z.object({ id, group: z.enum(CATEGORY_GROUPS), index: z.number().int().min(0) })),
  'ledger.archiveCategory': returns<LedgerCategory>()(z.object({ id, archived: z.boolean() })),
  'ledger.setSensitive': returns<LedgerCategory>()(z.object({ id, sensitive: z.boolean() })),

  'ledger.addField': returns<LedgerField>()(z.object({ categoryId: id, key: fieldKey.optional(), ...fieldShape })),
  /** Everything but the type (see previewTypeChange / applyTypeChange). */
  'ledger.updateField': returns<LedgerField>()(
    z.object({
      id,
      label: fieldLabel.optional(),
      choices: fieldShape.choices.unwrap().optional(),
      required: z.boolean().optional(),
      defaultValue: rawCell.optional(),
      hidden: z.boolean().optional(),
      synonyms: fieldShape.synonyms.unwrap().optional(),
    }),
  ),
  'ledger.moveField': returns<LedgerField[]>()(z.object({ id, index: z.number().int().min(0) })),
  /** Removes the field and its values (each value kept in the audit log); other fields untouched. */
  'ledger.removeField': returns<{ id: number; valuesRemoved: number }>()(z.object({ id })),
  /** How many records (the recycle bin included) hold a value in the field: asked before removing it. */
  'ledger.fieldUsage': returns<{ id: number; values: number }>()(z.object({ id })),
  /** What changing the type would convert and what it would not; nothing is written. */
  'ledger.previewTypeChange': returns<TypeChangePreview>()(z.object({ id, type: z.enum(FIELD_TYPES), choices: fieldShape.choices.unwrap().optional() })),
  /**
   * Converts every value. Refused while some value would not convert, unless
   * `dropUnconvertible` (then those cells are emptied; the audit log keeps their old values).
   */
  'ledger.applyTypeChange': returns<{ field: LedgerField; converted: number; dropped: number }>()(
    z.object({ id, type: z.enum(FIELD_TYPES), choices: fieldShape.choices.unwrap().optional(), dropUnconvertible: z.boolean().default(false) }),
  ),

  /** One block of the grid (AG Grid infinite row model: rows startRow..endRow-1). */
  'ledger.rows': returns<LedgerPage>()(
    z.object({
      categoryId: id,
      startRow: z.number().int().min(0).default(0),
      endRow: z.number().int().min(0).default(100),
      sort: z.array(sortItem).max(5).default([]),
      filters: z.array(filterItem).max(50).default([]),
      search: z.string().max(100).default(''),
      /** the recycle bin (回收站) instead of the live records */
      deleted: z.boolean().default(false),
      /** the cursor of the previous block, when reading on from it (keyset paging) */
      after: z.object({ id, value: z.union([z.string(), z.number(), z.null()]) }).optional(),
    }),
  ),
  'ledger.get': returns<{ record: LedgerRecord; refs: LedgerRefs }>()(z.object({ id })),
  'ledger.create': returns<LedgerRecord>()(z.object({ categoryId: id, values: rawValues.default({}) })),
  /** A cell edit or a form save: all cells or none, with the reason if refused. */
  'ledger.update': returns<LedgerRecord>()(z.object({ id, values: rawValues })),
  /** A paste: every valid cell saved in one transaction, each refused cell reported. */
  'ledger.applyBatch': returns<LedgerBatchResult>()(
    z.object({
      categoryId: id,
      edits: z.array(z.object({ id, values: rawValues })).max(100_000).default([]),
      creates: z.array(z.object({ values: rawValues })).max(100_000).default([]),
    }),
  ),
  /** Moves records to the recycle bin. */
  'ledger.delete': returns<{ deleted: number }>()(z.object({ ids })),
  'ledger.restore': returns<{ restored: number }>()(z.object({ ids })),
  /** Erases the category's recycle bin for good (the audit log keeps each record's values). */
  'ledger.emptyBin': returns<{ purged: number }>()(z.object({ categoryId: id })),
  'ledger.history': returns<AuditEntry[]>()(z.object({ id })),
  /**
   * A pasted name list (参加人员) matched to the roster for a 人员名单 field: who was found, which
   * entries no one answers to, which fit several people. Nothing is written.
   */
  'ledger.matchPeople': returns<PeopleMatchResult>()(z.object({ text: z.string().max(100_000, '名单过长') })),
  'ledger.stats': returns<LedgerStats>()(z.object({ categoryId: id })),
  /** One search box across all ledgers and the roster; results grouped by category. */
  'ledger.search': returns<SearchGroup[]>()(z.object({ query: z.string().max(100), perGroup: z.number().int().min(1).max(200).default(20) })),

  'ledger.views': returns<LedgerView[]>()(z.object({ categoryId: id })),
  /** Saves the grid's state under a name: a new view, or (with `id`) over an existing one. */
  'ledger.saveView': returns<LedgerView>()(z.object({ categoryId: id, id: id.optional(), name: viewName, spec: viewSpec })),
  'ledger.renameView': returns<LedgerView>()(z.object({ id, name: viewName })),
  'ledger.deleteView': returns<{ id: number }>()(z.object({ id })),

  'ledger.importPreview': returns<ImportPreview>()(
    z.object({
      categoryId: id,
      path: z.string().trim().min(1, '请选择文件').max(1000),
      fileName: z.string().max(255).optional(),
      sheet: z.string().max(200).optional(),
      mapping: z.record(z.string(), z.string()).optional(),
      jobId: jobId.optional(),
    }),
  ),
  'ledger.importApply': returns<ImportApplyResult>()(
    z.object({
      previewId: z.string().uuid('预览编号无效'),
      skipRows: z.array(z.number().int().positive()).max(1_000_000).default([]),
      createUnits: z.array(z.string().min(1).max(40)).max(1000).default([]),
      units: importUnits,
    }),
  ),
  /** Undoes a ledger import batch, refused while any of its records changed since. */
  'ledger.undoImport': returns<ImportUndoResult>()(z.object({ batchId: id })),
};
