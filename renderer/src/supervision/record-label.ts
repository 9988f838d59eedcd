import type { LedgerCategory, LedgerRecord } from '../../../shared/domain/ledger';

const MAX = 40;

/**
 * What a clerk calls a ledger record: its first filled text — the opinion, the topic, the
 * matter — never its internal number. Cut at 40 characters with an ellipsis.
 */
export function recordLabel(category: Pick<LedgerCategory, 'fields'>, values: LedgerRecord['values']): string {
  for (const f of category.fields) {
    if (f.type !== 'text' && f.type !== 'longText') continue;
    const v = values[f.key];
    if (typeof v !== 'string' || v.trim() === '') continue;
    const line = v.trim().split('\n')[0]!;
    return [...line].length > MAX ? `${[...line].slice(0, MAX).join('')}…` : line;
  }
  return '（无标题的记录）';
}
