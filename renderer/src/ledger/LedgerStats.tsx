import { useEffect, useState } from 'react';
import type { LedgerStats as Stats } from '../../../shared/contract/ledger';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';

const pct = (n: number, total: number) => (total > 0 ? `${((n / total) * 100).toFixed(1)}%` : '—');

/** Counts by status, by unit and by month, as tables (a bar in each row shows the share). */
export function LedgerStats(props: { category: LedgerCategory }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.ledger.stats({ categoryId: props.category.id }).then(setStats, (err) => setError(errorMessage(err)));
  }, [props.category.id, props.category.records]);
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
            <div className="muted small">未办结</div>
            <div className="stat-num">{stats.open}</div>
          </div>
        )}
        {stats.closed !== null && (
          <div className="stat-card">
            <div className="muted small">已办结 · 办结率</div>
            <div className="stat-num">
              {stats.closed} <span className="muted small">{pct(stats.closed, stats.total)}</span>
            </div>
          </div>
        )}
      </div>
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
                  {stats.open !== null && <th className="num">未办结</th>}
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
      <p className="muted small">图表暂以表格显示。</p>
    </div>
  );
}
