import type { LedgerFilter, LedgerSort } from '../../../shared/contract/ledger';
import type { LedgerField } from '../../../shared/domain/ledger';
import type { GridFilterEntry } from '../sheet/filter-chips';

/** One column's entry in AG Grid's filter model (text, number, date, or our choice filter). */
type GridFilter = GridFilterEntry;

const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : null);

/** AG Grid's filter model → the backend's filters (done in SQL). */
export function toLedgerFilters(model: Record<string, GridFilter>, fields: Map<string, LedgerField>): LedgerFilter[] {
  const out: LedgerFilter[] = [];
  for (const [key, m] of Object.entries(model)) {
    const f = fields.get(key);
    if (!f) continue;
    if (m.filterType === 'choice' && m.values) {
      const values = f.type === 'boolean' ? m.values.map((v) => (v === '是' ? 1 : 0)) : m.values;
      out.push({ field: key, op: 'in', values });
      continue;
    }
    if (m.type === 'blank') out.push({ field: key, op: 'empty' });
    else if (m.type === 'notBlank') out.push({ field: key, op: 'notEmpty' });
    else if (m.filterType === 'date') {
      const from = day(m.dateFrom);
      if (m.type === 'equals') out.push({ field: key, op: 'between', from, to: from });
      else if (m.type === 'greaterThanOrEqual' || m.type === 'greaterThan') out.push({ field: key, op: 'between', from, to: null });
      else if (m.type === 'lessThanOrEqual' || m.type === 'lessThan') out.push({ field: key, op: 'between', from: null, to: from });
      else if (m.type === 'inRange') out.push({ field: key, op: 'between', from, to: day(m.dateTo) });
    } else if (m.filterType === 'number') {
      const v = m.filter ?? null;
      if (m.type === 'equals' && v !== null) out.push({ field: key, op: 'equals', value: v });
      else if (m.type === 'greaterThanOrEqual' || m.type === 'greaterThan') out.push({ field: key, op: 'between', from: v, to: null });
      else if (m.type === 'lessThanOrEqual' || m.type === 'lessThan') out.push({ field: key, op: 'between', from: null, to: v });
      else if (m.type === 'inRange') out.push({ field: key, op: 'between', from: v, to: m.filterTo ?? null });
    } else if (m.filter !== undefined && m.filter !== null && String(m.filter) !== '') {
      if (m.type === 'equals') out.push({ field: key, op: 'equals', value: String(m.filter) });
      else out.push({ field: key, op: 'contains', value: String(m.filter) });
    }
  }
  return out;
}

export function toLedgerSort(sortModel: { colId: string; sort: 'asc' | 'desc' }[]): LedgerSort[] {
  return sortModel.slice(0, 5).map((s) => ({ field: s.colId, dir: s.sort }));
}
