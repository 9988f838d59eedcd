import { useEffect, useState } from 'react';
import { CHOICE_PALETTE, type TypeChangePreview } from '../../../shared/contract/ledger';
import { FIELD_TYPES, FIELD_TYPE_LABELS, type Choice, type FieldType, type LedgerCategory, type LedgerField, type RawCell } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { ConfirmDialog, Modal } from '../common/Modal';
import { useStatus } from '../common/status';

/** Names for CHOICE_PALETTE, in its order. */
const COLOUR_NAMES = ['青绿', '紫', '绿', '石板灰', '品红', '褐灰', '橄榄绿', '青', '深灰', '灰'];

const CHOICE_TYPES: readonly FieldType[] = ['singleChoice', 'multiChoice', 'status'];
const hasChoices = (t: FieldType) => CHOICE_TYPES.includes(t);

const TYPE_HINTS: Record<FieldType, string> = {
  text: '一行文字，如姓名、文号',
  longText: '多行文字，如意见内容、整改措施',
  number: '数字，如人数、成绩',
  date: '日期，可输入 2021.3.1、2021年3月1日 等',
  singleChoice: '从选项中选一项',
  multiChoice: '从选项中选多项',
  person: '花名册中的人员，可按姓名或警号查找',
  people: '花名册中的多名人员，如参加人员；可粘贴整份名单',
  unit: '组织架构中的单位',
  boolean: '是 / 否',
  status: '办理状态：每个值算“未办结”或“已办结”，统计办结率用',
};

interface Draft {
  label: string;
  type: FieldType;
  choices: Choice[];
  required: boolean;
  hidden: boolean;
  /** the default as typed; sent only when it changed */
  defaultText: string;
}

const defaultText = (f: LedgerField) => (f.defaultValue === null ? '' : Array.isArray(f.defaultValue) ? f.defaultValue.join('、') : f.defaultValue === true ? '是' : f.defaultValue === false ? '否' : String(f.defaultValue));
const draftOf = (f: LedgerField): Draft => ({ label: f.label, type: f.type, choices: f.choices, required: f.required, hidden: f.hidden, defaultText: defaultText(f) });
const NEW: Draft = { label: '', type: 'text', choices: [], required: false, hidden: false, defaultText: '' };
const nextColour = (choices: Choice[]) => CHOICE_PALETTE[choices.length % CHOICE_PALETTE.length]!;
const starterChoices = (type: FieldType): Choice[] =>
  type === 'status'
    ? [
        { value: '未办结', color: '#64748b', closed: false },
        { value: '已办结', color: '#15803d', closed: true },
      ]
    : [{ value: '选项一', color: CHOICE_PALETTE[0] }];

/** 字段设置: the category's columns — add, rename, reorder, show/hide, remove, required and default, change type. */
export function FieldSettings(props: { category: LedgerCategory; onChanged: () => void; onClose: () => void }) {
  const fields = [...props.category.fields].sort((a, b) => a.order - b.order);
  const [selected, setSelected] = useState<number | 'new'>(fields[0]?.id ?? 'new');
  const field = selected === 'new' ? null : (fields.find((f) => f.id === selected) ?? null);
  const { notify } = useStatus();

  /** After any change: the page reloads the category (the grid's columns follow) and says what happened. */
  const changed = (done: string) => {
    props.onChanged();
    notify(done, 'success');
  };

  /** A change made from the list (move, show/hide, remove): its error goes to the status bar. */
  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      changed(done);
      return true;
    } catch (err) {
      notify(errorMessage(err), 'error');
      return false;
    }
  };

  const move = (f: LedgerField, by: number) => void run(() => api.ledger.moveField({ id: f.id, index: fields.indexOf(f) + by }), `已移动“${f.label}”`);

  return (
    <Modal title={`字段设置 · ${props.category.name}`} onClose={props.onClose} width={860} footer={<button onClick={props.onClose}>关闭</button>}>
      <div className="field-settings">
        <div className="field-list" role="listbox" aria-label="字段">
          {fields.map((f, i) => (
            <div key={f.id} role="option" aria-selected={f.id === selected} className={f.id === selected ? 'field-row active' : 'field-row'} onClick={() => setSelected(f.id)}>
              <input
                type="checkbox"
                title="在表格中显示"
                aria-label={`显示“${f.label}”`}
                checked={!f.hidden}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => void run(() => api.ledger.updateField({ id: f.id, hidden: !e.target.checked }), `已${e.target.checked ? '显示' : '隐藏'}“${f.label}”`)}
              />
              <span className={f.hidden ? 'field-row-label muted' : 'field-row-label'}>
                {f.label}
                {f.required && <em className="required">*</em>}
              </span>
              <span className="muted small">{FIELD_TYPE_LABELS[f.type]}</span>
              <button className="icon" aria-label={`上移“${f.label}”`} title="上移" disabled={i === 0} onClick={(e) => (e.stopPropagation(), move(f, -1))}>
                ↑
              </button>
              <button className="icon" aria-label={`下移“${f.label}”`} title="下移" disabled={i === fields.length - 1} onClick={(e) => (e.stopPropagation(), move(f, 1))}>
                ↓
              </button>
            </div>
          ))}
          <button className={selected === 'new' ? 'field-add active' : 'field-add'} onClick={() => setSelected('new')}>
            ＋ 添加字段
          </button>
        </div>
        <FieldEditor
          key={selected}
          category={props.category}
          field={field}
          run={run}
          changed={changed}
          onAdded={(id) => setSelected(id)}
          onRemoved={() => setSelected(fields.find((f) => f.id !== selected)?.id ?? 'new')}
        />
      </div>
    </Modal>
  );
}

function FieldEditor(props: {
  category: LedgerCategory;
  field: LedgerField | null;
  run: (what: () => Promise<unknown>, done: string) => Promise<boolean>;
  changed: (done: string) => void;
  onAdded: (id: number) => void;
  onRemoved: () => void;
}) {
  const { field } = props;
  const [draft, setDraft] = useState<Draft>(field ? draftOf(field) : NEW);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<TypeChangePreview | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setReport(null);
    setError(null);
  };
  const typeChanged = field !== null && draft.type !== field.type;
  // a type that has choices starts with some, keeping those the field already had
  useEffect(() => {
    if (hasChoices(draft.type) && draft.choices.length === 0) setDraft((d) => ({ ...d, choices: starterChoices(d.type) }));
  }, [draft.type, draft.choices.length]);

  const choices = hasChoices(draft.type) ? draft.choices : undefined;
  const defaultChanged = field ? draft.defaultText !== defaultText(field) : draft.defaultText !== '';
  const rawDefault: RawCell = draft.defaultText.trim() === '' ? null : draft.defaultText.trim();

  const add = async () => {
    try {
      const f = await api.ledger.addField({ categoryId: props.category.id, label: draft.label, type: draft.type, choices: choices ?? [], required: draft.required, hidden: draft.hidden, defaultValue: rawDefault });
      props.changed(`已添加字段“${f.label}”`);
      props.onAdded(f.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  /** Everything but the type, as one update; nothing is sent for what did not change. */
  const saveAttributes = async (f: LedgerField) => {
    const patch: Parameters<typeof api.ledger.updateField>[0] = { id: f.id };
    if (draft.label !== f.label) patch.label = draft.label;
    if (draft.required !== f.required) patch.required = draft.required;
    if (draft.hidden !== f.hidden) patch.hidden = draft.hidden;
    if (!typeChanged && choices && JSON.stringify(choices) !== JSON.stringify(f.choices)) patch.choices = choices;
    if (defaultChanged) patch.defaultValue = rawDefault;
    if (Object.keys(patch).length > 1) await api.ledger.updateField(patch);
  };

  const save = async () => {
    if (!field) return add();
    try {
      if (typeChanged) {
        // the conversion report comes first; nothing changes until it is confirmed
        setReport(await api.ledger.previewTypeChange({ id: field.id, type: draft.type, ...(choices ? { choices } : {}) }));
        return;
      }
      await saveAttributes(field);
      props.changed(`已保存字段“${draft.label}”`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const applyType = async () => {
    if (!field || !report) return;
    try {
      const r = await api.ledger.applyTypeChange({ id: field.id, type: draft.type, ...(choices ? { choices } : {}), dropUnconvertible: report.failures.length > 0 });
      await saveAttributes({ ...r.field, defaultValue: null });
      setReport(null);
      props.changed(`已将“${draft.label}”改为${FIELD_TYPE_LABELS[draft.type]}：转换 ${r.converted} 个值${r.dropped ? `，清空 ${r.dropped} 个无法转换的值` : ''}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const askRemove = async () => {
    if (!field) return;
    try {
      setRemoving((await api.ledger.fieldUsage({ id: field.id })).values);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const setChoice = (i: number, patch: Partial<Choice>) => set({ choices: draft.choices.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  return (
    <div className="field-editor" aria-label={field ? `字段“${field.label}”` : '新字段'} role="group">
      <h3>{field ? `字段“${field.label}”` : '添加字段'}</h3>
      <label className="field">
        <span>字段名称</span>
        <input aria-label="字段名称" value={draft.label} maxLength={40} placeholder="如：批示意见" onChange={(e) => set({ label: e.target.value })} />
      </label>
      <label className="field">
        <span>类型</span>
        <select aria-label="类型" value={draft.type} onChange={(e) => set({ type: e.target.value as FieldType })}>
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {FIELD_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <span className="muted small">{TYPE_HINTS[draft.type]}</span>
      </label>
      {typeChanged && !report && <div className="muted small">更改类型前会先列出哪些值能转换、哪些不能，确认后才会修改。</div>}
      {hasChoices(draft.type) && (
        <fieldset className="choice-editor">
          <legend>选项{draft.type === 'status' ? '（勾选“办结”的值计入办结）' : ''}</legend>
          {draft.choices.map((c, i) => (
            <div key={i} className="choice-row">
              <span className="dot" style={{ background: c.color }} />
              <input aria-label={`选项${i + 1}`} value={c.value} maxLength={40} onChange={(e) => setChoice(i, { value: e.target.value })} />
              <select aria-label={`选项${i + 1}的颜色`} value={c.color} onChange={(e) => setChoice(i, { color: e.target.value })} style={{ color: c.color }}>
                {!CHOICE_PALETTE.includes(c.color as (typeof CHOICE_PALETTE)[number]) && <option value={c.color}>■ 原颜色</option>}
                {CHOICE_PALETTE.map((p, k) => (
                  <option key={p} value={p} style={{ color: p }}>
                    ■ {COLOUR_NAMES[k] ?? `颜色${k + 1}`}
                  </option>
                ))}
              </select>
              {draft.type === 'status' && (
                <label className="check">
                  <input type="checkbox" checked={Boolean(c.closed)} onChange={(e) => setChoice(i, { closed: e.target.checked })} />
                  办结
                </label>
              )}
              <button className="icon" aria-label={`删除选项${i + 1}`} title="删除此选项" onClick={() => set({ choices: draft.choices.filter((_, j) => j !== i) })}>
                ×
              </button>
            </div>
          ))}
          <button className="link" onClick={() => set({ choices: [...draft.choices, { value: '', color: nextColour(draft.choices), ...(draft.type === 'status' ? { closed: false } : {}) }] })}>
            ＋ 添加选项
          </button>
          <div className="muted small">颜色不使用白、蓝、黄、红：这四种颜色专用于督办等级。</div>
        </fieldset>
      )}
      <div className="field-flags">
        <label className="check">
          <input type="checkbox" checked={draft.required} onChange={(e) => set({ required: e.target.checked })} />
          必填
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.hidden} onChange={(e) => set({ hidden: e.target.checked })} />
          在表格中隐藏
        </label>
      </div>
      <label className="field">
        <span>默认值（新增记录时自动填入，可留空）</span>
        {hasChoices(draft.type) || draft.type === 'boolean' ? (
          <select aria-label="默认值" value={draft.defaultText} onChange={(e) => set({ defaultText: e.target.value })}>
            <option value="">（无）</option>
            {(draft.type === 'boolean' ? ['是', '否'] : draft.choices.map((c) => c.value).filter(Boolean)).map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        ) : (
          <input aria-label="默认值" value={draft.defaultText} onChange={(e) => set({ defaultText: e.target.value })} placeholder={draft.type === 'date' ? '如：2026-03-01' : ''} />
        )}
      </label>
      {report && field && (
        <div className="type-report" role="region" aria-label="类型转换预览" data-testid="type-report">
          <p>
            从“{report.from}”改为“{report.to}”：{report.total} 条记录在此字段有值，可转换 <b>{report.converted}</b> 个
            {report.failures.length > 0 ? (
              <>
                ，<b className="status-error">{report.failures.length} 个无法转换</b>，确认后这些单元格将被清空（修改记录中保留原值）：
              </>
            ) : (
              '，全部可以转换。'
            )}
          </p>
          {report.failures.length > 0 && (
            <ul className="type-failures">
              {report.failures.slice(0, 50).map((f) => (
                <li key={f.recordId}>
                  “{f.value}”：{f.reason}
                </li>
              ))}
              {report.failures.length > 50 && <li className="muted">……另有 {report.failures.length - 50} 个</li>}
            </ul>
          )}
          <div className="type-report-actions">
            <button onClick={() => setReport(null)}>取消</button>
            <button className={report.failures.length ? 'danger' : 'primary'} onClick={() => void applyType()}>
              {report.failures.length ? `确认更改（清空 ${report.failures.length} 个值）` : '确认更改类型'}
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="field-editor-actions">
        {field && (
          <button className="danger-text" onClick={() => void askRemove()}>
            删除字段…
          </button>
        )}
        <span className="spacer" />
        {!report && (
          <button className="primary" onClick={() => void save()} disabled={!draft.label.trim()}>
            {field ? (typeChanged ? '预览类型转换…' : '保存') : '添加字段'}
          </button>
        )}
      </div>
      {removing !== null && field && (
        <ConfirmDialog
          title="删除字段"
          danger
          confirmLabel="删除字段"
          message={
            <p>
              删除字段“{field.label}”？
              {removing > 0 ? `有 ${removing} 条记录（含回收站）在此字段中有内容，删除后这些内容将被清空，修改记录中保留原值。` : '目前没有记录在此字段中有内容。'}
              其他字段不受影响。
            </p>
          }
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void props.run(() => api.ledger.removeField({ id: field.id }), `已删除字段“${field.label}”`).then((ok) => ok && props.onRemoved());
          }}
        />
      )}
    </div>
  );
}
