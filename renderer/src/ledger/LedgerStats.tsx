import { useEffect, useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../charts/EChart';
import type { LedgerStats as Stats } from '../../../shared/contract/ledger';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';

const GREY = '#94a3b8';
const BAR = '#5b7ba3';

/** Counts by status (a ring in each value's colour), by unit (bars, open part stacked) and by month. */
function chartOptions(stats: Stats, category: LedgerCategory) {
  const statusField = category.fields.find((f) => f.label === stats.statusField);
  const status: EChartsCoreOption | null = statusField
    ? {
        tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c}' },
            data: stats.byStatus.map((s) => ({ name: s.value || '（未填）', value: s.count, itemStyle: { color: statusField.choices.find((c) => c.value === s.value)?.color ?? GREY } })),
          },
        ],
      }
    : null;
  // the longest lists read best as horizontal bars, largest on top
  const units = [...stats.byUnit].sort((a, b) => a.count - b.count).slice(-20);
  const unit: EChartsCoreOption | null = stats.unitField
    ? {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: stats.open !== null ? { bottom: 0 } : undefined,
        grid: { left: 8, right: 24, top: 8, bottom: stats.open !== null ? 28 : 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: units.map((u) => u.unit || '（未填）'), axisLabel: { width: 120, overflow: 'truncate' } },
        series:
          stats.open !== null
            ? [
                { name: '办结', type: 'bar', stack: 'n', data: units.map((u) => u.count - (u.open ?? 0)), itemStyle: { color: '#15803d' }, barMaxWidth: 18 },
                { name: '尚未办结', type: 'bar', stack: 'n', data: units.map((u) => u.open ?? 0), itemStyle: { color: '#64748b' }, barMaxWidth: 18 },
              ]
            : [{ name: '条数', type: 'bar', data: units.map((u) => u.count), itemStyle: { color: BAR }, barMaxWidth: 18 }],
      }
    : null;
  const month: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: stats.byMonth.map((m) => m.month || '无日期') },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: '条数', type: 'bar', data: stats.byMonth.map((m) => m.count), itemStyle: { color: BAR }, barMaxWidth: 28 }],
  };
  return { status, unit, month, unitRows: units.length, unitsCut: stats.byUnit.length > units.length };
}

const pct = (n: number, total: number) => (total > 0 ? `${((n / total) * 100).toFixed(1)}%` : '—');

/** Counts by status, by unit and by month: charts, then the same figures as tables. */
export function LedgerStats(props: { category: LedgerCategory }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.ledger.stats({ categoryId: props.category.id }).then(setStats, (err) => setError(errorMessage(err)));
  }, [props.category.id, props.category.records]);
  const charts = useMemo(() => (stats ? chartOptions(stats, props.category) : null), [stats, props.category]);
  if (error) return <div className="form-error">{error}</div>;
  if (!stats) return <div className="loading">正在统计…</div>;
  const statusField = props.category.fields.find((f) => f.label === stats.statusField);
  const unitField = props.category.fields.find((f) => f.label === stats.unitField);
  const dateField = props.category.fields.find((f) => f.label === stats.dateField);
  const maxMonth = Math.max(1, ...stats.byMonth.map((m) => m.count));
  return (
    <div className="ledger-stats" data-testid="ledger-stats">
      <div className="stat-cards">
        <div className="stat-card">
          <div className="muted small">记录总数</div>
          <div className="stat-num">{stats.total}</div>
        </div>
        {stats.open !== null && (
          <div className="stat-card">
            <div className="muted small">尚未办结</div>
            <div className="stat-num">{stats.open}</div>
            <div className="muted small">除办结外各状态合计</div>
          </div>
        )}
        {stats.closed !== null && (
          <div className="stat-card">
            <div className="muted small">办结合计 · 办结率</div>
            <div className="stat-num">
              {stats.closed} <span className="muted small">{pct(stats.closed, stats.total)}</span>
            </div>
          </div>
        )}
      </div>
      {charts && stats.total > 0 && (
        <div className="stat-charts">
          {charts.status && statusField && (
            <section>
              <h3>按{statusField.label}</h3>
              <EChart option={charts.status} height={260} label={`按${statusField.label}统计图`} />
            </section>
          )}
          {charts.unit && unitField && (
            <section>
              <h3>
                按{unitField.label}
                {charts.unitsCut && '（条数最多的 20 个，全部见下表）'}
              </h3>
              <EChart option={charts.unit} height={Math.max(200, 40 + charts.unitRows * 24)} label={`按${unitField.label}统计图`} />
            </section>
          )}
          <section>
            <h3>按月（{dateField ? dateField.label : '录入时间'}）</h3>
            <EChart option={charts.month} height={220} label="按月统计图" />
          </section>
        </div>
      )}
      <div className="stat-tables">
        {statusField && (
          <section>
            <h3>按{statusField.label}</h3>
            <table className="stat-table">
              <thead>
                <tr>
                  <th>{statusField.label}</th>
                  <th className="num">条数</th>
                  <th className="num">占比</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {stats.byStatus.map((s) => (
                  <tr key={s.value}>
                    <td>
                      <span className="dot" style={{ background: statusField.choices.find((c) => c.value === s.value)?.color ?? '#94a3b8' }} />
                      {s.value || '（未填）'}
                      {s.closed && <span className="muted small">（办结）</span>}
                    </td>
                    <td className="num">{s.count}</td>
                    <td className="num">{pct(s.count, stats.total)}</td>
                    <td className="bar-cell">
                      <span className="bar" style={{ width: pct(s.count, stats.total) }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {unitField && (
          <section>
            <h3>按{unitField.label}</h3>
            <table className="stat-table">
              <thead>
                <tr>
                  <th>{unitField.label}</th>
                  <th className="num">条数</th>
                  {stats.open !== null && <th className="num">尚未办结</th>}
                </tr>
              </thead>
              <tbody>
                {stats.byUnit.map((u) => (
                  <tr key={u.unitId ?? 'none'}>
                    <td>{u.unit || '（未填）'}</td>
                    <td className="num">{u.count}</td>
                    {stats.open !== null && <td className="num">{u.open ?? 0}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <section>
          <h3>按月（{dateField ? dateField.label : '录入时间'}）</h3>
          <table className="stat-table">
            <thead>
              <tr>
                <th>月份</th>
                <th className="num">条数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stats.byMonth.map((m) => (
                <tr key={m.month}>
                  <td className="cell-mono">{m.month || '（无日期）'}</td>
                  <td className="num">{m.count}</td>
                  <td className="bar-cell">
                    <span className="bar" style={{ width: `${(m.count / maxMonth) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
