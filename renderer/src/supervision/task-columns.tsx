import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { CLOSED_STATUSES, levelRank, type Task } from '../../../shared/domain/supervision';
import { TaskLevel } from './levels';
import { daysLate } from './lookups';

function LevelCell(p: ICellRendererParams<Task>) {
  return p.data ? <TaskLevel task={p.data} /> : null;
}

function ProgressCell(p: ICellRendererParams<Task>) {
  if (!p.data) return null;
  return (
    <span className="progress-cell">
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${p.data.progress}%` }} />
      </span>
      {p.data.progress}%
    </span>
  );
}

/** The task grid's columns (the task page and the board's drill-down share them). */
export function taskColumns(opts: { today?: string } = {}): ColDef<Task>[] {
  return [
    { colId: 'title', field: 'title', headerName: '任务名称', flex: 2, minWidth: 150, tooltipField: 'title' },
    { colId: 'unit', headerName: '责任单位', valueGetter: (p) => p.data?.unitName ?? '', width: 110 },
    { colId: 'responsible', headerName: '责任人', valueGetter: (p) => p.data?.responsibleName ?? '', width: 72 },
    { colId: 'dueDate', field: 'dueDate', headerName: '完成时限', width: 98, cellClass: 'cell-mono', sort: undefined },
    {
      colId: 'late',
      headerName: '逾期',
      width: 58,
      cellClass: 'cell-mono late-cell',
      valueGetter: (p) => {
        const t = p.data;
        if (!t || !opts.today || !t.dueDate || CLOSED_STATUSES.includes(t.status) || t.dueDate >= opts.today) return '';
        return `${daysLate(opts.today, t.dueDate)}天`;
      },
    },
    { colId: 'progress', field: 'progress', headerName: '进度', width: 100, cellRenderer: ProgressCell },
    { colId: 'status', field: 'status', headerName: '状态', width: 70 },
    {
      colId: 'level',
      field: 'level',
      headerName: '督办等级',
      width: 114,
      cellRenderer: LevelCell,
      comparator: (a, b) => levelRank(a) - levelRank(b),
    },
    { colId: 'children', headerName: '子任务', width: 70, suppressHeaderMenuButton: true, filter: false, valueGetter: (p) => p.data?.childCount || '', cellClass: 'cell-mono' },
    { colId: 'source', field: 'source', headerName: '来源', width: 90 },
  ];
}
