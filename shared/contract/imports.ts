import { z } from 'zod';
import { returns } from './define';
import { jobId } from './jobs';

export type ImportRowClass = 'new' | 'changed' | 'unchanged' | 'duplicate' | 'invalid';

export interface ImportPreviewRow {
  /** sheet row as Excel shows it */
  row: number;
  class: ImportRowClass;
  /** the values as they will be saved (field key → value) */
  values: Record<string, unknown>;
  /** for `changed`: field → [old, new] */
  changes?: Record<string, [unknown, unknown]>;
  /** the matched record, for changed/unchanged */
  personId?: number;
  personName?: string;
  /** for invalid/duplicate rows */
  reason?: string;
  field?: string;
  /** a unit this row names that the organisation does not have yet */
  newUnit?: string;
}

export interface ImportFieldInfo {
  key: string;
  label: string;
  required: boolean;
}

export interface ImportPreview {
  previewId: string;
  fileName: string;
  format: 'xlsx' | 'xls' | 'csv';
  sheet: string;
  sheets: { name: string; rows: number }[];
  headerRow: number;
  headerRows: number[];
  columns: string[];
  /** source header → field key (unmapped headers absent) */
  mapping: Record<string, string>;
  fields: ImportFieldInfo[];
  missingRequired: string[];
  unknownUnits: string[];
  rows: ImportPreviewRow[];
  skipped: { row: number; reason: string }[];
  counts: Record<ImportRowClass, number>;
  /** true when the mapping came from one remembered for this header */
  rememberedMapping: boolean;
}

export interface ImportApplyResult {
  batchId: number | null;
  added: number;
  updated: number;
  unchanged: number;
  /** rows the user left unticked */
  skipped: number;
  refused: { row: number; reason: string }[];
  unitsCreated: string[];
}

/** What undoing an import batch did. */
export interface ImportUndoResult {
  batchId: number;
  /** records (people, ledger rows) the batch had added, now removed */
  removed: number;
  /** records it had changed, now put back */
  restored: number;
  /** units it had created, now removed */
  unitsRemoved: number;
  /** units it had created that stay, because something else uses them now; `reason` says what */
  keptUnits: { name: string; reason: string }[];
}

export interface ImportBatch {
  id: number;
  target: string;
  fileName: string;
  sheet: string;
  appliedAt: string;
  actor: string;
  added: number;
  updated: number;
  unchanged: number;
  refused: number;
  unitsCreated: number;
  undoneAt: string | null;
}

const previewId = z.string().uuid('预览编号无效');

/**
 * Where the units an import creates go (under `parentId`, chosen in the wizard; default the
 * top of the tree), and unknown names the user said mean an existing unit (`sameAs`:
 * 督查支队 → 督察支队), for which nothing is created.
 */
export const importUnits = z
  .object({
    parentId: z.number().int().positive().nullable().default(null),
    sameAs: z.record(z.string().min(1).max(40), z.string().min(1).max(40)).default({}),
  })
  .optional();
export type ImportUnitsChoice = { parentId: number | null; sameAs: Record<string, string> };
const filePath = z.string().trim().min(1, '请选择文件').max(1000);

export const importsContract = {
  /** Puts a file chosen in the page (button or drag-and-drop) where the backend can read it. */
  'imports.stageFile': returns<{ path: string; name: string; size: number }>()(
    z.object({ name: z.string().trim().min(1).max(255), dataBase64: z.string().max(200 * 1024 * 1024, '文件过大（上限约150 MB）') }),
  ),
  /** Reads, maps, validates and classifies every row; nothing is written. */
  'imports.preview': returns<ImportPreview>()(
    z.object({
      path: filePath,
      fileName: z.string().max(255).optional(),
      sheet: z.string().max(200).optional(),
      mapping: z.record(z.string(), z.string()).optional(),
      jobId: jobId.optional(),
    }),
  ),
  /** Applies the previewed rows in one transaction: all ticked rows, or none. */
  'imports.apply': returns<ImportApplyResult>()(
    z.object({
      previewId,
      /** sheet rows the user unticked */
      skipRows: z.array(z.number().int().positive()).max(1_000_000).default([]),
      /** unknown unit names the user agreed to create */
      createUnits: z.array(z.string().min(1).max(40)).max(1000).default([]),
      units: importUnits,
    }),
  ),
  'imports.batches': returns<ImportBatch[]>()(z.object({})),
  /** Undoes a batch, refused (with the records named) if any of its records changed since. */
  'imports.undoBatch': returns<ImportUndoResult>()(z.object({ batchId: z.number().int().positive() })),
  /** The refused rows as a workbook (original columns + 错误原因), to fix and import again. */
  'imports.errorWorkbook': returns<{ out: string | null; dataBase64: string | null; fileName: string }>()(
    z.object({ previewId, path: filePath.optional() }),
  ),
};
