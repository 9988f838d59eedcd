import type { CollectField, ReceiveRow, ReceiveRowClass } from '../../../shared/contract/collect';
import { rowKey } from './collect-schema';

export interface SheetRow {
  row: number;
  values: Record<string, unknown>;
}

/**
 * What a unit's new file does to the rows it sent before. Rows have no key of their own, so:
 * a row equal to an earlier one is unchanged (each earlier row matched once); of the rest, a
 * row whose first required text field (the matter, the opinion, the topic…) equals an earlier
 * row's is that row changed, field by field; what remains is new, or removed.
 */
export function diffRows(fields: readonly CollectField[], before: readonly SheetRow[], after: readonly SheetRow[]): ReceiveRow[] {
  const out: ReceiveRow[] = [];
  const waiting = new Map<string, SheetRow[]>();
  for (const r of before) {
    const k = rowKey(fields, r.values);
    const list = waiting.get(k);
    if (list) list.push(r);
    else waiting.set(k, [r]);
  }
  const rest: SheetRow[] = [];
  for (const r of after) {
    const list = waiting.get(rowKey(fields, r.values));
    if (list?.length) {
      list.shift();
      out.push({ class: 'unchanged', row: r.row, values: r.values });
    } else rest.push(r);
  }
  const left = [...waiting.values()].flat();
  const keyField = fields.find((f) => f.required && (f.type === 'text' || f.type === 'longText')) ?? fields.find((f) => f.type === 'text' || f.type === 'longText');
  const byKey = new Map<string, SheetRow[]>();
  if (keyField) {
    for (const r of left) {
      const k = JSON.stringify(r.values[keyField.key] ?? null);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
  }
  const paired = new Set<SheetRow>();
  for (const r of rest) {
    const k = keyField ? JSON.stringify(r.values[keyField.key] ?? null) : null;
    const old = k !== null && k !== 'null' ? byKey.get(k)?.shift() : undefined;
    if (!old) {
      out.push({ class: 'new', row: r.row, values: r.values });
      continue;
    }
    paired.add(old);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of fields) {
      const a = old.values[f.key] ?? null;
      const b = r.values[f.key] ?? null;
      if (JSON.stringify(a) !== JSON.stringify(b)) changes[f.key] = [a, b];
    }
    out.push({ class: 'changed', row: r.row, values: r.values, changes });
  }
  for (const r of left) if (!paired.has(r)) out.push({ class: 'removed', row: null, values: r.values });
  return out;
}

export function countClasses(rows: readonly ReceiveRow[], refused: number): Record<ReceiveRowClass, number> {
  const counts: Record<ReceiveRowClass, number> = { new: 0, changed: 0, unchanged: 0, removed: 0, refused };
  for (const r of rows) counts[r.class]++;
  return counts;
}
