import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ImportPreview, ImportPreviewRow, ImportRowClass } from '../../../shared/contract/imports';
import { gridLocale, gridTheme } from '../common/grid-setup';

export const CLASS_LABELS: Record<ImportRowClass, string> = {
  new: '新增',
  changed: '有变化',
  unchanged: '无变化',
  duplicate: '文件内重复',
  invalid: '有错误',
};

/**
 * Every row of the file with its class; new and changed rows carry a tick (applied by default).
 * The leading columns are the same for every import; `columns` are the target's own.
 */
export function PreviewGrid(props: { preview: ImportPreview; show: ImportRowClass | 'all'; skipped: Set<number>; columns: ColDef<ImportPreviewRow>[]; onToggle: (row: number, apply: boolean) => void }) {
  const { preview } = props;
  const rows = useMemo(() => (props.show === 'all' ? preview.rows : preview.rows.filter((r) => r.class === props.show)), [preview.rows, props.show]);
  const columns = useMemo<ColDef<ImportPreviewRow>[]>(
    () => [
      {
        colId: 'apply',
        headerName: '导入',
        width: 64,
        pinned: 'left',
        filter: false,
        sortable: false,
        cellRenderer: (p: { data?: ImportPreviewRow }) => {
          const r = p.data;
          if (!r || (r.class !== 'new' && r.class !== 'changed')) return null;
          return <input type="checkbox" aria-label={`导入第${r.row}行`} checked={!props.skipped.has(r.row)} onChange={(e) => props.onToggle(r.row, e.target.checked)} />;
        },
      },
      { field: 'row', headerName: '行号', width: 84, pinned: 'left', sort: 'asc' },
      // not “类别”: a ledger may have a field of that name
      { colId: 'class', headerName: '预览结果', width: 100, valueGetter: (p) => (p.data ? CLASS_LABELS[p.data.class] : ''), cellClass: (p) => `import-${p.data?.class ?? ''}` },
      ...props.columns,
    ],
    [props],
  );
  return (
    <div className="preview-grid">
      <AgGridReact<ImportPreviewRow>
        theme={gridTheme}
        localeText={gridLocale}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        getRowId={(p) => String(p.data.row)}
        animateRows={false}
        tooltipShowDelay={300}
      />
    </div>
  );
}
