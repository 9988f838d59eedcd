import { useEffect, useState } from 'react';
import type { LedgerCategory, LedgerField, LedgerRecord, RawCell } from '../../../shared/domain/ledger';
import type { Person } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { rosterCache, unitsCache } from './ledger-store';
import { DateInput } from '../supervision/DateInput';
import { PeoplePicker } from './PeopleEditor';

/** A new record typed in a form: every field with its own input; the backend checks each. */
export function NewRecordDialog(props: { category: LedgerCategory; fields: LedgerField[]; onClose: () => void; onCreated: (r: LedgerRecord) => void }) {
  const [values, setValues] = useState<Record<string, RawCell>>(() =>
    Object.fromEntries(props.fields.filter((f) => f.defaultValue !== null).map((f) => [f.key, f.defaultValue as RawCell])),
  );
  const [people, setPeople] = useState<Person[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    void rosterCache().then(setPeople);
    void unitsCache().then(setUnits);
  }, []);
  const set = (k: string, v: RawCell) => setValues((old) => ({ ...old, [k]: v === '' ? null : v }));
  const [dateErrors, setDateErrors] = useState<Record<string, string | null>>({});

  const save = async () => {
    const bad = Object.values(dateErrors).find(Boolean);
    if (bad) throw new Error(bad);
    props.onCreated(await api.ledger.create({ categoryId: props.category.id, values }));
  };

  const input = (f: LedgerField) => {
    const v = values[f.key] ?? '';
    switch (f.type) {
      case 'singleChoice':
      case 'status':
        return (
          <select aria-label={f.label} value={String(v)} onChange={(e) => set(f.key, e.target.value)}>
            <option value="" />
            {f.choices.map((c) => (
              <option key={c.value}>{c.value}</option>
            ))}
          </select>
        );
      case 'boolean':
        return (
          <select aria-label={f.label} value={v === true ? '是' : v === false ? '否' : ''} onChange={(e) => set(f.key, e.target.value === '' ? null : e.target.value === '是')}>
            <option value="" />
            <option>是</option>
            <option>否</option>
          </select>
        );
      case 'unit':
        return (
          <select aria-label={f.label} value={String(v)} onChange={(e) => set(f.key, e.target.value === '' ? null : Number(e.target.value))}>
            <option value="" />
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        );
      case 'person':
        return (
          <>
            <input aria-label={f.label} list={`people-${f.key}`} placeholder="姓名或警号" value={String(v)} onChange={(e) => set(f.key, e.target.value)} />
            <datalist id={`people-${f.key}`}>
              {people.slice(0, 500).map((p) => (
                <option key={p.id} value={p.badge ?? p.name}>
                  {p.name} {p.unitName ?? ''}
                </option>
              ))}
            </datalist>
          </>
        );
      case 'multiChoice':
        return (
          <div className="multi-checks">
            {f.choices.map((c) => {
              const list = Array.isArray(v) ? (v as string[]) : [];
              return (
                <label key={c.value} className="check">
                  <input type="checkbox" checked={list.includes(c.value)} onChange={(e) => set(f.key, e.target.checked ? [...list, c.value] : list.filter((x) => x !== c.value))} />
                  {c.value}
                </label>
              );
            })}
          </div>
        );
      case 'date':
        return <DateInput label={f.label} value={typeof v === 'string' && v ? v : null} onChange={(d, err) => (set(f.key, d), setDateErrors((e) => ({ ...e, [f.key]: err })))} />;
      case 'people':
        return <PeoplePicker label={f.label} value={Array.isArray(v) ? (v as number[]) : []} onChange={(ids) => set(f.key, ids.length ? ids : null)} />;
      case 'longText':
        return <textarea aria-label={f.label} rows={3} value={String(v)} onChange={(e) => set(f.key, e.target.value)} />;
      default:
        return <input aria-label={f.label} value={String(v)} onChange={(e) => set(f.key, e.target.value)} />;
    }
  };

  return (
    <FormDialog title={`新增记录：${props.category.name}`} onClose={props.onClose} width={560} submitLabel="保存" onSubmit={save}>
      <div className="record-form">
        {props.fields.map((f) => (
          <label key={f.key} className={f.type === 'longText' || f.type === 'multiChoice' ? 'field wide' : 'field'}>
            <span>
              {f.label}
              {f.required && <em className="required">*</em>}
            </span>
            {input(f)}
          </label>
        ))}
      </div>
    </FormDialog>
  );
}
