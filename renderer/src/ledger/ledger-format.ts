import type { FieldValue, LedgerField } from '../../../shared/domain/ledger';
import type { RefsStore } from './ledger-store';

/** A stored value as the office reads it (the grid, the side panel, copy). */
export function shownValue(f: LedgerField, v: FieldValue | null | undefined, refs: RefsStore): string {
  if (v === null || v === undefined) return '';
  switch (f.type) {
    case 'person': {
      const p = refs.people.get(String(v));
      return p ? p.name : `人员#${String(v)}`;
    }
    case 'people':
      return (Array.isArray(v) ? v : [v]).map((id) => refs.people.get(String(id))?.name ?? '（已删除的人员）').join('、');
    case 'unit':
      return refs.units.get(String(v)) ?? `单位#${String(v)}`;
    case 'boolean':
      return v === true ? '是' : '否';
    case 'multiChoice':
      return Array.isArray(v) ? v.join('、') : String(v);
    default:
      return String(v);
  }
}

/**
 * Dates as they are typed in offices: 2021-03-01, 2021.3.1, 2021/3/1, 2021年3月1日, 20210301.
 * Returns 'YYYY-MM-DD', or null when the text is no date (the backend checks again).
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** What the in-cell editor can say before the user presses Enter. */
export function checkTyped(f: LedgerField, text: string): { ok: true } | { ok: false; reason: string } {
  const s = text.trim();
  if (s === '') return f.required ? { ok: false, reason: `“${f.label}”不能为空` } : { ok: true };
  if (f.type === 'number' && !Number.isFinite(Number(s.replace(/,/g, '')))) return { ok: false, reason: `应为数字，这里是“${s}”` };
  if (f.type === 'date' && parseDate(s) === null) return { ok: false, reason: '日期应写成如 2021-03-01、2021.3.1 或 2021年3月1日' };
  return { ok: true };
}
