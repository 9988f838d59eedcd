import { PERSON_FIELDS, type Person, type PersonField } from '../../../shared/domain/roster';

type Values = Partial<Record<PersonField, string | number | null>>;

/** The fields of `before` that differ in `after` — what an undo must put back. */
export function changedValues(before: Person, after: Person): Values {
  const out: Values = {};
  for (const f of PERSON_FIELDS) {
    if ((before[f] ?? null) !== (after[f] ?? null)) out[f] = before[f] ?? null;
  }
  return out;
}

/** All editable values of a person, e.g. to re-create it after a deletion is undone. */
export function personValues(p: Person): Values {
  const out: Values = {};
  for (const f of PERSON_FIELDS) out[f] = p[f] ?? null;
  return out;
}
