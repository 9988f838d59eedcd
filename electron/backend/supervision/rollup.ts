import { levelRank, type EscalationRules, type LevelKey, type Task, type TaskRollup } from '../../../shared/domain/supervision';
import { isDone, isOverdue } from './escalation';

export interface RollupNode {
  task: Task;
  rollup: TaskRollup;
  children: RollupNode[];
}

/**
 * Builds the tree under `rootId` from a flat list of its subtree (any order) and rolls each
 * node up in one post-order pass: progress is the mean of the leaves (a done leaf counts
 * 100, so closing a leaf moves its ancestors), the worst colour and the late count are over
 * the node and everything under it.
 */
export function buildRollup(rootId: number, subtree: readonly Task[], today: string, rules: EscalationRules): RollupNode {
  const kids = new Map<number, Task[]>();
  const byId = new Map<number, Task>();
  for (const t of subtree) {
    byId.set(t.id, t);
    if (t.parentId !== null) {
      const list = kids.get(t.parentId);
      if (list) list.push(t);
      else kids.set(t.parentId, [t]);
    }
  }
  const root = byId.get(rootId);
  if (!root) throw new Error(`task ${rootId} not in its own subtree`);

  const visit = (task: Task): RollupNode & { leafSum: number; leaves: number } => {
    const children = (kids.get(task.id) ?? []).map(visit);
    const done = isDone(task, rules);
    let worst: LevelKey = task.level;
    let late = isOverdue(task, today) ? 1 : 0;
    let total = 1;
    let doneCount = done ? 1 : 0;
    let leafSum = 0;
    let leaves = 0;
    if (children.length === 0) {
      leafSum = done ? 100 : task.progress;
      leaves = 1;
    }
    for (const c of children) {
      if (levelRank(c.rollup.worstLevel) > levelRank(worst)) worst = c.rollup.worstLevel;
      late += c.rollup.late;
      total += c.rollup.total;
      doneCount += c.rollup.done;
      leafSum += c.leafSum;
      leaves += c.leaves;
    }
    const rollup: TaskRollup = { taskId: task.id, progress: Math.round(leafSum / leaves), worstLevel: worst, late, total, done: doneCount };
    return { task, rollup, children: children.map(({ task: t, rollup: r, children: c }) => ({ task: t, rollup: r, children: c })), leafSum, leaves };
  };
  const { task, rollup, children } = visit(root);
  return { task, rollup, children };
}

/** Ids of the subtree under (and including) a task, with one recursive query. */
export const SUBTREE_IDS = `WITH RECURSIVE sub(id) AS (SELECT @root UNION ALL SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub`;
