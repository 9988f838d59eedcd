import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, CellFocusedEvent, GridApi, IDatasource, IGetRowsParams, IRowNode } from 'ag-grid-community';
import type { FieldValue, LedgerCategory, LedgerRecord, RawCell } from '../../../shared/domain/ledger';
import type { LedgerFilter, LedgerSort } from '../../../shared/contract/ledger';
import type { AuditEntry } from '../../../shared/domain/audit';
import { api, errorMessage, host } from '../api';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { useStatus } from '../common/status';
import { ConfirmDialog } from '../common/Modal';
import { UndoStack } from '../common/undo-stack';
import { parseTsv, toTsv } from '../common/tsv';
import { RefusedCells } from '../roster/refusals';
import { ledgerColumns, type LedgerGridContext } from './ledger-columns';
import { toLedgerFilters, toLedgerSort } from './ledger-filters';
import { shownValue } from './ledger-format';
import { categoriesChanged, RefsStore, rosterCache, unitsCache } from './ledger-store';
import { planLedgerPaste } from './ledger-paste';
import { RecordPanel } from './RecordPanel';
import { ColumnMenu } from './ColumnMenu';
import { NewRecordDialog } from './NewRecordDialog';
import { ViewMenu } from './ViewMenu';
import { useUndoCommand } from '../common/use-undo-command';

export interface FocusRequest {
  recordId: number;
  query: string;
  nonce: number;
}

// Constant, not built per render: a new object makes AG Grid re-apply the column definitions,
// which would undo the columns the user hid, froze or resized.
const DEFAULT_COL_DEF = { resizable: true, minWidth: 56, suppressHeaderMenuButton: true } as const;
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false } as const;
const SELECTION_COLUMN = { pinned: 'left', width: 36, resizable: false, suppressHeaderMenuButton: true } as const;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The records of one category: read page by page from SQLite, edited in place like a sheet. */
/** What the grid shows right now (its filter, sort and search), for an export of the current view. */
export interface LedgerGridQuery {
  view: { sort: LedgerSort[]; filters: LedgerFilter[]; search: string };
  total: number;
  /** the field columns shown, in their order, read when asked (hiding a column reads no rows) */
  shownFields: () => string[];
}

export function LedgerGrid(props: { category: LedgerCategory; focus?: FocusRequest | undefined; onQuery?: (q: LedgerGridQuery) => void }) {
  const { category } = props;
  const [bin, setBin] = useState(false);
  const [search, setSearch] = useState(props.focus?.query ?? '');
  const [total, setTotal] = useState<number | null>(null);
  const [focused, setFocused] = useState<LedgerRecord | null>(null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [showPanel, setShowPanel] = useState(true);
  const [columnMenu, setColumnMenu] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [, setTick] = useState(0);
  const gridApi = useRef<GridApi<LedgerRecord> | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const searchRef = useRef(search);
  const pendingFocus = useRef<number | null>(props.focus?.recordId ?? null);
  const totalRef = useRef(0);
  const refused = useMemo(() => new RefusedCells(), []);
  const refs = useMemo(() => new RefsStore(), []);
  const undo = useMemo(() => new UndoStack(200, () => setTick((t) => t + 1)), []);
  const { notify } = useStatus();

  // the field list changes identity on every reload of the category; the columns only when the fields do
  const fieldsSig = JSON.stringify(category.fields);
  const fields = useMemo(() => [...category.fields].sort((a, b) => a.order - b.order), [fieldsSig]); // eslint-disable-line react-hooks/exhaustive-deps
  const fieldMap = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const context: LedgerGridContext = useMemo(() => ({ refused, refs, fields: fieldMap }), [refused, refs, fieldMap]);
  const columns = useMemo(() => ledgerColumns(fields, !bin), [fields, bin]);

  useEffect(() => {
    void Promise.all([rosterCache(true), unitsCache(true)]).then(([p, u]) => {
      refs.addRoster(p, u);
      gridApi.current?.refreshCells({ force: true });
    });
  }, [refs]);

  // ---- reading pages --------------------------------------------------------------------
  const datasource: IDatasource = useMemo(
    () => ({
      getRows: (p: IGetRowsParams) => void readRows(p),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [category.id, bin, fieldMap],
  );

  const readRows = async (p: IGetRowsParams) => {
    // A React filter's model reaches the grid a render after it changes; read it once that is done.
    await new Promise((r) => setTimeout(r));
    const filterModel = gridApi.current?.getFilterModel() ?? p.filterModel;
    const view = {
      sort: toLedgerSort(p.sortModel),
      filters: toLedgerFilters(filterModel as Record<string, never>, fieldMap),
      search: searchRef.current.trim(),
    };
    api.ledger.rows({ categoryId: category.id, startRow: p.startRow, endRow: p.endRow, ...view, deleted: bin }).then(
      (page) => {
        refs.merge(page.refs);
        totalRef.current = page.total;
        setTotal(page.total);
        p.successCallback(page.rows, page.total);
        if (!bin) props.onQuery?.({ view, total: page.total, shownFields: () => (gridApi.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((k) => fieldMap.has(k)) });
        if (pendingFocus.current !== null) setTimeout(focusPending);
      },
      (err) => {
        p.failCallback();
        notify(`读取失败：${errorMessage(err)}`, 'error');
      },
    );
  };

  const focusPending = () => {
    const grid = gridApi.current;
    const want = pendingFocus.current;
    if (!grid || want === null) return;
    grid.forEachNode((n) => {
      if (n.data?.id !== want || n.rowIndex === null) return;
      pendingFocus.current = null;
      grid.ensureIndexVisible(n.rowIndex, 'middle');
      const first = grid.getAllDisplayedColumns().find((c) => fieldMap.has(c.getColId()));
      if (first) grid.setFocusedCell(n.rowIndex, first);
      setFocused(n.data);
    });
  };

  const reload = useCallback(() => {
    gridApi.current?.refreshInfiniteCache();
    categoriesChanged();
  }, []);

  useEffect(() => {
    if (!props.focus) return;
    pendingFocus.current = props.focus.recordId;
    setBin(false);
    setSearch(props.focus.query);
    searchRef.current = props.focus.query;
    gridApi.current?.purgeInfiniteCache();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focus?.nonce]);

  // the quick search is done in SQL: wait for a pause in typing
  useEffect(() => {
    if (searchRef.current === search) return;
    const t = setTimeout(() => {
      searchRef.current = search;
      gridApi.current?.purgeInfiniteCache();
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  const refreshHistory = useCallback(() => {
    if (!focused) return setHistory([]);
    api.ledger.history({ id: focused.id }).then(setHistory, () => setHistory([]));
  }, [focused]);
  useEffect(refreshHistory, [refreshHistory]);

  // ---- writing --------------------------------------------------------------------------
  /** Puts records the server returned into the rows that show them (the server's values are the truth). */
  const showRecords = useCallback(
    (records: LedgerRecord[]) => {
      const grid = gridApi.current;
      for (const r of records) {
        const node = grid?.getRowNode(String(r.id));
        if (node) node.setData(r);
        setFocused((f) => (f && f.id === r.id ? r : f));
      }
    },
    [],
  );

  const refreshCell = (id: number, key: string) => {
    const node = gridApi.current?.getRowNode(String(id));
    if (node) gridApi.current?.refreshCells({ rowNodes: [node], columns: [key], force: true });
  };

  const rawText = (key: string, raw: RawCell): string => {
    const f = fieldMap.get(key);
    if (raw === null) return '';
    if (f && typeof raw === 'number' && (f.type === 'person' || f.type === 'unit')) return shownValue(f, raw, refs);
    if (Array.isArray(raw)) return raw.join('、');
    if (typeof raw === 'boolean') return raw ? '是' : '否';
    return String(raw);
  };

  const saveCell = useCallback(
    async (before: LedgerRecord, key: string, raw: RawCell, verb = '修改') => {
      const f = fieldMap.get(key);
      if (!f) return;
      if (sameValue(before.values[key], raw) && !refused.get(before.id, key)) return;
      try {
        const after = await api.ledger.update({ id: before.id, values: { [key]: raw } });
        refused.clear(before.id, key);
        showRecords([after]);
        refreshCell(after.id, key);
        refreshHistory();
        const old = (before.values[key] ?? null) as RawCell;
        const now = (after.values[key] ?? null) as RawCell;
        if (!sameValue(old, now)) {
          undo.push({
            label: `${verb}第 ${before.id} 号记录的${f.label}`,
            undo: async () => {
              showRecords([await api.ledger.update({ id: before.id, values: { [key]: old } })]);
              refreshCell(before.id, key);
              refreshHistory();
            },
            redo: async () => {
              showRecords([await api.ledger.update({ id: before.id, values: { [key]: now } })]);
              refreshCell(before.id, key);
              refreshHistory();
            },
          });
        }
        notify(`已保存：${f.label}`, 'success');
      } catch (err) {
        refused.set(before.id, key, { value: rawText(key, raw), reason: errorMessage(err) });
        refreshCell(before.id, key);
        notify(`未保存：${errorMessage(err)}`, 'error');
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fieldMap, notify, refused, showRecords, undo, refreshHistory],
  );

  const onCellEditRequest = (e: CellEditRequestEvent<LedgerRecord>) => {
    if (!e.data) return;
    const v = e.newValue as RawCell | undefined;
    void saveCell(e.data, e.column.getColId(), v === undefined || v === '' ? null : v);
  };

  const runBatch = useCallback(
    async (edits: { id: number; values: Record<string, RawCell> }[], creates: { values: Record<string, RawCell> }[]) => {
      const r = await api.ledger.applyBatch({ categoryId: category.id, edits, creates });
      showRecords(r.updated);
      if (r.created.length > 0) reload();
      return r;
    },
    [category.id, reload, showRecords],
  );

  const fieldColumns = () => (gridApi.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((k) => fieldMap.has(k));

  const paste = useCallback(
    async (text: string) => {
      const grid = gridApi.current;
      const cell = grid?.getFocusedCell();
      if (bin) return notify('回收站中的记录不能修改，请先恢复', 'info');
      if (!grid || !cell) return notify('请先点击要粘贴到的起始单元格', 'info');
      const block = parseTsv(text);
      if (block.length === 0) return;
      const cols = fieldColumns();
      const start = cols.indexOf(cell.column.getColId());
      if (start < 0) return notify('请先点击要粘贴到的起始单元格', 'info');
      const plan = planLedgerPaste(block, {
        columns: cols,
        startColumn: start,
        startRow: cell.rowIndex,
        total: totalRef.current,
        rowAt: (i) => grid.getDisplayedRowAtIndex(i)?.data?.id,
      });
      if (plan.cells === 0) return;
      try {
        const r = await runBatch(plan.edits, plan.creates);
        for (const e of plan.edits) for (const k of Object.keys(e.values)) refused.clear(e.id, k);
        for (const f of r.refused) {
          const target =
            f.kind === 'edit' ? { id: plan.edits[f.index]!.id, values: plan.edits[f.index]!.values } : { id: r.created[r.createdFrom.indexOf(f.index)]?.id, values: plan.creates[f.index]!.values };
          if (target.id === undefined) continue;
          refused.set(target.id, f.field, { value: rawText(f.field, target.values[f.field] ?? null), reason: f.reason });
        }
        grid.refreshCells({ force: true });
        const previous = r.previous.map((p) => ({ id: p.id, values: p.values as Record<string, RawCell> }));
        let created = r.created.map((c) => c.id);
        if (previous.length > 0 || created.length > 0) {
          undo.push({
            label: `粘贴 ${plan.rows} 行`,
            undo: async () => {
              if (previous.length) await runBatch(previous, []);
              if (created.length) {
                await api.ledger.delete({ ids: created });
                reload();
              }
            },
            redo: async () => {
              if (created.length) {
                await api.ledger.restore({ ids: created });
                reload();
              }
              const again = plan.edits.filter((e) => previous.some((p) => p.id === e.id));
              if (again.length) await runBatch(again, []);
            },
          });
        }
        const parts = [`已粘贴 ${plan.rows} 行 × ${plan.columns} 列`];
        if (r.created.length) parts.push(`新增 ${r.created.length} 条记录`);
        if (r.refused.length) parts.push(`${r.refused.length} 个单元格未保存，见红色单元格`);
        const lost = r.refused.filter((f) => f.kind === 'create' && !r.createdFrom.includes(f.index));
        if (lost.length) parts.push(lost.map((f) => `粘贴的第${plan.edits.length + f.index + 1}行未新增：${f.reason}`).join('；'));
        if (plan.unloaded) parts.push(`${plan.unloaded} 行尚未读取，未粘贴`);
        notify(parts.join('，'), r.refused.length || plan.unloaded ? 'error' : 'success');
      } catch (err) {
        notify(`粘贴失败，未做任何修改：${errorMessage(err)}`, 'error');
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bin, fieldMap, notify, refused, runBatch, undo, reload],
  );

  const copyText = (): string | null => {
    const grid = gridApi.current;
    if (!grid) return null;
    const cols = fieldColumns();
    const text = (r: LedgerRecord, k: string) => shownValue(fieldMap.get(k)!, r.values[k], refs);
    const selected = grid.getSelectedRows();
    if (selected.length > 0) return toTsv(selected.map((r) => cols.map((k) => text(r, k))));
    const cell = grid.getFocusedCell();
    const node = cell ? grid.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
    if (!cell || !node?.data || !fieldMap.has(cell.column.getColId())) return null;
    return toTsv([[text(node.data, cell.column.getColId())]]).replace(/\r\n$/, '');
  };

  const doUndo = useUndoCommand(undo, notify);

  useEffect(
    () =>
      host?.onMenuCommand((c) => {
        if (c === 'undo') void doUndo(false);
        if (c === 'redo') void doUndo(true);
        if (c === 'find') searchBox.current?.focus();
      }),
    [doUndo],
  );

  const editing = () => (gridApi.current?.getEditingCells().length ?? 0) > 0;
  const focusedCell = () => {
    const cell = gridApi.current?.getFocusedCell();
    const node = cell ? gridApi.current?.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
    return cell && node?.data ? { cell, node: node as IRowNode<LedgerRecord> & { data: LedgerRecord }, key: cell.column.getColId() } : null;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement || editing()) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (ctrl && key === 'z' && !e.shiftKey) void doUndo(false);
    else if (ctrl && (key === 'y' || (key === 'z' && e.shiftKey))) void doUndo(true);
    else if (ctrl && key === 'f') searchBox.current?.focus();
    else if (ctrl && key === 'd') {
      // fill down: the value of the cell above, as in Excel
      const at = focusedCell();
      if (!at || bin || !fieldMap.has(at.key)) return;
      const above = at.cell.rowIndex > 0 ? gridApi.current?.getDisplayedRowAtIndex(at.cell.rowIndex - 1)?.data : undefined;
      if (!above) notify('上方没有可复制的单元格', 'info');
      else void saveCell(at.node.data, at.key, (above.values[at.key] ?? null) as RawCell, '向下填充');
    } else if (e.key === 'Escape' || e.key === 'Delete') {
      const at = focusedCell();
      if (!at) return;
      if (e.key === 'Escape') {
        if (refused.clear(at.node.data.id, at.key)) {
          refreshCell(at.node.data.id, at.key);
          notify('已放弃未保存的修改', 'info');
        }
      } else if (fieldMap.has(at.key) && !bin) void saveCell(at.node.data, at.key, null, '清空');
    } else return;
    e.preventDefault();
  };

  const onCellFocused = (e: CellFocusedEvent<LedgerRecord>) => {
    if (e.rowIndex === null || e.rowIndex === undefined) return;
    const node = gridApi.current?.getDisplayedRowAtIndex(e.rowIndex);
    if (!node?.data) return;
    setFocused(node.data);
    const col = typeof e.column === 'string' ? e.column : e.column?.getColId();
    const r = col ? refused.get(node.data.id, col) : undefined;
    if (r) notify(`未保存：${r.reason}（修改后重新输入，或按 Esc 放弃）`, 'error');
  };

  // ---- recycle bin ----------------------------------------------------------------------
  const chosen = (): LedgerRecord[] => {
    const sel = gridApi.current?.getSelectedRows() ?? [];
    if (sel.length > 0) return sel;
    const at = focusedCell();
    return at ? [at.node.data] : [];
  };

  const moveToBin = async () => {
    const recs = chosen();
    if (recs.length === 0) return notify('请先勾选或点击要删除的记录', 'info');
    const ids = recs.map((r) => r.id);
    try {
      await api.ledger.delete({ ids });
      gridApi.current?.deselectAll();
      setFocused(null);
      reload();
      undo.push({
        label: `删除 ${ids.length} 条记录`,
        undo: async () => {
          await api.ledger.restore({ ids });
          reload();
        },
        redo: async () => {
          await api.ledger.delete({ ids });
          reload();
        },
      });
      notify(`已将 ${ids.length} 条记录移入回收站（可在回收站中恢复，或按 Ctrl+Z 撤销）`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const restore = async () => {
    const recs = chosen();
    if (recs.length === 0) return notify('请先勾选或点击要恢复的记录', 'info');
    try {
      const r = await api.ledger.restore({ ids: recs.map((x) => x.id) });
      gridApi.current?.deselectAll();
      setFocused(null);
      reload();
      notify(`已恢复 ${r.restored} 条记录`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const emptyBin = async () => {
    setConfirmEmpty(false);
    try {
      const r = await api.ledger.emptyBin({ categoryId: category.id });
      setFocused(null);
      reload();
      notify(`已彻底删除回收站中的 ${r.purged} 条记录`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const switchBin = (on: boolean) => {
    setBin(on);
    setFocused(null);
    gridApi.current?.deselectAll();
  };

  return (
    <div className="ledger-grid-page">
      <div className="toolbar">
        {bin ? (
          <>
            <button onClick={() => switchBin(false)}>← 返回台账</button>
            <span className="bin-title">回收站</span>
            <button className="primary" onClick={() => void restore()}>
              恢复所选
            </button>
            <button className="danger-text" onClick={() => setConfirmEmpty(true)} disabled={category.deleted === 0}>
              清空回收站…
            </button>
          </>
        ) : (
          <>
            <button className="primary" onClick={() => setAdding(true)}>
              新增记录
            </button>
            <button onClick={() => void moveToBin()} title="移入回收站，可恢复">
              删除
            </button>
            <span className="sep" />
            <button onClick={() => void doUndo(false)} disabled={!undo.canUndo} title={undo.nextUndoLabel ? `撤销：${undo.nextUndoLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}>
              撤销
            </button>
            <button onClick={() => void doUndo(true)} disabled={!undo.canRedo} title={undo.nextRedoLabel ? `重做：${undo.nextRedoLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}>
              重做
            </button>
            <span className="sep" />
          </>
        )}
        <div className="menu-anchor">
          <button onClick={() => setColumnMenu((m) => !m)} aria-expanded={columnMenu} aria-haspopup="dialog">
            列 ▾
          </button>
          {columnMenu && gridApi.current && <ColumnMenu grid={gridApi.current} fields={fields} onClose={() => setColumnMenu(false)} />}
        </div>
        {!bin && gridApi.current && <ViewMenu categoryId={category.id} grid={gridApi.current} fieldKeys={fieldMap} search={search} onSearch={setSearch} />}
        {!bin && (
          <button onClick={() => switchBin(true)} data-testid="open-bin">
            回收站（{category.deleted}）
          </button>
        )}
        <span className="spacer" />
        <input
          ref={searchBox}
          className="search"
          type="search"
          placeholder="在本台账中查找…"
          aria-label="在本台账中查找"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted" data-testid="ledger-count">
          {total === null ? '' : `${bin ? '回收站中' : '共'} ${total} 条`}
        </span>
        <button className="ghost" onClick={() => setShowPanel((s) => !s)}>
          {showPanel ? '隐藏详情' : '详情'}
        </button>
      </div>
      <div className="split">
        <div
          className="grid-host"
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (editing() || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
            e.preventDefault();
            void paste(e.clipboardData.getData('text/plain'));
          }}
          onCopy={(e) => {
            if (editing() || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
            const text = copyText();
            if (text === null) return;
            e.preventDefault();
            e.clipboardData.setData('text/plain', text);
            notify('已复制', 'info');
          }}
        >
          <AgGridReact<LedgerRecord>
            key={bin ? 'bin' : 'live'}
            theme={gridTheme}
            localeText={gridLocale}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={100}
            maxBlocksInCache={50}
            columnDefs={columns}
            defaultColDef={DEFAULT_COL_DEF}
            getRowId={(p) => String(p.data.id)}
            context={context}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            rowSelection={ROW_SELECTION}
            selectionColumnDef={SELECTION_COLUMN}
            onGridReady={(e) => {
              gridApi.current = e.api;
              setTick((t) => t + 1);
            }}
            onCellFocused={onCellFocused}
            enterNavigatesVertically
            enterNavigatesVerticallyAfterEdit
            stopEditingWhenCellsLoseFocus
            animateRows={false}
            tooltipShowDelay={400}
            overlayNoRowsTemplate={bin ? '<span>回收站是空的</span>' : '<span>没有记录：点击“新增记录”，从 Excel 复制后在表格中粘贴，或从“导入”页导入</span>'}
          />
        </div>
        {showPanel && <RecordPanel category={category} fields={fields} record={focused} refs={refs} history={history} onHistoryChanged={refreshHistory} />}
      </div>
      {adding && (
        <NewRecordDialog
          category={category}
          fields={fields}
          onClose={() => setAdding(false)}
          onCreated={(r) => {
            setAdding(false);
            reload();
            undo.push({
              label: '新增记录',
              undo: async () => {
                await api.ledger.delete({ ids: [r.id] });
                reload();
              },
              redo: async () => {
                await api.ledger.restore({ ids: [r.id] });
                reload();
              },
            });
            notify('已新增 1 条记录', 'success');
          }}
        />
      )}
      {confirmEmpty && (
        <ConfirmDialog
          title="清空回收站"
          message={<p>确定彻底删除“{category.name}”回收站中的 {category.deleted} 条记录吗？清空后不能恢复（修改记录中仍保留其内容）。</p>}
          confirmLabel="彻底删除"
          danger
          onCancel={() => setConfirmEmpty(false)}
          onConfirm={() => void emptyBin()}
        />
      )}
    </div>
  );
}

export type { FieldValue };
