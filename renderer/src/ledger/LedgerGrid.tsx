import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FieldValue, LedgerCategory, LedgerRecord } from '../../../shared/domain/ledger';
import type { LedgerCursor, LedgerFilter, LedgerSort } from '../../../shared/contract/ledger';
import type { AuditEntry } from '../../../shared/domain/audit';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog, Modal } from '../common/Modal';
import { Sheet } from '../sheet/Sheet';
import { useSheet } from '../sheet/sheet-controller';
import type { PageQuery, SheetData, SheetWriter } from '../sheet/sheet-types';
import { LinesToggle, QuickSearchBox, SheetToolbar, usePanelToggle, useQuickSearch } from '../sheet/SheetToolbar';
import { ledgerColumns } from './ledger-columns';
import { toLedgerFilters, toLedgerSort } from './ledger-filters';
import { categoriesChanged, RefsStore, rosterCache, unitsCache } from './ledger-store';
import { RecordPanel } from './RecordPanel';
import { ColumnMenu } from './ColumnMenu';
import { NewRecordDialog } from './NewRecordDialog';
import { ViewMenu } from './ViewMenu';

export interface FocusRequest {
  recordId: number;
  query: string;
  nonce: number;
}

/** What the grid shows right now (its filter, sort and search), for an export of the current view. */
export interface LedgerGridQuery {
  view: { sort: LedgerSort[]; filters: LedgerFilter[]; search: string };
  total: number;
  /** the field columns shown, in their order, read when asked (hiding a column reads no rows) */
  shownFields: () => string[];
}

/** The records of one category: read page by page from SQLite, edited in place on the sheet. */
export function LedgerGrid(props: { category: LedgerCategory; focus?: FocusRequest | undefined; onQuery?: (q: LedgerGridQuery) => void }) {
  const { category } = props;
  const [bin, setBin] = useState(false);
  const search = useQuickSearch(props.focus?.query ?? '');
  const applied = search.applied;
  const [total, setTotal] = useState<number | null>(null);
  const [focused, setFocused] = useState<LedgerRecord | null>(null);
  const [expanded, setExpanded] = useState<LedgerRecord | null>(null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [panel, setPanel] = usePanelToggle('ledger');
  const [lines, setLines] = useState<1 | 3>(1);
  const [columnMenu, setColumnMenu] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [refsTick, setRefsTick] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const refs = useMemo(() => new RefsStore(), []);
  const sheet = useSheet<LedgerRecord>();
  const { notify } = useStatus();

  // the field list changes identity on every reload of the category; the columns only when the fields do
  const fieldsSig = JSON.stringify(category.fields);
  const fields = useMemo(() => [...category.fields].sort((a, b) => a.order - b.order), [fieldsSig]); // eslint-disable-line react-hooks/exhaustive-deps
  const fieldMap = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const columns = useMemo(() => ledgerColumns(fields, !bin && !category.archived, refs), [fields, bin, category.archived, refs]);

  // the whole roster only where a field picks people (a roster of 100,000 is not read to open every ledger)
  const picksPeople = fields.some((f) => f.type === 'person' || f.type === 'people');
  useEffect(() => {
    void Promise.all([picksPeople ? rosterCache(true) : Promise.resolve([]), unitsCache(true)]).then(([p, u]) => {
      refs.addRoster(p, u);
      setRefsTick((t) => t + 1);
    });
  }, [refs, picksPeople]);
  useEffect(() => {
    if (refsTick) sheet.api?.refreshCells({ force: true });
  }, [refsTick, sheet]);

  // ---- reading ----------------------------------------------------------------------------
  const viewOf = (q: Omit<PageQuery, 'startRow' | 'endRow'>) => ({
    sort: toLedgerSort(q.sortModel),
    filters: toLedgerFilters(q.filterModel as Record<string, never>, fieldMap),
    search: applied,
  });
  const shownFields = () => (sheet.api?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((k) => fieldMap.has(k));

  // reading on from where the last page ended (a copy of a large range, scrolling down) goes by keyset
  const lastPage = useRef<{ key: string; endRow: number; cursor: LedgerCursor | null } | null>(null);
  const data: SheetData<LedgerRecord> = {
    mode: 'paged',
    version: `${bin}|${applied}|${category.id}`,
    read: async (q) => {
      const view = viewOf(q);
      const key = JSON.stringify([view, bin]);
      const prev = lastPage.current;
      const after = prev && prev.key === key && prev.endRow === q.startRow && prev.cursor ? { after: prev.cursor } : {};
      const page = await api.ledger.rows({ categoryId: category.id, startRow: q.startRow, endRow: q.endRow, ...view, deleted: bin, ...after });
      lastPage.current = { key, endRow: q.startRow + page.rows.length, cursor: page.cursor };
      refs.merge(page.refs);
      return page;
    },
  };

  const onLoaded = (n: number, q: Omit<PageQuery, 'startRow' | 'endRow'>) => {
    setTotal(n);
    if (!bin) props.onQuery?.({ view: viewOf(q), total: n, shownFields });
  };

  useEffect(() => {
    if (!props.focus) return;
    setBin(false);
    search.jump(props.focus.query);
    setPanel(true);
    sheet.focusRow(props.focus.recordId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focus?.nonce]);

  const refreshHistory = useCallback(() => {
    if (!focused) return setHistory([]);
    api.ledger.history({ id: focused.id }).then(setHistory, () => setHistory([]));
  }, [focused]);
  useEffect(() => {
    if (panel || expanded) refreshHistory();
  }, [refreshHistory, panel, expanded]);

  const reload = useCallback(() => {
    sheet.reload();
    categoriesChanged();
  }, [sheet]);

  // ---- writing ----------------------------------------------------------------------------
  const writer: SheetWriter<LedgerRecord> | null = useMemo(
    () =>
      bin || category.archived
        ? null
        : {
            canCreate: true,
            apply: async (edits, creates) => {
              const r = await api.ledger.applyBatch({ categoryId: category.id, edits, creates });
              if (r.created.length) categoriesChanged();
              return r;
            },
            remove: async (ids) => {
              await api.ledger.delete({ ids });
              categoriesChanged();
            },
            restore: async (rows) => {
              const ids = rows.map((r) => r.id);
              await api.ledger.restore({ ids });
              categoriesChanged();
              return ids;
            },
          },
    [bin, category.archived, category.id],
  );

  // ---- rows: to the recycle bin and back ----------------------------------------------------
  const moveToBin = async () => {
    const recs = await sheet.selectedRows();
    if (recs.length === 0) return notify('请先选中要删除的记录（点击行号可选中整行）', 'info');
    const ids = recs.map((r) => r.id);
    try {
      await api.ledger.delete({ ids });
      setFocused(null);
      reload();
      sheet.undo.push({
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
    const recs = await sheet.selectedRows();
    if (recs.length === 0) return notify('请先选中要恢复的记录', 'info');
    try {
      const r = await api.ledger.restore({ ids: recs.map((x) => x.id) });
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
  };

  const viewChanged = !!applied || Object.keys(sheet.api?.getFilterModel() ?? {}).length > 0 || (sheet.api?.getColumnState().some((c) => c.sort) ?? false);

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
            <button className="primary" onClick={() => setAdding(true)} disabled={category.archived}>
              新增记录
            </button>
            <button onClick={() => void moveToBin()} title="所选的行移入回收站，可恢复">
              删除
            </button>
            <span className="sep" />
            <SheetToolbar controller={sheet} />
            <span className="sep" />
          </>
        )}
        <div className="menu-anchor">
          <button onClick={() => setColumnMenu((m) => !m)} aria-expanded={columnMenu} aria-haspopup="dialog">
            列 ▾
          </button>
          {columnMenu && sheet.api && <ColumnMenu grid={sheet.api} fields={fields} onClose={() => setColumnMenu(false)} />}
        </div>
        {!bin && sheet.api && <ViewMenu categoryId={category.id} grid={sheet.api} fieldKeys={fieldMap} search={search.text} onSearch={search.jump} />}
        <LinesToggle lines={lines} onChange={setLines} title="长文本显示多行" />
        {!bin && (
          <button onClick={() => switchBin(true)} data-testid="open-bin">
            回收站（{category.deleted}）
          </button>
        )}
        <span className="spacer" />
        <QuickSearchBox search={search} controller={sheet} inputRef={searchBox} label="在本台账中查找" placeholder="在本台账中查找…" />
        <span className="muted" data-testid="ledger-count">
          {total === null ? '' : `${bin ? '回收站中' : '共'} ${total} 条`}
        </span>
        <button className={panel ? 'ghost active' : 'ghost'} onClick={() => setPanel(!panel)} aria-pressed={panel} title="在右侧显示所选记录的全部字段、附件和修改记录">
          详情
        </button>
      </div>
      <div className="split">
        <Sheet<LedgerRecord>
          key={bin ? 'bin' : 'live'}
          controller={sheet}
          columns={columns}
          data={data}
          rowId={(r) => r.id}
          writer={writer}
          readOnlyReason={bin ? '回收站中的记录不能修改，请先恢复' : '已归档的台账不能修改'}
          onActiveRow={setFocused}
          onExpand={setExpanded}
          onFind={() => searchBox.current?.focus()}
          onLoaded={onLoaded}
          search={search.chip}
          lines={lines}
          autoSize
          testId="ledger-sheet"
          emptyText={bin ? '回收站是空的' : viewChanged ? '没有符合当前查找或筛选的记录' : '没有记录：点击“新增记录”，从 Excel 复制后在表格中粘贴，或从“导入”页导入'}
        />
        {panel && <RecordPanel category={category} fields={fields} record={focused} refs={refs} history={history} onHistoryChanged={refreshHistory} onClose={() => setPanel(false)} onExpand={focused ? () => setExpanded(focused) : undefined} />}
      </div>
      {expanded && (
        <Modal title={`第 ${expanded.id} 号记录`} width={760} onClose={() => (setExpanded(null), sheet.focus())}>
          <RecordPanel category={category} fields={fields} record={focused?.id === expanded.id ? focused : expanded} refs={refs} history={history} onHistoryChanged={refreshHistory} expanded />
        </Modal>
      )}
      {adding && (
        <NewRecordDialog
          category={category}
          fields={fields}
          onClose={() => (setAdding(false), sheet.focus())}
          onCreated={(r) => {
            setAdding(false);
            reload();
            // newest last when the view is in its own order: scroll there, select it, keep typing
            const unsorted = !(sheet.api?.getColumnState().some((c) => c.sort) ?? false);
            sheet.focusRow(r.id, unsorted && total !== null ? total : undefined);
            sheet.undo.push({
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
