import { useState } from 'react';
import { PERSON_FIELD_LABELS, POLITICAL_STATUSES, SEXES, PERSON_CATEGORIES, type Person, type PersonField } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import { checkPersonField } from '../../../shared/validation/person';
import { api, errorMessage } from '../api';
import { ApiError } from '../../../shared/contract/define';
import { Modal } from '../common/Modal';

const FORM_FIELDS: PersonField[] = ['name', 'sex', 'badge', 'idNumber', 'birthDate', 'politicalStatus', 'unitId', 'post', 'rank', 'phone', 'joinedDate', 'category', 'note'];

/** 新增人员: every field checked as it is typed; the server's word is final. */
export function PersonForm(props: { units: Unit[]; defaultUnitId: number | null; onClose: () => void; onCreated: (p: Person) => void }) {
  const [values, setValues] = useState<Partial<Record<PersonField, string>>>({ unitId: props.defaultUnitId ? String(props.defaultUnitId) : '' });
  const [serverErrors, setServerErrors] = useState<Partial<Record<PersonField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const localError = (f: PersonField): string | null => {
    const v = values[f] ?? '';
    if (f === 'name' && v.trim() === '') return null; // said on save, not while the form is fresh
    const r = checkPersonField(f, v);
    return r.ok ? null : r.reason;
  };
  const errorOf = (f: PersonField) => localError(f) ?? serverErrors[f] ?? null;

  const set = (f: PersonField, v: string) => {
    setValues((old) => ({ ...old, [f]: v }));
    setServerErrors((old) => ({ ...old, [f]: undefined }));
  };

  const save = async () => {
    setFormError(null);
    if (!(values.name ?? '').trim()) {
      setServerErrors((o) => ({ ...o, name: '姓名不能为空' }));
      return;
    }
    if (FORM_FIELDS.some((f) => localError(f))) {
      setFormError('有填写不正确的项目，请按红色提示修改');
      return;
    }
    setBusy(true);
    try {
      const sent = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
      const person = await api.roster.create({ values: { ...sent, unitId: values.unitId ? Number(values.unitId) : null } });
      props.onCreated(person);
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details)) {
        const next: Partial<Record<PersonField, string>> = {};
        for (const d of err.details as { field: PersonField; reason: string }[]) next[d.field] = d.reason;
        setServerErrors(next);
      }
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (f: PersonField) => {
    const common = { 'aria-label': PERSON_FIELD_LABELS[f], 'aria-invalid': Boolean(errorOf(f)), value: values[f] ?? '' };
    if (f === 'sex' || f === 'politicalStatus') {
      const opts = f === 'sex' ? SEXES : POLITICAL_STATUSES;
      return (
        <select {...common} onChange={(e) => set(f, e.target.value)}>
          <option value="">{f === 'sex' ? '（按身份证号）' : ''}</option>
          {opts.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    }
    if (f === 'unitId') {
      return (
        <select {...common} onChange={(e) => set(f, e.target.value)}>
          <option value="">（未指定）</option>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      );
    }
    const hint = f === 'birthDate' ? '可留空，按身份证号填写' : f === 'joinedDate' ? '如 2010-07 或 2010-07-01' : undefined;
    return <input {...common} placeholder={hint} list={f === 'category' ? 'person-categories' : undefined} onChange={(e) => set(f, e.target.value)} />;
  };

  return (
    <Modal
      title="新增人员"
      onClose={props.onClose}
      width={640}
      footer={
        <>
          <button onClick={props.onClose}>取消</button>
          <button className="primary" onClick={() => void save()} disabled={busy}>
            保存
          </button>
        </>
      }
    >
      <form
        className="person-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FORM_FIELDS.map((f) => (
          <label key={f} className={errorOf(f) ? 'field invalid' : 'field'}>
            <span>
              {PERSON_FIELD_LABELS[f]}
              {f === 'name' && <em className="required">*</em>}
            </span>
            {input(f)}
            {errorOf(f) && <small className="field-error">{errorOf(f)}</small>}
          </label>
        ))}
        <datalist id="person-categories">
          {PERSON_CATEGORIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <button type="submit" hidden />
      </form>
      {formError && <div className="form-error">{formError}</div>}
    </Modal>
  );
}
