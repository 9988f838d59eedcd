import { useEffect, useState } from 'react';
import { PLAN_HORIZONS, type PlanHorizon, type Recurrence, type RecurrenceRule } from '../../../shared/domain/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { DateInput } from './DateInput';
import { UnitSelect } from './UnitSelect';
import { useLookups } from './lookups';
import { useToday } from './use-today';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 新建周期任务: e.g. 每周二、四集中学习, 每半月督导考核; its occurrences are generated as tasks. */
export function RecurrenceDialog(props: { onClose: () => void; onDone: (r: Recurrence) => void }) {
  const { units } = useLookups();
  const [title, setTitle] = useState('');
  const [rule, setRule] = useState<RecurrenceRule>('weekly');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [monthDay, setMonthDay] = useState('');
  const today = useToday();
  const [startDate, setStartDate] = useState<string | null>(null);
  useEffect(() => setStartDate((d) => d ?? (today || null)), [today]);
  const [endDate, setEndDate] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [horizon, setHorizon] = useState<PlanHorizon | ''>('周清单');
  const [dateError, setDateError] = useState<string | null>(null);
  const save = async () => {
    if (!title.trim()) throw new Error('请填写任务名称');
    if (dateError) throw new Error(dateError);
    if (!startDate) throw new Error('请填写开始日期');
    if (endDate && endDate < startDate) throw new Error('结束日期不能早于开始日期');
    if (rule === 'weekly' && weekdays.length === 0) throw new Error('每周任务请至少选择一天');
    const day = Number(monthDay);
    if (rule === 'monthly' && !(Number.isInteger(day) && day >= 1 && day <= 31)) throw new Error('每月任务请填写1到31之间的日期（几号）');
    const r = await api.tasks.createRecurrence({
      title: title.trim(), rule, weekdays: rule === 'weekly' ? weekdays : [], monthDay: rule === 'monthly' ? day : null, startDate, endDate, unitId, horizon: horizon || null,
    });
    props.onDone(r);
  };

  return (
    <FormDialog title="新建周期任务" onClose={props.onClose} width={560} submitLabel="保存" onSubmit={save}>
      <label className="field">
        <span>
          任务名称<i className="required">*</i>
        </span>
        <input aria-label="周期任务名称" value={title} maxLength={200} placeholder="如 集中学习" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="field">
        <span>周期</span>
        <div className="radio-row">
          {(
            [
              ['weekly', '每周'],
              ['semimonthly', '每半月（1日、16日）'],
              ['monthly', '每月'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="check">
              <input type="radio" name="rule" checked={rule === k} onChange={() => setRule(k)} />
              {label}
            </label>
          ))}
        </div>
      </div>
      {rule === 'weekly' && (
        <div className="field">
          <span>每周的哪几天</span>
          <div className="radio-row">
            {WEEKDAYS.map((w, i) => (
              <label key={w} className="check">
                <input type="checkbox" checked={weekdays.includes(i + 1)} onChange={(e) => setWeekdays(e.target.checked ? [...weekdays, i + 1] : weekdays.filter((d) => d !== i + 1))} />周{w}
              </label>
            ))}
          </div>
        </div>
      )}
      {rule === 'monthly' && (
        <label className="field">
          <span>每月几号（大于当月天数时取月末）</span>
          <input aria-label="每月几号" value={monthDay} onChange={(e) => setMonthDay(e.target.value.trim())} />
        </label>
      )}
      <div className="two-cols">
        <label className="field">
          <span>开始日期</span>
          <DateInput label="开始日期" value={startDate} onChange={(v, err) => (setStartDate(v), setDateError(err))} />
        </label>
        <label className="field">
          <span>结束日期（可不填）</span>
          <DateInput label="结束日期" value={endDate} onChange={(v, err) => (setEndDate(v), setDateError(err))} />
        </label>
        <label className="field">
          <span>责任单位</span>
          <UnitSelect label="责任单位" units={units} value={unitId} onChange={setUnitId} />
        </label>
        <label className="field">
          <span>计划类型</span>
          <select aria-label="计划类型" value={horizon} onChange={(e) => setHorizon(e.target.value as PlanHorizon | '')}>
            <option value="">（不列入计划）</option>
            {PLAN_HORIZONS.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
      </div>
    </FormDialog>
  );
}
