import { useCallback, useEffect, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportBatch, ImportPreview, ImportPreviewRow } from '../../../shared/contract/imports';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog } from '../common/Modal';
import { askSavePath, downloadBase64 } from '../common/files';
import { ImportHistory } from './ImportHistory';
import { ImportWizard, type ImportTarget } from './ImportWizard';

const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : String(v));

/** The roster as an import target: people matched by ID number, 警号 or name, changes shown old → new. */
const ROSTER_TARGET: ImportTarget = {
  preview: (file, opts) => api.imports.preview({ path: file.path, fileName: file.name, ...opts }),
  apply: (input) => api.imports.apply(input),
  resultText: (r) => `新增 ${r.added} 人，更新 ${r.updated} 人，无变化 ${r.unchanged} 人`,
  classes: ['new', 'changed', 'unchanged', 'duplicate', 'invalid'],
  unknownUnitsNote: '不创建的单位，其人员不会导入（将列为拒绝）。',
  unitsAloneApply: true,
  columns: (preview: ImportPreview): ColDef<ImportPreviewRow>[] => {
    const label = new Map(preview.fields.map((f) => [f.key, f.label]));
    return [
      { colId: 'name', headerName: '姓名', width: 90, valueGetter: (p) => p.data?.values.name ?? p.data?.personName ?? '' },
      { colId: 'idNumber', headerName: '公民身份号码', width: 176, valueGetter: (p) => p.data?.values.idNumber ?? '' },
      { colId: 'badge', headerName: '警号/工号', width: 96, valueGetter: (p) => p.data?.values.badge ?? '' },
      { colId: 'unit', headerName: '所在单位', width: 120, valueGetter: (p) => p.data?.values.unit ?? '' },
      {
        colId: 'detail',
        headerName: '说明（错误原因 / 变化 原值 → 新值）',
        flex: 1,
        minWidth: 320,
        tooltipValueGetter: (p) => String(p.value ?? ''),
        valueGetter: (p) => {
          const r = p.data;
          if (!r) return '';
          if (r.reason) return r.reason;
          if (r.changes) return Object.entries(r.changes).map(([k, [a, b]]) => `${label.get(k) ?? k}：${fmt(a)} → ${fmt(b)}`).join('；');
          if (r.class === 'unchanged') return `与花名册中的“${r.personName ?? ''}”相同`;
          return r.newUnit ? `所在单位“${r.newUnit}”是新单位` : '';
        },
        cellClass: (p) => (p.data?.reason ? 'import-reason' : ''),
      },
    ];
  },
};

/** 导入花名册: the import screen, with the batches imported so far and their undo. */
export function ImportPage(props: { onApplied: () => void }) {
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const [confirmUndo, setConfirmUndo] = useState<{ batch: ImportBatch; clearResult: () => void } | null>(null);
  const { notify } = useStatus();

  const loadBatches = useCallback(() => api.imports.batches({}).then(setBatches, () => setBatches([])), []);
  useEffect(() => void loadBatches(), [loadBatches]);

  const saveErrors = async (preview: ImportPreview) => {
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

  const undoBatch = async (b: ImportBatch, clearResult: () => void) => {
    setConfirmUndo(null);
    try {
      const r = await api.imports.undoBatch({ batchId: b.id });
      await loadBatches();
      props.onApplied();
      clearResult();
      const kept = r.keptUnits.map((u) => `单位“${u.name}”保留（${u.reason}）`).join('；');
      notify(`已撤销“${b.fileName}”的导入：删除 ${r.removed} 人，恢复 ${r.restored} 人${kept ? `；${kept}` : ''}`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <>
      <ImportWizard
        target={ROSTER_TARGET}
        className="page import-page"
        title={<h1>导入花名册</h1>}
        previewActions={(preview) => (
          <button onClick={() => void saveErrors(preview)} disabled={preview.counts.invalid + preview.counts.duplicate === 0}>
            保存错误行…
          </button>
        )}
        startAside={({ clearResult }) => (
          <aside className="side-panel wide">
            <h3>导入记录</h3>
            <ImportHistory batches={batches} onUndo={(batch) => setConfirmUndo({ batch, clearResult })} />
          </aside>
        )}
        onApplied={() => {
          void loadBatches();
          props.onApplied();
        }}
      />
      {confirmUndo && (
        <ConfirmDialog
          title="撤销导入"
          message={
            <p>
              撤销“{confirmUndo.batch.fileName}”的导入？这批导入新增的 {confirmUndo.batch.added} 人将被删除，更新的 {confirmUndo.batch.updated} 人恢复为导入前的内容。
            </p>
          }
          confirmLabel="撤销本批"
          danger
          onCancel={() => setConfirmUndo(null)}
          onConfirm={() => void undoBatch(confirmUndo.batch, confirmUndo.clearResult)}
        />
      )}
    </>
  );
}
