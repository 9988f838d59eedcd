import { useCallback } from 'react';
import type { ColDef } from 'ag-grid-community';
import { CLOSED_STATUSES, levelRank, type Task } from '../../../shared/domain/supervision';
import type { CellKind, SheetColumn } from '../sheet/sheet-types';
import { TaskLevel, levelLabel, useRules } from './levels';
import { daysLate } from './lookups';

/** The task list is read only: tasks change through their own dialogs (办结, 催办, 分解…). */
const READ_ONLY: CellKind = { editText: (_v, shown) => shown, parse: (t) => t, check: () => null };

function ProgressCell({ task }: { task: Task }) {
  return (
    <span className="progress-cell">
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${task.progress}%` }} />
      </span>
      {task.progress}%
    </span>
  );
}

function LevelText({ task }: { task: Task }) {
  return <TaskLevel task={task} />;
}

const column = (key: string, label: string, width: number, text: (t: Task) => string, extra: Partial<SheetColumn<Task>> = {}, colDef: Partial<ColDef<Task>> = {}): SheetColumn<Task> => ({
  key,
  label,
  width,
  kind: READ_ONLY,
  value: text,
  text,
  editable: false,
  ...extra,
  colDef: { sortable: true, filter: 'agTextColumnFilter', ...colDef },
});

/** The task sheet's columns (the task page and the board's drill-down share them). */
export function taskColumns(opts: { today?: string | undefined; levelName?: (t: Task) => string } = {}): SheetColumn<Task>[] {
  const late = (t: Task) => (!opts.today || !t.dueDate || CLOSED_STATUSES.includes(t.status) || t.dueDate >= opts.today ? 0 : daysLate(opts.today, t.dueDate));
  return [
    column('title', '任务名称', 260, (t) => t.title, { maxWidth: 520 }, { flex: 2, minWidth: 150, tooltipField: 'title' }),
    column('unit', '责任单位', 110, (t) => t.unitName ?? ''),
    column('responsible', '责任人', 72, (t) => t.responsibleName ?? ''),
    column('dueDate', '完成时限', 98, (t) => t.dueDate ?? '', { className: 'cell-mono' }),
    column('late', '逾期', 62, (t) => (late(t) ? `${late(t)}天` : ''), { className: 'cell-mono late-cell', value: late }, { filter: false }),
    column('progress', '进度', 100, (t) => `${t.progress}%`, { value: (t) => t.progress, render: (t) => <ProgressCell task={t} /> }, { filter: 'agNumberColumnFilter' }),
    column('status', '状态', 72, (t) => t.status),
    column('level', '督办等级', 132, (t) => opts.levelName?.(t) ?? t.level, { value: (t) => t.level, render: (t) => <LevelText task={t} /> }, { comparator: (a, b) => levelRank(a) - levelRank(b), filter: false }),
    column('children', '子任务', 70, (t) => (t.childCount ? String(t.childCount) : ''), { className: 'cell-mono', value: (t) => t.childCount }, { filter: false }),
    column('source', '来源', 90, (t) => t.source ?? ''),
  ];
}

/** The level's name as the office set it (白色领办…), for copying the list into a report. */
export function useLevelName(): (t: Task) => string {
  const { rules } = useRules();
  return useCallback((t: Task) => levelLabel(rules, t.level), [rules]);
}
