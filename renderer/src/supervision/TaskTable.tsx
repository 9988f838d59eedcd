import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { Task } from '../../../shared/domain/supervision';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { taskColumns } from './task-columns';

/** A read-only grid of tasks; a click (or Enter) selects, a double click opens. */
export function TaskTable(props: { tasks: Task[]; today?: string; selectedId?: number | null; onSelect?: (t: Task) => void; onOpen?: (t: Task) => void; hide?: string[]; testId?: string }) {
  const columns = useMemo(() => taskColumns({ today: props.today }).filter((c) => !props.hide?.includes(c.colId!)), [props.today, props.hide]);
  return (
    <div className="grid-host task-table" data-testid={props.testId}>
      <AgGridReact<Task>
        theme={gridTheme}
        localeText={gridLocale}
        rowData={props.tasks}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true, minWidth: 56 }}
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onRowClicked={(e) => e.data && props.onSelect?.(e.data)}
        onRowDoubleClicked={(e) => e.data && props.onOpen?.(e.data)}
        onCellKeyDown={(e) => {
          const k = (e.event as KeyboardEvent | undefined)?.key;
          if (k === 'Enter' && e.data) props.onOpen?.(e.data);
        }}
        onRowDataUpdated={(e) => {
          if (props.selectedId != null) e.api.getRowNode(String(props.selectedId))?.setSelected(true);
        }}
        overlayNoRowsTemplate="<span class='muted'>没有符合条件的任务</span>"
      />
    </div>
  );
}
