/** One column's entry of AG Grid's filter model (text, number, date, or a list of values). */
export interface GridFilterEntry {
  filterType?: string;
  type?: string;
  filter?: string | number | null;
  filterTo?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  values?: string[];
  operator?: 'AND' | 'OR';
  conditions?: GridFilterEntry[];
}

const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : '');

/** A column filter in words, for the chip above the sheet that shows (and clears) it. */
export function describeFilter(m: GridFilterEntry): string {
  if (m.conditions && m.conditions.length) return m.conditions.map(describeFilter).join(m.operator === 'OR' ? ' 或 ' : ' 且 ');
  if (m.values) return m.values.join('、') || '（无）';
  if (m.type === 'blank') return '为空';
  if (m.type === 'notBlank') return '不为空';
  const v = m.filterType === 'date' ? day(m.dateFrom) : m.filter === null || m.filter === undefined ? '' : String(m.filter);
  const to = m.filterType === 'date' ? day(m.dateTo) : m.filterTo === null || m.filterTo === undefined ? '' : String(m.filterTo);
  switch (m.type) {
    case 'contains':
      return `包含“${v}”`;
    case 'notContains':
      return `不包含“${v}”`;
    case 'equals':
      return `等于 ${v}`;
    case 'notEqual':
      return `不等于 ${v}`;
    case 'startsWith':
      return `以“${v}”开头`;
    case 'endsWith':
      return `以“${v}”结尾`;
    case 'greaterThan':
      return `大于 ${v}`;
    case 'greaterThanOrEqual':
      return `不早于/不小于 ${v}`;
    case 'lessThan':
      return `小于 ${v}`;
    case 'lessThanOrEqual':
      return `不晚于/不大于 ${v}`;
    case 'inRange':
      return `${v} 至 ${to}`;
    default:
      return v;
  }
}
