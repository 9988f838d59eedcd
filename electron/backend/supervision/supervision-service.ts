import type { HandlersOf } from '../../../shared/contract/types';
import type { TaskDetail, TaskTreeNode } from '../../../shared/contract/supervision';
import type { Board, BoardCell, PlanHorizon, PlanView, QualityRating, Task } from '../../../shared/domain/supervision';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { LedgerService } from '../ledger/ledger-service';
import { RulesStore } from './rules-store';
import { TaskService } from './task-service';
import { buildRollup, SUBTREE_IDS, type RollupNode } from './rollup';
import { computeBoard } from './board';
import { CLOSED_SQL, doneSql, levelSql } from './level-sql';
import { weekEnd } from './calendar';
import { closeLinkedRecord, taskFromRecord } from './from-ledger';
import { RecurrenceService } from './recurrence-service';
import { planView } from './plans';
import { draftBulletin, saveBulletin } from './bulletin';
import { coverage, coverageFollowUp } from './coverage';
import { loadDemoTasks } from './demo-tasks';
import { reminders } from './reminders';

/** Supervision (督办): tasks, escalation, the board, plans, bulletins and coverage behind the `tasks.*` contract. */
export class SupervisionService {
  readonly rules: RulesStore;
  readonly tasks: TaskService;
  readonly recurrences: RecurrenceService;

  constructor(
    private readonly ctx: BackendContext,
    audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly officeName: () => string = () => '',
  ) {
    this.rules = new RulesStore(ctx, audit);
    this.tasks = new TaskService(ctx, audit, this.rules);
    this.recurrences = new RecurrenceService(ctx, audit, this.tasks);
  }

  private get db() {
    return this.ctx.db;
  }

  /** The node and its subtree, rolled up (one recursive query, one pass). */
  tree(id: number): RollupNode {
    this.tasks.get(id);
    const today = this.tasks.today();
    const subtree = this.tasks.query(`WHERE t.id IN (${SUBTREE_IDS})`, { root: id }, 'ORDER BY t.due_date IS NULL, t.due_date, t.id', today);
    return buildRollup(id, subtree, today, this.rules.get());
  }

  detail(id: number): TaskDetail {
    const node = this.tree(id);
    const path: { id: number; title: string }[] = [];
    for (let p = node.task.parentId; p !== null; ) {
      const row = this.db.prepare('SELECT id, title, parent_id AS parentId FROM tasks WHERE id = ?').get(p) as { id: number; title: string; parentId: number | null };
      path.unshift({ id: row.id, title: row.title });
      p = row.parentId;
    }
    return { task: node.task, rollup: node.rollup, children: node.children.map((c) => c.task), path, log: this.tasks.log.forTask(id) };
  }

  board(today = this.tasks.today()): Board {
    return computeBoard(this.db, this.rules.get(), today);
  }

  /** The tasks behind one number of the board (same definitions as computeBoard). */
  boardTasks(cell: BoardCell, today = this.tasks.today()): Task[] {
    const rules = this.rules.get();
    const unit = (unitId: number | null | undefined) => (unitId === undefined ? '1' : unitId === null ? 't.unit_id IS NULL' : 't.unit_id = @unitId');
    let where: string;
    if (cell.kind === 'level') where = cell.level === 'done' ? doneSql(rules) : `NOT ${doneSql(rules)} AND ${levelSql(rules, today)} = @level`;
    else if (cell.kind === 'overdue') where = `t.status NOT IN ${CLOSED_SQL} AND t.due_date < @today`;
    else where = `t.status NOT IN ${CLOSED_SQL} AND t.due_date >= @today AND t.due_date <= @weekEnd`;
    return this.tasks.query(`WHERE ${where} AND ${unit(cell.unitId)}`, { unitId: cell.unitId ?? null, level: cell.kind === 'level' ? cell.level : null, weekEnd: weekEnd(today) }, undefined, today);
  }

  fromLedgerRecord(recordId: number, parentId: number | null, dueDate: string | null | undefined, again = false): Task {
    return this.db.transaction(() => this.tasks.get(this.tasks.insert(taskFromRecord(this.db, this.ledger, recordId, parentId, dueDate, again))))();
  }

  /** 办结, and the ledger record it came from marked closed too — one transaction. */
  close(id: number, rating: QualityRating, evidence: string, status: '已办结' | '已销号'): Task {
    return this.db.transaction(() => {
      const task = this.tasks.close(id, rating, evidence, status);
      if (task.ledgerRecordId === null) return task;
      const synced = closeLinkedRecord(this.ledger, task.ledgerRecordId, status, evidence);
      if (synced) this.tasks.log.write(id, 'status', { level: task.level, text: synced });
      return task;
    })();
  }

  /** The sample office's task tree (载入示例数据); the caller holds the transaction. */
  loadDemo(): { tasks: number } {
    return loadDemoTasks(this.db, this, this.ledger);
  }

  /** A plan period (月计划/周清单/日安排) by unit, as the page and its export show it. */
  plan(period: PlanView['period'], f: { unitId?: number; horizon?: PlanHorizon; date?: string } = {}): PlanView {
    return planView(this.db, this.tasks, period, f);
  }

  bulletinDraft(from: string | null = null, to: string | null = null) {
    return draftBulletin(this.db, this.tasks, this.rules.get(), this.officeName(), from, to);
  }

  handlers(): HandlersOf<'tasks'> {
    const t = this.tasks;
    const toTree = (n: RollupNode): TaskTreeNode => ({ task: n.task, rollup: n.rollup, children: n.children.map(toTree) });
    return {
      'tasks.list': (i) => t.list(i),
      'tasks.get': (i) => this.detail(i.id),
      'tasks.tree': (i) => toTree(this.tree(i.id)),
      'tasks.create': (i) => t.create(i),
      'tasks.update': (i) => t.update(i.id, i.patch),
      'tasks.delete': (i) => t.delete(i.id),
      'tasks.undoDelete': (i) => t.undoDelete(i.id),
      'tasks.decompose': (i) => t.decompose(i.parentId, i.items),
      'tasks.fromLedgerRecord': (i) => this.fromLedgerRecord(i.recordId, i.parentId, i.dueDate, i.again ?? false),
      'tasks.close': (i) => this.close(i.id, i.rating, i.evidence, i.status),
      'tasks.urge': (i) => t.act(i.id, 'urge', i.text),
      'tasks.note': (i) => t.act(i.id, 'note', i.text),
      'tasks.reply': (i) => t.act(i.id, 'reply', i.text),
      'tasks.override': (i) => t.override(i.id, i.level, i.reason),
      'tasks.clearOverride': (i) => t.clearOverride(i.id, i.reason),
      'tasks.log': (i) => (t.get(i.id), t.log.forTask(i.id)),
      'tasks.refreshLevels': () => t.refreshLevels(),
      'tasks.today': () => ({ today: t.today() }),
      'tasks.reminders': (i) => reminders(this.db, t, i.days),
      'tasks.rules': () => this.rules.get(),
      'tasks.setRules': (i) => this.rules.set(i),
      'tasks.board': (i) => this.board(i.today),
      'tasks.boardTasks': (i) => this.boardTasks(i.cell, i.today),
      'tasks.plan': (i) => this.plan(i.period, i),
      'tasks.recurrences': () => this.recurrences.list(),
      'tasks.createRecurrence': (i) => this.recurrences.create(i),
      'tasks.generateOccurrences': (i) => this.recurrences.generate(i.until),
      'tasks.bulletinDraft': (i) => this.bulletinDraft(i.from, i.to),
      'tasks.saveBulletin': (i) => saveBulletin(this.db, this.ledger, t, i),
      'tasks.coverage': (i) => coverage(this.db, this.ledger, i.recordId, i.unitIds),
      'tasks.coverageFollowUp': (i) => coverageFollowUp(this.db, this.ledger, t, i.recordId, i.unitIds, i.dueDate),
    };
  }
}
