import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollectionSummary } from '../../../shared/contract/collect';
import { api, errorMessage, host } from '../api';
import { useStatus } from '../common/status';
import { useToday } from '../supervision/use-today';
import { NewCollectionDialog } from './NewCollectionDialog';
import { CollectionView } from './CollectionView';
import { IncomingView } from './IncomingView';
import { stageAll } from './collect-files';
import './collect.css';

/**
 * 填报汇总: the collections this office sent (下发 → 接收 → 催报 → 汇总报送) and the forms the
 * office above sent to it (打开 → 填报 → 生成报送文件). No server, no network: files travel as
 * the office's files always have.
 */
export function CollectPage(props: { onOpenLedger: (categoryId: number) => void }) {
  const { notify } = useStatus();
  const today = useToday();
  const [list, setList] = useState<CollectionSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const formInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const l = await api.collect.list({});
      setList(l);
      setSelected((s) => s ?? l.find((c) => c.direction === 'out')?.id ?? l[0]?.id ?? null);
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  }, [notify]);
  useEffect(() => void load(), [load]);

  const openForm = async (file: { path: string; name: string }) => {
    try {
      const r = await api.collect.openForm(file);
      notify(r.categoryCreated ? `已打开“${r.title}”填报表，并新建了栏目相同的台账` : `已打开“${r.title}”填报表`, 'success');
      await load();
      setSelected(r.id);
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };
  const chooseForm = async () => {
    if (!host) return formInput.current?.click();
    const [p] = await host.pickOpenPaths({ title: '打开上级下发的填报表', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (p) await openForm({ path: p, name: p.split(/[\\/]/).pop() ?? p });
  };

  const out = list?.filter((c) => c.direction === 'out') ?? [];
  const incoming = list?.filter((c) => c.direction === 'in') ?? [];
  const current = list?.find((c) => c.id === selected) ?? null;
  return (
    <div className="page collect-page" data-testid="collect-page">
      <div className="toolbar">
        <h1>填报汇总</h1>
        <span className="muted small">向下级下发同一张台账、收回各单位填好的表格并汇总；上级下发的填报表也在这里填报。全程不联网。</span>
        <span className="spacer" />
        <button className="primary" onClick={() => setCreating(true)} disabled={!today}>
          ＋ 下发填报表
        </button>
        <button onClick={() => void chooseForm()}>打开上级填报表…</button>
        <input
          ref={formInput}
          type="file"
          hidden
          accept=".xlsx"
          aria-label="上级下发的填报表"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void stageAll(files).then((s) => (s[0] ? openForm(s[0]) : notify('请选择 .xlsx 格式的填报表', 'error')));
          }}
        />
      </div>
      <div className="split">
        <aside className="side-panel collect-list" aria-label="收集列表">
          <div className="collect-list-head">本单位下发</div>
          {out.length === 0 && <div className="muted small collect-list-empty">还没有下发过填报表。</div>}
          {out.map((c) => (
            <button key={c.id} className={c.id === selected ? 'collect-item active' : 'collect-item'} onClick={() => setSelected(c.id)}>
              <span className="collect-item-title">
                {c.title}（{c.period}）
              </span>
              <span className="collect-item-meta">
                已报 {c.submitted}/{c.units}
                {c.late > 0 && <span className="collect-late">　逾期 {c.late}</span>}
                　截止 {c.dueDate?.slice(5) ?? '—'}
              </span>
            </button>
          ))}
          <div className="collect-list-head">上级下发</div>
          {incoming.length === 0 && <div className="muted small collect-list-empty">收到上级的填报表后，点“打开上级填报表…”。</div>}
          {incoming.map((c) => (
            <button key={c.id} className={c.id === selected ? 'collect-item active' : 'collect-item'} onClick={() => setSelected(c.id)}>
              <span className="collect-item-title">
                {c.title}（{c.period}）
              </span>
              <span className="collect-item-meta">
                {c.officeName}　{c.sentAt ? '已生成报送文件' : `截止 ${c.dueDate?.slice(5) ?? '—'}`}
              </span>
            </button>
          ))}
        </aside>
        {current === null ? (
          <div className="collect-detail empty">{list === null ? '正在读取…' : '点“＋ 下发填报表”，选一本台账和要填报的单位，每个单位生成一份可以用 Excel/WPS 填写的填报表。'}</div>
        ) : current.direction === 'out' ? (
          <CollectionView key={current.id} id={current.id} today={today} incoming={incoming} onChanged={() => void load()} />
        ) : (
          <IncomingView key={current.id} id={current.id} onChanged={() => void load()} onOpenLedger={props.onOpenLedger} />
        )}
      </div>
      {creating && (
        <NewCollectionDialog
          today={today}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            notify(`已下发“${r.collection.title}（${r.collection.period}）”，为 ${r.files.length} 个单位各生成一份填报表`, 'success');
            void load().then(() => setSelected(r.collection.id));
          }}
        />
      )}
    </div>
  );
}
