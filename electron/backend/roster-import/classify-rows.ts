import type { ImportPreviewRow, ImportRowClass } from '../../../shared/contract/imports';
import type { Person, PersonField, PersonInput } from '../../../shared/domain/roster';
import { checkPersonConsistency } from '../../../shared/validation/person';
import { parseIdNumber } from '../../../shared/validation/id-number';
import type { ImportRow, RefusedRow } from '../import';

/** Roster fields an import may write, by the import target's field keys ('unit' is a name). */
export const IMPORT_FIELDS: readonly (PersonField | 'unit')[] = [
  'name', 'sex', 'badge', 'idNumber', 'birthDate', 'politicalStatus', 'unit', 'post', 'rank', 'phone', 'joinedDate', 'category', 'note',
];

export interface PeopleIndex {
  byIdNumber: Map<string, Person>;
  byBadge: Map<string, Person>;
}

export function indexPeople(people: Person[]): PeopleIndex {
  const byIdNumber = new Map<string, Person>();
  const byBadge = new Map<string, Person>();
  for (const p of people) {
    if (p.idNumber) byIdNumber.set(p.idNumber, p);
    if (p.badge) byBadge.set(p.badge, p);
  }
  return { byIdNumber, byBadge };
}

const current = (p: Person, f: PersonField | 'unit'): unknown => (f === 'unit' ? p.unitName : p[f]);

/** As in the grid: 出生日期 and 性别 left empty are read from a valid ID number. */
function withIdFacts(values: Record<string, unknown>): Record<string, unknown> {
  if (typeof values.idNumber !== 'string' || (values.birthDate && values.sex)) return values;
  const id = parseIdNumber(values.idNumber);
  if (!id.ok) return values;
  return { ...values, birthDate: values.birthDate || id.info.birthDate, sex: values.sex || id.info.sex };
}

/**
 * Sorts each row into new / changed / unchanged / duplicate / invalid against the roster.
 * A row is matched on 公民身份号码, else on 警号. An empty cell never blanks a value the
 * roster holds (nothing is lost by importing an incomplete list).
 */
export function classifyRows(rows: ImportRow[], refused: RefusedRow[], index: PeopleIndex): ImportPreviewRow[] {
  const out: ImportPreviewRow[] = [];
  for (const r of refused) {
    const cls: ImportRowClass = /同一文件中出现两次/.test(r.reason) ? 'duplicate' : 'invalid';
    out.push({ row: r.row, class: cls, values: {}, reason: r.reason, field: r.field });
  }
  for (const r of rows) {
    const v = withIdFacts(r.values);
    const id = typeof v.idNumber === 'string' ? v.idNumber : null;
    const badge = typeof v.badge === 'string' ? v.badge : null;
    let match = id ? index.byIdNumber.get(id) : undefined;
    if (!match && badge) {
      const byBadge = index.byBadge.get(badge);
      if (byBadge && id && byBadge.idNumber && byBadge.idNumber !== id) {
        out.push({ row: r.row, class: 'invalid', values: v, field: 'badge', reason: `警号/工号${badge}已属于“${byBadge.name}”（公民身份号码不同）` });
        continue;
      }
      match = byBadge;
    }
    const base: ImportPreviewRow = { row: r.row, class: 'new', values: v, ...(r.newUnit ? { newUnit: r.newUnit } : {}) };
    if (!match) {
      if (badge && index.byBadge.has(badge)) {
        out.push({ ...base, class: 'invalid', field: 'badge', reason: `警号/工号${badge}已属于“${index.byBadge.get(badge)!.name}”` });
      } else out.push(base);
      continue;
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of IMPORT_FIELDS) {
      const next = v[f];
      if (next === undefined || next === null || next === '') continue;
      const old = current(match, f) ?? null;
      if (old !== next) changes[f] = [old, next];
    }
    const merged: PersonInput = { ...match };
    for (const [f, [, next]] of Object.entries(changes)) if (f !== 'unit') (merged as Record<string, unknown>)[f] = next;
    const problem = checkPersonConsistency(merged);
    if (problem) {
      out.push({ ...base, class: 'invalid', personId: match.id, personName: match.name, field: problem.field, reason: `与花名册中的“${match.name}”合并后：${problem.reason}` });
      continue;
    }
    const cls: ImportRowClass = Object.keys(changes).length > 0 ? 'changed' : 'unchanged';
    out.push({ ...base, class: cls, personId: match.id, personName: match.name, ...(cls === 'changed' ? { changes } : {}) });
  }
  return out.sort((a, b) => a.row - b.row);
}
