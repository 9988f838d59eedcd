import { useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportPreviewRow } from '../../../shared/contract/imports';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ImportWizard, type ImportTarget } from '../imports/ImportWizard';

const fmt = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : String(v));

/** 导入 into a category: the roster's import screen, mapping onto the category's fields. */
export function LedgerImport(props: { category: LedgerCategory; onApplied: () => void; onShowGrid: () => void }) {
  const { category } = props;
  const { notify } = useStatus();
  const target = useMemo<ImportTarget>(
    () => ({
      preview: (file, opts) => api.ledger.importPreview({ categoryId: category.id, path: file.path, fileName: file.name, ...opts }),
      apply: (input) => api.ledger.importApply(input),
      resultText: (r) => `新增 ${r.added} 条记录`,
      classes: ['new', 'invalid'],
      unknownUnitsNote: '不创建的单位，该单元格留空并列为拒绝。',
      columns: (preview): ColDef<ImportPreviewRow>[] => {
        const mapped = new Set(Object.values(preview.mapping));
        return [
          { colId: 'reason', headerName: '错误原因', width: 220, valueGetter: (p) => p.data?.reason ?? '', cellClass: 'import-reason', tooltipValueGetter: (p) => String(p.value ?? '') },
          ...preview.fields
            .filter((f) => mapped.has(f.key))
            .map((f): ColDef<ImportPreviewRow> => ({ colId: f.key, headerName: f.label, width: 140, valueGetter: (p) => fmt(p.data?.values[f.key]), tooltipValueGetter: (p) => String(p.value ?? '') })),
        ];
      },
    }),
    [category.id],
  );

  const undoImport = async (batchId: number, clearResult: () => void) => {
    try {
      const r = await api.ledger.undoImport({ batchId });
      clearResult();
      props.onApplied();
      const kept = r.keptUnits.map((u) => `单位“${u.name}”保留（${u.reason}）`).join('；');
      notify(`已撤销本次导入：删除 ${r.removed} 条，恢复 ${r.restored} 条${kept ? `；${kept}` : ''}`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <ImportWizard
      target={target}
      className="ledger-import"
      intro={<span className="muted">从 Excel 导入到“{category.name}”：列按名称自动对应到本台账的字段，选项按文字匹配，人员按姓名+单位或警号匹配。</span>}
      resultActions={(r, clearResult) => (
        <>
          <button className="link" onClick={props.onShowGrid}>
            查看表格
          </button>
          {r.batchId !== null && (
            <button className="link" onClick={() => void undoImport(r.batchId!, clearResult)}>
              撤销本次导入
            </button>
          )}
        </>
      )}
      onApplied={props.onApplied}
    />
  );
}
