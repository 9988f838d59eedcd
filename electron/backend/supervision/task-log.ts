import type { Statement } from 'better-sqlite3';
import type { LevelKey, TaskLogEntry, TaskLogKind } from '../../../shared/domain/supervision';
import type { BackendContext } from '../context';
import { utcStamp } from '../clock';

/**
 * The task log (留痕): every rise, urge, note, reply and override, with time and person.
 * Callers write it inside the transaction of the change it describes. Append-only (triggers).
 */
export class TaskLog {
  private readonly insert: Statement;
  private readonly byTask: Statement;

  constructor(private readonly ctx: BackendContext) {
    this.insert = ctx.db.prepare('INSERT INTO task_log (task_id, at, actor, kind, level, from_level, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.byTask = ctx.db.prepare(
      'SELECT id, task_id AS taskId, at, actor, kind, level, from_level AS fromLevel, text FROM task_log WHERE task_id = ? ORDER BY id DESC',
    );
  }

  write(taskId: number, kind: TaskLogKind, opts: { level?: LevelKey | null; fromLevel?: LevelKey | null; text?: string | null } = {}): TaskLogEntry {
    const at = utcStamp(this.ctx.clock.now());
    const id = Number(this.insert.run(taskId, at, this.ctx.actor, kind, opts.level ?? null, opts.fromLevel ?? null, opts.text ?? null).lastInsertRowid);
    return { id, taskId, at, actor: this.ctx.actor, kind, level: opts.level ?? null, fromLevel: opts.fromLevel ?? null, text: opts.text ?? null };
  }

  forTask(taskId: number): TaskLogEntry[] {
    return this.byTask.all(taskId) as TaskLogEntry[];
  }
}
