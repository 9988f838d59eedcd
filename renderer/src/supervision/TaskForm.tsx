import { useState } from 'react';
import { PLAN_HORIZONS, TASK_SOURCES, TASK_STATUSES, type PlanHorizon, type Task, type TaskSource, type TaskStatus } from '../../../shared/domain/supervision';
import type { NewTaskInput, TaskPatch } from '../../../shared/contract/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { PersonPicker } from './PersonPicker';
import { UnitSelect } from './UnitSelect';
import { DateInput } from './DateInput';
import { ParentTaskSelect } from './ParentTaskSelect';
import { useLookups } from './lookups';

type Draft = Omit<NewTaskInput, 'ledgerRecordId'>;

const empty = (parentId: number | null): Draft => ({
  parentId, title: '', content: null, source: '自定', leadLeaderId: null, unitId: null, responsibleId: null, helperUnitIds: [],
  startDate: null, dueDate: null, progress: 0, status: '未开始', evidence: null, horizon: null,
});

const fromTask = (t: Task): Draft => ({
  parentId: t.parentId, title: t.title, content: t.content, source: t.source, leadLeaderId: t.leadLeaderId, unitId: t.unitId, responsibleId: t.responsibleId,
  helperUnitIds: t.helperUnitIds, startDate: t.startDate, dueDate: t.dueDate, progress: t.progress, status: t.status, evidence: t.evidence, horizon: t.horizon,
});

/** What the form checks before asking the backend (which checks again). */
function problems(d: Draft, fieldErrors: Record<string, string | null>): string | null {
  if (!d.title.trim()) return '请填写任务名称';
  if (d.startDate && d.dueDate && d.dueDate < d.startDate) return `完成时限（${d.dueDate}）不能早于开始日期（${d.startDate}）`;
  if (!Number.isInteger(d.progress) || d.progress < 0 || d.progress > 100) return '进度应为0到100之间的整数';
  return Object.values(fieldErrors).find(Boolean) ?? null;
}

/** 新建 / 修改督办任务: every field of a task, including its place in the tree (上级任务). */
export function TaskForm(props: { task?: Task; parentId?: number | null; onClose: () => void; onSaved: (t: Task) => void }) {
  const { units, people } = useLookups();
  const [d, setD] = useState<Draft>(props.task ? fromTask(props.task) : empty(props.parentId ?? null));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | null>>({});
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const save = async () => {
    const p = problems(d, fieldErrors);
    if (p) throw new Error(p);
    if (!props.task) return props.onSaved(await api.tasks.create({ ...d, title: d.title.trim(), ledgerRecordId: null }));
    const before = fromTask(props.task);
    const patch = Object.fromEntries(Object.entries(d).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Draft]))) as TaskPatch;
    if (Object.keys(patch).length === 0) return props.onClose();
    props.onSaved(await api.tasks.update({ id: props.task.id, patch }));
  };

  const person = (key: 'leadLeaderId' | 'responsibleId', label: string) => (
    <label className="field">
      <span>{label}</span>
      <PersonPicker
        label={label}
        people={people}
        value={d[key]}
        onChange={(id, err) => {
          set(key, id);
          setFieldErrors((e) => ({ ...e, [key]: err }));
        }}
      />
      {fieldErrors[key] && <span className="field-error">{fieldErrors[key]}</span>}
    </label>
  );

  const date = (key: 'startDate' | 'dueDate', label: string) => (
    <label className="field">
      <span>{label}</span>
      <DateInput
        label={label}
        value={d[key]}
        onChange={(v, err) => {
          set(key, v);
          setFieldErrors((e) => ({ ...e, [key]: err }));
        }}
      />
    </label>
  );

  return (
    <FormDialog title={props.task ? '修改督办任务' : '新建督办任务'} onClose={props.onClose} width={680} submitLabel="保存" onSubmit={save}>
      <div className="task-form">
        <label className="field wide">
          <span>
            任务名称<i className="required">*</i>
          </span>
          <input aria-label="任务名称" value={d.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
        </label>
        <label className="field wide">
          <span>任务内容</span>
          <textarea aria-label="任务内容" rows={3} value={d.content ?? ''} onChange={(e) => set('content', e.target.value || null)} />
        </label>
        <label className="field">
          <span>任务来源</span>
          <select aria-label="任务来源" value={d.source} onChange={(e) => set('source', e.target.value as TaskSource)}>
            {TASK_SOURCES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <ParentTaskSelect label="上级任务" value={d.parentId} onChange={(id) => set('parentId', id)} exclude={props.task?.id} />
        {person('leadLeaderId', '牵头领导')}
        <label className="field">
          <span>责任单位</span>
          <UnitSelect label="责任单位" units={units} value={d.unitId} onChange={(v) => set('unitId', v)} />
        </label>
        {person('responsibleId', '责任人')}
        <label className="field">
          <span>计划类型</span>
          <select aria-label="计划类型" value={d.horizon ?? ''} onChange={(e) => set('horizon', (e.target.value || null) as PlanHorizon | null)}>
            <option value="">（不列入计划）</option>
            {PLAN_HORIZONS.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        {date('startDate', '开始日期')}
        {date('dueDate', '完成时限')}
        <label className="field">
          <span>进度（%）</span>
          <input aria-label="进度" type="number" min={0} max={100} step={5} value={d.progress} onChange={(e) => set('progress', e.target.value === '' ? 0 : Number(e.target.value))} />
        </label>
        <label className="field">
          <span>状态</span>
          <select aria-label="状态" value={d.status} onChange={(e) => set('status', e.target.value as TaskStatus)}>
            {TASK_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <fieldset className="field wide helpers">
          <legend>协办单位</legend>
          <div className="multi-checks">
            {units.map((n) => (
              <label key={n.unit.id} className="check">
                <input
                  type="checkbox"
                  checked={d.helperUnitIds.includes(n.unit.id)}
                  onChange={(e) => set('helperUnitIds', e.target.checked ? [...d.helperUnitIds, n.unit.id] : d.helperUnitIds.filter((x) => x !== n.unit.id))}
                />
                {n.unit.name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </FormDialog>
  );
}
