import { useEffect, useState } from 'react';
import type { CreatedCollection } from '../../../shared/contract/collect';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { DateInput } from '../supervision/DateInput';
import { useLookups } from '../supervision/lookups';
import { addDays } from '../supervision/coverage-subjects';

/**
 * 下发: which ledger, for which period, to which units (of the organisation, or typed for units
 * outside it), by when, with what instructions. One 填报表 per unit is written on 下发.
 */
export function NewCollectionDialog(props: { today: string; categoryId?: number; onClose: () => void; onCreated: (r: CreatedCollection) => void }) {
  const { units } = useLookups();
  const [cats, setCats] = useState<LedgerCategory[]>([]);
  const [categoryId, setCategoryId] = useState<number | null>(props.categoryId ?? null);
  const [period, setPeriod] = useState(props.today.slice(0, 7));
  const [dueDate, setDueDate] = useState<string | null>(addDays(props.today, 7));
  const [dateError, setDateError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [typed, setTyped] = useState('');
  const [instructions, setInstructions] = useState('');

  useEffect(() => {
    void api.ledger.categories({}).then((c) => {
      setCats(c);
      setCategoryId((id) => id ?? c[0]?.id ?? null);
    });
  }, []);

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const typedNames = typed.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);
  const count = chosen.size + typedNames.length;

  const submit = async () => {
    if (categoryId === null) throw new Error('请选择要收集的台账');
    if (dateError) throw new Error(dateError);
    if (!dueDate) throw new Error('请填写截止日期');
    if (count === 0) throw new Error('请至少选择或填写一个填报单位');
    const r = await api.collect.create({ categoryId, period: period.trim(), dueDate, instructions, unitIds: [...chosen], unitNames: typedNames });
    props.onCreated(r);
  };

  return (
    <FormDialog title="下发填报表" submitLabel={`下发（${count} 个单位）`} width={620} onClose={props.onClose} onSubmit={submit}>
      <div className="collect-form">
        <label className="field">
          <span>收集的台账</span>
          <select aria-label="收集的台账" value={categoryId ?? ''} onChange={(e) => setCategoryId(Number(e.target.value))}>
            {cats.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}（{c.fields.length} 栏）
              </option>
            ))}
          </select>
        </label>
        <div className="collect-form-row">
          <label className="field">
            <span>期间</span>
            <input aria-label="期间" value={period} placeholder="如 2026-12 或 第3周" onChange={(e) => setPeriod(e.target.value)} />
          </label>
          <label className="field">
            <span>截止日期</span>
            <DateInput label="截止日期" value={dueDate} onChange={(v, err) => (setDueDate(v), setDateError(err))} />
          </label>
        </div>
        <div className="field">
          <span>填报单位（组织架构中的单位）</span>
          <div className="collect-units" role="group" aria-label="填报单位">
            {units.length === 0 && <div className="muted small">组织架构中还没有单位，可在下面直接填写单位名称。</div>}
            {units.map((n) => (
              <label key={n.unit.id} className="collect-unit" style={{ paddingLeft: 4 + n.depth * 16 }}>
                <input type="checkbox" checked={chosen.has(n.unit.id)} onChange={() => toggle(n.unit.id)} />
                {n.unit.name}
              </label>
            ))}
          </div>
        </div>
        <label className="field">
          <span>组织架构以外的单位（每行一个，或用顿号分开）</span>
          <textarea aria-label="其他填报单位" rows={2} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <label className="field">
          <span>填报说明（印在填写说明页上）</span>
          <textarea aria-label="填报说明" rows={3} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
        </label>
      </div>
    </FormDialog>
  );
}
