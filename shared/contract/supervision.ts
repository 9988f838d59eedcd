import { z } from 'zod';
import { returns } from './define';
import {
  LEVEL_KEYS,
  PLAN_HORIZONS,
  QUALITY_RATINGS,
  TASK_SOURCES,
  TASK_STATUSES,
  type Board,
  type BulletinDraft,
  type CoverageResult,
  type EscalationRules,
  type Recurrence,
  type Task,
  type TaskLogEntry,
  type TaskRollup,
  type PlanView,
  type Reminders,
} from '../domain/supervision';

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成如 2026-03-02');
const title = z.string().trim().min(1, '任务名称不能为空').max(200, '任务名称最多200个字');
const longText = z.string().max(20000, '内容过长（最多20000字）');
const reason = z.string().trim().min(1, '请填写理由').max(2000, '理由最多2000字');
const logText = z.string().trim().min(1, '内容不能为空').max(5000, '内容最多5000字');
const level = z.enum(LEVEL_KEYS);

/** Every editable field of a task; `tasks.update` takes any subset. */
const taskFields = {
  title,
  content: longText.nullable().default(null),
  source: z.enum(TASK_SOURCES).default('自定'),
  leadLeaderId: id.nullable().default(null),
  unitId: id.nullable().default(null),
  responsibleId: id.nullable().default(null),
  helperUnitIds: z.array(id).max(200).default([]),
  startDate: date.nullable().default(null),
  dueDate: date.nullable().default(null),
  progress: z.number().int().min(0, '进度应在0到100之间').max(100, '进度应在0到100之间').default(0),
  status: z.enum(TASK_STATUSES).default('未开始'),
  evidence: longText.nullable().default(null),
  horizon: z.enum(PLAN_HORIZONS).nullable().default(null),
  ledgerRecordId: id.nullable().default(null),
};
const newTask = z.object({ parentId: id.nullable().default(null), ...taskFields });
export type NewTaskInput = z.output<typeof newTask>;

const taskPatch = z.object({
  /** moves the task (and its subtree) under another task, or to the top level with null */
  parentId: id.nullable().optional(),
  title: title.optional(),
  content: longText.nullable().optional(),
  source: z.enum(TASK_SOURCES).optional(),
  leadLeaderId: id.nullable().optional(),
  unitId: id.nullable().optional(),
  responsibleId: id.nullable().optional(),
  helperUnitIds: z.array(id).max(200).optional(),
  startDate: date.nullable().optional(),
  dueDate: date.nullable().optional(),
  progress: z.number().int().min(0, '进度应在0到100之间').max(100, '进度应在0到100之间').optional(),
  status: z.enum(TASK_STATUSES).optional(),
  evidence: longText.nullable().optional(),
  horizon: z.enum(PLAN_HORIZONS).nullable().optional(),
});
export type TaskPatch = z.output<typeof taskPatch>;

const levelSetting = z.object({
  name: z.string().trim().min(1, '等级名称不能为空').max(20),
  action: z.string().trim().min(1, '督办方式不能为空').max(20),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色应写成如 #dc2626'),
});
export const rulesSchema = z
  .object({
    levels: z.object({ white: levelSetting, blue: levelSetting, yellow: levelSetting, red: levelSetting }),
    dueSoonDays: z.number().int().min(0, '天数不能为负').max(365),
    redOverdueDays: z.number().int().min(0, '天数不能为负').max(365),
    redRatings: z.array(z.enum(QUALITY_RATINGS)).max(4),
  })
  .strict();

const boardCell = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), unitId: id.nullable(), level: z.union([level, z.literal('done')]) }),
  z.object({ kind: z.literal('overdue'), unitId: id.nullable().optional() }),
  z.object({ kind: z.literal('dueThisWeek'), unitId: id.nullable().optional() }),
]);

const recurrenceInput = z.object({
  title,
  content: longText.nullable().default(null),
  source: z.enum(TASK_SOURCES).default('自定'),
  rule: z.enum(['weekly', 'semimonthly', 'monthly']),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  monthDay: z.number().int().min(1).max(31).nullable().default(null),
  startDate: date,
  endDate: date.nullable().default(null),
  unitId: id.nullable().default(null),
  responsibleId: id.nullable().default(null),
  parentId: id.nullable().default(null),
  horizon: z.enum(PLAN_HORIZONS).nullable().default(null),
});
export type RecurrenceInput = z.output<typeof recurrenceInput>;

export interface TaskDetail {
  task: Task;
  rollup: TaskRollup;
  children: Task[];
  /** from the root down to the parent */
  path: { id: number; title: string }[];
  log: TaskLogEntry[];
}

export interface TaskTreeNode {
  task: Task;
  rollup: TaskRollup;
  children: TaskTreeNode[];
}

export const supervisionContract = {
  'tasks.list': returns<Task[]>()(
    z.object({
      parentId: id.nullable().optional(),
      unitId: id.optional(),
      status: z.enum(TASK_STATUSES).optional(),
      level: level.optional(),
      /** the tasks made from one ledger record (一键转办, 补课/补考), for the record's side panel */
      ledgerRecordId: id.optional(),
      limit: z.number().int().min(1).max(100_000).default(1000),
    }),
  ),
  'tasks.get': returns<TaskDetail>()(z.object({ id })),
  /** A task and its whole subtree, each node with its roll-up (a Gantt-like timeline reads this). */
  'tasks.tree': returns<TaskTreeNode>()(z.object({ id })),
  'tasks.create': returns<Task>()(newTask),
  'tasks.update': returns<Task>()(z.object({ id, patch: taskPatch })),
  /** Refused while it has sub-tasks; its log stays. */
  'tasks.delete': returns<{ id: number }>()(z.object({ id })),
  /** 撤销 of a deletion: the task back as it was, with its id, 协办单位 and 催报 links; refused when what it points at is gone. */
  'tasks.undoDelete': returns<Task>()(z.object({ id })),
  /** 逐项分解: sub-tasks for lower units in one action; each inherits what it does not set. */
  'tasks.decompose': returns<Task[]>()(
    z.object({
      parentId: id,
      items: z
        .array(z.object({ title: title.optional(), unitId: id.nullable().default(null), responsibleId: id.nullable().default(null), dueDate: date.nullable().optional() }))
        .min(1, '请至少分解出一项')
        .max(500),
    }),
  ),
  /**
   * 一键转办: an opinion (or any ledger record) becomes a rectification task linked to it.
   * A record already converted is refused unless `again` says the user wants another task.
   */
  'tasks.fromLedgerRecord': returns<Task>()(z.object({ recordId: id, parentId: id.nullable().default(null), dueDate: date.nullable().optional(), again: z.boolean().optional() })),
  /** 办结: status 已办结 with the evidence and the quality rating. */
  'tasks.close': returns<Task>()(z.object({ id, rating: z.enum(QUALITY_RATINGS), evidence: longText.trim().min(1, '请填写办结佐证材料'), status: z.enum(['已办结', '已销号']).default('已办结') })),
  'tasks.urge': returns<TaskLogEntry>()(z.object({ id, text: logText })),
  'tasks.note': returns<TaskLogEntry>()(z.object({ id, text: logText })),
  'tasks.reply': returns<TaskLogEntry>()(z.object({ id, text: logText })),
  /** A manual level, which wins over the rules until cleared; the reason is required and logged. */
  'tasks.override': returns<Task>()(z.object({ id, level, reason })),
  'tasks.clearOverride': returns<Task>()(z.object({ id, reason })),
  'tasks.log': returns<TaskLogEntry[]>()(z.object({ id })),
  /** Logs every task whose level rose since last seen (call on start and hourly); returns those. */
  'tasks.refreshLevels': returns<{ risen: { taskId: number; from: string; to: string }[]; dueTomorrow: number[] }>()(z.object({})),
  /** The office's date by the backend's clock (the one every level is computed against). */
  'tasks.today': returns<{ today: string }>()(z.object({})),
  /** The bell's list: rises logged in the last `days` days and open tasks due tomorrow. */
  'tasks.reminders': returns<Reminders>()(z.object({ days: z.number().int().min(1).max(30).default(2) })),
  'tasks.rules': returns<EscalationRules>()(z.object({})),
  'tasks.setRules': returns<EscalationRules>()(rulesSchema),
  'tasks.board': returns<Board>()(z.object({ today: date.optional() })),
  /** The tasks behind one number of the board. */
  'tasks.boardTasks': returns<Task[]>()(z.object({ cell: boardCell, today: date.optional() })),
  /** A plan period: the month, week or day holding `date` (default today), by unit, with the unfinished carried over. */
  'tasks.plan': returns<PlanView>()(z.object({ period: z.enum(['month', 'week', 'day']), date: date.optional(), unitId: id.optional(), horizon: z.enum(PLAN_HORIZONS).optional() })),
  'tasks.recurrences': returns<Recurrence[]>()(z.object({})),
  'tasks.createRecurrence': returns<Recurrence>()(recurrenceInput),
  /** Creates every occurrence up to `until` (default: end of next month); idempotent. */
  'tasks.generateOccurrences': returns<{ created: number }>()(z.object({ until: date.optional() })),
  'tasks.bulletinDraft': returns<BulletinDraft>()(z.object({ from: date.nullable().default(null), to: date.nullable().default(null) })),
  /** Saves an (edited) draft as a record of the 通报 ledger, creating that category if missing. */
  'tasks.saveBulletin': returns<{ recordId: number; categoryId: number }>()(
    z.object({
      issue: z.string().trim().min(1, '期号不能为空').max(40),
      date,
      title: z.string().trim().max(200).default(''),
      content: longText,
      unitsNamed: z.array(z.string().max(40)).max(500).default([]),
      taskIds: z.array(id).max(10_000).default([]),
    }),
  ),
  /** 全员覆盖: who on the roster of the chosen units is missing from a study session or did not pass a test. */
  'tasks.coverage': returns<CoverageResult>()(z.object({ recordId: id, unitIds: z.array(id).min(1, '请选择单位').max(500) })),
  /** Turns the missing into one follow-up task (补课/补考) per unit, in one action. */
  'tasks.coverageFollowUp': returns<Task[]>()(z.object({ recordId: id, unitIds: z.array(id).min(1).max(500), dueDate: date })),
};
