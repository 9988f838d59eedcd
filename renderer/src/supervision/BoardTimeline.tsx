import { useEffect, useState } from 'react';
import type { TaskTreeNode } from '../../../shared/contract/supervision';
import type { Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import { Timeline } from './Timeline';
import { useSupervisionNav } from './nav';

/** The board's 任务时间轴: one top-level task tree at a time, chosen from those decomposed. */
export function BoardTimeline(props: { today: string }) {
  const { openTask } = useSupervisionNav();
  const [roots, setRoots] = useState<Task[]>([]);
  const [rootId, setRootId] = useState<number | null>(null);
  const [tree, setTree] = useState<TaskTreeNode | null>(null);
  useEffect(() => {
    void api.tasks.list({ parentId: null, limit: 1000 }).then((all) => {
      const decomposed = all.filter((t) => t.childCount > 0);
      setRoots(decomposed);
      setRootId((id) => id ?? decomposed[0]?.id ?? null);
    }, () => {});
  }, []);
  useEffect(() => {
    if (rootId !== null) void api.tasks.tree({ id: rootId }).then(setTree, () => setTree(null));
  }, [rootId]);
  if (roots.length === 0) return null;
  return (
    <section className="card board-timeline">
      <h2>
        任务时间轴
        <select aria-label="选择任务" value={rootId ?? ''} onChange={(e) => setRootId(Number(e.target.value))}>
          {roots.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}（{t.childCount} 项子任务）
            </option>
          ))}
        </select>
      </h2>
      <div className="board-timeline-body">{tree && <Timeline tree={tree} today={props.today} onOpen={openTask} />}</div>
    </section>
  );
}
