import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ImportApplyResult, ImportBatch, ImportPreview, ImportRowClass } from '../../../shared/contract/imports';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog } from '../common/Modal';
import { askSavePath, downloadBase64, stageFile } from '../common/files';
import { newJobId, useJobProgress } from '../common/use-job';
import { FileDrop } from './FileDrop';
import { MappingEditor } from './MappingEditor';
import { CLASS_LABELS, PreviewGrid } from './PreviewGrid';
import { ImportHistory } from './ImportHistory';

const CLASSES: ImportRowClass[] = ['new', 'changed', 'unchanged', 'duplicate', 'invalid'];

interface Staged {
  path: string;
  name: string;
}

/** 导入花名册: choose a file, check the mapping and every row, then apply in one go. */
export function ImportPage(props: { onApplied: () => void }) {
  const [staged, setStaged] = useState<Staged | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<ImportRowClass | 'all'>('all');
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [createUnits, setCreateUnits] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const [confirmUndo, setConfirmUndo] = useState<ImportBatch | null>(null);
  const progress = useJobProgress(jobId);
  const { notify } = useStatus();

  const loadBatches = useCallback(() => api.imports.batches({}).then(setBatches, () => setBatches([])), []);
  useEffect(() => void loadBatches(), [loadBatches]);

  const runPreview = async (file: Staged, opts: { sheet?: string; mapping?: Record<string, string> } = {}) => {
    const id = newJobId();
    setJobId(id);
    setError(null);
    setResult(null);
    try {
      const p = await api.imports.preview({ path: file.path, fileName: file.name, ...opts, jobId: id });
      setPreview(p);
      setSkipped(new Set());
      setCreateUnits(new Set(p.unknownUnits));
      setShow(p.counts.invalid + p.counts.duplicate > 0 ? 'all' : 'all');
    } catch (err) {
      setPreview(null);
      setError(errorMessage(err));
    } finally {
      setJobId(null);
    }
  };

  const onFile = async (file: File) => {
    setError(null);
    try {
      const s = await stageFile(file);
      setStaged(s);
      await runPreview(s);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const apply = async () => {
    if (!preview) return;
    try {
      const r = await api.imports.apply({ previewId: preview.previewId, skipRows: [...skipped], createUnits: [...createUnits] });
      setResult(r);
      setPreview(null);
      setStaged(null);
      await loadBatches();
      props.onApplied();
      notify(`导入完成：新增 ${r.added} 人，更新 ${r.updated} 人`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const saveErrors = async () => {
    if (!preview) return;
    try {
      const name = `${preview.fileName.replace(/\.[^.]+$/, '')}-未导入的行.xlsx`;
      const target = await askSavePath(name);
      if (target === null) return;
      const r = await api.imports.errorWorkbook({ previewId: preview.previewId, ...(target ? { path: target } : {}) });
      if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
      notify(r.out ? `已保存：${r.out}` : `已下载：${r.fileName}`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const undoBatch = async (b: ImportBatch) => {
    setConfirmUndo(null);
    try {
      const r = await api.imports.undoBatch({ batchId: b.id });
      await loadBatches();
      props.onApplied();
      setResult(null);
      notify(`已撤销“${b.fileName}”的导入：删除 ${r.removed} 人，恢复 ${r.restored} 人`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const toApply = useMemo(() => (preview ? preview.rows.filter((r) => (r.class === 'new' || r.class === 'changed') && !skipped.has(r.row)).length : 0), [preview, skipped]);
  const busy = jobId !== null;
  const refusedCount = preview ? preview.counts.invalid + preview.counts.duplicate : 0;

  return (
    <div className="page import-page">
      <div className="toolbar">
        <h1>导入花名册</h1>
        {preview && (
          <>
            <span className="muted">
              文件：{preview.fileName}
            </span>
            <label className="inline">
              工作表
              <select
                aria-label="工作表"
                value={preview.sheet}
                disabled={busy}
                onChange={(e) => staged && void runPreview(staged, { sheet: e.target.value })}
              >
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}（{s.rows} 行）
                  </option>
                ))}
              </select>
            </label>
            <span data-testid="header-row">
              表头在第 {preview.headerRows.join('、')} 行
            </span>
            {preview.rememberedMapping && <span className="muted">（已沿用上次为此表头修改的对应关系）</span>}
          </>
        )}
        <span className="spacer" />
        {preview && (
          <>
            <button onClick={() => void saveErrors()} disabled={refusedCount === 0}>
              保存错误行…
            </button>
            <button
              onClick={() => {
                setPreview(null);
                setStaged(null);
              }}
            >
              取消
            </button>
            <button className="primary" onClick={() => void apply()} disabled={busy || toApply + createUnits.size === 0}>
              导入所选（{toApply} 行）
            </button>
          </>
        )}
      </div>

      {busy && (
        <div className="progress" role="progressbar" aria-label="读取进度">
          <span>
            正在{progress?.phase ?? '读取文件'}……已读 {progress?.done ?? 0} 行
          </span>
          <button onClick={() => jobId && void api.jobs.cancel({ jobId })}>取消</button>
        </div>
      )}
      {error && (
        <div className="form-error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
      {result && (
        <div className="result" data-testid="import-result">
          导入完成：新增 {result.added} 人，更新 {result.updated} 人，无变化 {result.unchanged} 人，未勾选 {result.skipped} 行，拒绝 {result.refused.length} 行
          {result.unitsCreated.length > 0 && `，新建单位 ${result.unitsCreated.join('、')}`}。
        </div>
      )}

      {!preview && !busy && (
        <div className="split">
          <div className="import-start">
            <FileDrop onFile={(f) => void onFile(f)} disabled={busy} />
          </div>
          <aside className="side-panel wide">
            <h3>导入记录</h3>
            <ImportHistory batches={batches} onUndo={setConfirmUndo} />
          </aside>
        </div>
      )}

      {preview && (
        <div className="split">
          <aside className="side-panel">
            <h3>列的对应关系</h3>
            {preview.missingRequired.length > 0 && <div className="form-error">缺少必填列：{preview.missingRequired.join('、')}。请在下面指定哪一列是它。</div>}
            <MappingEditor preview={preview} disabled={busy} onChange={(m) => staged && void runPreview(staged, { sheet: preview.sheet, mapping: m })} />
            {preview.unknownUnits.length > 0 && (
              <>
                <h3>组织架构中没有的单位</h3>
                {preview.unknownUnits.map((u) => (
                  <label key={u} className="check">
                    <input
                      type="checkbox"
                      checked={createUnits.has(u)}
                      onChange={(e) => {
                        const next = new Set(createUnits);
                        if (e.target.checked) next.add(u);
                        else next.delete(u);
                        setCreateUnits(next);
                      }}
                    />
                    创建“{u}”
                  </label>
                ))}
                <p className="muted small">不创建的单位，其人员不会导入（将列为拒绝）。</p>
              </>
            )}
            {preview.skipped.length > 0 && (
              <p className="muted small">
                跳过了 {preview.skipped.length} 行非数据行（合计、签名、重复表头等）。
              </p>
            )}
          </aside>
          <div className="preview-main">
            <div className="chips" role="tablist" aria-label="按类别查看">
              <button role="tab" aria-selected={show === 'all'} className={show === 'all' ? 'chip active' : 'chip'} onClick={() => setShow('all')}>
                全部 {preview.rows.length}
              </button>
              {CLASSES.map((c) => (
                <button key={c} role="tab" aria-selected={show === c} className={show === c ? `chip active chip-${c}` : `chip chip-${c}`} onClick={() => setShow(c)} data-testid={`count-${c}`}>
                  {CLASS_LABELS[c]} {preview.counts[c]}
                </button>
              ))}
            </div>
            <PreviewGrid
              preview={preview}
              show={show}
              skipped={skipped}
              onToggle={(row, on) => {
                const next = new Set(skipped);
                if (on) next.delete(row);
                else next.add(row);
                setSkipped(next);
              }}
            />
          </div>
        </div>
      )}
      {confirmUndo && (
        <ConfirmDialog
          title="撤销导入"
          message={<p>撤销“{confirmUndo.fileName}”的导入？这批导入新增的 {confirmUndo.added} 人将被删除，更新的 {confirmUndo.updated} 人恢复为导入前的内容。</p>}
          confirmLabel="撤销本批"
          danger
          onCancel={() => setConfirmUndo(null)}
          onConfirm={() => void undoBatch(confirmUndo)}
        />
      )}
    </div>
  );
}
