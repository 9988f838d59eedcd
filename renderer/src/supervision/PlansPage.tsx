import { useCallback, useEffect, useState } from 'react';
import { PLAN_HORIZONS, type PlanHorizon, type PlanView, type Recurrence } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
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

/** 工作计划: this month / this week / today by unit; what was not finished before is carried over (结转). */
export function PlansPage() {
  const { notify } = useStatus();
  const { openTask } = useSupervisionNav();
  const { units } = useLookups();
  const [period, setPeriod] = useState<Period>('week');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [horizon, setHorizon] = useState<PlanHorizon | ''>('');
  const [view, setView] = useState<PlanView | null>(null);
  const [recurrences, setRecurrences] = useState<Recurrence[]>([]);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    api.tasks.plan({ period, ...(unitId !== null ? { unitId } : {}), ...(horizon ? { horizon } : {}) }).then(setView, (err) => notify(errorMessage(err), 'error'));
    api.tasks.recurrences({}).then(setRecurrences, () => {});
  }, [period, unitId, horizon, notify]);
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

  const count = view?.byUnit.reduce((n, g) => n + g.items.length, 0) ?? 0;
  const carried = view?.byUnit.reduce((n, g) => n + g.items.filter((i) => i.carriedOver).length, 0) ?? 0;
  return (
    <div className="page plans-page">
      <div className="toolbar">
        <h1>工作计划</h1>
        <div className="tabs" role="tablist" aria-label="计划周期">
          {PERIODS.map((p) => (
            <button key={p.key} role="tab" aria-selected={period === p.key} className={period === p.key ? 'tab active' : 'tab'} onClick={() => setPeriod(p.key)}>
              {p.label}
            </button>
          ))}
        </div>
        <UnitSelect label="按单位筛选" units={units} value={unitId} onChange={setUnitId} empty="全部单位" />
        <select aria-label="计划类型" value={horizon} onChange={(e) => setHorizon(e.target.value as PlanHorizon | '')}>
          <option value="">全部任务</option>
          {PLAN_HORIZONS.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
        {view && (
          <span className="muted" data-testid="plan-range">
            {view.from === view.to ? view.from : `${view.from} 至 ${view.to}`}，共 {count} 项{carried ? `，其中结转 ${carried} 项` : ''}
          </span>
        )}
      </div>
      <div className="plans-body">
        <div className="plan-groups">
          {view && view.byUnit.length === 0 && <div className="empty">本期没有到期的任务，也没有需要结转的任务。</div>}
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
