import { z } from 'zod';
import { returns } from './define';
import { jobId } from './jobs';
import { filterItem } from './ledger';
import { PERSON_FIELDS } from '../domain/roster';
import { LEVEL_KEYS, TASK_STATUSES } from '../domain/supervision';

export interface ExportOutcome {
  /** where the file was written (desktop app), or null when it comes back as data (browser) */
  out: string | null;
  rows: number;
  fileName: string;
  dataBase64: string | null;
}

/** What an export preset (导出方案) is for: presets are kept per target (and per ledger category). */
export const EXPORT_TARGETS = ['roster', 'ledger', 'tasks', 'bulletin'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
export const EXPORT_TARGET_NAMES: Record<ExportTarget, string> = { roster: '花名册', ledger: '台账', tasks: '督办任务清单', bulletin: '通报' };

export const DATE_FORMATS = ['yyyy-mm-dd', 'yyyy年m月d日'] as const;
export type ExportDateFormat = (typeof DATE_FORMATS)[number];

/** In a preset's title, replaced by the office's name (填报单位) when exporting. */
export const OFFICE_PLACEHOLDER = '{填报单位}';

/** A preset's title as printed: 填报单位 filled in; `fallback` when the title is left empty. */
export function fillTitle(title: string, officeName: string, fallback: string): string {
  const t = title.trim();
  return t ? t.split(OFFICE_PLACEHOLDER).join(officeName) : fallback;
}

/** A 报送包's 汇总 title when none is given. */
export const bundleDefaultTitle = (officeName: string) => `${officeName}报送材料汇总`;

/** The file name offered for an export: its title (without characters Windows refuses) and the date. */
export function exportFileName(title: string, today: string): string {
  return `${title.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 120)}-${today}.xlsx`;
}

/**
 * A preset (导出方案): the title, the columns in order (those listed are shown), the header
 * groups (consecutive columns with the same group share a merged cell above their labels,
 * e.g. 整改情况 over 整改措施 / 完成时限 / 办理状态), the date format, and whether to add a
 * 合计 row and a 统计 sheet (counts by status and unit).
 */
export const presetSpecSchema = z.object({
  title: z.string().trim().max(100, '标题最多100个字').default(''),
  columns: z
    .array(
      z.object({
        key: z.string().min(1).max(40),
        group: z.string().trim().max(30, '表头分组名称最多30个字').default(''),
      }),
    )
    .min(1, '请至少选择一列')
    .max(300),
  dateFormat: z.enum(DATE_FORMATS).default('yyyy-mm-dd'),
  totalsRow: z.boolean().default(false),
  statsSheet: z.boolean().default(false),
});
export type ExportPresetSpec = z.output<typeof presetSpecSchema>;
export type ExportPresetSpecInput = z.input<typeof presetSpecSchema>;

export interface ExportPreset {
  /** null for a built-in preset (not stored; the office starts from it and saves its own) */
  id: number | null;
  name: string;
  builtIn: boolean;
  target: ExportTarget;
  categoryId: number | null;
  spec: ExportPresetSpec;
  updatedAt: string | null;
}

/** A column a preset may choose. */
export interface ExportColumnChoice {
  key: string;
  label: string;
  /** text, longText, id, date, month, number, integer */
  kind: string;
}

export interface ExportPresetList {
  target: ExportTarget;
  categoryId: number | null;
  /** every column that can be exported, in their natural order */
  columns: ExportColumnChoice[];
  /** the title used when a preset leaves it empty (office name included) */
  defaultTitle: string;
  /** built-in ones first */
  presets: ExportPreset[];
}

export interface BundleOutcome extends ExportOutcome {
  sheets: { name: string; rows: number }[];
}

const id = z.number().int().positive();
const target = z.enum(EXPORT_TARGETS);
const presetName = z.string().trim().min(1, '方案名称不能为空').max(40, '方案名称最多40个字');
const outPath = z.string().trim().min(1).max(1000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成如 2026-03-02');

/**
 * Every export below takes: `path` (desktop: where to write; without it the file comes back
 * as data to download), `preset` (a saved or built-in preset's name; default: the first
 * built-in one), `spec` (a preset as edited in the dialog, used instead of the named one
 * without saving it) and `jobId` (progress and cancel).
 */
const common = {
  path: outPath.optional(),
  preset: z.string().trim().max(40).optional(),
  spec: presetSpecSchema.optional(),
  jobId: jobId.optional(),
};

export const exportsContract = {
  /**
   * The roster as an official-form workbook. With `ids` it is the grid's current view (its
   * filter and sort); with `fields`, only those columns, in that order (overrides the preset's).
   */
  'exports.roster': returns<ExportOutcome>()(
    z.object({
      ...common,
      ids: z.array(z.number().int().positive()).max(1_000_000).optional(),
      fields: z.array(z.enum(PERSON_FIELDS)).min(1).optional(),
    }),
  ),
  /**
   * A ledger category. With `view` it is the grid's current view (filter, sort, search);
   * with `fields`, only those columns in that order (overrides the preset's columns, keeps its groups).
   */
  'exports.ledger': returns<ExportOutcome>()(
    z.object({
      ...common,
      categoryId: id,
      view: z
        .object({
          sort: z.array(z.object({ field: z.string().max(40), dir: z.enum(['asc', 'desc']).default('asc') })).max(5).default([]),
          filters: z.array(filterItem).max(50).default([]),
          search: z.string().max(100).default(''),
        })
        .optional(),
      fields: z.array(z.string().max(40)).min(1).optional(),
    }),
  ),
  /** 督办任务清单: filtered like tasks.list (unit, status, level, parent). */
  'exports.taskList': returns<ExportOutcome>()(
    z.object({
      ...common,
      parentId: id.nullable().optional(),
      unitId: id.optional(),
      status: z.enum(TASK_STATUSES).optional(),
      level: z.enum(LEVEL_KEYS).optional(),
    }),
  ),
  /**
   * A bulletin (通报) as a formatted sheet: a saved one (`recordId`, a record of the 通报 ledger)
   * or a draft as edited (the fields of tasks.saveBulletin); a draft's tasks are listed below its text.
   */
  'exports.bulletin': returns<ExportOutcome>()(
    z
      .object({
        ...common,
        recordId: id.optional(),
        draft: z
          .object({
            issue: z.string().trim().min(1, '期号不能为空').max(40),
            date,
            title: z.string().trim().max(200).default(''),
            content: z.string().max(20000, '内容过长（最多20000字）'),
            unitsNamed: z.array(z.string().max(40)).max(500).default([]),
            taskIds: z.array(id).max(10_000).default([]),
          })
          .optional(),
      })
      .refine((i) => (i.recordId === undefined) !== (i.draft === undefined), '请指定要导出的通报（已保存的通报或草稿，二选一）'),
  ),
  /** A plan (月计划/周清单/日安排) as printed: the period holding `date` (default today), optionally one unit's. */
  'exports.plan': returns<ExportOutcome>()(
    z.object({
      path: outPath.optional(),
      period: z.enum(['month', 'week', 'day']),
      date: date.optional(),
      unitId: id.optional(),
      jobId: jobId.optional(),
    }),
  ),
  /** 报送包: several parts, each on its own sheet, plus a 汇总 sheet (counts by status and unit), in one workbook. */
  'exports.bundle': returns<BundleOutcome>()(
    z.object({
      path: outPath.optional(),
      title: z.string().trim().max(100, '标题最多100个字').default(''),
      dateFormat: z.enum(DATE_FORMATS).default('yyyy-mm-dd'),
      parts: z
        .array(
          z.object({
            target: z.enum(['roster', 'ledger', 'tasks']),
            categoryId: id.optional(),
            preset: z.string().trim().max(40).optional(),
          }),
        )
        .min(1, '请至少勾选一项')
        .max(100),
      jobId: jobId.optional(),
    }),
  ),

  /** The columns a target can export and its presets (built-in first, then the office's own). */
  'exports.presets': returns<ExportPresetList>()(z.object({ target, categoryId: id.optional() })),
  /** Saves a new preset, or (with `id`) replaces a saved one's name and spec. Audited. */
  'exports.savePreset': returns<ExportPreset>()(z.object({ id: id.optional(), target, categoryId: id.optional(), name: presetName, spec: presetSpecSchema })),
  'exports.renamePreset': returns<ExportPreset>()(z.object({ id, name: presetName })),
  'exports.deletePreset': returns<{ id: number }>()(z.object({ id })),
};
