import { useEffect, useState } from 'react';
import type { Task } from '../../../shared/domain/supervision';
import { api } from '../api';

/** The 上级任务 choice: every task (but `exclude`, the one being edited), or none for a top-level task. */
export function ParentTaskSelect(props: { label: string; value: number | null; onChange: (id: number | null) => void; exclude?: number | undefined }) {
  const [tasks, setTasks] = useState<Task[]>([]);
  useEffect(() => void api.tasks.list({ limit: 5000 }).then((all) => setTasks(all.filter((t) => t.id !== props.exclude)), () => {}), [props.exclude]);
  return (
    <label className="field">
      <span>{props.label}</span>
      <select aria-label="上级任务" value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">（无，作为顶层任务）</option>
        {tasks.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
            {t.unitName ? `（${t.unitName}）` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
