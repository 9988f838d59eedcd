import { PERSON_CATEGORIES, PERSON_FIELD_LABELS, POLITICAL_STATUSES, SEXES, type Person, type PersonField } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import type { RosterFilter } from '../../../shared/contract/roster';
import { checkPersonField } from '../../../shared/validation/person';
import { shownDate } from '../../../shared/validation/dates';
import type { CellKind, PickOption, RawCell, SheetColumn } from '../sheet/sheet-types';
import { ChoiceFilter } from '../sheet/ChoiceFilter';

const WIDTHS: Record<PersonField, number> = {
  name: 80,
  sex: 56,
  badge: 84,
  idNumber: 170,
  birthDate: 96,
  politicalStatus: 104,
  unitId: 120,
  post: 90,
  rank: 100,
  phone: 112,
  joinedDate: 96,
  category: 88,
  note: 160,
};

/** The roster's columns, in the order of the paper 花名册. */
export const ROSTER_FIELD_ORDER: PersonField[] = ['name', 'sex', 'badge', 'idNumber', 'birthDate', 'politicalStatus', 'unitId', 'post', 'rank', 'phone', 'joinedDate', 'category', 'note'];

const DATES = new Set<PersonField>(['birthDate', 'joinedDate']);
const CHOICES: Partial<Record<PersonField, readonly string[]>> = { sex: SEXES, politicalStatus: POLITICAL_STATUSES, category: PERSON_CATEGORIES };
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] };

/** A person's field as the roster shows, copies and searches it (partial dates as stored, never blank). */
export function personText(p: Person, f: PersonField): string {
  if (f === 'unitId') return p.unitName ?? '';
  const v = p[f];
  if (v === null || v === undefined) return '';
  return DATES.has(f) ? shownDate(String(v)) : String(v);
}

/** How each roster field is typed: checked with the rules the server applies, lists where there are choices. */
function kindOf(f: PersonField, units: Unit[]): CellKind {
  const base: CellKind = {
    editText: (_v, shown) => shown,
    parse: (t): RawCell => (t.trim() === '' ? null : t),
    check: (t) => {
      if (f === 'unitId') return null; // a unit typed by name: the server finds it in the tree
      const r = checkPersonField(f, t);
      return r.ok ? null : r.reason;
    },
  };
  if (DATES.has(f)) return { ...base, placeholder: '如 1985-03-12、1985.3 或 1985年' };
  const list = CHOICES[f];
  if (list) {
    const options: PickOption[] = list.map((v) => ({ value: v, label: v, key: v.toLowerCase() }));
    return { ...base, options: async () => options };
  }
  if (f === 'unitId') {
    const options: PickOption[] = units.map((u) => ({ value: u.id, label: u.name, key: u.name.toLowerCase() }));
    return { ...base, options: async () => options };
  }
  return base;
}

export function rosterColumns(units: Unit[]): SheetColumn<Person>[] {
  return ROSTER_FIELD_ORDER.map((f): SheetColumn<Person> => {
    const list = CHOICES[f];
    return {
      key: f,
      label: PERSON_FIELD_LABELS[f],
      width: WIDTHS[f],
      maxWidth: f === 'note' ? 360 : 260,
      ...(f === 'name' ? { pinned: 'left' as const } : {}),
      kind: kindOf(f, units),
      value: (p) => p[f] ?? null,
      text: (p) => personText(p, f),
      className: f === 'name' ? 'cell-name' : f === 'idNumber' || f === 'badge' || f === 'phone' || DATES.has(f) ? 'cell-mono' : undefined,
      long: f === 'note',
      colDef: {
        sortable: true,
        filter: list && f !== 'category' ? ChoiceFilter : 'agTextColumnFilter',
        filterParams: list && f !== 'category' ? { label: PERSON_FIELD_LABELS[f], options: list.map((v) => ({ value: v })) } : TEXT_FILTER,
      },
    };
  });
}

/** AG Grid's filter model of the roster sheet → the roster query's filters (done in SQL). */
export function toRosterFilters(model: Record<string, { filterType?: string; type?: string; filter?: unknown; values?: string[] }>): RosterFilter[] {
  const out: RosterFilter[] = [];
  for (const [key, m] of Object.entries(model)) {
    if (!(ROSTER_FIELD_ORDER as string[]).includes(key)) continue;
    const field = key as PersonField;
    if (m.filterType === 'choice' && m.values) out.push({ field, op: 'in', values: m.values });
    else if (m.type === 'blank') out.push({ field, op: 'empty' });
    else if (m.type === 'notBlank') out.push({ field, op: 'notEmpty' });
    else if (m.filter !== undefined && m.filter !== null && String(m.filter) !== '') out.push({ field, op: m.type === 'equals' ? 'equals' : 'contains', value: String(m.filter) });
  }
  return out;
}
