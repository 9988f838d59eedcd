import { useEffect, useState } from 'react';
import { CATEGORY_GROUPS, type CategoryGroup, type LedgerCategory, type LedgerTemplateInfo } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { categoriesChanged, useCategories } from './ledger-store';
import './ledger.css';

/** The ledger categories in the sidebar, grouped 教育整顿 / 党建工作 / 自定义. */
export function LedgerNav(props: { activeId: number | null; reloadKey: unknown; onOpen: (id: number) => void }) {
  const { categories } = useCategories(props.reloadKey);
  const [creating, setCreating] = useState(false);
  const [archived, setArchived] = useState<LedgerCategory[] | null>(null);
  const { notify } = useStatus();

  const move = async (c: LedgerCategory, index: number) => {
    try {
      await api.ledger.moveCategory({ id: c.id, group: c.group, index });
      categoriesChanged();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const showArchived = async () => {
    const all = await api.ledger.categories({ includeArchived: true }).catch(() => []);
    setArchived(all.filter((c) => c.archived));
  };

  return (
    <div className="ledger-nav" aria-label="台账">
      {CATEGORY_GROUPS.map((g) => {
        const list = categories.filter((c) => c.group === g && !c.archived).sort((a, b) => a.order - b.order);
        if (list.length === 0 && g !== '自定义') return null;
        return (
          <div key={g} role="group" aria-label={g}>
            <div className="nav-group">{g}</div>
            {list.map((c, i) => (
              <div key={c.id} className="ledger-row">
                <button
                  className={props.activeId === c.id ? 'nav-item ledger-item active' : 'nav-item ledger-item'}
                  title={`${c.name}（${c.records} 条）`}
                  onClick={() => props.onOpen(c.id)}
                >
                  <span className="ledger-item-name">{c.name}</span>
                  {c.sensitive && <span className="nav-mark" title="涉密：不出现在全局查找中">密</span>}
                </button>
                {props.activeId === c.id && list.length > 1 && (
                  // the sidebar order is stored: the same for everyone who opens this data file
                  <span className="ledger-item-tools">
                    <button aria-label="上移" title={`把“${c.name}”上移一位`} disabled={i === 0} onClick={() => void move(c, i - 1)}>
                      ↑
                    </button>
                    <button aria-label="下移" title={`把“${c.name}”下移一位`} disabled={i === list.length - 1} onClick={() => void move(c, i + 1)}>
                      ↓
                    </button>
                  </span>
                )}
              </div>
            ))}
          </div>
        );
      })}
      <div className="ledger-nav-actions">
        <button className="nav-add" onClick={() => setCreating(true)}>
          ＋ 新建台账
        </button>
        <button className="nav-link" onClick={() => void showArchived()}>
          已归档…
        </button>
      </div>
      {creating && (
        <NewCategoryDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            categoriesChanged();
            notify(`已新建台账“${c.name}”`, 'success');
            props.onOpen(c.id);
          }}
        />
      )}
      {archived && (
        <Modal title="已归档的台账" onClose={() => setArchived(null)} footer={<button onClick={() => setArchived(null)}>关闭</button>}>
          {archived.length === 0 ? (
            <div className="empty">没有已归档的台账。</div>
          ) : (
            <table className="mapping">
              <tbody>
                {archived.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td className="muted">{c.records} 条</td>
                    <td>
                      <button
                        onClick={async () => {
                          try {
                            await api.ledger.archiveCategory({ id: c.id, archived: false });
                            categoriesChanged();
                            setArchived(null);
                            notify(`已恢复“${c.name}”`, 'success');
                          } catch (err) {
                            notify(errorMessage(err), 'error');
                          }
                        }}
                      >
                        恢复
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Modal>
      )}
    </div>
  );
}

/** 新建台账: from a built-in template (its fields and choices) or empty. */
function NewCategoryDialog(props: { onClose: () => void; onCreated: (c: LedgerCategory) => void }) {
  const [templates, setTemplates] = useState<LedgerTemplateInfo[]>([]);
  const [template, setTemplate] = useState<string>('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState<CategoryGroup>('自定义');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.ledger.templates({}).then(setTemplates, () => setTemplates([]));
  }, []);

  const pick = (key: string) => {
    setTemplate(key);
    const t = templates.find((x) => x.key === key);
    if (t) {
      setName(t.name);
      setGroup(t.group);
    } else setGroup('自定义');
  };

  const save = async () => {
    try {
      const c = await api.ledger.createCategory({ ...(template ? { templateKey: template } : {}), ...(name.trim() ? { name: name.trim() } : {}), group });
      props.onCreated(c);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      title="新建台账"
      onClose={props.onClose}
      width={480}
      footer={
        <>
          <button onClick={props.onClose}>取消</button>
          <button className="primary" onClick={() => void save()} disabled={!template && !name.trim()}>
            创建
          </button>
        </>
      }
    >
      <label className="field">
        <span>模板</span>
        <select aria-label="模板" value={template} onChange={(e) => pick(e.target.value)}>
          <option value="">空白台账（只有一个“内容”字段）</option>
          {CATEGORY_GROUPS.map((g) => {
            const list = templates.filter((t) => t.group === g);
            return list.length ? (
              <optgroup key={g} label={g}>
                {list.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
      </label>
      <label className="field">
        <span>台账名称</span>
        <input aria-label="台账名称" value={name} placeholder="如：征求意见台账" onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>分组</span>
        <select aria-label="分组" value={group} onChange={(e) => setGroup(e.target.value as CategoryGroup)}>
          {CATEGORY_GROUPS.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </label>
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
