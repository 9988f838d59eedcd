import { useCallback, useEffect, useState } from 'react';
import type { PlanView, Recurrence } from '../../../shared/domain/supervision';
import { api, errorMessage, host } from '../api';
import { askSavePath, downloadBase64 } from '../common/files';
import { PlanPrint } from './PlanPrint';
import { useToday } from './use-today';
import { useStatus } from '../common/status';
import { TaskLevel } from './levels';
import { UnitSelect } from './UnitSelect';
import { useLookups } from './lookups';
import { useSupervisionNav } from './nav';
import { RecurrenceDialog } from './RecurrenceDialog';

type Period = PlanView['period'];
const PERIODS: { key: Period; label: string }[] = [
  { key: 'month', label: '月计划' },
  { key: 'week', label: '周清单' },
  { key: 'day', label: '日安排' },
];
const RULE_TEXT = (r: Recurrence) =>
  r.rule === 'weekly' ? `每周${r.weekdays.map((d) => '一二三四五六日'[d - 1]).join('、')}` : r.rule === 'semimonthly' ? '每半月' : `每月${r.monthDay ?? ''}日`;

/** An ISO date `days` later, in UTC (never shifted by the time zone). */
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 工作计划: a month / week / day by unit; what was not finished before is carried over (结转).
 * 上一期/下一期 walk the periods; 打印 prints the plan as a form (A4, its heading), 导出Excel
 * writes the same as an official-form workbook.
 */
export function PlansPage() {
  const { notify } = useStatus();
  const { openTask } = useSupervisionNav();
  const { units } = useLookups();
  const [period, setPeriod] = useState<Period>('week');
  // a day inside the period shown; null: the one holding today
  const [date, setDate] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [view, setView] = useState<PlanView | null>(null);
  const [recurrences, setRecurrences] = useState<Recurrence[]>([]);
  const [creating, setCreating] = useState(false);
  const [officeName, setOfficeName] = useState('');
  const today = useToday();
  useEffect(() => void api.app.info({}).then((i) => setOfficeName(i.officeName), () => {}), []);

  const load = useCallback(() => {
    api.tasks.plan({ period, ...(date ? { date } : {}), ...(unitId !== null ? { unitId } : {}) }).then(setView, (err) => notify(errorMessage(err), 'error'));
    api.tasks.recurrences({}).then(setRecurrences, () => {});
  }, [period, date, unitId, notify]);
  useEffect(load, [load]);

  const generate = async () => {
    try {
      const r = await api.tasks.generateOccurrences({});
      notify(r.created ? `已生成 ${r.created} 项周期任务（至下月底）` : '周期任务已是最新，没有需要生成的', 'success');
      load();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const fileName = view ? `${view.heading}${unitId !== null ? `-${view.byUnit[0]?.unit ?? ''}` : ''}` : '工作计划';
  const exportExcel = async () => {
    if (!view) return;
    try {
      const target = await askSavePath(`${fileName}.xlsx`);
      if (target === null) return;
      const r = await api.exports.plan({ period, date: view.from, ...(unitId !== null ? { unitId } : {}), ...(target ? { path: target } : {}) });
      if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
      notify(r.out ? `已导出：${r.out}` : `已导出（已下载 ${r.fileName}）`, 'success');
    } catch (err) {
      notify(`导出失败：${errorMessage(err)}`, 'error');
    }
  };
  const exportPdf = async () => {
    if (!host) return;
    const r = await host.printToPdf(`${fileName}.pdf`);
    if (r === null) return;
    if ('error' in r) notify(`导出失败：${r.error}`, 'error');
    else notify(`已导出：${r.saved}`, 'success');
  };

  const count = view?.byUnit.reduce((n, g) => n + g.items.length, 0) ?? 0;
  const carried = view?.byUnit.reduce((n, g) => n + g.items.filter((i) => i.carriedOver).length, 0) ?? 0;
  const current = view !== null && today !== '' && view.from <= today && today <= view.to;
  const step = (dir: -1 | 1) => view && setDate(dir < 0 ? shift(view.from, -1) : shift(view.to, 1));
  const unitName = unitId !== null ? (units.find((n) => n.unit.id === unitId)?.unit.name ?? '') : '';
  return (
    <div className="page plans-page">
      <div className="toolbar no-print">
        <h1>工作计划</h1>
        <div className="tabs" role="tablist" aria-label="计划周期">
          {PERIODS.map((p) => (
            <button key={p.key} role="tab" aria-selected={period === p.key} className={period === p.key ? 'tab active' : 'tab'} onClick={() => setPeriod(p.key)}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="period-nav" role="group" aria-label="计划期间">
          <button onClick={() => step(-1)} disabled={!view} title="上一期">
            ‹ 上一期
          </button>
          <span className="period-name" data-testid="plan-heading">
            {view ? `${view.heading}（${view.span}）` : '…'}
          </span>
          <button onClick={() => step(1)} disabled={!view} title="下一期">
            下一期 ›
          </button>
          <button className="link" onClick={() => setDate(null)} disabled={current}>
            回到本期
          </button>
        </div>
        <UnitSelect label="按单位筛选" units={units} value={unitId} onChange={setUnitId} empty="全部单位" />
        <span className="spacer" />
        <button onClick={() => window.print()} disabled={!view}>
          打印
        </button>
        {host && (
          <button onClick={() => void exportPdf()} disabled={!view}>
            导出PDF…
          </button>
        )}
        <button onClick={() => void exportExcel()} disabled={!view}>
          导出Excel
        </button>
      </div>
      {view && (
        <div className="muted small plan-count no-print" data-testid="plan-range">
          {view.from === view.to ? view.from : `${view.from} 至 ${view.to}`}，共 {count} 项{carried ? `，其中结转 ${carried} 项` : ''}
        </div>
      )}
      {view && <PlanPrint view={view} officeName={officeName} unitName={unitName} today={today} />}
      <div className="plans-body no-print">
        <div className="plan-groups">
          {view && view.byUnit.length === 0 && <div className="empty">{view.heading}没有到期的任务，也没有需要结转的任务。</div>}
          {view?.byUnit.map((g) => (
            <section key={g.unitId ?? 'none'} className="card plan-group">
              <h2>
                {g.unit} <span className="muted">{g.items.length} 项</span>
              </h2>
              <table className="plan-table">
                <tbody>
                  {g.items.map(({ task: t, carriedOver }) => (
                    <tr key={t.id} onClick={() => openTask(t.id)} title="查看任务">
                      <td className="plan-title">
                        {carriedOver && <span className="carry">结转</span>}
                        {t.title}
                      </td>
                      <td className="muted">{t.responsibleName ?? ''}</td>
                      <td className="cell-mono">{t.dueDate}</td>
                      <td className="cell-mono">{t.progress}%</td>
                      <td>{t.status}</td>
                      <td>
                        <TaskLevel task={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <aside className="side-panel">
          <h2>周期任务</h2>
          <p className="muted small">如“每周两次集中学习”“每半月督导考核”，按规则自动生成每一次的任务。</p>
          {recurrences.length === 0 ? (
            <div className="empty small">暂无周期任务</div>
          ) : (
            <ul className="recurrences">
              {recurrences.map((r) => (
                <li key={r.id}>
                  <b>{r.title}</b>
                  <div className="muted small">
                    {RULE_TEXT(r)}，自 {r.startDate}
                    {r.endDate ? ` 至 ${r.endDate}` : ''}；已生成至 {r.generatedUntil ?? '—'}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="toolbar">
            <button onClick={() => setCreating(true)}>新建周期任务</button>
            <button onClick={() => void generate()}>生成周期任务</button>
          </div>
        </aside>
      </div>
      {creating && (
        <RecurrenceDialog
          onClose={() => setCreating(false)}
          onDone={(r) => {
            setCreating(false);
            notify(`已新建周期任务“${r.title}”，点击“生成周期任务”生成每一次的任务`, 'success');
            load();
          }}
        />
      )}
    </div>
  );
}
