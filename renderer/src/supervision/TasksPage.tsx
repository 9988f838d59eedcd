import { useCallback, useEffect, useState } from 'react';
import { CLOSED_STATUSES, LEVEL_KEYS, TASK_STATUSES, type LevelKey, type Task, type TaskStatus } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { askSavePath, downloadBase64 } from '../common/files';
import { TaskTable } from './TaskTable';
import { useSheet } from '../sheet/sheet-controller';
import { TaskDetail } from './TaskDetail';
import { TaskForm } from './TaskForm';
import { UnitSelect } from './UnitSelect';
import { levelLabel, useRules } from './levels';
import { useLookups } from './lookups';
import { useToday } from './use-today';

const LIMIT = 5000;
/** shown in the detail panel instead, so the grid keeps room for what is compared across rows */
const HIDDEN = ['source'];

interface Filter {
  unitId: number | null;
  status: TaskStatus | '';
  level: LevelKey | '';
  topOnly: boolean;
}

/** 督办任务: the filtered task list on the left, the chosen task's detail on the right. */
export function TasksPage(props: { focusId: number | null }) {
  const { rules } = useRules();
  const { notify } = useStatus();
  const { units } = useLookups();
  const today = useToday();
  const [filter, setFilter] = useState<Filter>({ unitId: null, status: '', level: '', topOnly: false });
  const [search, setSearch] = useState('');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [selected, setSelected] = useState<number | null>(props.focusId);
  const [creating, setCreating] = useState(false);
  const sheet = useSheet<Task>();

  /** A deletion is one step on the list's undo stack: Ctrl+Z brings the task back as it was. */
  const deleted = (t: Task) => {
    sheet.undo.push({
      label: `删除“${t.title}”`,
      undo: async () => {
        await api.tasks.undoDelete({ id: t.id });
        load();
        setSelected(t.id);
      },
      redo: async () => {
        await api.tasks.delete({ id: t.id });
        setSelected(null);
        load();
      },
    });
    notify(`已删除“${t.title}”（可按 Ctrl+Z 撤销）`, 'success');
    sheet.focus();
  };

  useEffect(() => setSelected(props.focusId), [props.focusId]);

  const query = useCallback(
    () => ({
      ...(filter.unitId !== null ? { unitId: filter.unitId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.level ? { level: filter.level } : {}),
      ...(filter.topOnly ? { parentId: null } : {}),
    }),
    [filter],
  );
  const load = useCallback(() => {
    // open work first (by deadline), finished work after it: what needs chasing is on top
    const open = (t: Task) => (CLOSED_STATUSES.includes(t.status) ? 1 : 0);
    api.tasks.list({ ...query(), limit: LIMIT }).then((xs) => setTasks(xs.sort((a, b) => open(a) - open(b))), (err) => notify(errorMessage(err), 'error'));
  }, [query, notify]);
  useEffect(load, [load]);

  const exportExcel = async () => {
    try {
      const target = await askSavePath(`督办任务清单-${today}.xlsx`);
      if (target === null) return;
      const r = await api.exports.taskList({ ...query(), ...(target ? { path: target } : {}) });
      if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
      notify(r.out ? `已导出 ${r.rows} 项：${r.out}` : `已导出 ${r.rows} 项（已下载 ${r.fileName}）`, 'success');
    } catch (err) {
      notify(`导出失败：${errorMessage(err)}`, 'error');
    }
  };

  const shown = tasks && search.trim() ? tasks.filter((t) => `${t.title} ${t.unitName ?? ''} ${t.responsibleName ?? ''}`.includes(search.trim())) : tasks;
  return (
    <div className="page tasks-page">
      <div className="toolbar">
        <h1>督办任务</h1>
        <button className="primary" onClick={() => setCreating(true)}>
          新建任务
        </button>
        <span className="sep" />
        <UnitSelect label="按单位筛选" units={units} value={filter.unitId} onChange={(unitId) => setFilter({ ...filter, unitId })} empty="全部单位" />
        <select aria-label="按状态筛选" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as TaskStatus | '' })}>
          <option value="">全部状态</option>
          {TASK_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="按等级筛选" value={filter.level} onChange={(e) => setFilter({ ...filter, level: e.target.value as LevelKey | '' })}>
          <option value="">全部等级</option>
          {LEVEL_KEYS.map((l) => (
            <option key={l} value={l}>
              {levelLabel(rules, l)}
            </option>
          ))}
        </select>
        <label className="inline">
          <input type="checkbox" checked={filter.topOnly} onChange={(e) => setFilter({ ...filter, topOnly: e.target.checked })} />
          只看顶层任务
        </label>
        <input className="search" aria-label="快速查找" placeholder="快速查找：任务、单位、责任人" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted small" data-testid="task-count">
          {shown ? `共 ${shown.length} 项${tasks && tasks.length >= LIMIT ? `（只显示前 ${LIMIT} 项，请缩小筛选范围）` : ''}` : ''}
        </span>
        <span className="spacer" />
        <button onClick={() => void exportExcel()}>导出Excel</button>
      </div>
      <div className="split">
        {shown && <TaskTable tasks={shown} today={today} selectedId={selected} onSelect={(t) => setSelected(t.id)} onOpen={(t) => setSelected(t.id)} hide={HIDDEN} testId="task-grid" controller={sheet} />}
        {selected !== null && today && (
          <aside className="side-panel task-panel" aria-label="任务详情">
            <button className="ghost small-button panel-close" onClick={() => setSelected(null)} aria-label="关闭详情" title="关闭详情">
              ×
            </button>
            <TaskDetail
              key={selected}
              taskId={selected}
              today={today}
              onOpen={setSelected}
              onDeleted={deleted}
              onChanged={(t) => {
                if (!t) setSelected(null);
                load();
              }}
            />
          </aside>
        )}
      </div>
      {creating && (
        <TaskForm
          onClose={() => setCreating(false)}
          onSaved={(t) => {
            setCreating(false);
            notify(`已新建“${t.title}”`, 'success');
            setSelected(t.id);
            load();
          }}
        />
      )}
    </div>
  );
}
