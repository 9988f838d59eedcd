import type { Task } from '../../../shared/domain/supervision';
import { TaskLevel } from './levels';
import { useSupervisionNav } from './nav';
import { daysLate } from './lookups';


/** A short list on the board (本周到期 / 已逾期): a click opens the task. */
export function DueList(props: { tasks: Task[]; today: string; overdue?: boolean; testId: string; max?: number }) {
  const { openTask } = useSupervisionNav();
  const shown = props.tasks.slice(0, props.max ?? 12);
  if (props.tasks.length === 0) return <div className="empty small">{props.overdue ? '没有逾期任务' : '本周没有到期任务'}</div>;
  return (
    <table className="due-list" data-testid={props.testId}>
      <tbody>
        {shown.map((t) => (
          <tr key={t.id} onClick={() => openTask(t.id)} title="查看任务">
            <td className="due-title" title={t.title}>{t.title}</td>
            <td className="due-unit">{t.unitName ?? '—'}</td>
            <td className="due-date cell-mono">{t.dueDate}</td>
            <td className="due-extra cell-mono">{props.overdue ? `逾期${daysLate(props.today, t.dueDate!)}天` : `${t.progress}%`}</td>
            <td>
              <TaskLevel task={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
