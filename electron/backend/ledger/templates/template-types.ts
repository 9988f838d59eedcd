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

/**
 * Chip colours, distinguishable side by side and in print. White, blue, yellow and red are
 * the supervision levels' colours (白 领办, 蓝 催办, 黄 督办, 红 查办): they carry that meaning
 * alone, so no choice is coloured anything like them.
 */
export const PALETTE = ['#0f766e', '#6d28d9', '#15803d', '#475569', '#a21caf', '#7c6f64', '#4d7c0f', '#0e7490'];

export const OPEN = '#64748b';
export const WORKING = '#6d28d9';
export const CLOSED = '#15803d';

export function choicesOf(list: readonly (string | Choice)[] | undefined): Choice[] {
  return (list ?? []).map((c, i) => (typeof c === 'string' ? { value: c, color: PALETTE[i % PALETTE.length]! } : c));
}
