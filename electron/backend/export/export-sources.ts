import type { ExportPresetSpec, ExportTarget } from '../../../shared/contract/exports';
import type { LedgerFilter, LedgerSort } from '../../../shared/contract/ledger';
import type { FieldType } from '../../../shared/domain/ledger';
import type { Person } from '../../../shared/domain/roster';
import { LEVEL_KEYS, type LevelKey, type PlanView, type Task, type TaskStatus } from '../../../shared/domain/supervision';
import { isDone } from '../supervision/escalation';
import type { BackendContext } from '../context';
import type { RosterService } from '../roster/roster-service';
import type { AppService } from '../app/app-service';
import type { LedgerService } from '../ledger/ledger-service';
import type { SupervisionService } from '../supervision/supervision-service';
import { queryRows, type RowsQuery } from '../ledger/record-query';
import { displayValue } from '../ledger/field-values';
import { DbRefs } from '../ledger/refs';
import { ledgerBuiltIn } from './ledger-presets';
import { builtIn } from './preset-spec';
import { ROSTER_COLUMNS, ROSTER_PRESETS } from './roster-presets';
import type { ExportColumn, ExportRecord } from './table-spec';

/** The services an export reads from (the whole Backend satisfies this). */
export interface ExportDeps {
  ctx: BackendContext;
  roster: RosterService;
  ledger: LedgerService;
  supervision: SupervisionService;
  app: AppService;
}

/**
 * What can be exported — the roster, a ledger category, the task list, a bulletin's task
 * table — described once: the columns a preset may choose, the built-in presets, how the
 * 合计 row counts and which columns the 统计/汇总 sheet counts by.
 */
export interface ExportSource {
  target: ExportTarget;
  categoryId: number | null;
  /** the sheet's tab, and what messages call it (花名册, 征求意见台账, …) */
  name: string;
  columns: readonly ExportColumn[];
  /** the first is the default */
  builtIns: readonly { name: string; spec: ExportPresetSpec }[];
  countUnit: string;
  summary: { statusKey?: string; unitKey?: string; levelKey?: string; order?: readonly string[] };
}

export const rosterSource = (): ExportSource => ({
  target: 'roster',
  categoryId: null,
  name: '花名册',
  columns: ROSTER_COLUMNS,
  builtIns: ROSTER_PRESETS,
  countUnit: '人',
  summary: { unitKey: 'unitName' },
});

/** The roster, or with `ids` those people in that order (the grid's view). One query: a snapshot. */
export function rosterRows(backend: ExportDeps, ids?: readonly number[]): ExportRecord[] {
  const people = backend.roster.list();
  if (!ids) return people as unknown as ExportRecord[];
  const byId = new Map(people.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined) as unknown as ExportRecord[];
}

const LEDGER_KIND: Partial<Record<FieldType, ExportColumn['kind']>> = { date: 'date', number: 'number', longText: 'longText', people: 'longText' };
/** Short values from a fixed list (a status, a choice, 是/否, a name) are centred, as on printed forms. */
const CENTRED: ReadonlySet<FieldType> = new Set(['status', 'singleChoice', 'boolean', 'person']);

export function ledgerSource(backend: ExportDeps, categoryId: number): ExportSource {
  const category = backend.ledger.categories.get(categoryId);
  const status = category.fields.find((f) => f.type === 'status');
  const unit = category.fields.find((f) => f.type === 'unit');
  return {
    target: 'ledger',
    categoryId,
    name: category.name,
    columns: category.fields.map((f) => ({ key: f.key, label: f.label, kind: LEDGER_KIND[f.type] ?? 'text', ...(CENTRED.has(f.type) ? { align: 'center' as const } : {}) })),
    builtIns: [ledgerBuiltIn(category)],
    countUnit: '条',
    summary: { ...(status ? { statusKey: status.key, order: status.choices.map((c) => c.value) } : {}), ...(unit ? { unitKey: unit.key } : {}) },
  };
}

export interface LedgerView {
  sort: LedgerSort[];
  filters: LedgerFilter[];
  search: string;
}

const PAGE = 1000;

/**
 * A category's live records as shown (people and units by name, 是/否), every field by key,
 * optionally as the grid's view (filter, sort, search). Read up front, page by page: a
 * snapshot, and no statement left open while the file streams out.
 */
export function ledgerRows(backend: ExportDeps, categoryId: number, view?: LedgerView): ExportRecord[] {
  const { fields } = backend.ledger.categories.get(categoryId);
  const refs = new DbRefs(backend.ctx.db);
  const out: ExportRecord[] = [];
  let after: RowsQuery['after'];
  for (let start = 0; ; start += PAGE) {
    const q: RowsQuery = { categoryId, startRow: start, endRow: start + PAGE, sort: view?.sort ?? [], filters: view?.filters ?? [], search: view?.search ?? '', deleted: false, ...(after ? { after } : {}) };
    const page = queryRows(backend.ctx.db, fields, q, refs);
    for (const r of page.rows) {
      const row: Record<string, unknown> = {};
      for (const f of fields) {
        const v = r.values[f.key];
        row[f.key] = v === undefined ? null : f.type === 'number' ? v : displayValue(f.type, v, refs);
      }
      out.push(row);
    }
    if (page.rows.length < PAGE || !page.cursor) return out;
    after = page.cursor;
  }
}

/** The record property the 汇总 sheet counts tasks by: the level of an open task, 已办结 for a done one. */
const LEVEL_GROUP = '_levelGroup';
const DONE = '已办结';

/** Columns of a task list (督办任务清单), keyed as taskRecord() writes them. */
export const TASK_COLUMNS: readonly ExportColumn[] = [
  { key: 'title', label: '任务名称', kind: 'longText' },
  { key: 'unitName', label: '责任单位', kind: 'text' },
  { key: 'responsibleName', label: '责任人', kind: 'text', align: 'center' },
  { key: 'leadLeaderName', label: '牵头领导', kind: 'text', align: 'center' },
  { key: 'startDate', label: '开始时间', kind: 'date' },
  { key: 'dueDate', label: '完成时限', kind: 'date' },
  { key: 'progress', label: '进度', kind: 'text', align: 'center' },
  { key: 'status', label: '状态', kind: 'text', align: 'center' },
  { key: 'levelName', label: '督办等级', kind: 'text', align: 'center' },
  { key: 'source', label: '任务来源', kind: 'text', align: 'center' },
  { key: 'content', label: '任务内容', kind: 'longText' },
  { key: 'horizon', label: '计划类型', kind: 'text', align: 'center' },
  { key: 'rating', label: '质量评定', kind: 'text', align: 'center' },
  { key: 'evidence', label: '佐证材料', kind: 'longText' },
];

const TASK_LIST_KEYS = ['title', 'unitName', 'responsibleName', 'leadLeaderName', 'startDate', 'dueDate', 'progress', 'status', 'levelName'];

export const tasksSource = (levelOrder: readonly string[] = []): ExportSource => ({
  target: 'tasks',
  categoryId: null,
  name: '督办任务清单',
  columns: TASK_COLUMNS,
  builtIns: [builtIn('督办任务清单', '{填报单位}督办任务清单', TASK_LIST_KEYS, { groups: { 办理时限: ['startDate', 'dueDate'] } })],
  countUnit: '项',
  summary: { statusKey: 'status', unitKey: 'unitName', levelKey: LEVEL_GROUP, order: levelOrder },
});

/** The tasks a bulletin names, listed under its text. */
export const bulletinSource = (): ExportSource => ({
  target: 'bulletin',
  categoryId: null,
  name: '通报',
  columns: TASK_COLUMNS,
  builtIns: [builtIn('通报', '', ['unitName', 'title', 'dueDate', 'progress', 'status', 'levelName'])],
  countUnit: '项',
  summary: { statusKey: 'status', unitKey: 'unitName' },
});

/** A task as a row of the task list; the level by the office's name for it (黄色督办). */
function taskRecord(t: Task, levelName: (l: LevelKey) => string, done: (t: Task) => boolean): ExportRecord {
  return {
    title: t.title,
    unitName: t.unitName,
    responsibleName: t.responsibleName,
    leadLeaderName: t.leadLeaderName,
    startDate: t.startDate,
    dueDate: t.dueDate,
    progress: `${t.progress}%`,
    status: t.status,
    levelName: levelName(t.level),
    source: t.source,
    content: t.content,
    horizon: t.horizon,
    rating: t.rating,
    evidence: t.evidence,
    [LEVEL_GROUP]: done(t) ? DONE : levelName(t.level),
  };
}

function levelNamer(backend: ExportDeps): (l: LevelKey) => string {
  const { levels } = backend.supervision.rules.get();
  return (l) => `${levels[l].name}${levels[l].action}`;
}

/** 白 蓝 黄 红 by the office's names for them, then 已办结: the rows of the tasks' table on 汇总. */
export function taskLevelOrder(backend: ExportDeps): string[] {
  const name = levelNamer(backend);
  return [...LEVEL_KEYS.map(name), DONE];
}

function doneTest(backend: ExportDeps): (t: Task) => boolean {
  const rules = backend.supervision.rules.get();
  return (t) => isDone(t, rules);
}

export interface TaskFilter {
  parentId?: number | null;
  unitId?: number;
  status?: TaskStatus;
  level?: LevelKey;
}

/** Tasks as tasks.list filters them (all of them: no page limit), as rows of the task list. */
export function taskRows(backend: ExportDeps, filter: TaskFilter): ExportRecord[] {
  const name = levelNamer(backend);
  const done = doneTest(backend);
  return backend.supervision.tasks.list({ ...filter, limit: 10_000_000 }).map((t) => taskRecord(t, name, done));
}

/** The given tasks, in the order given. */
export function taskRowsByIds(backend: ExportDeps, ids: readonly number[]): ExportRecord[] {
  const name = levelNamer(backend);
  const done = doneTest(backend);
  return ids.map((id) => taskRecord(backend.supervision.tasks.get(id), name, done));
}

/** Columns of a printed plan (工作计划): one row per task, grouped by unit in tree order. */
export const PLAN_COLUMNS: readonly ExportColumn[] = [
  { key: 'unitName', label: '责任单位', kind: 'text' },
  { key: 'title', label: '任务名称', kind: 'longText' },
  { key: 'responsibleName', label: '责任人', kind: 'text', align: 'center' },
  { key: 'dueDate', label: '完成时限', kind: 'date' },
  { key: 'progress', label: '进度', kind: 'text', align: 'center' },
  { key: 'status', label: '状态', kind: 'text', align: 'center' },
  { key: 'levelName', label: '督办等级', kind: 'text', align: 'center' },
  { key: 'note', label: '备注', kind: 'text', align: 'center' },
];

/** A plan's rows: its tasks unit by unit, 结转 noted for those carried over from before the period. */
export function planRows(backend: ExportDeps, view: PlanView): ExportRecord[] {
  const name = levelNamer(backend);
  const done = doneTest(backend);
  return view.byUnit.flatMap((g) => g.items.map(({ task, carriedOver }) => ({ ...taskRecord(task, name, done), unitName: g.unit, note: carriedOver ? '结转' : null })));
}
