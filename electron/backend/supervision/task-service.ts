import type { Database, Statement } from 'better-sqlite3';
import { CLOSED_STATUSES, levelRank, type LevelKey, type QualityRating, type Task, type TaskLogEntry, type TaskStatus } from '../../../shared/domain/supervision';
import type { NewTaskInput, TaskPatch } from '../../../shared/contract/supervision';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import type { RulesStore } from './rules-store';
import { TaskLog } from './task-log';
import { FreshIds } from '../db/fresh-ids';
import { levelSql } from './level-sql';
import { selectTasks, toTask, type DbTask } from './task-rows';
import { addDays } from './calendar';
import { SUBTREE_IDS } from './rollup';

export const TASK_ENTITY = 'task';

/** What a deletion keeps (in its audit line, under KEPT) to be undone. */
interface DeletedTask {
  row: Record<string, unknown>;
  helpers: number[];
  /** 催报 entries of 填报汇总 that pointed at it */
  urgedUnits: number[];
}
const KEPT = '撤销所需';

/** How a deleted or restored task reads in its audit line. */
const shownInLog = (task: Task) => ({ 任务名称: task.title, 责任单位: task.unitName, 完成时限: task.dueDate, 状态: task.status });

/** Audit labels for the columns a user edits (the audit log reads in Chinese). */
const FIELD_LABELS: Record<string, string> = {
  title: '任务名称', content: '任务内容', source: '任务来源', leadLeaderId: '牵头领导', unitId: '责任单位',
  responsibleId: '责任人', helperUnitIds: '协办单位', startDate: '开始日期', dueDate: '完成时限', progress: '进度',
  status: '状态', evidence: '佐证材料', horizon: '计划类型', rating: '质量评定', parentId: '上级任务',
};
const COLUMNS: Record<string, string> = {
  parentId: 'parent_id', title: 'title', content: 'content', source: 'source', leadLeaderId: 'lead_leader_id', unitId: 'unit_id',
  responsibleId: 'responsible_id', startDate: 'start_date', dueDate: 'due_date', progress: 'progress',
  status: 'status', evidence: 'evidence', horizon: 'horizon',
};

/**
 * Supervision tasks (督办任务): create, edit, decompose (逐项分解), close with a rating, and
 * the supervision actions (催办/督办意见/回复/人工调整). Each write is one transaction that
 * writes its audit lines and task-log lines with it.
 */
export class TaskService {
  readonly log: TaskLog;
  private selectCache: { sql: string; byId: Statement } | null = null;

  /** never an id a deleted task had: its log and history stay its own, and its deletion can be undone into it */
  private readonly ids: FreshIds;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly rules: RulesStore,
  ) {
    this.log = new TaskLog(ctx);
    this.ids = new FreshIds(ctx.db, 'tasks', TASK_ENTITY);
  }

  private get db(): Database {
    return this.ctx.db;
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  today(): string {
    return this.ctx.clock.today();
  }

  /** SELECT … with the level computed by the current rules (rebuilt when the rules change). */
  select(today: string): string {
    return selectTasks(levelSql(this.rules.get(), today));
  }

  get(id: number, today = this.today()): Task {
    const sql = this.select(today);
    if (this.selectCache?.sql !== sql) this.selectCache = { sql, byId: this.db.prepare(`${sql} WHERE t.id = @id`) };
    const row = this.selectCache.byId.get({ id, today }) as DbTask | undefined;
    return row ? toTask(row) : fail(ErrorCode.notFound, '该督办任务不存在或已被删除');
  }

  query(where: string, params: Record<string, unknown>, order = 'ORDER BY t.due_date IS NULL, t.due_date, t.id', today = this.today()): Task[] {
    return (this.db.prepare(`${this.select(today)} ${where} ${order}`).all({ ...params, today }) as DbTask[]).map(toTask);
  }

  list(f: { parentId?: number | null; unitId?: number; status?: TaskStatus; level?: LevelKey; ledgerRecordId?: number; limit: number }): Task[] {
    const where: string[] = [];
    if (f.parentId === null) where.push('t.parent_id IS NULL');
    else if (f.parentId !== undefined) where.push('t.parent_id = @parentId');
    if (f.unitId !== undefined) where.push('t.unit_id = @unitId');
    if (f.status !== undefined) where.push('t.status = @status');
    if (f.ledgerRecordId !== undefined) where.push('t.ledger_record_id = @ledgerRecordId');
    if (f.level !== undefined) where.push(`${levelSql(this.rules.get(), this.today())} = @level`);
    const sql = `${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
    return this.query(sql, { parentId: f.parentId ?? null, unitId: f.unitId ?? null, status: f.status ?? null, level: f.level ?? null, ledgerRecordId: f.ledgerRecordId ?? null }, `ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT ${Math.trunc(f.limit)}`);
  }

  private assertUnit(id: number | null): void {
    if (id !== null && !this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(id)) fail(ErrorCode.validation, '所选单位不存在或已被删除');
  }

  private assertPerson(id: number | null, what: string): void {
    if (id !== null && !this.db.prepare('SELECT 1 FROM people WHERE id = ?').get(id)) fail(ErrorCode.validation, `所选${what}不存在或已被删除`);
  }

  private assertDates(start: string | null, due: string | null): void {
    if (start && due && due < start) fail(ErrorCode.validation, `完成时限（${due}）不能早于开始日期（${start}）`);
  }

  private assertRecord(id: number | null): void {
    if (id === null) return;
    const row = this.db.prepare('SELECT deleted_at FROM ledger_records WHERE id = ?').get(id) as { deleted_at: string | null } | undefined;
    if (!row) fail(ErrorCode.validation, '所关联的台账记录不存在');
    if (row?.deleted_at) fail(ErrorCode.validation, '所关联的台账记录在回收站中，请先恢复');
  }

  private setHelpers(taskId: number, unitIds: number[]): void {
    this.db.prepare('DELETE FROM task_helpers WHERE task_id = ?').run(taskId);
    const ins = this.db.prepare('INSERT OR IGNORE INTO task_helpers (task_id, unit_id) VALUES (?, ?)');
    for (const u of unitIds) {
      this.assertUnit(u);
      ins.run(taskId, u);
    }
  }

  /** Inserts one task; the caller holds the transaction. */
  insert(input: NewTaskInput & { recurrenceId?: number | null; occurrenceDate?: string | null }): number {
    if (input.parentId !== null) this.get(input.parentId);
    this.assertUnit(input.unitId);
    this.assertPerson(input.leadLeaderId, '牵头领导');
    this.assertPerson(input.responsibleId, '责任人');
    this.assertDates(input.startDate, input.dueDate);
    this.assertRecord(input.ledgerRecordId);
    const now = this.now();
    const closed = CLOSED_STATUSES.includes(input.status);
    const id = this.ids.insert((id) => {
      this.db
        .prepare(
          `INSERT INTO tasks (id, parent_id, title, content, source, lead_leader_id, unit_id, responsible_id, start_date, due_date, progress, status,
             evidence, ledger_record_id, horizon, recurrence_id, occurrence_date, closed_at, created_at, updated_at)
           VALUES (@id, @parentId, @title, @content, @source, @leadLeaderId, @unitId, @responsibleId, @startDate, @dueDate, @progress, @status,
             @evidence, @ledgerRecordId, @horizon, @recurrenceId, @occurrenceDate, @closedAt, @now, @now)`,
        )
        .run({
          id,
          parentId: input.parentId, title: input.title, content: input.content, source: input.source, leadLeaderId: input.leadLeaderId,
          unitId: input.unitId, responsibleId: input.responsibleId, startDate: input.startDate, dueDate: input.dueDate,
          progress: closed ? 100 : input.progress, status: input.status, evidence: input.evidence, ledgerRecordId: input.ledgerRecordId,
          horizon: input.horizon, recurrenceId: input.recurrenceId ?? null, occurrenceDate: input.occurrenceDate ?? null,
          closedAt: closed ? now : null, now,
        });
      return id;
    });
    if (input.helperUnitIds.length) this.setHelpers(id, input.helperUnitIds);
    const task = this.get(id);
    // the level it starts at is its first "seen" level: a later rise is measured from here
    this.db.prepare('UPDATE tasks SET last_level = ? WHERE id = ?').run(task.level, id);
    this.audit.record([{ entity: TASK_ENTITY, entityId: id, action: 'create', newValue: { 任务名称: task.title, 责任单位: task.unitName, 完成时限: task.dueDate, 上级任务: input.parentId } }]);
    this.log.write(id, 'create', { level: task.level, text: task.title });
    return id;
  }

  create(input: NewTaskInput): Task {
    return this.db.transaction(() => this.get(this.insert(input)))();
  }

  update(id: number, patch: TaskPatch): Task {
    return this.db.transaction(() => {
      const before = this.get(id);
      const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Task;
      if (patch.unitId !== undefined) this.assertUnit(patch.unitId);
      if (patch.leadLeaderId !== undefined) this.assertPerson(patch.leadLeaderId, '牵头领导');
      if (patch.responsibleId !== undefined) this.assertPerson(patch.responsibleId, '责任人');
      this.assertDates(next.startDate, next.dueDate);
      if (patch.parentId !== undefined && patch.parentId !== before.parentId) this.assertMove(before, patch.parentId, next.dueDate);
      const sets: string[] = [];
      const params: Record<string, unknown> = { id };
      const lines = [];
      for (const [key, col] of Object.entries(COLUMNS)) {
        const v = (patch as Record<string, unknown>)[key];
        if (v === undefined || v === (before as unknown as Record<string, unknown>)[key]) continue;
        sets.push(`${col} = @${key}`);
        params[key] = v;
        lines.push({ entity: TASK_ENTITY, entityId: id, action: 'update' as const, field: FIELD_LABELS[key] ?? key, oldValue: (before as unknown as Record<string, unknown>)[key], newValue: v });
      }
      const closing = patch.status !== undefined && CLOSED_STATUSES.includes(patch.status) && !CLOSED_STATUSES.includes(before.status);
      const reopening = patch.status !== undefined && !CLOSED_STATUSES.includes(patch.status) && CLOSED_STATUSES.includes(before.status);
      if (closing) {
        sets.push('closed_at = @closedAt', 'progress = 100');
        params.closedAt = this.now();
      }
      if (reopening) sets.push('closed_at = NULL', 'rating = NULL');
      if (patch.helperUnitIds !== undefined && JSON.stringify([...patch.helperUnitIds].sort()) !== JSON.stringify([...before.helperUnitIds].sort())) {
        this.setHelpers(id, patch.helperUnitIds);
        lines.push({ entity: TASK_ENTITY, entityId: id, action: 'update' as const, field: FIELD_LABELS.helperUnitIds, oldValue: before.helperUnitIds, newValue: patch.helperUnitIds });
      }
      if (sets.length) this.db.prepare(`UPDATE tasks SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run({ ...params, now: this.now() });
      if (lines.length) this.audit.record(lines);
      if (patch.status !== undefined && patch.status !== before.status) this.log.write(id, 'status', { text: `${before.status} → ${patch.status}` });
      if (patch.progress !== undefined && patch.progress !== before.progress && !closing) this.log.write(id, 'progress', { text: `${before.progress}% → ${patch.progress}%` });
      return this.get(id);
    })();
  }

  /**
   * 调整上级任务: refused when the new parent is the task itself or lies under it (a cycle
   * would make the tree endless), is closed, or is due before the task — the same rules as
   * 逐项分解, so a moved task reads as if it had been decomposed there.
   */
  private assertMove(task: Task, parentId: number | null, dueDate: string | null): void {
    if (parentId === null) return;
    const parent = this.get(parentId);
    const inSubtree = this.db.prepare(`SELECT 1 FROM (${SUBTREE_IDS}) WHERE id = @parentId`).get({ root: task.id, parentId });
    if (inSubtree) fail(ErrorCode.validation, parentId === task.id ? '不能把任务设为它自己的上级任务' : `不能把“${task.title}”移到它自己的下级任务“${parent.title}”之下`);
    if (CLOSED_STATUSES.includes(parent.status)) fail(ErrorCode.conflict, `“${parent.title}”已${parent.status}，不能再添加子任务`);
    if (dueDate && parent.dueDate && dueDate > parent.dueDate) fail(ErrorCode.validation, `子任务的完成时限（${dueDate}）不能晚于上级任务（${parent.dueDate}）`);
  }

  delete(id: number): { id: number } {
    return this.db.transaction(() => {
      const task = this.get(id);
      if (task.childCount > 0) fail(ErrorCode.inUse, `“${task.title}”下还有 ${task.childCount} 项子任务，请先删除或移走它们`);
      // the whole row goes into the audit line: 撤销 puts the task back from it (undoDelete)
      const kept: DeletedTask = {
        row: this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as Record<string, unknown>,
        helpers: this.db.prepare('SELECT unit_id FROM task_helpers WHERE task_id = ?').pluck().all(id) as number[],
        urgedUnits: this.db.prepare('SELECT id FROM collection_units WHERE urge_task_id = ?').pluck().all(id) as number[],
      };
      this.db.prepare('DELETE FROM tasks WHERE id = ?').run(id);
      this.audit.record([{ entity: TASK_ENTITY, entityId: id, action: 'delete', oldValue: { ...shownInLog(task), [KEPT]: kept } }]);
      return { id };
    })();
  }

  /**
   * 撤销 of a deletion: the task comes back with its id (so its log and history join it again),
   * its 协办单位 and the 催报 it stood for. Refused, saying why, when what it points at is gone.
   */
  undoDelete(id: number): Task {
    return this.db.transaction(() => {
      const exists = (taskId: unknown) => this.db.prepare('SELECT 1 FROM tasks WHERE id = ?').get(taskId) !== undefined;
      if (exists(id)) fail(ErrorCode.conflict, '这项任务没有被删除（或已经恢复）');
      const line = this.db
        .prepare("SELECT old_value AS oldValue FROM audit_log WHERE entity = ? AND entity_id = ? AND action = 'delete' ORDER BY id DESC LIMIT 1")
        .get(TASK_ENTITY, id) as { oldValue: string | null } | undefined;
      if (!line?.oldValue) return fail(ErrorCode.notFound, '找不到这项任务的删除记录，无法恢复');
      const kept = (JSON.parse(line.oldValue) as Record<string, unknown>)[KEPT] as DeletedTask | undefined;
      if (!kept) return fail(ErrorCode.notFound, '这项任务是在旧版本中删除的，没有留下可以恢复的内容');
      // only the table's own columns (the row is read back from our log, not trusted blindly)
      const columns = new Set((this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('tasks') as string[]));
      const names = Object.keys(kept.row).filter((c) => columns.has(c));
      if (kept.row.parent_id !== null && kept.row.parent_id !== undefined && !exists(kept.row.parent_id)) {
        fail(ErrorCode.conflict, '它的上级任务已被删除，请先恢复上级任务');
      }
      try {
        this.db.prepare(`INSERT INTO tasks (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(names.map((c) => kept.row[c] ?? null));
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') fail(ErrorCode.conflict, '它所关联的单位、人员或周期任务已被删除，无法恢复这项任务');
        throw err;
      }
      const helper = this.db.prepare('INSERT OR IGNORE INTO task_helpers (task_id, unit_id) SELECT ?, id FROM units WHERE id = ?');
      for (const u of kept.helpers) helper.run(id, u);
      const relink = this.db.prepare('UPDATE collection_units SET urge_task_id = ? WHERE id = ? AND urge_task_id IS NULL');
      for (const c of kept.urgedUnits) relink.run(id, c);
      const task = this.get(id);
      this.audit.record([{ entity: TASK_ENTITY, entityId: id, action: 'restore', oldValue: '已删除', newValue: shownInLog(task) }]);
      return task;
    })();
  }

  /** 逐项分解: one sub-task per item; each inherits the parent's title, source, dates and leader. */
  decompose(parentId: number, items: { title?: string; unitId: number | null; responsibleId: number | null; dueDate?: string | null }[]): Task[] {
    return this.db.transaction(() => {
      const parent = this.get(parentId);
      if (CLOSED_STATUSES.includes(parent.status)) fail(ErrorCode.conflict, `“${parent.title}”已${parent.status}，不能再分解`);
      const ids = items.map((it) => {
        const dueDate = it.dueDate === undefined ? parent.dueDate : it.dueDate;
        if (dueDate && parent.dueDate && dueDate > parent.dueDate) fail(ErrorCode.validation, `子任务的完成时限（${dueDate}）不能晚于上级任务（${parent.dueDate}）`);
        const unitName = it.unitId === null ? null : (this.db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(it.unitId) as string | undefined);
        return this.insert({
          parentId, title: it.title ?? (unitName ? `${parent.title}（${unitName}）` : parent.title), content: parent.content, source: parent.source,
          leadLeaderId: parent.leadLeaderId, unitId: it.unitId, responsibleId: it.responsibleId, helperUnitIds: [], startDate: parent.startDate,
          dueDate, progress: 0, status: '未开始', evidence: null, horizon: parent.horizon, ledgerRecordId: parent.ledgerRecordId,
        });
      });
      return ids.map((i) => this.get(i));
    })();
  }

  /** 办结 with the evidence and the rating (a rating in the red list makes it 红 查办). */
  close(id: number, rating: QualityRating, evidence: string, status: '已办结' | '已销号'): Task {
    return this.db.transaction(() => {
      const before = this.get(id);
      const open = this.db.prepare(`SELECT count(*) FROM tasks WHERE parent_id = ? AND status NOT IN ('已办结', '已销号')`).pluck().get(id) as number;
      if (open > 0) fail(ErrorCode.conflict, `“${before.title}”还有 ${open} 项子任务未办结，不能办结`);
      const now = this.now();
      this.db.prepare('UPDATE tasks SET status = ?, rating = ?, evidence = ?, progress = 100, closed_at = coalesce(closed_at, ?), updated_at = ? WHERE id = ?').run(status, rating, evidence, now, now, id);
      this.audit.record([
        { entity: TASK_ENTITY, entityId: id, action: 'update', field: FIELD_LABELS.status, oldValue: before.status, newValue: status },
        { entity: TASK_ENTITY, entityId: id, action: 'update', field: FIELD_LABELS.rating, oldValue: before.rating, newValue: rating },
        { entity: TASK_ENTITY, entityId: id, action: 'update', field: FIELD_LABELS.evidence, oldValue: before.evidence, newValue: evidence },
      ]);
      this.log.write(id, 'rating', { text: `${status}，质量评定：${rating}` });
      return this.get(id);
    })();
  }

  /** 催办 / 督办意见 / 回复: a line in the trail, with the task's level at that moment. */
  act(id: number, kind: 'urge' | 'note' | 'reply', text: string): TaskLogEntry {
    return this.db.transaction(() => {
      const task = this.get(id);
      return this.log.write(id, kind, { level: task.level, text });
    })();
  }

  override(id: number, level: LevelKey, reason: string): Task {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!reason.trim()) fail(ErrorCode.validation, '人工调整督办等级必须填写理由');
      this.db.prepare('UPDATE tasks SET override_level = ?, override_reason = ?, last_level = ?, updated_at = ? WHERE id = ?').run(level, reason, level, this.now(), id);
      const names = this.rules.get().levels;
      this.audit.record([{ entity: TASK_ENTITY, entityId: id, action: 'update', field: '督办等级（人工）', oldValue: names[before.level].name, newValue: `${names[level].name}：${reason}` }]);
      this.log.write(id, 'override', { level, fromLevel: before.level, text: reason });
      return this.get(id);
    })();
  }

  clearOverride(id: number, reason: string): Task {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before.overrideLevel === null) fail(ErrorCode.conflict, '该任务的督办等级没有人工调整');
      this.db.prepare('UPDATE tasks SET override_level = NULL, override_reason = NULL, updated_at = ? WHERE id = ?').run(this.now(), id);
      const after = this.get(id);
      this.db.prepare('UPDATE tasks SET last_level = ? WHERE id = ?').run(after.level, id);
      this.audit.record([{ entity: TASK_ENTITY, entityId: id, action: 'update', field: '督办等级（人工）', oldValue: before.overrideReason, newValue: `取消：${reason}` }]);
      this.log.write(id, 'clearOverride', { level: after.level, fromLevel: before.level, text: reason });
      return after;
    })();
  }

  /**
   * Levels rise with the calendar, not with a write; this compares each task's level today
   * with the one last seen and logs every rise (升级) once. One statement finds them all.
   */
  refreshLevels(): { risen: { taskId: number; from: LevelKey; to: LevelKey }[]; dueTomorrow: number[] } {
    return this.db.transaction(() => {
      const today = this.today();
      const rows = this.db
        .prepare(`SELECT id, last_level AS fromLevel, level FROM (SELECT t.id, t.last_level, ${levelSql(this.rules.get(), today)} AS level FROM tasks t) WHERE level <> last_level`)
        .all({ today }) as { id: number; fromLevel: LevelKey; level: LevelKey }[];
      const setSeen = this.db.prepare('UPDATE tasks SET last_level = ? WHERE id = ?');
      const risen: { taskId: number; from: LevelKey; to: LevelKey }[] = [];
      const names = this.rules.get().levels;
      for (const r of rows) {
        setSeen.run(r.level, r.id);
        if (levelRank(r.level) > levelRank(r.fromLevel)) {
          this.log.write(r.id, 'rise', { level: r.level, fromLevel: r.fromLevel, text: `${names[r.fromLevel].name}${names[r.fromLevel].action} → ${names[r.level].name}${names[r.level].action}` });
          risen.push({ taskId: r.id, from: r.fromLevel, to: r.level });
        }
      }
      const dueTomorrow = this.db
        .prepare(`SELECT id FROM tasks WHERE due_date = ? AND status NOT IN ('已办结', '已销号') ORDER BY id`)
        .pluck()
        .all(addDays(today, 1)) as number[];
      return { risen, dueTomorrow };
    })();
  }
}
