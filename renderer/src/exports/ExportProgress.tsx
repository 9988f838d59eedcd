import type { JobProgress } from '../../../shared/contract/jobs';

/** Progress of a running export, with the cancel button (cancelling leaves no file behind). */
export function ExportProgress(props: { progress: JobProgress | null; onCancel: () => void }) {
  const p = props.progress;
  const total = p?.total ?? null;
  return (
    <div className="progress export-progress" role="status">
      <span>正在导出…</span>
      <progress max={total && total > 0 ? total : 1} value={total && total > 0 ? (p?.done ?? 0) : undefined} />
      <span className="muted small">{p ? (total !== null ? `${p.done} / ${total} 行` : `${p.done} 行`) : ''}</span>
      <span className="spacer" />
      <button onClick={props.onCancel}>取消导出</button>
    </div>
  );
}
