import { useEffect, useMemo } from 'react';
import type { Task } from '../../../shared/domain/supervision';
import { Sheet } from '../sheet/Sheet';
import { useSheet, type SheetController } from '../sheet/sheet-controller';
import { taskColumns, useLevelName } from './task-columns';

/** The tasks on a read-only sheet: a click (or the arrow keys) selects, a double click or Enter opens; ranges copy as in Excel. */
export function TaskTable(props: {
  tasks: Task[];
  today?: string | undefined;
  selectedId?: number | null;
  onSelect?: (t: Task) => void;
  onOpen?: (t: Task) => void;
  hide?: string[];
  testId?: string;
  /** the page's own, when it puts steps on the sheet's undo stack (a deletion from the detail panel) */
  controller?: SheetController<Task>;
}) {
  const own = useSheet<Task>();
  const sheet = props.controller ?? own;
  const levelName = useLevelName();
  const hide = props.hide?.join(',') ?? '';
  const columns = useMemo(() => taskColumns({ today: props.today, levelName }).filter((c) => !hide.split(',').includes(c.key)), [props.today, hide, levelName]);
  useEffect(() => {
    if (props.selectedId !== null && props.selectedId !== undefined) sheet.focusRow(props.selectedId);
  }, [props.selectedId, props.tasks, sheet]);
  return (
    <div className="task-table">
      <Sheet<Task>
        controller={sheet}
        columns={columns}
        data={{ mode: 'client', rows: props.tasks }}
        rowId={(t) => t.id}
        rowNumbers={false}
        readOnlyReason="任务在右侧的详情中修改（双击或按 Enter 打开）"
        onActiveRow={(t, byUser) => byUser && t && props.onSelect?.(t)}
        {...(props.onOpen ? { onOpen: props.onOpen } : {})}
        {...(props.testId ? { testId: props.testId } : {})}
        emptyText="没有符合条件的任务"
      />
    </div>
  );
}
