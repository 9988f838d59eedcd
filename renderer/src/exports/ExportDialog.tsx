import { useEffect, useState } from 'react';
import { fillTitle, type ExportOutcome, type ExportPreset, type ExportPresetList, type ExportPresetSpec, type ExportTarget } from '../../../shared/contract/exports';
import { api, errorMessage } from '../api';
import { ConfirmDialog, Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { ExportProgress } from './ExportProgress';
import { PresetEditor, toDraft, toSpec, type PresetDraft } from './PresetEditor';
import { exportedMessage, fileNameFor, useExportRun } from './use-export';
import './exports.css';

export type ExportScope = 'view' | 'all';

export interface ExportRequest {
  spec: ExportPresetSpec;
  scope: ExportScope;
  path?: string;
  jobId: string;
}

/**
 * The export dialog of any page: choose a preset (built-in or the office's own) or edit one —
 * columns shown and their order, header groups, title, date format, 合计 row, 统计 sheet —
 * save it as a preset, export the current view or the whole category, watch the progress
 * and cancel. The page supplies the call (`onExport`) for its own data.
 */
export function ExportDialog(props: {
  heading: string;
  target: ExportTarget;
  categoryId?: number;
  /** what the page currently shows (its filter, sort), e.g. "筛选后的 12 人"; absent: whole category only */
  viewLabel?: string | null;
  countUnit?: string;
  onExport: (request: ExportRequest) => Promise<ExportOutcome>;
  onClose: () => void;
}) {
  const { notify } = useStatus();
  const [list, setList] = useState<ExportPresetList | null>(null);
  const [office, setOffice] = useState('');
  const [selected, setSelected] = useState<ExportPreset | null>(null);
  const [draft, setDraft] = useState<PresetDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [scope, setScope] = useState<ExportScope>(props.viewLabel ? 'view' : 'all');
  const [naming, setNaming] = useState<null | 'saveAs' | 'rename'>(null);
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exporter = useExportRun();
  const unit = props.countUnit ?? '条';

  const choose = (l: ExportPresetList, p: ExportPreset) => {
    setSelected(p);
    setDraft(toDraft(p.spec, l.columns));
    setDirty(false);
    setError(null);
  };

  const reload = async (keep?: string) => {
    const l = await api.exports.presets({ target: props.target, ...(props.categoryId ? { categoryId: props.categoryId } : {}) });
    setList(l);
    choose(l, l.presets.find((p) => p.name === keep) ?? l.presets[0]!);
  };

  useEffect(() => {
    void reload().catch((err) => setError(errorMessage(err)));
    api.app.info({}).then((i) => setOffice(i.officeName), () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.target, props.categoryId]);

  if (!list || !draft || !selected) {
    return (
      <Modal title={props.heading} onClose={props.onClose}>
        {error ? <div className="form-error">{error}</div> : <div className="muted">正在读取导出方案…</div>}
      </Modal>
    );
  }

  const spec = toSpec(draft);
  const title = fillTitle(spec.title, office, list.defaultTitle);

  const savePreset = async (mode: 'save' | 'saveAs' | 'rename') => {
    setError(null);
    try {
      const base = { target: props.target, ...(props.categoryId ? { categoryId: props.categoryId } : {}) };
      const p =
        mode === 'rename'
          ? await api.exports.renamePreset({ id: selected.id!, name })
          : await api.exports.savePreset({ ...base, ...(mode === 'save' ? { id: selected.id! } : {}), name: mode === 'save' ? selected.name : name, spec });
      await reload(p.name);
      setNaming(null);
      notify(mode === 'rename' ? `导出方案已改名为“${p.name}”` : `已保存导出方案“${p.name}”`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const removePreset = async () => {
    setDeleting(false);
    try {
      await api.exports.deletePreset({ id: selected.id! });
      notify(`已删除导出方案“${selected.name}”`, 'success');
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const doExport = async () => {
    setError(null);
    if (spec.columns.length === 0) return setError('请至少勾选一列');
    const failed = await exporter.runForDialog(fileNameFor(title), (where) => props.onExport({ spec, scope, ...where }), (r) => {
      notify(exportedMessage(r, unit), 'success');
      props.onClose();
    });
    if (failed) setError(failed);
  };

  return (
    <Modal
      title={props.heading}
      width={720}
      onClose={() => !exporter.running && props.onClose()}
      footer={
        <>
          <button onClick={props.onClose} disabled={exporter.running}>
            关闭
          </button>
          <button className="primary" onClick={() => void doExport()} disabled={exporter.running}>
            导出
          </button>
        </>
      }
    >
      <div className="export-presets">
        <span className="muted small">导出方案</span>
        <select
          aria-label="导出方案"
          value={selected.name}
          onChange={(e) => choose(list, list.presets.find((p) => p.name === e.target.value)!)}
          disabled={exporter.running}
        >
          {list.presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.builtIn ? `${p.name}（内置）` : p.name}
            </option>
          ))}
        </select>
        {dirty && <span className="muted small">（已修改，未保存）</span>}
        <span className="spacer" />
        {!selected.builtIn && (
          <>
            <button onClick={() => void savePreset('save')} disabled={!dirty}>
              保存
            </button>
            <button
              onClick={() => {
                setName(selected.name);
                setNaming('rename');
              }}
            >
              改名…
            </button>
            <button className="danger-text" onClick={() => setDeleting(true)}>
              删除
            </button>
          </>
        )}
        <button
          onClick={() => {
            setName(selected.builtIn ? `${selected.name}（本单位）` : `${selected.name}（副本）`);
            setNaming('saveAs');
          }}
        >
          另存为方案…
        </button>
      </div>
      {naming && (
        <div className="inline-form" style={{ margin: '6px 0' }}>
          <input aria-label="方案名称" value={name} maxLength={40} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void savePreset(naming)} />
          <button className="primary" onClick={() => void savePreset(naming)}>
            {naming === 'rename' ? '改名' : '保存方案'}
          </button>
          <button onClick={() => setNaming(null)}>取消</button>
        </div>
      )}
      <hr style={{ border: 0, borderTop: '1px solid var(--line)', margin: '8px 0' }} />
      <PresetEditor
        draft={draft}
        defaultTitle={list.defaultTitle}
        onChange={(d) => {
          setDraft(d);
          setDirty(true);
        }}
      />
      {props.viewLabel && (
        <div className="field">
          <span>导出范围</span>
          <label className="check">
            <input type="radio" name="export-scope" checked={scope === 'view'} onChange={() => setScope('view')} />
            当前视图（{props.viewLabel}）
          </label>
          <label className="check">
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            全部
          </label>
        </div>
      )}
      {exporter.running && <ExportProgress progress={exporter.progress} onCancel={exporter.cancel} />}
      {error && <div className="form-error">{error}</div>}
      {deleting && (
        <ConfirmDialog
          title="删除导出方案"
          message={<p>删除导出方案“{selected.name}”？已导出的文件不受影响。</p>}
          confirmLabel="删除"
          danger
          onCancel={() => setDeleting(false)}
          onConfirm={() => void removePreset()}
        />
      )}
    </Modal>
  );
}
