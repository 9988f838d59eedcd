import { CHOICE_PALETTE } from '../../../../shared/contract/ledger';
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

/** Choice colours: the palette the field dialog offers (kept clear of the supervision colours). */
export const PALETTE: readonly string[] = CHOICE_PALETTE;

export const OPEN = '#64748b';
export const WORKING = '#6d28d9';
export const CLOSED = '#15803d';

export function choicesOf(list: readonly (string | Choice)[] | undefined): Choice[] {
  return (list ?? []).map((c, i) => (typeof c === 'string' ? { value: c, color: PALETTE[i % PALETTE.length]! } : c));
}
