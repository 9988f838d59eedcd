import type { FieldType, LedgerCategory } from '../../../shared/domain/ledger';
import type { FieldKind, ImportTarget } from '../import';
import { checkValue, type Refs } from './field-values';

/** How the engine reads a cell before the field's own rule sees it. */
const KIND: Record<FieldType, FieldKind> = {
  text: 'text',
  longText: 'text',
  number: 'number',
  date: 'date',
  singleChoice: 'text',
  multiChoice: 'text',
  person: 'text',
  people: 'text',
  // the engine matches unit names against the organisation and collects unknown ones
  unit: 'unit',
  boolean: 'text',
  status: 'text',
};

/**
 * A ledger category as an import target, built from its fields at run time. Every cell goes
 * through the same rule as typing it in the grid (field-values.ts): choices matched by text
 * or alias, people by 警号, by name, or by "姓名（单位）". Ledger rows have no natural key,
 * so there are no identity keys: every valid row is a new record.
 */
export function ledgerImportTarget(cat: LedgerCategory, refs: Refs): ImportTarget {
  return {
    key: `ledger:${cat.id}`,
    label: cat.name,
    fields: cat.fields.map((f) => ({
      key: f.key,
      label: f.label,
      synonyms: f.synonyms,
      required: f.required,
      kind: KIND[f.type],
      ...(f.type === 'unit'
        ? {}
        : {
            checkValue: (v: unknown) => {
              const r = checkValue(f, v, refs);
              return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, reason: `${f.label}：${r.reason}` };
            },
          }),
    })),
  };
}
