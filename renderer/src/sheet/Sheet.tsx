import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { CellClassParams, ColDef, GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { errorMessage, host } from '../api';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { useStatus } from '../common/status';
import { parseTsv, toTsv } from '../common/tsv';
import { useUndoCommand } from '../common/use-undo-command';
import { typingTarget } from '../common/menu-undo';
import type { CellMarks } from './cell-marks';
import { describeFilter } from './filter-chips';
import { planClear, planFill, planPaste, textKey, type CellPlan } from './paste-plan';
import { cellsIn, extendTo, inRange, moveSelection, rangeOf, selectAll, selectRows, single, type CellPos, type CellRange, type Selection } from './selection';
import { SheetEditor, type EditorState, type SheetEditorHandle } from './SheetEditor';
import type { SheetController } from './sheet-controller';
import type { PageQuery, RawCell, RowEdit, SheetBatchResult, SheetColumn, SheetData, SheetWriter } from './sheet-types';
import './sheet.css';

export interface SheetProps<R> {
  controller: SheetController<R>;
  columns: SheetColumn<R>[];
  data: SheetData<R>;
  rowId(row: R): number;
  /** absent: the sheet is read only (selection, copy and keyboard still work) */
  writer?: SheetWriter<R> | null;
  /** why nothing can be typed here, said when the user tries (e.g. the recycle bin) */
  readOnlyReason?: string;
  /** the active row changed, or its values did; `byUser` when a click or a key moved it (not a reload) */
  onActiveRow?(row: R | null, byUser: boolean): void;
  /** Enter or a double click on a row of a read-only sheet */
  onOpen?(row: R): void;
  /** a double click on a row number: the record's expand view */
  onExpand?(row: R): void;
  /** Ctrl+F */
  onFind?(): void;
  /** a page was read: how many rows the view has and what it is */
  onLoaded?(total: number, view: Omit<PageQuery, 'startRow' | 'endRow'>): void;
  /** the page's quick search, shown as a chip that clears it */
  search?: { text: string; clear(): void };
  /** long text on several lines per row */
  lines?: 1 | 3;
  /** size the columns to their content once the first rows are read */
  autoSize?: boolean;
  /** the row numbers at the left (click: the whole row); on by default */
  rowNumbers?: boolean;
  emptyText: string;
  testId?: string;
}

const ROW_COL = '__row';
const READ_CHUNK = 10_000;
const WRITE_CHUNK = 50_000;
const LINE_HEIGHT = 28;

/** What the cell renderer and class rules need, read through refs so AG Grid's options stay constant. */
interface SheetContext<R> {
  marks: CellMarks;
  column(key: string): SheetColumn<R> | undefined;
  rowId(row: R): number;
  range(): CellRange | null;
  active(): CellPos | null;
  colIndex(key: string): number;
}

/** A cell: a value on its way to the server or refused (in red, with the reason), else the column's own rendering. */
function SheetCell<R>(props: CustomCellRendererProps<R, unknown, SheetContext<R>>) {
  const key = props.colDef?.colId ?? '';
  const col = props.context.column(key);
  if (!props.data) return props.node.rowIndex !== null ? <span className="muted">…</span> : null;
  const mark = props.context.marks.get(props.context.rowId(props.data), key);
  if (mark?.state === 'refused') {
    return (
      <span className="cell-refused" title={`未保存：${mark.reason}（改正后重新输入，或按 Esc 放弃）`} data-refused-reason={mark.reason}>
        {mark.value || '（空）'}
      </span>
    );
  }
  if (mark?.state === 'pending') return <span className="cell-pending">{mark.value}</span>;
  if (!col) return null;
  return <>{col.render ? col.render(props.data) : col.text(props.data)}</>;
}

const cellIn = (p: CellClassParams) => {
  const ctx = p.context as SheetContext<unknown>;
  const r = ctx.range();
  return r !== null && p.rowIndex !== null && inRange(r, p.rowIndex, ctx.colIndex(p.colDef.colId!));
};
const edge = (side: 'top' | 'bottom' | 'left' | 'right') => (p: CellClassParams) => {
  if (!cellIn(p)) return false;
  const ctx = p.context as SheetContext<unknown>;
  const r = ctx.range()!;
  const col = ctx.colIndex(p.colDef.colId!);
  return side === 'top' ? p.rowIndex === r.top : side === 'bottom' ? p.rowIndex === r.bottom : side === 'left' ? col === r.left : col === r.right;
};
/** The selection is drawn by class rules (AG Grid re-applies them on every refresh, without re-rendering cells). */
const CLASS_RULES = {
  'sheet-sel': (p: CellClassParams) => {
    if (!cellIn(p)) return false;
    const r = (p.context as SheetContext<unknown>).range()!;
    return cellsIn(r) > 1;
  },
  'sheet-active': (p: CellClassParams) => {
    const a = (p.context as SheetContext<unknown>).active();
    return a !== null && a.row === p.rowIndex && a.col === (p.context as SheetContext<unknown>).colIndex(p.colDef.colId!);
  },
  'sheet-top': edge('top'),
  'sheet-bottom': edge('bottom'),
  'sheet-left': edge('left'),
  'sheet-right': edge('right'),
};

const ROW_NUMBER_COL: ColDef = {
  colId: ROW_COL,
  headerName: '',
  headerTooltip: '点击选中全部（Ctrl+A）；点击行号选中整行，双击行号展开记录',
  width: 50,
  minWidth: 40,
  pinned: 'left',
  lockPosition: 'left',
  resizable: false,
  sortable: false,
  filter: false,
  suppressMovable: true,
  suppressHeaderMenuButton: true,
  valueGetter: (p) => (p.node?.rowIndex !== null && p.node?.rowIndex !== undefined ? p.node.rowIndex + 1 : ''),
  cellClass: 'sheet-rownum',
  cellClassRules: {
    'sheet-rownum-sel': (p: CellClassParams) => {
      const r = (p.context as SheetContext<unknown>).range();
      return r !== null && p.rowIndex !== null && p.rowIndex >= r.top && p.rowIndex <= r.bottom;
    },
  },
};

const DEFAULT_COL_DEF: ColDef = { resizable: true, minWidth: 48, suppressHeaderMenuButton: true, sortable: false, cellDataType: false };

/**
 * One sheet for every table (花名册, every 台账, 督办任务): selection, keyboard, typing, clipboard,
 * fill, undo and refused cells live here; a page brings its columns, its rows and how to write them.
 */
export function Sheet<R>(props: SheetProps<R>) {
  const { controller, data } = props;
  const { notify } = useStatus();
  const hostRef = useRef<HTMLDivElement>(null);
  const editor = useRef<SheetEditorHandle>(null);
  const sel = useRef<Selection | null>(null);
  const cols = useRef<string[]>([]);
  const colPos = useRef(new Map<string, number>());
  const total = useRef(0);
  const query = useRef<Omit<PageQuery, 'startRow' | 'endRow'>>({ sortModel: [], filterModel: {} });
  const pendingFocus = useRef<{ id: number; hint?: number } | null>(null);
  const dragging = useRef(false);
  const autoSized = useRef(false);
  const activeRowId = useRef<number | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [editing, setEditingState] = useState<(EditorState & { row: number; col: number; id: number; key: string; original: string }) | null>(null);
  const editingRef = useRef(editing);
  const [box, setBox] = useState<{ left: number; top: number; width: number; height: number; hostWidth: number } | null>(null);
  const [chips, setChips] = useState<{ colId: string; text: string }[]>([]);
  const [ready, setReady] = useState(false);

  const setEditing = (e: typeof editing) => {
    editingRef.current = e;
    setEditingState(e);
  };
  // this sheet's own grid (a page may remount its sheet, e.g. for the recycle bin: never another's)
  const gridApi = useRef<GridApi<R> | null>(null);
  const api = (): GridApi<R> | null => (gridApi.current && !gridApi.current.isDestroyed() ? gridApi.current : null);
  useEffect(
    () => () => {
      if (controller.api === gridApi.current) controller.api = null;
    },
    [controller],
  );
  const byKey = useMemo(() => new Map(props.columns.map((c) => [c.key, c])), [props.columns]);
  const byKeyRef = useRef(byKey);
  byKeyRef.current = byKey;

  const context = useMemo<SheetContext<R>>(
    () => ({
      marks: controller.marks,
      column: (key) => byKeyRef.current.get(key),
      rowId: (r) => latest.current.rowId(r),
      range: () => (sel.current ? rangeOf(sel.current) : null),
      active: () => sel.current?.active ?? null,
      colIndex: (key) => colPos.current.get(key) ?? -1,
    }),
    [controller],
  );

  const lines = props.lines ?? 1;
  const colDefs = useMemo<ColDef<R>[]>(
    () => [
      ...(props.rowNumbers === false ? [] : [ROW_NUMBER_COL as ColDef<R>]),
      ...props.columns.map(
        (c): ColDef<R> => ({
          colId: c.key,
          headerName: c.label,
          width: c.width ?? 120,
          maxWidth: c.maxWidth ?? 480,
          pinned: c.pinned ?? null,
          hide: c.hide ?? false,
          valueGetter: (p) => (p.data ? (c.value(p.data) as never) : null),
          cellRenderer: SheetCell,
          cellClass: [c.className, c.long && lines > 1 ? 'sheet-wrap' : undefined].filter(Boolean).join(' ') || undefined,
          cellClassRules: CLASS_RULES,
          wrapText: !!c.long && lines > 1,
          ...c.colDef,
        }),
      ),
    ],
    [props.columns, lines, props.rowNumbers],
  );

  // ---- geometry ---------------------------------------------------------------------------
  const rowCount = () => (data.mode === 'paged' ? total.current : (api()?.getDisplayedRowCount() ?? 0));
  const bounds = () => ({ rows: rowCount(), cols: cols.current.length });
  const rowAt = (i: number): R | undefined => api()?.getDisplayedRowAtIndex(i)?.data;
  const readColumns = () => {
    const list = (api()?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((k) => k !== ROW_COL);
    cols.current = list;
    colPos.current = new Map(list.map((k, i) => [k, i]));
  };

  const cellElement = (row: number, key: string): HTMLElement | null =>
    hostRef.current?.querySelector<HTMLElement>(`.ag-row[row-index="${row}"] .ag-cell[col-id="${CSS.escape(key)}"]`) ?? null;

  const placeEditor = useCallback(() => {
    const s = sel.current;
    const hostEl = hostRef.current;
    if (!s || !hostEl) return setBox(null);
    const key = cols.current[s.active.col];
    const el = key ? cellElement(s.active.row, key) : null;
    if (!el) return setBox(null);
    const h = hostEl.getBoundingClientRect();
    const c = el.getBoundingClientRect();
    setBox((b) => {
      const next = { left: c.left - h.left, top: c.top - h.top, width: c.width, height: c.height, hostWidth: h.width };
      return b && b.left === next.left && b.top === next.top && b.width === next.width && b.height === next.height && b.hostWidth === next.hostWidth ? b : next;
    });
  }, []);
  const placeSoon = () => requestAnimationFrame(() => requestAnimationFrame(placeEditor));

  const focusSink = () => editor.current?.textarea?.focus({ preventScroll: true });

  const tellActiveRow = (force = false, byUser = false) => {
    const s = sel.current;
    const row = s ? rowAt(s.active.row) : undefined;
    const id = row ? latest.current.rowId(row) : null;
    if (!force && id === activeRowId.current) return;
    activeRowId.current = id;
    latest.current.onActiveRow?.(row ?? null, byUser);
  };

  const setSelection = (s: Selection | null, scroll: 'active' | 'end' | false = 'active', byUser = true) => {
    sel.current = s;
    const grid = api();
    if (!grid) return;
    grid.refreshCells();
    if (s && scroll) {
      const at = scroll === 'end' ? s.end : s.active;
      grid.ensureIndexVisible(at.row);
      const key = cols.current[at.col];
      if (key) grid.ensureColumnVisible(key);
    }
    placeSoon();
    tellActiveRow(false, byUser);
    if (s) {
      const row = rowAt(s.active.row);
      const key = cols.current[s.active.col];
      const m = row && key ? controller.marks.refused(latest.current.rowId(row), key) : undefined;
      if (m) notify(`未保存：${m.reason}（改正后重新输入，或按 Esc 放弃）`, 'error');
    }
  };

  // ---- reading ------------------------------------------------------------------------------
  const checkPendingFocus = () => {
    const want = pendingFocus.current;
    const grid = api();
    if (!want || !grid) return;
    let found: number | null = null;
    grid.forEachNode((n) => {
      if (found === null && n.data && latest.current.rowId(n.data) === want.id && n.rowIndex !== null) found = n.rowIndex;
    });
    if (found === null) return;
    pendingFocus.current = null;
    const col = Math.max(0, sel.current?.active.col ?? 0);
    setSelection(single({ row: found, col: Math.min(col, Math.max(0, cols.current.length - 1)) }), false, false);
    grid.ensureIndexVisible(found, 'middle');
    placeSoon();
    tellActiveRow(true);
    focusSink();
  };

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p: IGetRowsParams) =>
        void (async () => {
          const d = latest.current.data;
          if (d.mode !== 'paged') return;
          // a filter set from a React component reaches the grid's model a render later
          await new Promise((r) => setTimeout(r));
          const view = { sortModel: p.sortModel as PageQuery['sortModel'], filterModel: (api()?.getFilterModel() ?? p.filterModel) as Record<string, unknown> };
          query.current = view;
          try {
            const page = await d.read({ startRow: p.startRow, endRow: p.endRow, ...view });
            total.current = page.total;
            p.successCallback(page.rows, page.total);
            latest.current.onLoaded?.(page.total, view);
            if (!autoSized.current && latest.current.autoSize && page.rows.length > 0) {
              autoSized.current = true;
              setTimeout(() => api()?.autoSizeColumns(latest.current.columns.filter((c) => !c.long).map((c) => c.key)));
            }
            setTimeout(() => {
              checkPendingFocus();
              placeEditor();
              tellActiveRow();
            });
          } catch (err) {
            p.failCallback();
            notify(`读取失败：${errorMessage(err)}`, 'error');
          }
        })(),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const firstVersion = useRef(true);
  const version = data.mode === 'paged' ? data.version : null;
  useEffect(() => {
    if (firstVersion.current) {
      firstVersion.current = false;
      return;
    }
    if (editingRef.current) stopEditing();
    if (!pendingFocus.current) setSelection(null, false, false);
    api()?.purgeInfiniteCache();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  /** The rows from `top` to `bottom`: the loaded ones as they are, the others read from the server. */
  const rowsBetween = async (top: number, bottom: number): Promise<R[]> => {
    const out: R[] = [];
    for (let i = top; i <= bottom; i++) {
      const r = rowAt(i);
      if (r === undefined) break;
      out.push(r);
    }
    const d = latest.current.data;
    if (out.length === bottom - top + 1 || d.mode !== 'paged') return out;
    for (let start = top + out.length; start <= bottom; start += READ_CHUNK) {
      const page = await d.read({ startRow: start, endRow: Math.min(bottom + 1, start + READ_CHUNK), ...query.current });
      for (const row of page.rows) out.push(row);
      if (page.rows.length === 0) break;
    }
    return out;
  };

  // ---- writing ------------------------------------------------------------------------------
  const refreshRows = (ids: Iterable<number>, force = true) => {
    const grid = api();
    if (!grid) return;
    const nodes = [...new Set(ids)].map((id) => grid.getRowNode(String(id))).filter((n) => n !== undefined);
    if (nodes.length) grid.refreshCells({ rowNodes: nodes, force });
  };

  /** Puts the rows the server returned into the sheet (the server's values are the truth). */
  const showRows = (rows: R[]) => {
    const grid = api();
    if (!grid || rows.length === 0) return;
    if (latest.current.data.mode === 'paged') {
      for (const r of rows) grid.getRowNode(String(latest.current.rowId(r)))?.setData(r);
    }
    const active = sel.current ? rowAt(sel.current.active.row) : undefined;
    if (active && rows.some((r) => latest.current.rowId(r) === latest.current.rowId(active))) tellActiveRow(true);
  };

  const applyChunked = async (writer: SheetWriter<R>, edits: RowEdit[], creates: { values: Record<string, RawCell> }[]): Promise<SheetBatchResult<R>> => {
    if (edits.length + creates.length <= WRITE_CHUNK) return writer.apply(edits, creates);
    // very large ranges go in parts (each part one transaction), still one undo step
    const all: SheetBatchResult<R> = { updated: [], created: [], createdFrom: [], refused: [], previous: [] };
    for (let i = 0; i < edits.length; i += WRITE_CHUNK) {
      const r = await writer.apply(edits.slice(i, i + WRITE_CHUNK), []);
      all.updated = all.updated.concat(r.updated);
      all.previous = all.previous.concat(r.previous);
      all.refused = all.refused.concat(r.refused.map((f) => ({ ...f, index: f.index + i })));
    }
    for (let i = 0; i < creates.length; i += WRITE_CHUNK) {
      const r = await writer.apply([], creates.slice(i, i + WRITE_CHUNK));
      all.created = all.created.concat(r.created);
      all.createdFrom = all.createdFrom.concat(r.createdFrom.map((x) => x + i));
      all.refused = all.refused.concat(r.refused.map((f) => ({ ...f, index: f.index + i })));
    }
    return all;
  };

  /** Sends a plan's cells, shows what was saved and marks in red what was refused; returns the cells it marked. */
  const applyAndShow = async (writer: SheetWriter<R>, plan: CellPlan) => {
    const { marks } = controller;
    for (const e of plan.edits) for (const k of Object.keys(e.values)) marks.pending(e.id, k, plan.texts.get(textKey(e.id, k)) ?? '');
    refreshRows(plan.edits.map((e) => e.id));
    let r: SheetBatchResult<R>;
    try {
      r = await applyChunked(writer, plan.edits, plan.creates);
    } finally {
      for (const e of plan.edits) for (const k of Object.keys(e.values)) if (marks.get(e.id, k)?.state === 'pending') marks.clear(e.id, k);
    }
    showRows(r.updated);
    const refused: [number, string][] = [];
    const createdAt = new Map(r.createdFrom.map((from, i) => [from, r.created[i]!]));
    for (const f of r.refused) {
      const created = f.kind === 'create' ? createdAt.get(f.index) : undefined;
      const edit = f.kind === 'edit' ? plan.edits[f.index] : undefined;
      const id = edit ? edit.id : created ? latest.current.rowId(created) : undefined;
      if (id === undefined) continue;
      const keys = f.field ? [f.field] : Object.keys((edit ?? plan.creates[f.index])!.values);
      for (const k of keys) {
        marks.refuse(id, k, plan.texts.get(textKey(edit ? id : `new:${f.index}`, k)) ?? '', f.reason);
        refused.push([id, k]);
      }
    }
    refreshRows([...plan.edits.map((e) => e.id), ...refused.map(([id]) => id)]);
    if (r.created.length) reload();
    return { r, refused };
  };

  /**
   * Every change a user makes in the sheet goes through here: sent in one call, validated on the
   * server, refused cells kept in red, and one undo step that also takes the red marks away.
   */
  /** Writes and undos run one after another, in the order the user asked for them (Ctrl+Z right after a paste undoes that paste). */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = <T,>(job: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(job, job);
    queue.current = run.catch(() => undefined);
    return run;
  };

  const runPlan = (plan: CellPlan, label: string, describe: (r: SheetBatchResult<R>) => string): Promise<SheetBatchResult<R> | null> => inTurn(() => writePlan(plan, label, describe));

  const writePlan = async (plan: CellPlan, label: string, describe: (r: SheetBatchResult<R>) => string): Promise<SheetBatchResult<R> | null> => {
    const writer = latest.current.writer;
    if (!writer) return null;
    // a large range takes a moment to check and store: say so while it runs
    if (plan.cells > 2000) notify(`正在${label}（${plan.cells} 个单元格），请稍候…`, 'info');
    let result: Awaited<ReturnType<typeof applyAndShow>>;
    try {
      result = await applyAndShow(writer, plan);
    } catch (err) {
      refreshRows(plan.edits.map((e) => e.id));
      notify(`${label}失败，未做任何修改：${errorMessage(err)}`, 'error');
      return null;
    }
    const { r, refused } = result;
    let createdRows = r.created;
    let createdIds = createdRows.map((x) => latest.current.rowId(x));
    const previous = r.previous.map((p) => ({ id: p.id, values: p.values as Record<string, RawCell> }));
    let marked = refused;
    const redone = new Set([...previous.map((p) => p.id), ...refused.map(([id]) => id)]);
    const again: CellPlan = { ...plan, edits: plan.edits.filter((e) => redone.has(e.id)), creates: [] };
    // a change the server refused whole changes nothing to undo: its red marks go with Esc or a correction
    if (previous.length || createdIds.length) {
      controller.undo.push({
        label,
        undo: async () => {
          if (previous.length) showRows((await applyChunked(writer, previous, [])).updated);
          if (createdIds.length) {
            await writer.remove(createdIds);
            reload();
          }
          for (const [id, k] of marked) controller.marks.clear(id, k);
          refreshRows([...previous.map((p) => p.id), ...marked.map(([id]) => id)]);
          marked = [];
        },
        redo: async () => {
          if (createdRows.length) {
            createdIds = await writer.restore(createdRows);
            createdRows = createdRows.map((row, i) => ({ ...row, id: createdIds[i] }) as R);
            reload();
          }
          if (again.edits.length) marked = (await applyAndShow(writer, again)).refused;
        },
      });
    }
    notify(describe(r), r.refused.length ? 'error' : 'success');
    return r;
  };

  const editableKeys = (from: number, to: number): (string | null)[] => {
    const out: (string | null)[] = [];
    for (let i = 0; i < cols.current.length; i++) {
      const c = byKeyRef.current.get(cols.current[i]!);
      out.push(i >= from && i <= to && c && c.editable !== false ? c.key : null);
    }
    return out;
  };

  const refuseReadOnly = () => {
    notify(latest.current.readOnlyReason ?? '此表不能在这里修改', 'info');
    return null;
  };

  const paste = async (text: string) => {
    const s = sel.current;
    if (!s) return notify('请先点击要粘贴到的起始单元格', 'info');
    const writer = latest.current.writer;
    if (!writer) return refuseReadOnly();
    const block = parseTsv(text);
    if (block.length === 0) return;
    const r = rangeOf(s);
    const oneValue = block.length === 1 && block[0]!.length === 1;
    const height = oneValue ? r.bottom - r.top + 1 : block.length;
    const width = oneValue ? r.right - r.left + 1 : Math.max(...block.map((x) => x.length));
    const last = Math.min(rowCount() - 1, r.top + height - 1);
    const rows = last >= r.top ? await rowsBetween(r.top, last) : [];
    const plan = planPaste(block, {
      range: r,
      columns: editableKeys(r.left, r.left + width - 1),
      rowIds: rows.map((x) => latest.current.rowId(x)),
      total: rowCount(),
      canCreate: writer.canCreate,
    });
    if (plan.cells === 0) return notify('没有可以粘贴的单元格（所选的列不能修改）', 'info');
    const res = await runPlan(plan, `粘贴 ${plan.rows} 行`, (x) => {
      const parts = [oneValue ? `已填入 ${plan.cells} 个单元格` : `已粘贴 ${plan.rows} 行 × ${plan.columns} 列`];
      if (x.created.length) parts.push(`新增 ${x.created.length} 行`);
      if (x.refused.length) parts.push(`${x.refused.length} 个单元格未保存，见红色单元格`);
      const made = new Set(x.createdFrom);
      const lost = x.refused.filter((f) => f.kind === 'create' && !made.has(f.index));
      if (lost.length) parts.push(lost.slice(0, 5).map((f) => `粘贴的第${plan.edits.length + f.index + 1}行${f.reason}`).join('；') + (lost.length > 5 ? `等 ${lost.length} 行` : ''));
      if (plan.dropped) parts.push(`${plan.dropped} 行超出表格末尾，未粘贴`);
      return parts.join('，');
    });
    if (res && !oneValue) setSelection({ anchor: { row: r.top, col: r.left }, end: { row: r.top + plan.rows - 1, col: Math.min(cols.current.length - 1, r.left + width - 1) }, active: { row: r.top, col: r.left } }, false);
  };

  const fill = async (dir: 'down' | 'right') => {
    const s = sel.current;
    const writer = latest.current.writer;
    if (!s) return;
    if (!writer) return refuseReadOnly();
    const r = rangeOf(s);
    const fromRow = dir === 'down' ? (r.top === r.bottom ? r.top - 1 : r.top) : r.top;
    const fromCol = dir === 'right' ? (r.left === r.right ? r.left - 1 : r.left) : r.left;
    if (fromRow < 0 || fromCol < 0) return notify(dir === 'down' ? '上方没有可复制的单元格' : '左边没有可复制的单元格', 'info');
    const rows = await rowsBetween(Math.min(fromRow, r.top), r.bottom);
    const rowOf = (i: number) => rows[i - Math.min(fromRow, r.top)];
    const plan = planFill(dir, r, {
      columns: editableKeys(r.left, r.right),
      rowIds: rows.slice(r.top - Math.min(fromRow, r.top)).map((x) => latest.current.rowId(x)),
      source: (row, col) => {
        const data = rowOf(row);
        const c = byKeyRef.current.get(cols.current[col] ?? '');
        if (!data || !c) return null;
        const text = c.text(data);
        // down: the same column, its stored value; right: another column, which reads the text as typed
        return dir === 'down' ? { value: (c.value(data) ?? null) as RawCell, text } : { value: text === '' ? null : text, text };
      },
    });
    if (plan.cells === 0) return;
    await runPlan(plan, dir === 'down' ? '向下填充' : '向右填充', (x) => `已${dir === 'down' ? '向下' : '向右'}填充 ${plan.cells} 个单元格${x.refused.length ? `，${x.refused.length} 个未保存，见红色单元格` : ''}`);
  };

  const clearRange = async () => {
    const s = sel.current;
    const writer = latest.current.writer;
    if (!s) return;
    if (!writer) return refuseReadOnly();
    const r = rangeOf(s);
    const rows = await rowsBetween(r.top, r.bottom);
    const plan = planClear(r, { columns: editableKeys(r.left, r.right), rowIds: rows.map((x) => latest.current.rowId(x)) });
    if (plan.cells === 0) return;
    await runPlan(plan, `清空 ${plan.rows} 行 × ${plan.columns} 列`, (x) => `已清空 ${plan.cells - x.refused.length} 个单元格${x.refused.length ? `，${x.refused.length} 个未清空（见红色单元格）` : ''}`);
  };

  /** The selection as Excel and WPS paste it: tab-separated, one line per row. */
  const copyText = async (): Promise<{ text: string; rows: number; cols: number } | null> => {
    const s = sel.current;
    if (!s) return null;
    const r = rangeOf(s);
    const rows = await rowsBetween(r.top, r.bottom);
    const columns = cols.current.slice(r.left, r.right + 1).map((k) => byKeyRef.current.get(k)).filter((c) => c !== undefined);
    const text = toTsv(rows.map((row) => columns.map((c) => c.text(row))));
    return { text: cellsIn(r) === 1 ? text.replace(/\r\n$/, '') : text, rows: rows.length, cols: columns.length };
  };

  const loadedRange = () => {
    const s = sel.current;
    if (!s) return false;
    const r = rangeOf(s);
    for (let i = r.top; i <= r.bottom; i++) if (rowAt(i) === undefined) return false;
    return true;
  };

  const onCopy = (e: ClipboardEvent<HTMLTextAreaElement>, cut = false) => {
    if (editingRef.current || !sel.current) return;
    e.preventDefault();
    if (loadedRange()) {
      // synchronously, into the event's own clipboard (works without any permission)
      const s = sel.current;
      const r = rangeOf(s);
      const columns = cols.current.slice(r.left, r.right + 1).map((k) => byKeyRef.current.get(k)).filter((c) => c !== undefined);
      const rows: R[] = [];
      for (let i = r.top; i <= r.bottom; i++) rows.push(rowAt(i)!);
      const text = toTsv(rows.map((row) => columns.map((c) => c.text(row))));
      e.clipboardData.setData('text/plain', cellsIn(r) === 1 ? text.replace(/\r\n$/, '') : text);
      notify(`已复制 ${rows.length} 行 × ${columns.length} 列`, 'info');
      if (cut) void clearRange();
      return;
    }
    const r = rangeOf(sel.current);
    notify(`正在复制 ${r.bottom - r.top + 1} 行…`, 'info');
    void copyText().then(
      async (c) => {
        if (!c) return;
        await navigator.clipboard.writeText(c.text);
        notify(`已复制 ${c.rows} 行 × ${c.cols} 列`, 'info');
        if (cut) void clearRange();
      },
      (err) => notify(`复制失败：${errorMessage(err)}`, 'error'),
    );
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (editingRef.current) return; // into the editor, as text
    e.preventDefault();
    void paste(e.clipboardData.getData('text/plain'));
  };

  // ---- editing ------------------------------------------------------------------------------
  const clearSink = () => {
    const t = editor.current?.textarea;
    if (t) t.value = '';
  };

  const stopEditing = () => {
    clearSink();
    setEditing(null);
  };

  /** Starts editing the active cell: 'enter' keeps what was just typed into the catcher, 'edit' starts from the cell's text. */
  const startEdit = (mode: 'enter' | 'edit'): boolean => {
    const s = sel.current;
    if (!s || editingRef.current) return !!editingRef.current;
    const key = cols.current[s.active.col];
    const col = key ? byKeyRef.current.get(key) : undefined;
    const row = rowAt(s.active.row);
    if (!col || !row) return false;
    if (!latest.current.writer || col.editable === false) {
      clearSink();
      if (!latest.current.writer) refuseReadOnly();
      else notify(`“${col.label}”不能在表格中修改`, 'info');
      return false;
    }
    const id = latest.current.rowId(row);
    const mark = controller.marks.refused(id, key!);
    const original = col.kind.editText(col.value(row), col.text(row));
    const t = editor.current?.textarea;
    if (mode === 'edit' && t) {
      t.value = mark ? mark.value : original;
      t.setSelectionRange(t.value.length, t.value.length);
    }
    setEditing({ kind: col.kind, label: col.label, mode, row: s.active.row, col: s.active.col, id, key: key!, original });
    api()?.ensureIndexVisible(s.active.row);
    api()?.ensureColumnVisible(key!);
    placeSoon();
    return true;
  };

  const commit = (move: [number, number] | null) => {
    const ed = editingRef.current;
    const handle = editor.current;
    if (!ed || !handle) return;
    const { raw, text } = handle.result();
    stopEditing();
    if (move) setSelection(moveSelection(sel.current ?? single({ row: ed.row, col: ed.col }), move[0], move[1], bounds()));
    const hadMark = !!controller.marks.refused(ed.id, ed.key);
    if (text === ed.original && !hadMark) return;
    const plan: CellPlan = { edits: [{ id: ed.id, values: { [ed.key]: raw } }], creates: [], texts: new Map([[textKey(ed.id, ed.key), text]]), cells: 1, rows: 1, columns: 1, dropped: 0 };
    void runPlan(plan, `修改“${ed.label}”`, (r) => (r.refused.length ? `未保存：${r.refused[0]!.reason}` : `已保存：${ed.label}`));
  };

  const cancelEdit = () => {
    stopEditing();
    notify('已取消修改', 'info');
  };

  const undoNow = useUndoCommand(controller.undo, notify);
  const doUndo = (redo = false) => inTurn(() => undoNow(redo));

  // ---- keyboard ------------------------------------------------------------------------------
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // an input method is composing: its keys (Enter included) are its own
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const ed = editingRef.current;
    if (ed) {
      const handle = editor.current!;
      if (key === 'Enter' && e.altKey) {
        if (!ed.kind.multiline) return e.preventDefault();
        e.preventDefault();
        const t = e.currentTarget;
        t.setRangeText('\n', t.selectionStart, t.selectionEnd, 'end');
        t.dispatchEvent(new Event('input', { bubbles: true }));
        return;
      }
      if (key === 'Enter') {
        e.preventDefault();
        if (handle.completeMulti()) return;
        return commit([e.shiftKey ? -1 : 1, 0]);
      }
      if (key === 'Tab') {
        e.preventDefault();
        return commit([0, e.shiftKey ? -1 : 1]);
      }
      if (key === 'Escape') {
        e.preventDefault();
        return cancelEdit();
      }
      if ((key === 'ArrowDown' || key === 'ArrowUp') && handle.listKey(e)) return e.preventDefault();
      if (ed.mode === 'enter' && !ed.kind.multiline && key.startsWith('Arrow')) {
        e.preventDefault();
        return commit(key === 'ArrowUp' ? [-1, 0] : key === 'ArrowDown' ? [1, 0] : key === 'ArrowLeft' ? [0, -1] : [0, 1]);
      }
      return;
    }
    const s = sel.current;
    const b = bounds();
    const move = (dr: number, dc: number) => s && setSelection(moveSelection(s, dr, dc, b, { extend: e.shiftKey, toEdge: ctrl }), e.shiftKey ? 'end' : 'active');
    const handled = () => e.preventDefault();
    if (ctrl) {
      const k = key.toLowerCase();
      if (k === 'a') {
        handled();
        setSelection(selectAll(s, b), false);
        return notify(`已选中全部 ${b.rows} 行 × ${b.cols} 列`, 'info');
      }
      if (k === 'z' && !e.shiftKey) return handled(), void doUndo(false);
      if (k === 'y' || (k === 'z' && e.shiftKey)) return handled(), void doUndo(true);
      if (k === 'd') return handled(), void fill('down');
      if (k === 'r') return handled(), void fill('right');
      if (k === 'f') return handled(), latest.current.onFind?.();
      if (key.startsWith('Arrow')) return handled(), move(key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0, key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0);
      if (key === 'Home' || key === 'End') return handled(), s && setSelection(moveSelection(s, key === 'Home' ? -1 : 1, key === 'Home' ? -1 : 1, b, { extend: e.shiftKey, toEdge: true }), e.shiftKey ? 'end' : 'active');
      return; // Ctrl+C, Ctrl+X and Ctrl+V arrive as copy, cut and paste events
    }
    if (!s) return;
    switch (key) {
      case 'ArrowUp':
        return handled(), move(-1, 0);
      case 'ArrowDown':
        return handled(), move(1, 0);
      case 'ArrowLeft':
        return handled(), move(0, -1);
      case 'ArrowRight':
        return handled(), move(0, 1);
      case 'PageUp':
      case 'PageDown': {
        handled();
        const page = Math.max(1, Math.floor((hostRef.current?.clientHeight ?? 400) / LINE_HEIGHT / lines) - 2);
        return move(key === 'PageUp' ? -page : page, 0);
      }
      case 'Home':
        return handled(), setSelection(moveSelection(s, 0, -s.active.col, b, { extend: e.shiftKey }));
      case 'End':
        return handled(), setSelection(moveSelection(s, 0, b.cols, b, { extend: e.shiftKey }));
      case 'Tab':
        return handled(), setSelection(moveSelection(s, 0, e.shiftKey ? -1 : 1, b));
      case 'Enter': {
        handled();
        const row = rowAt(s.active.row);
        if (!latest.current.writer && latest.current.onOpen && row) return latest.current.onOpen(row);
        return setSelection(moveSelection(s, e.shiftKey ? -1 : 1, 0, b));
      }
      case 'F2':
        return handled(), void startEdit('edit');
      case 'Delete':
        return handled(), void clearRange();
      case 'Backspace':
        // as in Excel: the cell is emptied and typing starts
        return handled(), void startEdit('enter');
      case 'Escape': {
        handled();
        const r = rangeOf(s);
        let n = 0;
        const ids: number[] = [];
        for (let row = r.top; row <= r.bottom; row++) {
          const data = rowAt(row);
          if (!data) continue;
          const id = latest.current.rowId(data);
          for (let c = r.left; c <= r.right; c++) {
            if (controller.marks.clear(id, cols.current[c]!)) {
              n++;
              ids.push(id);
            }
          }
        }
        if (n) {
          refreshRows(ids);
          notify(`已放弃 ${n} 个未保存的修改`, 'info');
        } else if (cellsIn(r) > 1) setSelection(single(s.active), false);
        return;
      }
    }
  };

  /** A character landed in the catcher (a key, a paste of text, a finished composition): it starts editing. */
  const onInput = () => {
    if (editingRef.current) return;
    // nothing to type into (no cell chosen, a read-only column): the catcher stays empty
    if (!startEdit('enter')) clearSink();
  };
  const onCompositionStart = () => {
    if (!editingRef.current) startEdit('enter');
  };

  // ---- mouse ---------------------------------------------------------------------------------
  const cellAt = (target: EventTarget | null): { row: number; key: string } | null => {
    const el = (target as HTMLElement | null)?.closest?.('.ag-cell');
    const rowEl = el?.closest('.ag-row');
    if (!el || !rowEl || !hostRef.current?.contains(el)) return null;
    const row = Number(rowEl.getAttribute('row-index'));
    const key = el.getAttribute('col-id');
    return Number.isFinite(row) && key ? { row, key } : null;
  };

  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0) return;
    if ((e.target as HTMLElement).closest?.(`.ag-header-cell[col-id="${ROW_COL}"]`)) {
      // the corner above the row numbers: everything, as in Excel
      e.preventDefault();
      setSelection(selectAll(sel.current, bounds()), false);
      return focusSink();
    }
    const at = cellAt(e.target);
    if (!at) return;
    e.preventDefault(); // the keyboard stays in the catcher, and dragging selects cells, not text
    if (editingRef.current) commit(null);
    const b = bounds();
    const s = sel.current;
    if (at.key === ROW_COL) {
      const from = e.shiftKey && s ? s.anchor.row : at.row;
      setSelection(selectRows(from, at.row, b, e.shiftKey && s ? s.active : { row: at.row, col: s?.active.col ?? 0 }), false);
      dragging.current = true;
    } else {
      const col = colPos.current.get(at.key);
      if (col === undefined) return;
      const p = { row: at.row, col };
      setSelection(e.shiftKey && s ? extendTo(s, p) : single(p), false);
      if (!e.shiftKey) api()?.ensureColumnVisible(at.key); // a half-hidden cell comes whole into view, as in Excel
      dragging.current = true;
    }
    tellActiveRow(true, true); // a click on the same row again still (re)opens its details
    focusSink();
  };

  const onMouseOver = (e: MouseEvent) => {
    if (!dragging.current || !sel.current) return;
    const at = cellAt(e.target);
    if (!at) return;
    const s = sel.current;
    const b = bounds();
    if (at.key === ROW_COL) {
      if (s.anchor.col === 0 && s.end.col === b.cols - 1) setSelection({ ...s, end: { row: at.row, col: b.cols - 1 } }, false);
      return;
    }
    const col = colPos.current.get(at.key);
    if (col === undefined || (s.end.row === at.row && s.end.col === col)) return;
    setSelection(extendTo(s, { row: at.row, col }), false);
  };

  useEffect(() => {
    const up = () => void (dragging.current = false);
    // dragging past the sheet's edge goes on selecting, scrolling row by row as the mouse moves
    const move = (e: globalThis.MouseEvent) => {
      const hostEl = hostRef.current;
      const s = sel.current;
      if (!dragging.current || !s || !hostEl) return;
      const r = hostEl.getBoundingClientRect();
      const dr = e.clientY > r.bottom - 4 ? 1 : e.clientY < r.top + 32 ? -1 : 0;
      const dc = e.clientX > r.right - 4 ? 1 : e.clientX < r.left ? -1 : 0;
      if (dr || dc) setSelection(moveSelection(s, dr, dc, bounds(), { extend: true }), 'end');
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onDoubleClick = (e: MouseEvent) => {
    const at = cellAt(e.target);
    if (!at) return;
    const row = rowAt(at.row);
    if (!row) return;
    if (at.key === ROW_COL && latest.current.onExpand) return latest.current.onExpand(row);
    if (!latest.current.writer && latest.current.onOpen) return latest.current.onOpen(row);
    startEdit('edit');
    focusSink();
  };

  // ---- commands for the page -------------------------------------------------------------------
  const reload = () => {
    const grid = api();
    if (!grid) return;
    if (latest.current.data.mode === 'paged') grid.refreshInfiniteCache();
  };

  useLayoutEffect(() => {
    controller.commands = {
      reload,
      focusRow: (id, hint) => {
        pendingFocus.current = hint === undefined ? { id } : { id, hint };
        checkPendingFocus();
        const want = pendingFocus.current;
        if (!want) return;
        const d = latest.current.data;
        if (want.hint !== undefined) api()?.ensureIndexVisible(want.hint, 'middle');
        else if (d.mode === 'paged' && d.locate)
          void d.locate(id, query.current).then((index) => {
            if (index === null) {
              if (pendingFocus.current?.id === id) pendingFocus.current = null;
              return notify('当前的筛选或查找中没有这一行', 'info');
            }
            api()?.ensureIndexVisible(index, 'middle');
            setTimeout(checkPendingFocus, 50);
          });
      },
      selectedRows: async () => {
        const s = sel.current;
        if (!s) return [];
        const r = rangeOf(s);
        return rowsBetween(r.top, r.bottom);
      },
      activeRow: () => (sel.current ? (rowAt(sel.current.active.row) ?? null) : null),
      focus: focusSink,
      undo: async (redo = false) => {
        if (editingRef.current) stopEditing();
        await doUndo(redo);
        focusSink();
      },
      showRows,
    };
  });

  useEffect(
    () =>
      host?.onMenuCommand((c) => {
        // typing in a cell or a text box: the app's own listener undoes the typing (menu-undo.ts)
        if ((c === 'undo' || c === 'redo') && typingTarget()) return;
        if (c === 'undo') void doUndo(false);
        if (c === 'redo') void doUndo(true);
        if (c === 'find') latest.current.onFind?.();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [undoNow],
  );

  // the page's rows changed (a client-side list): keep the selection inside them
  const clientRows = data.mode === 'client' ? data.rows : null;
  useEffect(() => {
    if (!clientRows) return;
    setTimeout(() => {
      checkPendingFocus();
      tellActiveRow();
      placeEditor();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clientRows]);

  const rowHeight = lines === 1 ? LINE_HEIGHT : 20 * lines + 6;
  useEffect(() => {
    const grid = api();
    if (!grid) return;
    grid.resetRowHeights();
    if (latest.current.data.mode === 'paged') grid.refreshInfiniteCache();
    placeSoon();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowHeight]);

  const updateChips = () => {
    const grid = api();
    if (!grid) return;
    const model = grid.getFilterModel() as Record<string, Parameters<typeof describeFilter>[0]>;
    setChips(Object.entries(model).map(([colId, m]) => ({ colId, text: `${byKeyRef.current.get(colId)?.label ?? colId}：${describeFilter(m)}` })));
  };

  const gridProps =
    data.mode === 'paged'
      ? ({ rowModelType: 'infinite', datasource, cacheBlockSize: 100, maxBlocksInCache: 60 } as const)
      : ({ rowModelType: 'clientSide', rowData: data.rows } as const);

  return (
    <div className="sheet" data-testid={props.testId}>
      {(chips.length > 0 || props.search?.text) && (
        <div className="sheet-chips" aria-label="当前筛选">
          {chips.map((c) => (
            <button
              key={c.colId}
              className="filter-chip"
              title="清除这个筛选"
              onClick={() => {
                api()?.setColumnFilterModel(c.colId, null).then(() => api()?.onFilterChanged());
              }}
            >
              {c.text} <span aria-hidden>×</span>
            </button>
          ))}
          {props.search?.text && (
            <button className="filter-chip" title="清除查找" onClick={props.search.clear}>
              查找：{props.search.text} <span aria-hidden>×</span>
            </button>
          )}
        </div>
      )}
      <div className="sheet-host" ref={hostRef} onMouseDown={onMouseDown} onMouseOver={onMouseOver} onDoubleClick={onDoubleClick}>
        <AgGridReact<R>
          theme={gridTheme}
          localeText={gridLocale}
          {...gridProps}
          columnDefs={colDefs}
          defaultColDef={DEFAULT_COL_DEF}
          getRowId={(p) => String(latest.current.rowId(p.data))}
          context={context}
          suppressCellFocus
          rowHeight={rowHeight}
          animateRows={false}
          tooltipShowDelay={400}
          onGridReady={(e) => {
            gridApi.current = e.api;
            controller.api = e.api;
            readColumns();
            setReady(true);
          }}
          onDisplayedColumnsChanged={() => {
            readColumns();
            api()?.refreshCells();
            placeSoon();
          }}
          onColumnResized={placeSoon}
          onGridSizeChanged={placeSoon}
          onBodyScroll={placeEditor}
          onViewportChanged={placeEditor}
          onModelUpdated={() => {
            placeSoon();
          }}
          onSortChanged={() => {
            if (editingRef.current) stopEditing();
            setSelection(sel.current ? single({ row: 0, col: sel.current.active.col }) : null, 'active', false);
            focusSink(); // a header click took the keyboard: give it back to the cells
          }}
          onFilterChanged={() => {
            if (editingRef.current) stopEditing();
            updateChips();
            if (sel.current) setSelection(single({ row: 0, col: sel.current.active.col }), false, false);
          }}
          overlayNoRowsTemplate={`<span>${props.emptyText}</span>`}
        />
        {ready && (
          <SheetEditor
            ref={editor}
            state={editing}
            box={box}
            onKeyDown={onKeyDown}
            onInput={onInput}
            onCompositionStart={onCompositionStart}
            onCopy={(e) => onCopy(e)}
            onCut={(e) => onCopy(e, true)}
            onPaste={onPaste}
            onPick={() => commit([1, 0])}
          />
        )}
      </div>
    </div>
  );
}
