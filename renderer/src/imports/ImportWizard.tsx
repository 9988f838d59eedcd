import { useMemo, useState, type ReactNode } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportApplyResult, ImportPreview, ImportPreviewRow, ImportRowClass } from '../../../shared/contract/imports';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { stageFile } from '../common/files';
import { newJobId, useJobProgress } from '../common/use-job';
import { FileDrop } from './FileDrop';
import { MappingEditor } from './MappingEditor';
import { CLASS_LABELS, PreviewGrid } from './PreviewGrid';
import { ImportUnitsPanel } from '../units/ImportUnitsPanel';
import type { ImportUnitsChoice } from '../../../shared/contract/imports';

/** A copy of `set` with `key` in it or not. */
function toggled<T>(set: Set<T>, key: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

export interface StagedFile {
  path: string;
  name: string;
}

/** What differs between importing into the roster and into a ledger category; the screen is the same. */
export interface ImportTarget {
  preview(file: StagedFile, opts: { sheet?: string; mapping?: Record<string, string>; jobId: string }): Promise<ImportPreview>;
  apply(input: { previewId: string; skipRows: number[]; createUnits: string[]; units?: ImportUnitsChoice }): Promise<ImportApplyResult>;
  /** the start of the result line, e.g. “新增 12 人，更新 3 人” */
  resultText(r: ImportApplyResult): string;
  /** the preview's data columns, after 导入 / 行号 / 类别 */
  columns(preview: ImportPreview): ColDef<ImportPreviewRow>[];
  /** the row classes this target can produce, as chips */
  classes: readonly ImportRowClass[];
  /** what happens to rows naming a unit the user does not create */
  unknownUnitsNote: string;
  /** true when creating units alone (no row ticked) is worth applying */
  unitsAloneApply?: boolean;
}

/**
 * The import screen for the roster and for ledgers: choose a file, check the mapping and
 * every row, then apply in one go. The target says how to preview, apply and show rows;
 * the page around it adds its history, its own buttons and what follows an import.
 */
export function ImportWizard(props: {
  target: ImportTarget;
  className: string;
  /** always first in the toolbar (e.g. the page's heading) */
  title?: ReactNode;
  /** shown in the toolbar before a file is chosen */
  intro?: ReactNode;
  /** beside the file drop, before a file is chosen (e.g. the import history) */
  startAside?: (ctx: { clearResult: () => void }) => ReactNode;
  /** extra toolbar buttons while previewing (e.g. 保存错误行…) */
  previewActions?: (preview: ImportPreview) => ReactNode;
  /** after the result line (e.g. 撤销本次导入) */
  resultActions?: (r: ImportApplyResult, clearResult: () => void) => ReactNode;
  onApplied: (r: ImportApplyResult) => void;
}) {
  const { target } = props;
  const [staged, setStaged] = useState<StagedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<ImportRowClass | 'all'>('all');
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [createUnits, setCreateUnits] = useState<Set<string>>(new Set());
  const [unitsChoice, setUnitsChoice] = useState<ImportUnitsChoice>({ parentId: null, sameAs: {} });
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const progress = useJobProgress(jobId);
  const { notify } = useStatus();

  const runPreview = async (file: StagedFile, opts: { sheet?: string; mapping?: Record<string, string> } = {}) => {
    const id = newJobId();
    setJobId(id);
    setError(null);
    setResult(null);
    try {
      const p = await target.preview(file, { ...opts, jobId: id });
      setPreview(p);
      setSkipped(new Set());
      setCreateUnits(new Set(p.unknownUnits));
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
      const r = await target.apply({ previewId: preview.previewId, skipRows: [...skipped], createUnits: [...createUnits], units: unitsChoice });
      setResult(r);
      setPreview(null);
      setStaged(null);
      props.onApplied(r);
      notify(`导入完成：${target.resultText(r)}`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const cancel = () => {
    setPreview(null);
    setStaged(null);
  };

  const toApply = useMemo(() => (preview ? preview.rows.filter((r) => (r.class === 'new' || r.class === 'changed') && !skipped.has(r.row)).length : 0), [preview, skipped]);
  const dataColumns = useMemo(() => (preview ? target.columns(preview) : []), [preview, target]);
  const busy = jobId !== null;
  const clearResult = () => setResult(null);

  return (
    <div className={props.className}>
      <div className="toolbar">
        {props.title}
        {preview ? (
          <>
            <span className="muted">文件：{preview.fileName}</span>
            <label className="inline">
              工作表
              <select aria-label="工作表" value={preview.sheet} disabled={busy} onChange={(e) => staged && void runPreview(staged, { sheet: e.target.value })}>
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}（{s.rows} 行）
                  </option>
                ))}
              </select>
            </label>
            <span data-testid="header-row">表头在第 {preview.headerRows.join('、')} 行</span>
            {preview.rememberedMapping && <span className="muted">（已沿用上次为此表头修改的对应关系）</span>}
            <span className="spacer" />
            {props.previewActions?.(preview)}
            <button onClick={cancel}>取消</button>
            <button className="primary" onClick={() => void apply()} disabled={busy || (toApply === 0 && !(target.unitsAloneApply && createUnits.size > 0))}>
              导入所选（{toApply} 行）
            </button>
          </>
        ) : (
          props.intro
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
          导入完成：{target.resultText(result)}，未勾选 {result.skipped} 行，拒绝 {result.refused.length} 行
          {result.unitsCreated.length > 0 && `，新建单位 ${result.unitsCreated.join('、')}`}。{props.resultActions?.(result, clearResult)}
        </div>
      )}

      {!preview && !busy && (
        <div className="split">
          <div className="import-start">
            <FileDrop onFile={(f) => void onFile(f)} disabled={busy} />
          </div>
          {props.startAside?.({ clearResult })}
        </div>
      )}

      {preview && (
        <div className="split">
          <aside className="side-panel">
            <h3>列的对应关系</h3>
            {preview.missingRequired.length > 0 && <div className="form-error">缺少必填列：{preview.missingRequired.map((k) => preview.fields.find((f) => f.key === k)?.label ?? k).join('、')}。请在下面指定哪一列是它。</div>}
            <MappingEditor preview={preview} disabled={busy} onChange={(m) => staged && void runPreview(staged, { sheet: preview.sheet, mapping: m })} />
            {preview.unknownUnits.length > 0 && (
              <ImportUnitsPanel unknown={preview.unknownUnits} create={createUnits} onCreate={setCreateUnits} choice={unitsChoice} onChoice={setUnitsChoice} note={target.unknownUnitsNote} />
            )}
            {preview.skipped.length > 0 && <p className="muted small">跳过了 {preview.skipped.length} 行非数据行（合计、签名、重复表头等）。</p>}
          </aside>
          <div className="preview-main">
            <div className="chips" role="tablist" aria-label="按类别查看">
              <button role="tab" aria-selected={show === 'all'} className={show === 'all' ? 'chip active' : 'chip'} onClick={() => setShow('all')}>
                全部 {preview.rows.length}
              </button>
              {target.classes.map((c) => (
                <button key={c} role="tab" aria-selected={show === c} className={show === c ? `chip active chip-${c}` : `chip chip-${c}`} onClick={() => setShow(c)} data-testid={`count-${c}`}>
                  {CLASS_LABELS[c]} {preview.counts[c]}
                </button>
              ))}
            </div>
            <PreviewGrid preview={preview} show={show} skipped={skipped} columns={dataColumns} onToggle={(row, on) => setSkipped(toggled(skipped, row, !on))} />
          </div>
        </div>
      )}
    </div>
  );
}
