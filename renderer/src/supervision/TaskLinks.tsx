import { CLOSED_STATUSES, type Task } from '../../../shared/domain/supervision';
import { TaskLevel } from './levels';
import { useSupervisionNav } from './nav';

/**
 * A short list of tasks made elsewhere (from a ledger record, from a coverage check), each
 * opening on the 督办任务 page: the user sees what was created and goes straight to it.
 */
export function TaskLinks(props: { tasks: Task[]; testId?: string }) {
  const { openTask } = useSupervisionNav();
  return (
    <ul className="task-links" data-testid={props.testId}>
      {props.tasks.map((t) => (
        <li key={t.id}>
          <button className="link task-link" title="在“督办任务”中打开" onClick={() => openTask(t.id)}>
            {t.title}
          </button>
          <span className="task-link-meta">
            {/* a finished task on time has no level worth a badge here; its status says it */}
            {!(CLOSED_STATUSES.includes(t.status) && t.level === 'white') && <TaskLevel task={t} />}
            <span className="status-tag">{t.status}</span>
            <span className="muted small">{t.unitName ?? '未指定单位'}</span>
            <span className="muted small">{t.dueDate ? `时限 ${t.dueDate}` : '未定时限'}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
