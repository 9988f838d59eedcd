import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ImportApplyResult, ImportPreview, ImportPreviewRow, ImportRowClass } from '../../../shared/contract/imports';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { useStatus } from '../common/status';
import { stageFile } from '../common/files';
import { newJobId, useJobProgress } from '../common/use-job';
import { FileDrop } from '../imports/FileDrop';
import { MappingEditor } from '../imports/MappingEditor';
import { CLASS_LABELS } from '../imports/PreviewGrid';

const CLASSES: ImportRowClass[] = ['new', 'changed', 'unchanged', 'duplicate', 'invalid'];
const fmt = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : String(v));

/** 导入 into a category: the roster's import screen, mapping onto the category's fields. */
export function LedgerImport(props: { category: LedgerCategory; onApplied: () => void; onShowGrid: () => void }) {
  const { category } = props;
  const [staged, setStaged] = useState<{ path: string; name: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<ImportRowClass | 'all'>('all');
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [createUnits, setCreateUnits] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const progress = useJobProgress(jobId);
  const { notify } = useStatus();

  const runPreview = async (file: { path: string; name: string }, opts: { sheet?: string; mapping?: Record<string, string> } = {}) => {
    const id = newJobId();
    setJobId(id);
    setError(null);
    setResult(null);
    try {
      const p = await api.ledger.importPreview({ categoryId: category.id, path: file.path, fileName: file.name, ...opts, jobId: id });
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
      const r = await api.ledger.importApply({ previewId: preview.previewId, skipRows: [...skipped], createUnits: [...createUnits] });
      setResult(r);
      setPreview(null);
      setStaged(null);
      props.onApplied();
      notify(`导入完成：新增 ${r.added} 条记录`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const undoImport = async () => {
    if (!result?.batchId) return;
    try {
      const r = await api.ledger.undoImport({ batchId: result.batchId });
      setResult(null);
      props.onApplied();
      notify(`已撤销本次导入：删除 ${r.removed} 条，恢复 ${r.restored} 条`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const rows = useMemo(() => (!preview ? [] : show === 'all' ? preview.rows : preview.rows.filter((r) => r.class === show)), [preview, show]);
  const columns = useMemo<ColDef<ImportPreviewRow>[]>(() => {
    if (!preview) return [];
    const mapped = new Set(Object.values(preview.mapping));
    return [
      {
        colId: 'apply',
        headerName: '导入',
        width: 60,
        pinned: 'left',
        cellRenderer: (p: { data?: ImportPreviewRow }) => {
          const r = p.data;
          if (!r || (r.class !== 'new' && r.class !== 'changed')) return null;
          return (
            <input
              type="checkbox"
              aria-label={`导入第${r.row}行`}
              checked={!skipped.has(r.row)}
              onChange={(e) => {
                const next = new Set(skipped);
                if (e.target.checked) next.delete(r.row);
                else next.add(r.row);
                setSkipped(next);
              }}
            />
          );
        },
      },
      { field: 'row', headerName: '行号', width: 64, pinned: 'left' },
      { colId: 'class', headerName: '类别', width: 90, valueGetter: (p) => (p.data ? CLASS_LABELS[p.data.class] : ''), cellClass: (p) => `import-${p.data?.class ?? ''}` },
      { colId: 'reason', headerName: '错误原因', width: 220, valueGetter: (p) => p.data?.reason ?? '', cellClass: 'import-reason', tooltipValueGetter: (p) => String(p.value ?? '') },
      ...preview.fields
        .filter((f) => mapped.has(f.key))
        .map((f): ColDef<ImportPreviewRow> => ({ colId: f.key, headerName: f.label, width: 140, valueGetter: (p) => fmt(p.data?.values[f.key]), tooltipValueGetter: (p) => String(p.value ?? '') })),
    ];
  }, [preview, skipped]);

  const toApply = preview ? preview.rows.filter((r) => (r.class === 'new' || r.class === 'changed') && !skipped.has(r.row)).length : 0;
  const busy = jobId !== null;

  return (
    <div className="ledger-import">
      <div className="toolbar">
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
            <span className="spacer" />
            <button
              onClick={() => {
                setPreview(null);
                setStaged(null);
              }}
            >
              取消
            </button>
            <button className="primary" onClick={() => void apply()} disabled={busy || toApply === 0}>
              导入所选（{toApply} 行）
            </button>
          </>
        ) : (
          <span className="muted">从 Excel 导入到“{category.name}”：列按名称自动对应到本台账的字段，选项按文字匹配，人员按姓名+单位或警号匹配。</span>
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
          导入完成：新增 {result.added} 条记录，未勾选 {result.skipped} 行，拒绝 {result.refused.length} 行
          {result.unitsCreated.length > 0 && `，新建单位 ${result.unitsCreated.join('、')}`}。
          <button className="link" onClick={props.onShowGrid}>
            查看表格
          </button>
          {result.batchId !== null && (
            <button className="link" onClick={() => void undoImport()}>
              撤销本次导入
            </button>
          )}
        </div>
      )}
      {!preview && !busy && (
        <div className="import-start">
          <FileDrop onFile={(f) => void onFile(f)} disabled={busy} />
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
                <p className="muted small">不创建的单位，该单元格留空并列为拒绝。</p>
              </>
            )}
            {preview.skipped.length > 0 && <p className="muted small">跳过了 {preview.skipped.length} 行非数据行（合计、签名、重复表头等）。</p>}
          </aside>
          <div className="preview-main">
            <div className="chips" role="tablist" aria-label="按类别查看">
              <button role="tab" aria-selected={show === 'all'} className={show === 'all' ? 'chip active' : 'chip'} onClick={() => setShow('all')}>
                全部 {preview.rows.length}
              </button>
              {CLASSES.filter((c) => preview.counts[c] > 0 || c === 'new' || c === 'invalid').map((c) => (
                <button key={c} role="tab" aria-selected={show === c} className={show === c ? `chip active chip-${c}` : `chip chip-${c}`} onClick={() => setShow(c)} data-testid={`count-${c}`}>
                  {CLASS_LABELS[c]} {preview.counts[c]}
                </button>
              ))}
            </div>
            <div className="preview-grid">
              <AgGridReact<ImportPreviewRow>
                theme={gridTheme}
                localeText={gridLocale}
                rowData={rows}
                columnDefs={columns}
                defaultColDef={{ sortable: true, resizable: true }}
                getRowId={(p) => String(p.data.row)}
                animateRows={false}
                tooltipShowDelay={300}
              />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
