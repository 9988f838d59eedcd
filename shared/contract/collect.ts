import { z } from 'zod';
import { returns } from './define';
import { jobId } from './jobs';
import type { ExportOutcome } from './exports';
import type { Task } from '../domain/supervision';
import type { FieldType } from '../domain/ledger';

/**
 * 填报 and 汇总: the office sends one ledger's form to many units (下发), units fill it in
 * Excel/WPS or in their own LedgerDesk (填报), the office receives the returned files and
 * consolidates them (汇总), chases the late units (催报) and sends the consolidation upward.
 */

/** A field as the collection sent it: returns are checked against this, not against later edits. */
export interface CollectField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  choices: { value: string; color: string; closed?: boolean; aliases?: string[] }[];
  synonyms: string[];
}

export type CollectDirection = 'out' | 'in';

export interface CollectionSummary {
  id: number;
  /** the code written into every file of the collection */
  uid: string;
  /** out: we asked units below; in: a form from the office above that we fill */
  direction: CollectDirection;
  categoryId: number | null;
  /** the ledger's name as the collection asked for it */
  title: string;
  period: string;
  dueDate: string | null;
  instructions: string;
  /** who asks: this office for 'out', the office above for 'in' */
  officeName: string;
  createdAt: string;
  /** out: units asked, returned, missing, missing past the due date, and current rows in all */
  units: number;
  submitted: number;
  missing: number;
  late: number;
  rows: number;
  /** in: our name in the list of the office above, and when we last wrote our return file */
  unitName: string | null;
  sentAt: string | null;
}

export type UnitState = 'submitted' | 'missing' | 'late';

export interface CollectionUnitStatus {
  id: number;
  name: string;
  /** the unit of our organisation, when it is one */
  unitId: number | null;
  /** missing: nothing received yet; late: nothing received and the due date has passed */
  state: UnitState;
  /** the return in force, if any */
  returnId: number | null;
  receivedAt: string | null;
  /** 1 for the first return, 2 for a resubmission … */
  version: number;
  rows: number;
  refused: number;
  /** received after the due date */
  receivedLate: boolean;
  urgeTaskId: number | null;
  /** where its 填报表 was written */
  formFile: string | null;
}

export interface ReturnEntry {
  id: number;
  unitId: number;
  unitName: string;
  version: number;
  fileName: string;
  receivedAt: string;
  actor: string;
  rows: number;
  refused: number;
  /** the return this one replaced */
  replacedId: number | null;
  undoneAt: string | null;
  /** the latest return of its unit that is not undone: its rows are the unit's rows */
  inForce: boolean;
}

export interface CollectionDetail extends CollectionSummary {
  fields: CollectField[];
  unitStatuses: CollectionUnitStatus[];
  returns: ReturnEntry[];
  /** the folder beside the data file holding its forms and the files received */
  folder: string;
}

export interface CreatedCollection {
  collection: CollectionDetail;
  files: { unit: string; file: string }[];
}

/** What receiving a file would do to a unit's rows. */
export type ReceiveRowClass = 'new' | 'changed' | 'unchanged' | 'removed' | 'refused';

/**
 * One file of a receive: accepted (will replace its unit's rows), refused (with the reason;
 * nothing of it is applied), or a question the user answers (which unit sent a file without
 * its identity; which of two files from one unit to take; whether a file with no rows at all —
 * perhaps the blank form itself — is that unit's return).
 */
export type ReceiveFileState = 'ok' | 'same' | 'refused' | 'ask-unit' | 'duplicate' | 'empty';

export interface ReceiveFilePreview {
  index: number;
  fileName: string;
  state: ReceiveFileState;
  /** for refused, same and the questions, in Chinese */
  reason: string | null;
  collectionId: number | null;
  collectionTitle: string | null;
  unitId: number | null;
  unitName: string | null;
  /** how the file named itself: the hidden sheet, the document properties, the 表号 on its title lines, or not at all */
  identifiedBy: 'sheet' | 'properties' | 'title' | null;
  /** which return of the unit this would be (2 = first resubmission) */
  version: number;
  /** rows now in force for the unit, which this file replaces */
  previousRows: number;
  counts: Record<ReceiveRowClass, number>;
  /** valid rows in the file */
  rows: number;
}

export interface ReceivePreview {
  previewId: string;
  files: ReceiveFilePreview[];
}

export interface ReceiveRow {
  class: ReceiveRowClass;
  /** sheet row as Excel shows it; null for a removed row (it was in the earlier return) */
  row: number | null;
  values: Record<string, unknown>;
  /** for changed rows: field key → [before, after] */
  changes?: Record<string, [unknown, unknown]>;
  reason?: string;
}

export interface ReceiveResult {
  accepted: { index: number; fileName: string; unit: string; unitId: number; returnId: number; rows: number; replaced: number; refusedRows: number }[];
  refused: { index: number; file: string; reason: string }[];
  applied: boolean;
}

export interface CollectedRow {
  unit: string;
  unitId: number;
  row: number;
  values: Record<string, unknown>;
}

/** A collection as the board shows it. */
export interface CollectBoardItem {
  id: number;
  title: string;
  period: string;
  dueDate: string | null;
  units: number;
  submitted: number;
  late: number;
}

/** Records of our own ledger offered for a return upward. */
export interface FillCandidates {
  categoryId: number;
  fields: CollectField[];
  /** the date field the period was matched on, if the ledger has one */
  dateField: string | null;
  records: { id: number; values: Record<string, unknown>; inPeriod: boolean }[];
}

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成如 2026-03-02');
const filePath = z.string().trim().min(1, '请选择文件').max(1000);
const unitName = z.string().trim().min(1, '单位名称不能为空').max(60, '单位名称最多60个字');

export const collectContract = {
  'collect.list': returns<CollectionSummary[]>()(z.object({ direction: z.enum(['out', 'in']).optional() })),
  'collect.get': returns<CollectionDetail>()(z.object({ id })),
  /**
   * 下发: one collection over a ledger category, and one 填报表 per unit written into the
   * collection's folder beside the data file (or into `outDir`).
   */
  'collect.create': returns<CreatedCollection>()(
    z.object({
      categoryId: id,
      period: z.string().trim().min(1, '请填写期间（如 2026-12 或 第3周）').max(40, '期间最多40个字'),
      dueDate: date,
      instructions: z.string().max(2000, '填报说明最多2000字').default(''),
      /** units of the organisation, by id */
      unitIds: z.array(id).max(500).default([]),
      /** units outside the organisation, by name */
      unitNames: z.array(unitName).max(500).default([]),
      outDir: filePath.optional(),
    }),
  ),
  /** One unit's 填报表 again: written to `path` (desktop), or returned as data to download. */
  'collect.formFile': returns<ExportOutcome>()(z.object({ collectionId: id, unitId: id, path: filePath.optional() })),
  /** Reads and checks the files; nothing is written. `collectionId`: receiving inside one collection. */
  'collect.previewReceive': returns<ReceivePreview>()(
    z.object({
      collectionId: id.optional(),
      files: z.array(z.object({ path: filePath, name: z.string().max(255).optional() })).max(2000, '一次最多接收2000个文件').default([]),
      /** a folder: every .xlsx in it */
      folder: filePath.optional(),
      jobId: jobId.optional(),
    }),
  ),
  /** The rows of one previewed file, by class, a page at a time. */
  'collect.previewRows': returns<{ total: number; rows: ReceiveRow[] }>()(
    z.object({
      previewId: z.string().uuid('预览编号无效'),
      index: z.number().int().min(0),
      classes: z.array(z.enum(['new', 'changed', 'unchanged', 'removed', 'refused'])).default([]),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ),
  /**
   * Applies the previewed files in one transaction: each accepted file replaces its unit's
   * rows. `files` answers the questions (the unit of an unidentified file; which of a
   * unit's two files) and may leave files out; without it, every accepted file is applied.
   */
  'collect.applyReceive': returns<ReceiveResult>()(
    z.object({
      previewId: z.string().uuid('预览编号无效'),
      files: z.array(z.object({ index: z.number().int().min(0), include: z.boolean().default(true), unitId: id.optional() })).max(2000).optional(),
      dryRun: z.boolean().default(false),
    }),
  ),
  /** Undoes one received file: the unit's earlier return (if any) is in force again. */
  'collect.undoReturn': returns<{ returnId: number; unit: string; restoredVersion: number | null }>()(z.object({ returnId: id })),
  /** The consolidated rows in force, unit by unit. */
  'collect.rows': returns<{ total: number; rows: CollectedRow[] }>()(
    z.object({ collectionId: id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(1000) }),
  ),
  /**
   * 催报: a 催办 task per late unit (its level and trail in the supervision module), due
   * `dueDate`; a unit that already has an open 催报 task gets another 催办 line in its trail.
   */
  'collect.urge': returns<{ created: Task[]; urged: Task[] }>()(z.object({ collectionId: id, dueDate: date, unitIds: z.array(id).max(500).optional() })),
  /**
   * 汇总报送: the rows in force as the official form, with a 汇总 sheet by unit. With
   * `asReturnFor` (a collection from the office above) the file is also our return to it.
   */
  'collect.exportConsolidated': returns<ExportOutcome>()(
    z.object({ collectionId: id, asReturnFor: id.optional(), path: filePath.optional(), jobId: jobId.optional() }),
  ),
  /** Collections shown on the board: open ones first. */
  'collect.board': returns<CollectBoardItem[]>()(z.object({ today: date.optional() })),

  /**
   * 填报 in LedgerDesk: registers a 填报表 from the office above, with a ledger category of
   * identical fields (the one we have, or a new one).
   */
  'collect.openForm': returns<CollectionDetail & { categoryCreated: boolean }>()(z.object({ path: filePath, name: z.string().max(255).optional() })),
  /** Our records offered for the return: those of the period first (by the ledger's first date field). */
  'collect.fillCandidates': returns<FillCandidates>()(z.object({ collectionId: id })),
  /** Writes our return file (the same form, filled) for a collection from above. */
  'collect.writeReturn': returns<ExportOutcome>()(z.object({ collectionId: id, recordIds: z.array(id).max(100_000), path: filePath.optional() })),
};
