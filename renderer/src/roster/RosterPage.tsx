import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, CellFocusedEvent, GridApi, IRowNode } from 'ag-grid-community';
import { PERSON_FIELDS, PERSON_FIELD_LABELS, type Person, type PersonField } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { RosterBatchResult } from '../../../shared/contract/roster';
import { api, errorMessage, host } from '../api';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { useStatus } from '../common/status';
import { ConfirmDialog } from '../common/Modal';
import { AuditList } from '../common/AuditList';
import { UndoStack } from '../common/undo-stack';
import { parseTsv, toTsv } from '../common/tsv';
import { rosterColumns } from './roster-columns';
import { RefusedCells } from './refusals';
import type { RosterGridContext } from './RosterCell';
import { changedValues, personValues } from './person-diff';
import { planPaste } from './roster-paste';
import { PersonForm } from './PersonForm';
import { ExportDialog, type ExportRequest } from '../exports';
import { useUndoCommand } from '../common/use-undo-command';

type Values = Partial<Record<PersonField, string | number | null>>;
const isField = (c: string): c is PersonField => (PERSON_FIELDS as readonly string[]).includes(c);

/** 花名册: the roster in a spreadsheet-like grid. */
export function RosterPage() {
  const [rows, setRows] = useState<Person[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<Person[] | null>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [showPanel, setShowPanel] = useState(true);
  const [, setUndoTick] = useState(0);
  const gridApi = useRef<GridApi<Person> | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const refused = useMemo(() => new RefusedCells(), []);
  const undo = useMemo(() => new UndoStack(200, () => setUndoTick((t) => t + 1)), []);
  const { notify } = useStatus();
  const context: RosterGridContext = useMemo(() => ({ refused }), [refused]);

  useEffect(() => {
    Promise.all([api.roster.list({}), api.units.list({})]).then(
      ([people, u]) => {
        setRows(people);
        setUnits(u);
      },
      (err) => notify(errorMessage(err), 'error'),
    );
  }, [notify]);

  const refreshHistory = useCallback(() => {
    if (focusedId === null) return setHistory([]);
    api.audit.forRecord({ entity: 'person', entityId: focusedId }).then(setHistory, () => setHistory([]));
  }, [focusedId]);
  useEffect(refreshHistory, [refreshHistory]);

  /** Puts what the server returned into the grid (the server's values are the truth). */
  const applyRows = useCallback(
    (update: Person[], add: Person[] = [], remove: number[] = []) => {
      const grid = gridApi.current;
      if (!grid) return;
      grid.applyTransaction({ update, add, remove: remove.map((id) => ({ id }) as Person) });
      setRows((old) => {
        if (!old) return old;
        const byId = new Map(update.map((p) => [p.id, p]));
        const gone = new Set(remove);
        return [...old.filter((p) => !gone.has(p.id)).map((p) => byId.get(p.id) ?? p), ...add];
      });
      refreshHistory();
    },
    [refreshHistory],
  );

  const refreshCell = (id: number, field: string) => {
    const node = gridApi.current?.getRowNode(String(id));
    if (node) gridApi.current?.refreshCells({ rowNodes: [node], columns: [field], force: true });
  };

  // ---- editing one cell ---------------------------------------------------------------
  const onCellEditRequest = useCallback(
    async (e: CellEditRequestEvent<Person>) => {
      const field = e.column.getColId();
      const before = e.data;
      if (!isField(field) || !before) return;
      const raw = e.newValue === undefined || e.newValue === null ? null : String(e.newValue);
      const oldShown = field === 'unitId' ? (before.unitName ?? '') : (before[field] ?? '');
      if ((raw ?? '') === String(oldShown) && !refused.get(before.id, field)) return;
      try {
        const after = await api.roster.update({ id: before.id, values: { [field]: raw } });
        refused.clear(before.id, field);
        applyRows([after]);
        refreshCell(before.id, field);
        const back = changedValues(before, after);
        const forward = changedValues(after, before);
        if (Object.keys(back).length > 0) {
          undo.push({
            label: `修改${before.name}的${PERSON_FIELD_LABELS[field]}`,
            undo: async () => applyRows([await api.roster.update({ id: before.id, values: back })]),
            redo: async () => applyRows([await api.roster.update({ id: before.id, values: forward })]),
          });
        }
        notify(`已保存：${after.name} 的${PERSON_FIELD_LABELS[field]}`, 'success');
      } catch (err) {
        refused.set(before.id, field, { value: raw ?? '', reason: errorMessage(err) });
        refreshCell(before.id, field);
        notify(`未保存：${errorMessage(err)}`, 'error');
      }
    },
    [applyRows, notify, refused, undo],
  );

  // ---- paste and copy, ours to write (AG Grid's clipboard is Enterprise) ------------------
  const displayedColumns = () => (gridApi.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId());

  const runBatch = useCallback(
    async (edits: { id: number; values: Values }[], creates: { values: Values }[]): Promise<RosterBatchResult> => {
      const r = await api.roster.applyBatch({ edits, creates });
      applyRows(r.updated, r.created);
      return r;
    },
    [applyRows],
  );

  const paste = useCallback(
    async (text: string) => {
      const grid = gridApi.current;
      const focused = grid?.getFocusedCell();
      if (!grid || !focused || focused.rowPinned) {
        notify('请先点击要粘贴到的起始单元格', 'info');
        return;
      }
      const block = parseTsv(text);
      if (block.length === 0) return;
      const rowIds: number[] = [];
      grid.forEachNodeAfterFilterAndSort((n: IRowNode<Person>) => n.data && rowIds.push(n.data.id));
      const columns = displayedColumns();
      const plan = planPaste(block, { columns, rowIds, startRow: focused.rowIndex, startColumn: columns.indexOf(focused.column.getColId()) });
      if (plan.cells === 0) return;
      try {
        const r = await runBatch(plan.edits, plan.creates);
        // Refused cells stay visible in red, on existing rows and on the new ones alike.
        for (const f of r.refused) {
          const target =
            f.kind === 'edit'
              ? { id: plan.edits[f.index]!.id, values: plan.edits[f.index]!.values }
              : { id: r.created[r.createdFrom.indexOf(f.index)]?.id, values: plan.creates[f.index]!.values };
          if (target.id === undefined) continue;
          refused.set(target.id, f.field, { value: String(target.values[f.field as PersonField] ?? ''), reason: f.reason });
          refreshCell(target.id, f.field);
        }
        for (const u of r.updated) for (const f of PERSON_FIELDS) if (!r.refused.some((x) => x.kind === 'edit' && plan.edits[x.index]?.id === u.id && x.field === f)) refused.clear(u.id, f);
        let created = r.created;
        const previous = r.previous;
        if (previous.length > 0 || created.length > 0) {
          undo.push({
            label: `粘贴 ${plan.rows} 行`,
            undo: async () => {
              await runBatch(previous, []);
              if (created.length > 0) {
                await api.roster.delete({ ids: created.map((p) => p.id) });
                applyRows([], [], created.map((p) => p.id));
              }
            },
            redo: async () => {
              await runBatch(plan.edits.filter((e) => previous.some((p) => p.id === e.id)), []);
              if (created.length > 0) created = (await runBatch([], created.map((p) => ({ values: personValues(p) })))).created;
            },
          });
        }
        const createRefusals = r.refused.filter((f) => f.kind === 'create' && !r.createdFrom.includes(f.index));
        const parts = [`已粘贴 ${plan.rows} 行 × ${plan.columns} 列`];
        if (r.created.length) parts.push(`新增 ${r.created.length} 人`);
        if (r.refused.length) parts.push(`${r.refused.length} 个单元格未保存，见红色单元格`);
        if (createRefusals.length) parts.push(createRefusals.map((f) => `粘贴的第${plan.edits.length + f.index + 1}行${f.reason}`).join('；'));
        notify(parts.join('，'), r.refused.length ? 'error' : 'success');
      } catch (err) {
        notify(`粘贴失败，未做任何修改：${errorMessage(err)}`, 'error');
      }
    },
    [applyRows, notify, refused, runBatch, undo],
  );

  const copyText = (): string | null => {
    const grid = gridApi.current;
    if (!grid) return null;
    const selected = grid.getSelectedRows();
    const columns = (grid.getAllDisplayedColumns() ?? []).filter((c) => isField(c.getColId()));
    const shown = (p: Person, col: string) => (col === 'unitId' ? p.unitName : p[col as PersonField]) as string | number | null;
    if (selected.length > 0) return toTsv(selected.map((p) => columns.map((c) => shown(p, c.getColId()))));
    const focused = grid.getFocusedCell();
    const node = focused ? grid.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (!focused || !node?.data) return null;
    return toTsv([[shown(node.data, focused.column.getColId())]]).replace(/\r\n$/, '');
  };

  const doUndo = useUndoCommand(undo, notify);

  useEffect(() => host?.onMenuCommand((c) => {
    if (c === 'undo') void doUndo(false);
    if (c === 'redo') void doUndo(true);
    if (c === 'find') searchBox.current?.focus();
  }), [doUndo]);

  const editing = () => (gridApi.current?.getEditingCells().length ?? 0) > 0;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || editing()) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (ctrl && key === 'z' && !e.shiftKey) void doUndo(false);
    else if (ctrl && (key === 'y' || (key === 'z' && e.shiftKey))) void doUndo(true);
    else if (ctrl && key === 'f') searchBox.current?.focus();
    else if (e.key === 'Escape' || e.key === 'Delete') {
      const f = gridApi.current?.getFocusedCell();
      const node = f ? gridApi.current?.getDisplayedRowAtIndex(f.rowIndex) : undefined;
      if (!f || !node?.data) return;
      const col = f.column.getColId();
      if (e.key === 'Escape') {
        if (refused.clear(node.data.id, col)) {
          refreshCell(node.data.id, col);
          notify('已放弃未保存的修改', 'info');
        }
      } else if (isField(col)) {
        // Delete clears the cell, as in Excel (姓名 cannot be empty: the server says so)
        void onCellEditRequest({ column: f.column, data: node.data, newValue: null } as unknown as CellEditRequestEvent<Person>);
      }
    } else return;
    e.preventDefault();
  };

  const onCellFocused = (e: CellFocusedEvent<Person>) => {
    if (e.rowIndex === null || e.rowIndex === undefined) return;
    const node = gridApi.current?.getDisplayedRowAtIndex(e.rowIndex);
    if (!node?.data) return;
    setFocusedId(node.data.id);
    const col = typeof e.column === 'string' ? e.column : e.column?.getColId();
    const r = col ? refused.get(node.data.id, col) : undefined;
    if (r) notify(`未保存：${r.reason}（修改后重新输入，或按 Esc 放弃）`, 'error');
  };

  const deletePeople = async (people: Person[]) => {
    setConfirmDelete(null);
    try {
      await api.roster.delete({ ids: people.map((p) => p.id) });
      applyRows([], [], people.map((p) => p.id));
      let restored = people;
      undo.push({
        label: `删除 ${people.length} 人`,
        undo: async () => {
          restored = (await runBatch([], restored.map((p) => ({ values: personValues(p) })))).created;
        },
        redo: async () => {
          await api.roster.delete({ ids: restored.map((p) => p.id) });
          applyRows([], [], restored.map((p) => p.id));
        },
      });
      notify(`已删除 ${people.length} 人（可按 Ctrl+Z 撤销）`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  /** Exports through the export dialog: the grid's current view (its filter and sort) or the whole roster. */
  const [exporting, setExporting] = useState<string | null>(null);
  const viewIds = () => {
    const ids: number[] = [];
    gridApi.current?.forEachNodeAfterFilterAndSort((n: IRowNode<Person>) => n.data && ids.push(n.data.id));
    return ids;
  };
  const exportView = () => setExporting(`筛选、排序后的 ${viewIds().length} 人，表格中显示的列`);
  // the current view: its rows in their order, and the columns shown (hidden ones left out)
  const runExport = ({ scope, ...rest }: ExportRequest) =>
    api.exports.roster({ ...rest, ...(scope === 'view' ? { ids: viewIds(), fields: displayedColumns().filter(isField) } : {}) });

  const columns = useMemo(() => rosterColumns(units), [units]);
  const focused = rows?.find((p) => p.id === focusedId) ?? null;

  return (
    <div className="page roster-page">
      <div className="toolbar">
        <h1>花名册</h1>
        <button className="primary" onClick={() => setAdding(true)}>
          新增人员
        </button>
        <button
          onClick={() => {
            const sel = gridApi.current?.getSelectedRows() ?? [];
            if (sel.length === 0) notify('请先勾选要删除的人员', 'info');
            else setConfirmDelete(sel);
          }}
        >
          删除所选
        </button>
        <button onClick={() => void exportView()} title="按当前的筛选、排序和显示的列导出为 Excel">
          导出 Excel…
        </button>
        <span className="sep" />
        <button onClick={() => void doUndo(false)} disabled={!undo.canUndo} title={undo.nextUndoLabel ? `撤销：${undo.nextUndoLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}>
          撤销
        </button>
        <button onClick={() => void doUndo(true)} disabled={!undo.canRedo} title={undo.nextRedoLabel ? `重做：${undo.nextRedoLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}>
          重做
        </button>
        <span className="spacer" />
        <input
          ref={searchBox}
          className="search"
          type="search"
          placeholder="快速查找：姓名、警号、身份证号、单位…"
          aria-label="快速查找"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted" data-testid="roster-count">
          共 {rows?.length ?? 0} 人
        </span>
        <button className="ghost" onClick={() => setShowPanel((s) => !s)}>
          {showPanel ? '隐藏修改记录' : '修改记录'}
        </button>
      </div>
      <div className="split">
        <div
          className="grid-host"
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (editing() || e.target instanceof HTMLInputElement) return;
            e.preventDefault();
            void paste(e.clipboardData.getData('text/plain'));
          }}
          onCopy={(e) => {
            if (editing() || e.target instanceof HTMLInputElement) return;
            const text = copyText();
            if (text === null) return;
            e.preventDefault();
            e.clipboardData.setData('text/plain', text);
            notify('已复制', 'info');
          }}
        >
          {rows && (
            <AgGridReact<Person>
              theme={gridTheme}
              localeText={gridLocale}
              rowData={rows}
              columnDefs={columns}
              defaultColDef={{ sortable: true, filter: true, resizable: true, editable: true, minWidth: 56 }}
              getRowId={(p) => String(p.data.id)}
              context={context}
              readOnlyEdit
              onCellEditRequest={(e) => void onCellEditRequest(e)}
              rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
              selectionColumnDef={{ pinned: 'left', width: 36, resizable: false, suppressHeaderMenuButton: true }}
              quickFilterText={search}
              onGridReady={(e) => {
                gridApi.current = e.api;
              }}
              onCellFocused={onCellFocused}
              enterNavigatesVertically
              enterNavigatesVerticallyAfterEdit
              stopEditingWhenCellsLoseFocus
              animateRows={false}
              overlayNoRowsTemplate="<span>花名册为空：点击“新增人员”，或从 Excel 复制后在表格中粘贴</span>"
            />
          )}
        </div>
        {showPanel && (
          <aside className="side-panel" aria-label="修改记录">
            {focused ? (
              <>
                <h2>{focused.name}</h2>
                <div className="muted small">
                  {focused.unitName ?? '未指定单位'} · {focused.badge ?? '无警号'}
                </div>
                <h3>修改记录</h3>
                <AuditList entries={history} />
              </>
            ) : (
              <div className="empty">点击表格中的人员，查看其修改记录。</div>
            )}
          </aside>
        )}
      </div>
      {adding && (
        <PersonForm
          units={units}
          defaultUnitId={null}
          onClose={() => setAdding(false)}
          onCreated={(p) => {
            setAdding(false);
            applyRows([], [p]);
            let current = p;
            undo.push({
              label: `新增${p.name}`,
              undo: async () => {
                await api.roster.delete({ ids: [current.id] });
                applyRows([], [], [current.id]);
              },
              redo: async () => {
                current = (await runBatch([], [{ values: personValues(current) }])).created[0] ?? current;
              },
            });
            notify(`已新增：${p.name}`, 'success');
            setTimeout(() => {
              const node = gridApi.current?.getRowNode(String(p.id));
              if (node && node.rowIndex !== null) gridApi.current?.ensureIndexVisible(node.rowIndex);
            });
          }}
        />
      )}
      {exporting !== null && <ExportDialog heading="导出花名册" target="roster" viewLabel={exporting} countUnit="人" onExport={runExport} onClose={() => setExporting(null)} />}
      {confirmDelete && (
        <ConfirmDialog
          title="删除人员"
          message={<p>确定删除所选的 {confirmDelete.length} 人吗？删除后可用“撤销”恢复；删除记录会保留在修改记录中。</p>}
          confirmLabel="删除"
          danger
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() => void deletePeople(confirmDelete)}
        />
      )}
    </div>
  );
}
