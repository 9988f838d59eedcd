import { useCallback, useEffect, useMemo, useState } from 'react';
import { UNIT_KIND_LABELS, type Unit } from '../../../shared/domain/units';
import type { AuditEntry } from '../../../shared/domain/audit';
import { api, errorMessage } from '../api';
import { ConfirmDialog } from '../common/Modal';
import { useStatus } from '../common/status';
import { AuditList } from '../common/AuditList';
import { UnitDialog, type UnitDraft } from './UnitDialog';
import { flattenTree } from './unit-tree';

type DialogMode = 'add-top' | 'add-child' | 'rename' | 'move' | null;

/** 组织架构: the unit tree, with add, rename, move, reorder and delete. */
export function UnitsPage() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<DialogMode>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const { notify } = useStatus();

  const reload = useCallback(async () => setUnits(await api.units.list({})), []);
  useEffect(() => {
    void reload().catch((err) => notify(errorMessage(err), 'error'));
  }, [reload, notify]);

  const nodes = useMemo(() => flattenTree(units), [units]);
  const selected = units.find((u) => u.id === selectedId) ?? null;

  useEffect(() => {
    if (selectedId === null) return setHistory([]);
    api.audit.forRecord({ entity: 'unit', entityId: selectedId }).then(setHistory, () => setHistory([]));
  }, [selectedId, units]);

  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      await reload();
      notify(done, 'success');
      return true;
    } catch (err) {
      notify(errorMessage(err), 'error');
      return false;
    }
  };

  /** The dialog's action: a refusal is thrown back to the dialog, which shows it and stays open. */
  const submit = async (draft: UnitDraft) => {
    if (dialog === 'add-top' || dialog === 'add-child') {
      const created = await api.units.create({ name: draft.name, kind: draft.kind, parentId: draft.parentId });
      setSelectedId(created.id);
      notify(`已添加单位“${created.name}”`, 'success');
    } else if (dialog === 'rename' && selected) {
      await api.units.rename({ id: selected.id, name: draft.name });
      if (draft.kind !== selected.kind) await api.units.setKind({ id: selected.id, kind: draft.kind });
      notify(`已保存“${draft.name}”`, 'success');
    } else if (dialog === 'move' && selected) {
      await api.units.move({ id: selected.id, parentId: draft.parentId, index: Number.MAX_SAFE_INTEGER });
      notify(`已将“${selected.name}”移动到新的上级单位下`, 'success');
    }
    setDialog(null);
    await reload();
  };

  const shift = (delta: -1 | 1) => {
    if (!selected) return;
    const siblings = units.filter((u) => u.parentId === selected.parentId).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const index = siblings.findIndex((u) => u.id === selected.id) + delta;
    if (index < 0 || index >= siblings.length) return;
    void run(() => api.units.move({ id: selected.id, parentId: selected.parentId, index }), delta < 0 ? '已上移' : '已下移');
  };

  const initial: UnitDraft =
    dialog === 'add-child' && selected
      ? { name: '', kind: selected.kind === 'leading' ? 'taskforce' : 'department', parentId: selected.id }
      : dialog === 'add-top'
        ? { name: '', kind: 'leading', parentId: null }
        : { name: selected?.name ?? '', kind: selected?.kind ?? 'department', parentId: selected?.parentId ?? null };

  return (
    <div className="page units-page">
      <div className="toolbar">
        <h1>组织架构</h1>
        <button onClick={() => setDialog('add-top')}>新增顶层单位</button>
        <button onClick={() => setDialog('add-child')} disabled={!selected}>
          新增下级单位
        </button>
        <button onClick={() => setDialog('rename')} disabled={!selected}>
          修改
        </button>
        <button onClick={() => setDialog('move')} disabled={!selected}>
          移动到…
        </button>
        <button onClick={() => shift(-1)} disabled={!selected} title="在同级中上移">
          上移
        </button>
        <button onClick={() => shift(1)} disabled={!selected} title="在同级中下移">
          下移
        </button>
        <button className="danger-text" onClick={() => setConfirmDelete(true)} disabled={!selected}>
          删除
        </button>
        <span className="spacer" />
        <span className="muted">共 {units.length} 个单位</span>
      </div>
      <div className="split">
        <div
          className="tree"
          role="tree"
          aria-label="组织架构"
          tabIndex={0}
          onKeyDown={(e) => {
            const i = nodes.findIndex((n) => n.unit.id === selectedId);
            if (e.key === 'ArrowDown') setSelectedId(nodes[Math.min(nodes.length - 1, i + 1)]?.unit.id ?? null);
            else if (e.key === 'ArrowUp') setSelectedId(nodes[Math.max(0, i - 1)]?.unit.id ?? null);
            else if (e.key === 'F2' && selected) setDialog('rename');
            else if (e.key === 'Delete' && selected) setConfirmDelete(true);
            else return;
            e.preventDefault();
          }}
        >
          {nodes.length === 0 && <div className="empty">还没有单位。点击“新增顶层单位”开始建立组织架构。</div>}
          {nodes.map(({ unit, depth }) => (
            <div
              key={unit.id}
              role="treeitem"
              aria-selected={unit.id === selectedId}
              className={unit.id === selectedId ? 'tree-row selected' : 'tree-row'}
              style={{ paddingLeft: 10 + depth * 20 }}
              onClick={() => setSelectedId(unit.id)}
              onDoubleClick={() => setDialog('rename')}
            >
              <span className="tree-name">{unit.name}</span>
              <span className={`kind kind-${unit.kind}`}>{UNIT_KIND_LABELS[unit.kind]}</span>
              {unit.peopleCount > 0 && <span className="count">{unit.peopleCount} 人</span>}
            </div>
          ))}
        </div>
        <aside className="side-panel">
          {selected ? (
            <>
              <h2>{selected.name}</h2>
              <dl className="props">
                <dt>类型</dt>
                <dd>{UNIT_KIND_LABELS[selected.kind]}</dd>
                <dt>上级单位</dt>
                <dd>{units.find((u) => u.id === selected.parentId)?.name ?? '（顶层）'}</dd>
                <dt>人员</dt>
                <dd>{selected.peopleCount} 人</dd>
              </dl>
              <h3>修改记录</h3>
              <AuditList entries={history} />
            </>
          ) : (
            <div className="empty">选择左侧的单位查看详情。</div>
          )}
        </aside>
      </div>
      {dialog && (
        <UnitDialog
          title={{ 'add-top': '新增顶层单位', 'add-child': `在“${selected?.name ?? ''}”下新增单位`, rename: '修改单位', move: `移动“${selected?.name ?? ''}”` }[dialog]}
          units={units}
          initial={initial}
          editing={dialog === 'move' ? (selected ?? undefined) : undefined}
          show={{ name: dialog !== 'move', kind: dialog !== 'move', parent: dialog === 'move' }}
          onSubmit={submit}
          onClose={() => setDialog(null)}
        />
      )}
      {confirmDelete && selected && (
        <ConfirmDialog
          title="删除单位"
          message={<p>确定删除“{selected.name}”吗？删除后可在修改记录中查到，但单位本身不能恢复。</p>}
          confirmLabel="删除"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void run(() => api.units.delete({ id: selected.id }), `已删除“${selected.name}”`).then((ok) => ok && setSelectedId(null));
          }}
        />
      )}
    </div>
  );
}
