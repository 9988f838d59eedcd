/**
 * Supervision tasks (督办任务) and the four-colour chain supervision (四色链式督办) of the
 * 甘肃 seed report: 白色 领办 → 蓝色 催办 → 黄色 督办 → 红色 查办.
 */
export const TASK_SOURCES = ['上级部署', '领导批示', '会议决定', '征求意见', '自定'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const TASK_STATUSES = ['未开始', '推进中', '已办结', '已销号'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses that end the work: no more escalation by dates. */
export const CLOSED_STATUSES: readonly TaskStatus[] = ['已办结', '已销号'];

export const QUALITY_RATINGS = ['优', '良', '合格', '不合格'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

export const PLAN_HORIZONS = ['月计划', '周清单', '日安排'] as const;
export type PlanHorizon = (typeof PLAN_HORIZONS)[number];

/**
 * The level keys are fixed (the CLI contract prints them); what each is called, the action
 * it stands for and its colour are settings the office edits.
 */
export const LEVEL_KEYS = ['white', 'blue', 'yellow', 'red'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];
export const levelRank = (l: LevelKey): number => LEVEL_KEYS.indexOf(l);

export interface LevelSetting {
  name: string;
  action: string;
  color: string;
}

export interface EscalationRules {
  levels: Record<LevelKey, LevelSetting>;
  /** 蓝: not done and due within this many days (0 = due today) */
  dueSoonDays: number;
  /** 黄 once overdue; 红 when overdue by more than this many days */
  redOverdueDays: number;
  /** 红 whatever the dates, for a task rated so at closing */
  redRatings: QualityRating[];
}

export const DEFAULT_RULES: EscalationRules = {
  levels: {
    white: { name: '白色', action: '领办', color: '#f8fafc' },
    blue: { name: '蓝色', action: '催办', color: '#2563eb' },
    yellow: { name: '黄色', action: '督办', color: '#eab308' },
    red: { name: '红色', action: '查办', color: '#dc2626' },
  },
  dueSoonDays: 3,
  redOverdueDays: 7,
  redRatings: ['不合格'],
};

/** What escalation looks at: nothing else about a task changes its level. */
export interface TaskFacts {
  dueDate: string | null;
  status: TaskStatus;
  rating: QualityRating | null;
  overrideLevel: LevelKey | null;
}

export interface Task extends TaskFacts {
  id: number;
  parentId: number | null;
  title: string;
  content: string | null;
  source: TaskSource;
  leadLeaderId: number | null;
  leadLeaderName: string | null;
  unitId: number | null;
  unitName: string | null;
  responsibleId: number | null;
  responsibleName: string | null;
  /** 协办单位 */
  helperUnitIds: number[];
  startDate: string | null;
  progress: number;
  evidence: string | null;
  ledgerRecordId: number | null;
  horizon: PlanHorizon | null;
  recurrenceId: number | null;
  overrideReason: string | null;
  /** the level as computed today (override included) */
  level: LevelKey;
  childCount: number;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A parent's view of its subtree (itself included). */
export interface TaskRollup {
  taskId: number;
  /** mean progress of the subtree's leaves; a closed leaf counts as 100 */
  progress: number;
  worstLevel: LevelKey;
  /** open tasks past their due date */
  late: number;
  total: number;
  done: number;
}

export const TASK_LOG_KINDS = ['create', 'rise', 'urge', 'note', 'reply', 'override', 'clearOverride', 'status', 'progress', 'rating', 'bulletin'] as const;
export type TaskLogKind = (typeof TASK_LOG_KINDS)[number];
export const TASK_LOG_LABELS: Record<TaskLogKind, string> = {
  create: '立项',
  rise: '升级',
  urge: '催办',
  note: '督办意见',
  reply: '回复',
  override: '人工调整等级',
  clearOverride: '取消人工调整',
  status: '状态变更',
  progress: '进度更新',
  rating: '办结评定',
  bulletin: '通报',
};

/** One line of a task's 留痕 trail. */
export interface TaskLogEntry {
  id: number;
  taskId: number;
  at: string;
  actor: string;
  kind: TaskLogKind;
  level: LevelKey | null;
  fromLevel: LevelKey | null;
  text: string | null;
}

export type RecurrenceRule = 'weekly' | 'semimonthly' | 'monthly';

export interface Recurrence {
  id: number;
  title: string;
  rule: RecurrenceRule;
  /** weekly: ISO weekdays 1 (Mon) … 7 (Sun); e.g. [2, 4] for 每周两次 */
  weekdays: number[];
  /** monthly: day of month, clamped to the month's last day */
  monthDay: number | null;
  startDate: string;
  endDate: string | null;
  unitId: number | null;
  parentId: number | null;
  source: TaskSource;
  horizon: PlanHorizon | null;
  generatedUntil: string | null;
}

export interface BoardRow {
  unitId: number | null;
  unit: string;
  white: number;
  blue: number;
  yellow: number;
  red: number;
  /** 已办结/已销号 and not rated into red: not counted in the colour columns */
  done: number;
  total: number;
  /** done / total, 0…1 (0 when the unit has no tasks) */
  completionRate: number;
}

export interface Board {
  today: string;
  weekStart: string;
  weekEnd: string;
  byUnit: BoardRow[];
  overdue: number;
  dueThisWeek: number;
  levels: Record<LevelKey, LevelSetting>;
}

export type BoardCell =
  | { kind: 'level'; unitId: number | null; level: LevelKey | 'done' }
  | { kind: 'overdue'; unitId?: number | null }
  | { kind: 'dueThisWeek'; unitId?: number | null };

export interface PlanItem {
  task: Task;
  /** unfinished from before the period */
  carriedOver: boolean;
}

export interface PlanView {
  period: 'month' | 'week' | 'day';
  from: string;
  to: string;
  /** the plan's name as printed: 2026年11月工作计划 / 2026年第47周工作清单 / 2026年11月22日工作安排 */
  heading: string;
  /** the span in words under the heading, e.g. 11月16日至11月22日 */
  span: string;
  byUnit: { unitId: number | null; unit: string; items: PlanItem[] }[];
}

export interface BulletinTask {
  taskId: number;
  title: string;
  dueDate: string | null;
  level: LevelKey;
  levelName: string;
  /** why it is named: 逾期N天 / 质量评定不合格 */
  reason: string;
}

export interface BulletinDraft {
  issue: string;
  date: string;
  title: string;
  from: string | null;
  to: string | null;
  groups: { unitId: number | null; unit: string; tasks: BulletinTask[] }[];
  unitsNamed: string[];
  content: string;
}

export interface CoverageResult {
  recordId: number;
  kind: 'study' | 'exam';
  expected: number;
  /** not in the attendance list (study) or no passing result (exam) */
  missing: { personId: number; name: string; unit: string | null; reason: string }[];
  /** a study session's list as the record has it, to set beside its 实到人数 */
  attendance?: {
    /** people on the list (each once), in any unit */
    listed: number;
    /** the record's 实到人数, when filled */
    reportedPresent: number | null;
    /** entries of a typed list no one on the roster answers to (counted as nobody) */
    unknown: string[];
    /** entries of a typed list that fit several people (counted as nobody) */
    ambiguous: string[];
  };
}

/** The bell: levels that rose lately, and what falls due tomorrow. */
export interface Reminders {
  /** `manual`: raised by hand (人工调整), not by the rules */
  risen: { logId: number; taskId: number; title: string; unit: string | null; fromLevel: LevelKey; toLevel: LevelKey; at: string; manual: boolean }[];
  dueTomorrow: Task[];
}
