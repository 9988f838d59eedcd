import { useEffect, useId, useState } from 'react';
import type { Person } from '../../../shared/domain/roster';

const label = (p: Person) => `${p.name}${p.unitName ? `（${p.unitName}）` : ''}${p.badge ? ` ${p.badge}` : ''}`;

/**
 * A person by typing: the roster can hold tens of thousands, so a datalist rather than a
 * select. The typed text resolves to a person when it is one's full label or a unique name;
 * anything else is reported, not silently dropped.
 */
export function PersonPicker(props: { people: Person[]; value: number | null; onChange: (id: number | null, error: string | null) => void; label: string }) {
  const listId = useId();
  const current = props.people.find((p) => p.id === props.value);
  const [text, setText] = useState(current ? label(current) : '');
  useEffect(() => {
    if (current) setText(label(current));
  }, [current]);
  const resolve = (t: string) => {
    setText(t);
    const s = t.trim();
    if (s === '') return props.onChange(null, null);
    const exact = props.people.find((p) => label(p) === s);
    if (exact) return props.onChange(exact.id, null);
    const byName = props.people.filter((p) => p.name === s || p.badge === s);
    if (byName.length === 1) return props.onChange(byName[0]!.id, null);
    props.onChange(null, byName.length > 1 ? `花名册中有 ${byName.length} 人叫“${s}”，请从列表中选择` : `花名册中没有“${s}”`);
  };
  const shown = text.trim() ? props.people.filter((p) => p.name.includes(text.trim()) || label(p).includes(text.trim())).slice(0, 50) : props.people.slice(0, 50);
  return (
    <>
      <input aria-label={props.label} list={listId} placeholder="姓名或警号" value={text} onChange={(e) => resolve(e.target.value)} />
      <datalist id={listId}>
        {shown.map((p) => (
          <option key={p.id} value={label(p)} />
        ))}
      </datalist>
    </>
  );
}
