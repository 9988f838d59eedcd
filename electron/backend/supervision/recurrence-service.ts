import type { Database } from 'better-sqlite3';
import type { Recurrence, RecurrenceRule } from '../../../shared/domain/supervision';
import type { RecurrenceInput } from '../../../shared/contract/supervision';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import type { TaskService } from './task-service';
import { occurrenceDates, occurrenceStart } from './recurrence';
import { addDays, monthEnd, nextMonthStart } from './calendar';

interface DbRecurrence {
  id: number; title: string; content: string | null; source: Recurrence['source']; rule: RecurrenceRule; weekdays: string;
  month_day: number | null; start_date: string; end_date: string | null; unit_id: number | null; responsible_id: number | null;
  parent_id: number | null; horizon: Recurrence['horizon']; generated_until: string | null;
}

const toRecurrence = (r: DbRecurrence): Recurrence => ({
  id: r.id, title: r.title, rule: r.rule, weekdays: JSON.parse(r.weekdays) as number[], monthDay: r.month_day, startDate: r.start_date,
  endDate: r.end_date, unitId: r.unit_id, parentId: r.parent_id, source: r.source, horizon: r.horizon, generatedUntil: r.generated_until,
});

const RULE_LABELS: Record<RecurrenceRule, string> = { weekly: '每周', semimonthly: '每半月', monthly: '每月' };

/**
 * Recurring tasks (每周两次集中学习, 每半月督导考核): each occurrence is an ordinary task, so it
 * escalates, counts on the board and is closed like any other. Generating is idempotent:
 * a unique index on (recurrence, date) means running it twice adds nothing.
 */
export class RecurrenceService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly tasks: TaskService,
  ) {}

  private get db(): Database {
    return this.ctx.db;
  }

  list(): Recurrence[] {
    return (this.db.prepare('SELECT * FROM task_recurrences ORDER BY id').all() as DbRecurrence[]).map(toRecurrence);
  }

  get(id: number): Recurrence {
    const row = this.db.prepare('SELECT * FROM task_recurrences WHERE id = ?').get(id) as DbRecurrence | undefined;
    return row ? toRecurrence(row) : fail(ErrorCode.notFound, '该周期任务不存在');
  }

  create(input: RecurrenceInput): Recurrence {
    return this.db.transaction(() => {
      if (input.rule === 'weekly' && input.weekdays.length === 0) fail(ErrorCode.validation, '每周任务请至少选择一天');
      if (input.rule === 'monthly' && input.monthDay === null) fail(ErrorCode.validation, '每月任务请选择日期（几号）');
      if (input.endDate && input.endDate < input.startDate) fail(ErrorCode.validation, '结束日期不能早于开始日期');
      if (input.parentId !== null) this.tasks.get(input.parentId);
      const now = this.ctx.clock.now().toISOString();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO task_recurrences (title, content, source, rule, weekdays, month_day, start_date, end_date, unit_id, responsible_id, parent_id, horizon, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.title, input.content, input.source, input.rule, JSON.stringify([...new Set(input.weekdays)].sort()), input.monthDay, input.startDate, input.endDate,
            input.unitId, input.responsibleId, input.parentId, input.horizon, now, now).lastInsertRowid,
      );
      this.audit.record([{ entity: 'task_recurrence', entityId: id, action: 'create', newValue: { 名称: input.title, 周期: RULE_LABELS[input.rule], 开始: input.startDate, 结束: input.endDate } }]);
      return this.get(id);
    })();
  }

  /** Every occurrence up to `until` (default: the end of next month), in one transaction. */
  generate(until?: string): { created: number } {
    const end = until ?? monthEnd(nextMonthStart(this.ctx.clock.today()));
    return this.db.transaction(() => {
      let created = 0;
      const exists = this.db.prepare('SELECT 1 FROM tasks WHERE recurrence_id = ? AND occurrence_date = ?');
      for (const r of this.list()) {
        const from = r.generatedUntil ? addDays(r.generatedUntil, 1) : r.startDate;
        for (const due of occurrenceDates(r, from, end)) {
          if (exists.get(r.id, due)) continue;
          const row = this.db.prepare('SELECT content, responsible_id AS responsibleId FROM task_recurrences WHERE id = ?').get(r.id) as { content: string | null; responsibleId: number | null };
          this.tasks.insert({
            parentId: r.parentId, title: `${r.title}（${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日）`, content: row.content, source: r.source, leadLeaderId: null,
            unitId: r.unitId, responsibleId: row.responsibleId, helperUnitIds: [], startDate: occurrenceStart(r, due), dueDate: due, progress: 0,
            status: '未开始', evidence: null, horizon: r.horizon, ledgerRecordId: null, recurrenceId: r.id, occurrenceDate: due,
          });
          created++;
        }
        if (!r.generatedUntil || r.generatedUntil < end) this.db.prepare('UPDATE task_recurrences SET generated_until = ? WHERE id = ?').run(end, r.id);
      }
      return { created };
    })();
  }
}
