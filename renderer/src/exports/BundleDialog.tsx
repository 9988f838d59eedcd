import { useEffect, useState } from 'react';
import { bundleDefaultTitle, fillTitle, type ExportTarget } from '../../../shared/contract/exports';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { ExportProgress } from './ExportProgress';
import { exportedMessage, fileNameFor, useExportRun } from './use-export';
import './exports.css';

interface Part {
  id: string;
  target: Exclude<ExportTarget, 'bulletin'>;
  categoryId?: number;
  label: string;
  records: number | null;
  presets: string[] | null;
  preset: string;
  on: boolean;
}

/**
 * 报送包: tick the ledger categories (and the roster, the task list) to send, each in a
 * preset of its own; one workbook with a sheet each and a 汇总 sheet in front (counts by
 * status and by unit).
 */
export function BundleDialog(props: { preselect?: number[]; onClose: () => void }) {
  const { notify } = useStatus();
  const [parts, setParts] = useState<Part[] | null>(null);
  const [title, setTitle] = useState('');
  const [office, setOffice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const exporter = useExportRun();

  useEffect(() => {
    api.app.info({}).then((i) => setOffice(i.officeName), () => {});
    api.ledger.categories({}).then(
      (cats) =>
        setParts([
          ...cats.map((c): Part => ({ id: `ledger-${c.id}`, target: 'ledger', categoryId: c.id, label: c.name, records: c.records, presets: null, preset: '', on: props.preselect?.includes(c.id) ?? false })),
          { id: 'roster', target: 'roster', label: '花名册', records: null, presets: null, preset: '', on: false },
          { id: 'tasks', target: 'tasks', label: '督办任务清单', records: null, presets: null, preset: '', on: false },
        ]),
      (err) => setError(errorMessage(err)),
    );
    // read once, when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = (id: string, patch: Partial<Part>) => setParts((ps) => ps && ps.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  // the presets of each ticked part, read when it is first ticked
  useEffect(() => {
    for (const p of parts ?? []) {
      if (!p.on || p.presets) continue;
      update(p.id, { presets: [] });
      api.exports.presets({ target: p.target, ...(p.categoryId ? { categoryId: p.categoryId } : {}) }).then(
        (l) => update(p.id, { presets: l.presets.map((x) => x.name), preset: l.presets[0]!.name }),
        (err) => setError(errorMessage(err)),
      );
    }
  }, [parts]);

  const chosen = (parts ?? []).filter((p) => p.on);
  const shownTitle = fillTitle(title, office, bundleDefaultTitle(office));

  const doExport = async () => {
    setError(null);
    if (chosen.length === 0) return setError('请至少勾选一项');
    const failed = await exporter.runForDialog(
      fileNameFor(shownTitle),
      (where) =>
        api.exports.bundle({
          ...where,
          title,
          parts: chosen.map((p) => ({ target: p.target, ...(p.categoryId ? { categoryId: p.categoryId } : {}), ...(p.preset ? { preset: p.preset } : {}) })),
        }),
      (r) => {
        notify(`${exportedMessage(r)}，共 ${r.sheets.length} 个工作表和汇总表`, 'success');
        props.onClose();
      },
    );
    if (failed) setError(failed);
  };

  return (
    <Modal
      title="导出报送包"
      width={560}
      onClose={() => !exporter.running && props.onClose()}
      footer={
        <>
          <button onClick={props.onClose} disabled={exporter.running}>
            关闭
          </button>
          <button className="primary" onClick={() => void doExport()} disabled={exporter.running || chosen.length === 0}>
            导出报送包（{chosen.length} 项）
          </button>
        </>
      }
    >
      <label className="field">
        <span>汇总表标题（“{'{填报单位}'}”会换成本单位名称；留空则为“{bundleDefaultTitle(office)}”）</span>
        <input aria-label="汇总表标题" value={title} placeholder={bundleDefaultTitle(office)} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="muted small">勾选要报送的内容，每项一个工作表，按所选导出方案排版；最前面是“汇总”表（按办理状态、按单位计数）。</div>
      {!parts ? (
        <div className="muted">正在读取台账…</div>
      ) : (
        <ul className="bundle-list" aria-label="报送内容">
          {parts.map((p) => (
            <li key={p.id}>
              <label className="check">
                <input type="checkbox" checked={p.on} onChange={(e) => update(p.id, { on: e.target.checked })} />
                {p.label}
                {p.records !== null && <span className="muted small">（{p.records} 条）</span>}
              </label>
              {p.on && (
                <select aria-label={`“${p.label}”的导出方案`} value={p.preset} onChange={(e) => update(p.id, { preset: e.target.value })}>
                  {(p.presets ?? []).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              )}
            </li>
          ))}
        </ul>
      )}
      {exporter.running && <ExportProgress progress={exporter.progress} onCancel={exporter.cancel} />}
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
