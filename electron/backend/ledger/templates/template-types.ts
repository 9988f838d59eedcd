import type { CategoryGroup, Choice, FieldType, FieldValue } from '../../../../shared/domain/ledger';

/** A built-in template: the category's fields and choices, as plain data. */
export interface TemplateField {
  key: string;
  label: string;
  type: FieldType;
  /** a bare string is a choice with the next palette colour */
  choices?: (string | Choice)[];
  required?: boolean;
  defaultValue?: FieldValue;
  hidden?: boolean;
  synonyms?: string[];
}

export interface LedgerTemplate {
  key: string;
  name: string;
  group: CategoryGroup;
  sensitive?: boolean;
  fields: TemplateField[];
}

/** Chip colours, distinguishable side by side and in print. */
export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];

export const OPEN = '#d97706';
export const WORKING = '#2563eb';
export const CLOSED = '#16a34a';

export function choicesOf(list: readonly (string | Choice)[] | undefined): Choice[] {
  return (list ?? []).map((c, i) => (typeof c === 'string' ? { value: c, color: PALETTE[i % PALETTE.length]! } : c));
}
