import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { CollectedRow, CollectionDetail, CollectionSummary } from '../../../shared/contract/collect';
import { api, errorMessage, host } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog, FormDialog } from '../common/Modal';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { DateInput } from '../supervision/DateInput';
import { addDays } from '../supervision/coverage-subjects';
import { useSupervisionNav } from '../supervision/nav';
import { ReceiveDialog } from './ReceiveDialog';
import { CollectionHead } from './CollectionHead';
import { saveFile } from './collect-files';
import { STATE_LABEL, shownTime, shownValue } from './collect-format';

type Tab = 'units' | 'rows' | 'returns';

/** One collection we sent: who returned what and when, the consolidated rows, every file received. */
export function CollectionView(props: { id: number; today: string; incoming: CollectionSummary[]; onChanged: () => void }) {
  const { notify } = useStatus();
  const { openTask } = useSupervisionNav();
  const [detail, setDetail] = useState<CollectionDetail | null>(null);
  const [tab, setTab] = useState<Tab>('units');
  const [receiving, setReceiving] = useState(false);
  const [urging, setUrging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [undo, setUndo] = useState<{ id: number; label: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await api.collect.get({ id: props.id }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [props.id]);
  useEffect(() => void load(), [load]);
  const changed = () => {
    void load();
    props.onChanged();
  };

  if (error) return <div className="collect-detail form-error">{error}</div>;
  if (!detail) return <div className="collect-detail loading">正在读取…</div>;
  const late = detail.unitStatuses.filter((u) => u.state === 'late');
  const missing = detail.unitStatuses.filter((u) => u.state !== 'submitted');

  const downloadForm = async (unitId: number, unit: string) => {
    try {
      const r = await saveFile(`${detail.title}填报表（${detail.period}）-${unit}.xlsx`, (path) => api.collect.formFile({ collectionId: detail.id, unitId, ...(path ? { path } : {}) }));
      if (r) notify(r.out ? `已保存：${r.out}` : `已下载 ${r.fileName}`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <div className="collect-detail" data-testid="collection-detail">
      <CollectionHead
        collection={detail}
        facts={
          <>
            截止 {detail.dueDate ?? '—'}　表号 {detail.uid}　填报表存放在 <span className="collect-path">{detail.folder}</span>
          </>
        }
        right={
          <div className="collect-counts" data-testid="collect-counts">
            <span>
              已报 <strong>{detail.submitted}</strong> / {detail.units}
            </span>
            <span className={missing.length ? 'collect-missing' : ''}>未报 {missing.length}</span>
            <span className={late.length ? 'collect-late' : ''}>逾期 {late.length}</span>
            <span>汇总 {detail.rows} 行</span>
          </div>
        }
      />
      <div className="toolbar">
        <button className="primary" onClick={() => setReceiving(true)}>
          接收报送文件…
        </button>
        <button onClick={() => setUrging(true)} disabled={missing.length === 0}>
          催报…
        </button>
        <button onClick={() => setExporting(true)} disabled={detail.submitted === 0}>
          导出汇总表…
        </button>
        <span className="spacer" />
        <div className="tabs" role="tablist">
          {(
            [
              ['units', '报送情况'],
              ['rows', `汇总数据（${detail.rows}）`],
              ['returns', `接收记录（${detail.returns.length}）`],
            ] as const
          ).map(([k, label]) => (
            <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'tab active' : 'tab'} onClick={() => setTab(k)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      {tab === 'units' && (
        <div className="collect-scroll">
          <table className="collect-table" aria-label="报送情况">
            <thead>
              <tr>
                <th>序号</th>
                <th>单位</th>
                <th>报送情况</th>
                <th>报送时间</th>
                <th>第几次</th>
                <th>条数</th>
                <th>有误未收</th>
                <th>催报</th>
                <th>填报表</th>
              </tr>
            </thead>
            <tbody>
              {detail.unitStatuses.map((u, i) => (
                <tr key={u.id} data-unit={u.name}>
                  <td className="num">{i + 1}</td>
                  <td>{u.name}</td>
                  <td>
                    <span className={`collect-badge collect-badge-${u.state}`}>{u.state === 'submitted' && u.receivedLate ? '逾期报送' : STATE_LABEL[u.state]}</span>
                  </td>
                  <td>{shownTime(u.receivedAt)}</td>
                  <td className="num">{u.version || ''}</td>
                  <td className="num">{u.state === 'submitted' ? u.rows : ''}</td>
                  <td className="num collect-refused">{u.refused || ''}</td>
                  <td>
                    {u.urgeTaskId && (
                      <button className="link" onClick={() => openTask(u.urgeTaskId!)}>
                        催报任务
                      </button>
                    )}
                  </td>
                  <td>
                    <button className="link" onClick={() => void downloadForm(u.id, u.name)}>
                      {host ? '另存…' : '下载'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tab === 'rows' && <ConsolidatedGrid detail={detail} />}
      {tab === 'returns' && (
        <div className="collect-scroll">
          <table className="collect-table" aria-label="接收记录">
            <thead>
              <tr>
                <th>接收时间</th>
                <th>单位</th>
                <th>第几次</th>
                <th>文件</th>
                <th>条数</th>
                <th>有误未收</th>
                <th>操作人</th>
                <th>状态</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...detail.returns].reverse().map((r) => (
                <tr key={r.id}>
                  <td>{shownTime(r.receivedAt)}</td>
                  <td>{r.unitName}</td>
                  <td className="num">{r.version}</td>
                  <td className="collect-file-name" title={r.fileName}>
                    {r.fileName}
                  </td>
                  <td className="num">{r.rows}</td>
                  <td className="num">{r.refused || ''}</td>
                  <td>{r.actor}</td>
                  <td>{r.undoneAt ? `已撤销（${shownTime(r.undoneAt)}）` : r.inForce ? '在用' : '已被更正版替换'}</td>
                  <td>
                    {r.inForce && (
                      <button className="link" onClick={() => setUndo({ id: r.id, label: `${r.unitName}第 ${r.version} 次报送（${r.fileName}）` })}>
                        撤销
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.returns.length === 0 && <div className="empty">还没有接收任何报送文件。</div>}
        </div>
      )}
      {receiving && (
        <ReceiveDialog
          collection={detail}
          onClose={() => setReceiving(false)}
          onApplied={(r) => {
            setReceiving(false);
            const rows = r.accepted.reduce((a, x) => a + x.rows, 0);
            notify(`已接收 ${r.accepted.length} 个单位的报送，共 ${rows} 行${r.refused.length ? `；未接收 ${r.refused.length} 个文件` : ''}`, 'success');
            changed();
          }}
        />
      )}
      {urging && (
        <UrgeDialog
          detail={detail}
          today={props.today}
          onClose={() => setUrging(false)}
          onDone={(n) => {
            setUrging(false);
            notify(n, 'success');
            changed();
          }}
        />
      )}
      {exporting && <ExportDialog detail={detail} incoming={props.incoming} onClose={() => setExporting(false)} onDone={(m) => (setExporting(false), notify(m, 'success'), changed())} />}
      {undo && (
        <ConfirmDialog
          title="撤销接收"
          message={<p>撤销{undo.label}？该单位此前的报送（如有）将重新生效。接收记录和审计日志保留。</p>}
          confirmLabel="撤销"
          danger
          onCancel={() => setUndo(null)}
          onConfirm={() => {
            const id = undo.id;
            setUndo(null);
            api.collect.undoReturn({ returnId: id }).then(
              (r) => (notify(`已撤销${r.unit}的报送${r.restoredVersion ? `，第 ${r.restoredVersion} 次报送重新生效` : ''}`, 'success'), changed()),
              (err) => notify(errorMessage(err), 'error'),
            );
          }}
        />
      )}
    </div>
  );
}

type Row = CollectedRow & { key: number };

function ConsolidatedGrid(props: { detail: CollectionDetail }) {
  const { detail } = props;
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    void api.collect.rows({ collectionId: detail.id, offset: 0, limit: 5000 }).then((r) => setRows(r.rows.map((x, i) => ({ ...x, key: i }))));
  }, [detail.id, detail.rows]);
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { headerName: '报送单位', field: 'unit', width: 130, pinned: 'left' },
      ...detail.fields.map<ColDef<Row>>((f) => ({ headerName: f.label, minWidth: f.type === 'longText' ? 200 : 100, flex: f.type === 'longText' ? 2 : 1, valueGetter: (p) => shownValue(p.data?.values[f.key]) })),
    ],
    [detail.fields],
  );
  return (
    <div className="collect-rows-grid collect-consolidated" data-testid="consolidated-grid">
      <AgGridReact<Row> theme={gridTheme} localeText={gridLocale} rowData={rows ?? []} columnDefs={columns} getRowId={(p) => String(p.data.key)} headerHeight={30} rowHeight={28} defaultColDef={{ sortable: true, filter: true, resizable: true }} />
    </div>
  );
}

function UrgeDialog(props: { detail: CollectionDetail; today: string; onClose: () => void; onDone: (message: string) => void }) {
  const missing = props.detail.unitStatuses.filter((u) => u.state !== 'submitted');
  const [chosen, setChosen] = useState<Set<number>>(new Set(missing.filter((u) => u.state === 'late').map((u) => u.id)));
  const [dueDate, setDueDate] = useState<string | null>(addDays(props.today, 2));
  const [dateError, setDateError] = useState<string | null>(null);
  return (
    <FormDialog
      title="催报"
      submitLabel={`生成催办任务（${chosen.size}）`}
      onClose={props.onClose}
      onSubmit={async () => {
        if (dateError) throw new Error(dateError);
        if (!dueDate) throw new Error('请填写报送期限');
        if (chosen.size === 0) throw new Error('请选择要催报的单位');
        const r = await api.collect.urge({ collectionId: props.detail.id, dueDate, unitIds: [...chosen] });
        props.onDone(`已催报：新建 ${r.created.length} 项催办任务${r.urged.length ? `，${r.urged.length} 项已有任务再次催办` : ''}`);
      }}
    >
      <p className="small">为所选单位各生成一项督办任务（按督办等级随期限升级，留痕可查）；已有未办结催报任务的单位，在其留痕中再记一次催办。单位报送后任务自动办结。</p>
      <div className="collect-units" role="group" aria-label="催报单位">
        {missing.map((u) => (
          <label key={u.id} className="collect-unit">
            <input type="checkbox" checked={chosen.has(u.id)} onChange={() => setChosen((s) => (s.has(u.id) ? new Set([...s].filter((x) => x !== u.id)) : new Set([...s, u.id])))} />
            {u.name} <span className={`collect-badge collect-badge-${u.state}`}>{STATE_LABEL[u.state]}</span>
          </label>
        ))}
      </div>
      <label className="field">
        <span>请于此日前报送</span>
        <DateInput label="报送期限" value={dueDate} onChange={(v, err) => (setDueDate(v), setDateError(err))} />
      </label>
    </FormDialog>
  );
}

function ExportDialog(props: { detail: CollectionDetail; incoming: CollectionSummary[]; onClose: () => void; onDone: (m: string) => void }) {
  const { detail } = props;
  const uppers = props.incoming.filter((c) => c.categoryId === detail.categoryId);
  const [asReturnFor, setAsReturnFor] = useState<number | ''>('');
  return (
    <FormDialog
      title="导出汇总表"
      submitLabel="导出…"
      onClose={props.onClose}
      onSubmit={async () => {
        const upper = uppers.find((u) => u.id === asReturnFor);
        const name = upper ? `${detail.title}（${upper.period}）报送-${upper.unitName ?? ''}.xlsx` : `${detail.title}汇总表（${detail.period}）.xlsx`;
        const r = await saveFile(name, (path) => api.collect.exportConsolidated({ collectionId: detail.id, ...(upper ? { asReturnFor: upper.id } : {}), ...(path ? { path } : {}) }));
        if (r) props.onDone(r.out ? `已导出 ${r.rows} 行：${r.out}` : `已导出 ${r.rows} 行（已下载 ${r.fileName}）`);
      }}
    >
      <p className="small">正式表样：第一页“汇总”按单位列出报送情况和条数，第二页是各单位报送的全部行（加“报送单位”列），A4 横向、每页重复表头。</p>
      <label className="field">
        <span>同时作为上级填报表的报送文件</span>
        <select aria-label="作为上级填报表的报送文件" value={asReturnFor} onChange={(e) => setAsReturnFor(e.target.value ? Number(e.target.value) : '')}>
          <option value="">不用（只导出汇总表）</option>
          {uppers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.officeName}：{u.title}（{u.period}）
            </option>
          ))}
        </select>
        {uppers.length === 0 && <span className="muted small">上级下发了同一台账的填报表时，可在“上级下发”中打开，这里即可把汇总表作为本单位的报送文件。</span>}
      </label>
    </FormDialog>
  );
}
