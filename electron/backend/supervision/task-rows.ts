import type { LevelKey, PlanHorizon, QualityRating, Task, TaskSource, TaskStatus } from '../../../shared/domain/supervision';

/** A row of `tasks` as SQLite returns it, joined with the names the screens show. */
export interface DbTask {
  id: number;
  parent_id: number | null;
  title: string;
  content: string | null;
  source: TaskSource;
  lead_leader_id: number | null;
  lead_leader_name: string | null;
  unit_id: number | null;
  unit_name: string | null;
  responsible_id: number | null;
  responsible_name: string | null;
  helpers: string | null;
  start_date: string | null;
  due_date: string | null;
  progress: number;
  status: TaskStatus;
  evidence: string | null;
  rating: QualityRating | null;
  ledger_record_id: number | null;
  horizon: PlanHorizon | null;
  recurrence_id: number | null;
  override_level: LevelKey | null;
  override_reason: string | null;
  level: LevelKey;
  child_count: number;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Needs @today bound; `level` is the SQL form of escalate() (see level-sql.ts). */
export const selectTasks = (levelExpr: string) => `
  SELECT t.*, u.name AS unit_name, l.name AS lead_leader_name, r.name AS responsible_name,
         (SELECT json_group_array(h.unit_id) FROM task_helpers h WHERE h.task_id = t.id) AS helpers,
         (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id) AS child_count,
         ${levelExpr} AS level
  FROM tasks t
  LEFT JOIN units u ON u.id = t.unit_id
  LEFT JOIN people l ON l.id = t.lead_leader_id
  LEFT JOIN people r ON r.id = t.responsible_id`;

export function toTask(r: DbTask): Task {
  return {
    id: r.id,
    parentId: r.parent_id,
    title: r.title,
    content: r.content,
    source: r.source,
    leadLeaderId: r.lead_leader_id,
    leadLeaderName: r.lead_leader_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    responsibleId: r.responsible_id,
    responsibleName: r.responsible_name,
    helperUnitIds: r.helpers ? (JSON.parse(r.helpers) as number[]) : [],
    startDate: r.start_date,
    dueDate: r.due_date,
    progress: r.progress,
    status: r.status,
    evidence: r.evidence,
    rating: r.rating,
    ledgerRecordId: r.ledger_record_id,
    horizon: r.horizon,
    recurrenceId: r.recurrence_id,
    overrideLevel: r.override_level,
    overrideReason: r.override_reason,
    level: r.level,
    childCount: r.child_count,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
