import { useState } from 'react';
import type { Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { UnitSelect } from './UnitSelect';
import { DateInput } from './DateInput';
import { useLookups } from './lookups';

interface Item {
  unitId: number | null;
  title: string;
  dueDate: string;
  error?: string | null;
}

/** 逐项分解: one sub-task per lower unit, all in one action (one transaction in the backend). */
export function DecomposeDialog(props: { parent: Task; onClose: () => void; onDone: (created: Task[]) => void }) {
  const { units } = useLookups();
  const blank = (): Item => ({ unitId: null, title: '', dueDate: props.parent.dueDate ?? '' });
  const [items, setItems] = useState<Item[]>([blank(), blank()]);
  const set = (i: number, patch: Partial<Item>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const save = async () => {
    const missing = items.findIndex((x) => x.unitId === null);
    if (missing >= 0) throw new Error(`第 ${missing + 1} 行请选择责任单位（不需要的行可删除）`);
    const bad = items.find((x) => x.error);
    if (bad) throw new Error(bad.error!);
    const late = items.findIndex((x) => x.dueDate && props.parent.dueDate && x.dueDate > props.parent.dueDate);
    if (late >= 0) throw new Error(`第 ${late + 1} 行的完成时限不能晚于上级任务（${props.parent.dueDate}）`);
    const created = await api.tasks.decompose({
      parentId: props.parent.id,
      items: items.map((x) => ({ unitId: x.unitId, responsibleId: null, ...(x.title.trim() ? { title: x.title.trim() } : {}), dueDate: x.dueDate || null })),
    });
    props.onDone(created);
  };

  return (
    <FormDialog title={`逐项分解：${props.parent.title}`} onClose={props.onClose} width={760} submitLabel={`分解为 ${items.length} 项子任务`} onSubmit={save}>
      <p className="muted small">每行一个责任单位；子任务名称留空时为“上级任务名称（单位）”，来源、牵头领导、开始日期随上级任务。</p>
      <table className="decompose-table">
        <thead>
          <tr>
            <th>#</th>
            <th>责任单位</th>
            <th>子任务名称</th>
            <th>完成时限</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((x, i) => (
            <tr key={i}>
              <td className="muted">{i + 1}</td>
              <td>
                <UnitSelect label={`第${i + 1}行责任单位`} units={units} value={x.unitId} onChange={(v) => set(i, { unitId: v })} empty="请选择…" />
              </td>
              <td>
                <input aria-label={`第${i + 1}行子任务名称`} value={x.title} placeholder="（默认）" maxLength={200} onChange={(e) => set(i, { title: e.target.value })} />
              </td>
              <td>
                <DateInput label={`第${i + 1}行完成时限`} value={x.dueDate || null} onChange={(v, err) => set(i, { dueDate: v ?? '', error: err })} />
              </td>
              <td>
                <button className="ghost" aria-label={`删除第${i + 1}行`} disabled={items.length === 1} onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button onClick={() => setItems((xs) => [...xs, blank()])}>＋ 添加一行</button>
    </FormDialog>
  );
}
