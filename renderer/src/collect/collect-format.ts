import type { CollectField, UnitState } from '../../../shared/contract/collect';

export const STATE_LABEL: Record<UnitState, string> = { submitted: '已报送', missing: '未报送', late: '逾期未报' };

/** "2026-03-09 14:05" from a stored ISO time, in the workstation's time zone. */
export function shownTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A stored value as a cell shows it. */
export function shownValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

export const fieldLabel = (fields: readonly CollectField[], key: string) => fields.find((f) => f.key === key)?.label ?? key;
