import type { TaskTreeNode } from '../../../shared/contract/supervision';
import type { Task } from '../../../shared/domain/supervision';
import { inkOn, levelLabel, useRules } from './levels';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

interface Row {
  task: Task;
  depth: number;
  from: number | null;
  to: number | null;
  progress: number;
}

/** Depth-first rows; a task without a start date starts where its parent does (or on its creation day). */
function flatten(node: TaskTreeNode, depth: number, parentStart: number | null, out: Row[]): Row[] {
  const t = node.task;
  const from = t.startDate ? day(t.startDate) : (parentStart ?? day(t.createdAt.slice(0, 10)));
  const to = t.dueDate ? day(t.dueDate) : null;
  out.push({ task: t, depth, from: to !== null ? Math.min(from, to) : from, to, progress: node.rollup.progress });
  node.children.forEach((c) => flatten(c, depth + 1, from, out));
  return out;
}

/**
 * 时间轴: a Gantt-like view of a task tree — a bar from start to 完成时限 for each task,
 * coloured by its level, the progress as a darker inner bar, and a line for today.
 */
export function Timeline(props: { tree: TaskTreeNode; today: string; currentId?: number; onOpen?: (id: number) => void }) {
  const { rules } = useRules();
  const rows = flatten(props.tree, 0, null, []);
  const today = day(props.today);
  const points = rows.flatMap((r) => [r.from, r.to]).filter((x): x is number => x !== null);
  const lo = Math.min(today, ...points) - 2;
  const hi = Math.max(today, ...points) + 3;
  const x = (d: number) => `${((d - lo) / (hi - lo)) * 100}%`;
  // month ticks along the top
  const ticks: { at: number; label: string }[] = [];
  for (let d = lo; d <= hi; d++) {
    const iso = new Date(d * DAY).toISOString().slice(0, 10);
    const label = `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`;
    // the first tick only when the next month start is not right behind it (the labels would overlap)
    if (iso.endsWith('-01') || (d === lo && Number(iso.slice(8, 10)) < 20)) ticks.push({ at: d, label });
  }
  return (
    <div className="timeline" data-testid="timeline">
      <div className="tl-row tl-head">
        <div className="tl-label muted small">任务</div>
        <div className="tl-track">
          {ticks.map((t) => (
            <span key={t.at} className="tl-tick" style={{ left: x(t.at) }}>
              {t.label}
            </span>
          ))}
          <span className="tl-today-label" style={{ left: x(today) }}>
            今天
          </span>
        </div>
      </div>
      {rows.map((r) => {
        const color = rules.levels[r.task.level].color;
        return (
          <div key={r.task.id} className={`tl-row${r.task.id === props.currentId ? ' current' : ''}`}>
            <div className="tl-label" style={{ paddingLeft: 4 + r.depth * 14 }} title={r.task.title}>
              <button className="link" onClick={() => props.onOpen?.(r.task.id)}>
                {r.task.title}
              </button>
            </div>
            <div className="tl-track">
              <span className="tl-today" style={{ left: x(today) }} />
              {r.to === null ? (
                <span className="tl-nodate muted small" style={{ left: x(r.from ?? today) }}>
                  未定完成时限
                </span>
              ) : (
                <span
                  className="tl-bar"
                  style={{ left: x(r.from!), width: `calc(${x(r.to + 1)} - ${x(r.from!)})`, background: color, color: inkOn(color), borderColor: r.task.level === 'white' ? '#aab4c0' : color }}
                  title={`${r.task.title}\n${r.task.startDate ?? '—'} 至 ${r.task.dueDate}\n${levelLabel(rules, r.task.level)}，进度 ${r.progress}%`}
                >
                  <span className="tl-progress" style={{ width: `${r.progress}%` }} />
                  {(r.to - r.from! + 1) / (hi - lo) > 0.04 && <span className="tl-text">{r.progress}%</span>}
                </span>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
