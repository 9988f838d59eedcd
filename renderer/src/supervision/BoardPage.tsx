import { useCallback, useEffect, useState } from 'react';
import { LEVEL_KEYS, type Board, type Task } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { BoardMatrix } from './BoardMatrix';
import { CompletionChart } from './CompletionChart';
import { DueList } from './DueList';
import { DrillDialog, type Drill } from './DrillDialog';
import { cellDrill, dueThisWeekDrill, overdueDrill, unitDrill } from './board-drill';
import { levelLabel, useRules } from './levels';
import { pct } from './lookups';
import { BoardTimeline } from './BoardTimeline';
import { CollectBoardPanel } from '../collect/CollectBoardPanel';

/** 挂图作战: the campaign at a glance — what the office head looks at first. */
export function BoardPage() {
  const { rules } = useRules();
  const { notify } = useStatus();
  const [board, setBoard] = useState<Board | null>(null);
  const [overdue, setOverdue] = useState<Task[]>([]);
  const [dueWeek, setDueWeek] = useState<Task[]>([]);
  const [drill, setDrill] = useState<Drill | null>(null);

  const load = useCallback(
    async (refresh: boolean) => {
      try {
        // levels rise with the calendar: log the rises first so the trail and the bell agree with the board
        if (refresh) await api.tasks.refreshLevels({});
        const [b, o, w] = await Promise.all([api.tasks.board({}), api.tasks.boardTasks({ cell: { kind: 'overdue' } }), api.tasks.boardTasks({ cell: { kind: 'dueThisWeek' } })]);
        setBoard(b);
        setOverdue(o.sort((x, y) => (x.dueDate ?? '').localeCompare(y.dueDate ?? '')));
        setDueWeek(w);
        if (refresh) notify(`挂图作战已刷新（${b.today}）`, 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    },
    [notify],
  );
  useEffect(() => void load(false), [load]);

  if (!board) return <div className="page"><div className="loading">正在统计…</div></div>;
  const total = board.byUnit.reduce((n, r) => n + r.total, 0);
  const done = board.byUnit.reduce((n, r) => n + r.done, 0);

  return (
    <div className="page board-page" data-testid="board-page">
      <div className="toolbar">
        <h1>挂图作战</h1>
        <span className="muted" data-testid="board-today">
          今天 {board.today}，本周 {board.weekStart.slice(5)} 至 {board.weekEnd.slice(5)}
        </span>
        <span className="spacer" />
        <span className="legend">
          {LEVEL_KEYS.map((l) => (
            <span key={l} className="legend-item">
              <span className="swatch" style={{ background: rules.levels[l].color }} />
              {levelLabel(rules, l)}
            </span>
          ))}
        </span>
        <button onClick={() => void load(true)}>刷新</button>
      </div>

      <div className="board-cards">
        <div className="stat-card">
          <div className="muted small">督办任务</div>
          <div className="stat-num">{total}</div>
        </div>
        <button className="stat-card clickable" data-testid="board-overdue" onClick={() => setDrill(overdueDrill())} disabled={board.overdue === 0}>
          <div className="muted small">已逾期</div>
          <div className={board.overdue > 0 ? 'stat-num alert' : 'stat-num'}>{board.overdue}</div>
        </button>
        <button className="stat-card clickable" data-testid="board-due-week" onClick={() => setDrill(dueThisWeekDrill())} disabled={board.dueThisWeek === 0}>
          <div className="muted small">本周到期</div>
          <div className="stat-num">{board.dueThisWeek}</div>
        </button>
        <div className="stat-card">
          <div className="muted small">总体完成率</div>
          <div className="stat-num">{total ? pct(done / total) : '—'}</div>
        </div>
      </div>

      <div className="board-grid">
        <section className="card board-matrix-card">
          <h2>各单位督办等级</h2>
          <BoardMatrix board={board} onCell={(row, col) => setDrill(cellDrill(rules, row, col))} onUnit={(row) => setDrill(unitDrill(row))} />
        </section>
        <div className="board-side">
          <section className="card">
            <h2>
              已逾期 <span className="muted">{board.overdue} 项</span>
              {board.overdue > 0 && (
                <button className="link more" onClick={() => setDrill(overdueDrill())}>
                  全部
                </button>
              )}
            </h2>
            <DueList tasks={overdue} today={board.today} overdue testId="overdue-list" max={8} />
          </section>
          <section className="card">
            <h2>
              本周到期 <span className="muted">{board.dueThisWeek} 项</span>
              {board.dueThisWeek > 0 && (
                <button className="link more" onClick={() => setDrill(dueThisWeekDrill())}>
                  全部
                </button>
              )}
            </h2>
            <DueList tasks={dueWeek} today={board.today} testId="due-week-list" max={8} />
          </section>
          <section className="card board-chart-card">
            <h2>各单位完成率</h2>
            {board.byUnit.length ? <CompletionChart rows={board.byUnit} onBar={(row) => setDrill(unitDrill(row))} /> : <div className="empty small">暂无数据</div>}
          </section>
        </div>
      </div>
      <CollectBoardPanel today={board.today} />
      <BoardTimeline today={board.today} />
      {drill && <DrillDialog drill={drill} today={board.today} onClose={() => setDrill(null)} />}
    </div>
  );
}
