import { useEffect, useMemo, useState } from 'react';
import type { CollectionDetail, FillCandidates } from '../../../shared/contract/collect';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { saveFile } from './collect-files';
import { CollectionHead } from './CollectionHead';
import { shownTime, shownValue } from './collect-format';

/**
 * A 填报表 from the office above, filled here: our records of the same ledger (those of the
 * period ticked first), written back in the same form as our return.
 */
export function IncomingView(props: { id: number; onChanged: () => void; onOpenLedger: (categoryId: number) => void }) {
  const { notify } = useStatus();
  const [detail, setDetail] = useState<CollectionDetail | null>(null);
  const [cands, setCands] = useState<FillCandidates | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const [d, c] = await Promise.all([api.collect.get({ id: props.id }), api.collect.fillCandidates({ collectionId: props.id })]);
      setDetail(d);
      setCands(c);
      const inPeriod = c.records.filter((r) => r.inPeriod);
      setChosen(new Set((c.dateField && inPeriod.length ? inPeriod : c.records).map((r) => r.id)));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  // read again when another collection is opened (load itself is made anew on every render)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [props.id]);
  const shown = useMemo(() => (cands?.fields ?? []).slice(0, 6), [cands]);

  if (error) return <div className="collect-detail form-error">{error}</div>;
  if (!detail || !cands) return <div className="collect-detail loading">正在读取…</div>;

  const write = async () => {
    setBusy(true);
    try {
      const ids = cands.records.filter((r) => chosen.has(r.id)).map((r) => r.id);
      const r = await saveFile(`${detail.title}（${detail.period}）-${detail.unitName ?? ''}.xlsx`, (path) => api.collect.writeReturn({ collectionId: detail.id, recordIds: ids, ...(path ? { path } : {}) }));
      if (r) {
        notify(r.out ? `已生成报送文件（${r.rows} 行）：${r.out}` : `已生成报送文件（${r.rows} 行），已下载 ${r.fileName}`, 'success');
        void load();
        props.onChanged();
      }
    } catch (err) {
      notify(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const all = chosen.size === cands.records.length;
  return (
    <div className="collect-detail" data-testid="incoming-detail">
      <CollectionHead
        collection={detail}
        facts={`${detail.officeName} 下发给 ${detail.unitName ?? ''}　截止 ${detail.dueDate ?? '—'}　${detail.sentAt ? `已于 ${shownTime(detail.sentAt)} 生成报送文件` : '尚未生成报送文件'}`}
      />
      <div className="toolbar">
        <button className="primary" disabled={busy} onClick={() => void write()}>
          生成报送文件（{chosen.size} 条）…
        </button>
        <button onClick={() => props.onOpenLedger(cands.categoryId)}>在台账中录入、修改…</button>
        <span className="muted small">{cands.dateField ? '已勾选日期在本期间内的记录，可增减。' : '该台账没有日期栏，请勾选要报送的记录。'}</span>
      </div>
      <div className="collect-scroll">
        <table className="collect-table" aria-label="报送的记录">
          <thead>
            <tr>
              <th>
                <input type="checkbox" aria-label="全选" checked={all} onChange={() => setChosen(all ? new Set() : new Set(cands.records.map((r) => r.id)))} />
              </th>
              {shown.map((f) => (
                <th key={f.key}>{f.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cands.records.map((r) => (
              <tr key={r.id} className={r.inPeriod ? 'collect-in-period' : undefined}>
                <td>
                  <input type="checkbox" aria-label={`报送第 ${r.id} 号记录`} checked={chosen.has(r.id)} onChange={() => setChosen((s) => (s.has(r.id) ? new Set([...s].filter((x) => x !== r.id)) : new Set([...s, r.id])))} />
                </td>
                {shown.map((f) => (
                  <td key={f.key} className="collect-cell">
                    {shownValue(r.values[f.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {cands.records.length === 0 && <div className="empty">本单位的这本台账还没有记录。点“在台账中录入、修改…”录入后回到这里生成报送文件。</div>}
      </div>
    </div>
  );
}
