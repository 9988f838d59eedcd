import type { ImportBatch } from '../../../shared/contract/imports';
import { localTime } from '../common/format';

/** Each import as a batch in the history; a batch can be undone while its records are untouched. */
export function ImportHistory(props: { batches: ImportBatch[]; onUndo: (b: ImportBatch) => void }) {
  if (props.batches.length === 0) return <div className="empty small">还没有导入记录</div>;
  return (
    <table className="history" data-testid="import-history">
      <thead>
        <tr>
          <th>时间</th>
          <th>文件</th>
          <th>新增</th>
          <th>更新</th>
          <th>拒绝</th>
          <th>操作人</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.batches.map((b) => (
          <tr key={b.id}>
            <td>{localTime(b.appliedAt)}</td>
            <td title={`${b.fileName}（${b.sheet}）`}>{b.fileName}</td>
            <td>{b.added}</td>
            <td>{b.updated}</td>
            <td>{b.refused}</td>
            <td>{b.actor}</td>
            <td>{b.undoneAt ? <span className="muted">已撤销</span> : <button onClick={() => props.onUndo(b)}>撤销本批</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
