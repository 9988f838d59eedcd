import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnState, GridApi } from 'ag-grid-community';
import type { LedgerView, ViewSpec } from '../../../shared/contract/ledger';
import type { LedgerRecord } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { ConfirmDialog, FormDialog } from '../common/Modal';
import { useStatus } from '../common/status';

/** The field keys (a Set or the grid's Map of fields): columns that are not fields are left out. */
type Keys = { has(key: string): boolean };

/** The grid as the user arranged it: filters, sort, and each field column's place, width, visibility and freeze. */
export function captureView(grid: GridApi<LedgerRecord>, fieldKeys: Keys, search: string): ViewSpec {
  const state = grid.getColumnState().filter((c) => fieldKeys.has(c.colId));
  return {
    filterModel: grid.getFilterModel() as Record<string, unknown>,
    sort: state
      .filter((c) => c.sort)
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
      .map((c) => ({ colId: c.colId, sort: c.sort! })),
    columns: state.map((c) => ({ colId: c.colId, hide: Boolean(c.hide), ...(c.width ? { width: Math.round(c.width) } : {}), pinned: c.pinned === 'left' || c.pinned === 'right' ? c.pinned : null })),
    search,
  };
}

/** Puts a saved view back; columns added since it was saved keep their default place at the end. */
export function applyView(grid: GridApi<LedgerRecord>, spec: ViewSpec, fieldKeys: Keys): void {
  const sortOf = new Map(spec.sort.map((s, i) => [s.colId, { sort: s.sort, sortIndex: i }]));
  const state: ColumnState[] = spec.columns
    .filter((c) => fieldKeys.has(c.colId))
    .map((c) => ({ colId: c.colId, hide: c.hide, pinned: c.pinned, ...(c.width ? { width: c.width } : {}), sort: sortOf.get(c.colId)?.sort ?? null, sortIndex: sortOf.get(c.colId)?.sortIndex ?? null }));
  grid.applyColumnState({ state, applyOrder: true, defaultState: { sort: null } });
  grid.setFilterModel(Object.keys(spec.filterModel).length ? spec.filterModel : null);
}

/** 视图: switch between the category's saved views, save the grid's state as one, rename or delete them. */
export function ViewMenu(props: { categoryId: number; grid: GridApi<LedgerRecord>; fieldKeys: Keys; search: string; onSearch: (s: string) => void }) {
  const { grid } = props;
  const [views, setViews] = useState<LedgerView[]>([]);
  const [active, setActive] = useState<LedgerView | null>(null);
  const [open, setOpen] = useState(false);
  const [naming, setNaming] = useState<{ mode: 'new' | 'rename'; view?: LedgerView } | null>(null);
  const [deleting, setDeleting] = useState<LedgerView | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const { notify } = useStatus();

  const load = useCallback(() => api.ledger.views({ categoryId: props.categoryId }).then(setViews, () => setViews([])), [props.categoryId]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const switchTo = (v: LedgerView | null) => {
    setOpen(false);
    setActive(v);
    if (v) {
      applyView(grid, v.spec, props.fieldKeys);
      props.onSearch(v.spec.search);
    } else {
      grid.resetColumnState();
      grid.setFilterModel(null);
      props.onSearch('');
    }
    notify(v ? `已切换到视图“${v.name}”` : '已恢复默认视图（全部记录、全部列）', 'info');
  };

  const save = async (view: LedgerView | null, name: string) => {
    const v = await api.ledger.saveView({ categoryId: props.categoryId, ...(view ? { id: view.id } : {}), name, spec: captureView(grid, props.fieldKeys, props.search) });
    setActive(v);
    await load();
    notify(view ? `已更新视图“${v.name}”` : `已保存视图“${v.name}”`, 'success');
  };

  const remove = async (v: LedgerView) => {
    setDeleting(null);
    try {
      await api.ledger.deleteView({ id: v.id });
      if (active?.id === v.id) setActive(null);
      await load();
      notify(`已删除视图“${v.name}”（表格当前的显示不变）`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="menu" title="保存或切换筛选、排序和列的组合">
        视图：<span className="view-name">{active ? active.name : '默认'}</span> ▾
      </button>
      {open && (
        <div className="view-menu" role="menu" aria-label="视图" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <ul>
            <li className={active === null ? 'active' : undefined}>
              <button role="menuitem" onClick={() => switchTo(null)}>
                默认（全部记录、全部列）
              </button>
            </li>
            {views.map((v) => (
              <li key={v.id} className={active?.id === v.id ? 'active' : undefined}>
                <button role="menuitem" onClick={() => switchTo(v)}>
                  {v.name}
                </button>
                <button className="icon" aria-label={`重命名视图“${v.name}”`} title="重命名" onClick={() => (setOpen(false), setNaming({ mode: 'rename', view: v }))}>
                  ✎
                </button>
                <button className="icon" aria-label={`删除视图“${v.name}”`} title="删除" onClick={() => (setOpen(false), setDeleting(v))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="view-menu-foot">
            {active && (
              <button
                onClick={() => {
                  setOpen(false);
                  save(active, active.name).catch((err) => notify(errorMessage(err), 'error'));
                }}
              >
                用当前表格更新“{active.name}”
              </button>
            )}
            <button className="primary" onClick={() => (setOpen(false), setNaming({ mode: 'new' }))}>
              保存当前视图…
            </button>
          </div>
        </div>
      )}
      {naming && (
        <ViewNameDialog
          title={naming.mode === 'new' ? '保存视图' : '重命名视图'}
          initial={naming.view?.name ?? ''}
          hint={naming.mode === 'new' ? '保存当前的筛选、排序、查找词，以及各列的显示、顺序、宽度和冻结。' : undefined}
          onClose={() => setNaming(null)}
          onSave={async (name) => {
            if (naming.mode === 'new') await save(null, name);
            else {
              const v = await api.ledger.renameView({ id: naming.view!.id, name });
              if (active?.id === v.id) setActive(v);
              await load();
              notify(`已重命名为“${v.name}”`, 'success');
            }
            setNaming(null);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="删除视图"
          message={<p>删除视图“{deleting.name}”？只删除这个保存的显示方式，记录不受影响。</p>}
          confirmLabel="删除"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => void remove(deleting)}
        />
      )}
    </div>
  );
}

function ViewNameDialog(props: { title: string; initial: string; hint?: string | undefined; onClose: () => void; onSave: (name: string) => Promise<void> }) {
  const [name, setName] = useState(props.initial);
  return (
    <FormDialog title={props.title} submitLabel="保存" onClose={props.onClose} onSubmit={() => props.onSave(name)}>
      {props.hint && <p className="muted small">{props.hint}</p>}
      <label className="field">
        <span>视图名称</span>
        <input aria-label="视图名称" value={name} maxLength={40} placeholder="如：未办结、本月到期" onChange={(e) => setName(e.target.value)} />
      </label>
    </FormDialog>
  );
}
