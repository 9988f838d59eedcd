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

const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : String(v));

/** Every row of the file with its class; new and changed rows carry a tick (applied by default). */
export function PreviewGrid(props: { preview: ImportPreview; show: ImportRowClass | 'all'; skipped: Set<number>; onToggle: (row: number, apply: boolean) => void }) {
  const { preview } = props;
  const label = useMemo(() => new Map(preview.fields.map((f) => [f.key, f.label])), [preview.fields]);
  const rows = useMemo(() => (props.show === 'all' ? preview.rows : preview.rows.filter((r) => r.class === props.show)), [preview.rows, props.show]);
  const columns = useMemo<ColDef<ImportPreviewRow>[]>(
    () => [
      {
        colId: 'apply',
        headerName: '导入',
        width: 64,
        pinned: 'left',
        cellRenderer: (p: { data?: ImportPreviewRow }) => {
          const r = p.data;
          if (!r || (r.class !== 'new' && r.class !== 'changed')) return null;
          return (
            <input
              type="checkbox"
              aria-label={`导入第${r.row}行`}
              checked={!props.skipped.has(r.row)}
              onChange={(e) => props.onToggle(r.row, e.target.checked)}
            />
          );
        },
      },
      { field: 'row', headerName: '行号', width: 70, pinned: 'left', sort: 'asc' },
      { colId: 'class', headerName: '类别', width: 96, valueGetter: (p) => (p.data ? CLASS_LABELS[p.data.class] : ''), cellClass: (p) => `import-${p.data?.class ?? ''}` },
      { colId: 'name', headerName: '姓名', width: 90, valueGetter: (p) => p.data?.values.name ?? p.data?.personName ?? '' },
      { colId: 'idNumber', headerName: '公民身份号码', width: 176, valueGetter: (p) => p.data?.values.idNumber ?? '' },
      { colId: 'badge', headerName: '警号/工号', width: 96, valueGetter: (p) => p.data?.values.badge ?? '' },
      { colId: 'unit', headerName: '所在单位', width: 120, valueGetter: (p) => p.data?.values.unit ?? '' },
      {
        colId: 'detail',
        headerName: '说明（错误原因 / 变化 原值 → 新值）',
        flex: 1,
        minWidth: 320,
        tooltipValueGetter: (p) => String(p.value ?? ''),
        valueGetter: (p) => {
          const r = p.data;
          if (!r) return '';
          if (r.reason) return r.reason;
          if (r.changes) return Object.entries(r.changes).map(([k, [a, b]]) => `${label.get(k) ?? k}：${fmt(a)} → ${fmt(b)}`).join('；');
          if (r.class === 'unchanged') return `与花名册中的“${r.personName ?? ''}”相同`;
          return r.newUnit ? `所在单位“${r.newUnit}”是新单位` : '';
        },
        cellClass: (p) => (p.data?.reason ? 'import-reason' : ''),
      },
    ],
    [label, props],
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
