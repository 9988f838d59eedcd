import type { UnitNode } from '../units/unit-tree';
import { unitOptionLabel } from './lookups';

/** A unit picker in tree order; `empty` is the text of the no-unit choice. */
export function UnitSelect(props: { units: UnitNode[]; value: number | null; onChange: (id: number | null) => void; empty?: string; label: string; id?: string }) {
  return (
    <select id={props.id} aria-label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value === '' ? null : Number(e.target.value))}>
      <option value="">{props.empty ?? '（未指定）'}</option>
      {props.units.map((n) => (
        <option key={n.unit.id} value={n.unit.id}>
          {unitOptionLabel(n)}
        </option>
      ))}
    </select>
  );
}
