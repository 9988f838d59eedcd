import { useCallback, useEffect, useState } from 'react';
import { CATEGORY_GROUPS, type CategoryGroup, type LedgerCategory } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog, FormDialog } from '../common/Modal';
import { categoriesChanged, useCategories } from './ledger-store';
import { LedgerGrid, type FocusRequest, type LedgerGridQuery } from './LedgerGrid';
import { LedgerImport } from './LedgerImport';
import { LedgerStats } from './LedgerStats';
import { FieldSettings } from './FieldSettings';
import { BundleDialog, ExportDialog } from '../exports';
import './ledger.css';

type Tab = 'grid' | 'import' | 'stats';

/** A filter, a search, a sort or a hidden column makes the grid's view differ from the whole category. */
const isNarrowed = (q: LedgerGridQuery, c: LedgerCategory) =>
  q.view.filters.length > 0 || q.view.search !== '' || q.view.sort.length > 0 || q.shownFields().length < c.fields.filter((f) => !f.hidden).length;

/** One ledger category: its records, an import into it, its statistics. */
export function LedgerPage(props: { categoryId: number; focus?: FocusRequest | undefined; onArchived: () => void }) {
  const [category, setCategory] = useState<LedgerCategory | null>(null);
  const [tab, setTab] = useState<Tab>('grid');
  const [renaming, setRenaming] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [editingFields, setEditingFields] = useState(false);
  const [exporting, setExporting] = useState<null | 'category' | 'bundle'>(null);
  const [gridQuery, setGridQuery] = useState<LedgerGridQuery | null>(null);
  const { categories } = useCategories();
  const { notify } = useStatus();

  const load = useCallback(() => {
    api.ledger.category({ id: props.categoryId }).then(setCategory, (err) => notify(errorMessage(err), 'error'));
  }, [props.categoryId, notify]);
  // reload whenever any view changes the categories (records moved to the bin, an import…)
  useEffect(load, [load, categories]);
  useEffect(() => {
    if (props.focus) setTab('grid');
  }, [props.focus]);

  if (!category) return <div className="loading">正在打开台账…</div>;

  const archive = async () => {
    setArchiving(false);
    try {
      await api.ledger.archiveCategory({ id: category.id, archived: true });
      categoriesChanged();
      notify(`已归档“${category.name}”（可在侧栏“已归档”中找回）`, 'success');
      props.onArchived();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <div className="page ledger-page">
      <div className="toolbar ledger-head">
        <h1 data-testid="ledger-title">{category.name}</h1>
        {category.sensitive && <span className="tag-sensitive" title="不出现在全局查找中">涉密</span>}
        <div className="tabs" role="tablist" aria-label="台账视图">
          {(
            [
              ['grid', '表格'],
              ['import', '导入'],
              ['stats', '统计'],
            ] as const
          ).map(([k, label]) => (
            <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'tab active' : 'tab'} onClick={() => setTab(k)}>
              {label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span className="muted small">
          {category.group} · {category.fields.length} 个字段 · {category.records} 条记录
        </span>
        <button className="ghost" onClick={() => setExporting('category')} title="按导出方案导出为报送用的 Excel 表">
          导出 Excel…
        </button>
        <button className="ghost" onClick={() => setExporting('bundle')} title="几个台账各一个工作表，加一张汇总表">
          报送包…
        </button>
        <button className="ghost" onClick={() => setEditingFields(true)} disabled={category.archived}>
          字段设置
        </button>
        <button className="ghost" onClick={() => setRenaming(true)}>
          重命名
        </button>
        <button className="ghost" onClick={() => setArchiving(true)}>
          归档
        </button>
      </div>
      {tab === 'grid' && <LedgerGrid key={category.id} category={category} focus={props.focus} onQuery={setGridQuery} />}
      {tab === 'import' && (
        <LedgerImport
          category={category}
          onApplied={() => {
            categoriesChanged();
          }}
          onShowGrid={() => setTab('grid')}
        />
      )}
      {tab === 'stats' && <LedgerStats category={category} />}
      {renaming && (
        <RenameDialog
          category={category}
          onClose={() => setRenaming(false)}
          onDone={(c) => {
            setRenaming(false);
            setCategory(c);
            categoriesChanged();
            notify(`已保存：“${c.name}”，列在“${c.group}”分组`, 'success');
          }}
        />
      )}
      {editingFields && (
        <FieldSettings
          category={category}
          onChanged={() => {
            load();
            categoriesChanged();
          }}
          onClose={() => setEditingFields(false)}
        />
      )}
      {exporting === 'category' && (
        <ExportDialog
          heading={`导出“${category.name}”`}
          target="ledger"
          categoryId={category.id}
          viewLabel={gridQuery && isNarrowed(gridQuery, category) ? `表格中的 ${gridQuery.total} 条，按表格中的排序和显示的列` : null}
          onExport={({ scope, ...r }) => {
            const shown = gridQuery?.shownFields() ?? [];
            const view = scope === 'view' && gridQuery ? { view: gridQuery.view, ...(shown.length ? { fields: shown } : {}) } : {};
            return api.exports.ledger({ ...r, categoryId: category.id, ...view });
          }}
          onClose={() => setExporting(null)}
        />
      )}
      {exporting === 'bundle' && <BundleDialog preselect={[category.id]} onClose={() => setExporting(null)} />}
      {archiving && (
        <ConfirmDialog
          title="归档台账"
          message={<p>归档“{category.name}”？归档后不在侧栏显示，记录全部保留，可随时恢复。</p>}
          confirmLabel="归档"
          onCancel={() => setArchiving(false)}
          onConfirm={() => void archive()}
        />
      )}
    </div>
  );
}

/** 重命名: the category's name, and the sidebar group it is listed under. */
function RenameDialog(props: { category: LedgerCategory; onClose: () => void; onDone: (c: LedgerCategory) => void }) {
  const [name, setName] = useState(props.category.name);
  const [group, setGroup] = useState<CategoryGroup>(props.category.group);
  const save = async () => {
    let c = await api.ledger.renameCategory({ id: props.category.id, name });
    if (group !== c.group) {
      // to the end of its new group; ↑ ↓ in the sidebar place it from there
      const moved = await api.ledger.moveCategory({ id: c.id, group, index: Number.MAX_SAFE_INTEGER });
      c = moved.find((x) => x.id === c.id) ?? c;
    }
    props.onDone(c);
  };
  return (
    <FormDialog title="重命名台账" onClose={props.onClose} onSubmit={save}>
      <label className="field">
        <span>台账名称</span>
        <input value={name} aria-label="台账名称" onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>侧栏分组</span>
        <select aria-label="侧栏分组" value={group} onChange={(e) => setGroup(e.target.value as CategoryGroup)}>
          {CATEGORY_GROUPS.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}
