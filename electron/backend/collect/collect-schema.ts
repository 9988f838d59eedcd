import { createHash, randomBytes } from 'node:crypto';
import type { CollectField } from '../../../shared/contract/collect';
import type { FieldValue, LedgerCategory, LedgerField } from '../../../shared/domain/ledger';
import type { ExportColumn } from '../export';
import type { ImportTarget } from '../import';
import { ledgerImportTarget } from '../ledger/import-target';
import type { Refs } from '../ledger/field-values';

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/** A collection's code (in every file of it) and a unit's code within it: 表号 = "<collection>-<unit>". */
export const COLLECTION_CODE_LENGTH = 10;
export const UNIT_CODE_LENGTH = 4;
export const CODE_CHARS = '[0-9A-HJKMNP-TV-Z]';

/** The fields a collection asks for: what a category has now, frozen into the collection. */
export function collectFields(cat: LedgerCategory): CollectField[] {
  return cat.fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    choices: f.choices.map((c) => ({ value: c.value, color: c.color, ...(c.closed ? { closed: true } : {}), ...(c.aliases?.length ? { aliases: c.aliases } : {}) })),
    synonyms: f.synonyms,
  }));
}

/**
 * What must match for a return to be read against the collection's fields: keys, labels,
 * types, required flags and choice values, in order. Colours and synonyms do not matter.
 */
export function schemaHash(fields: readonly CollectField[]): string {
  const shape = fields.map((f) => [f.key, f.label, f.type, f.required, f.choices.map((c) => c.value)]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** The collected fields as ledger fields (for the ledger's own rules and exporters). */
export function asLedgerFields(fields: readonly CollectField[]): LedgerField[] {
  return fields.map((f, i) => ({ ...f, id: 0, categoryId: 0, defaultValue: null, hidden: false, order: i }));
}

const MAX_NAME = 100;

/**
 * A returned file is read as a normal ledger import of the collected fields, with one
 * difference: people and units are kept as the names written. They are the unit's own
 * people and departments, which our roster and organisation need not know.
 */
export function returnTarget(uid: string, title: string, fields: readonly CollectField[], refs: Refs): ImportTarget {
  const cat: LedgerCategory = {
    id: 0, name: title, group: '自定义', order: 0, archived: false, templateKey: null, sensitive: false, records: 0, deleted: 0,
    fields: asLedgerFields(fields),
  };
  const base = ledgerImportTarget(cat, refs);
  return {
    ...base,
    key: `collect:${uid}`,
    fields: base.fields.map((f, i) => {
      const type = fields[i]!.type;
      if (type !== 'person' && type !== 'people' && type !== 'unit') return f;
      // a 人员名单 is a list of names (参加人员 of a session): as long as a long text may be
      const max = type === 'people' ? MAX_PEOPLE_TEXT : MAX_NAME;
      return {
        ...f,
        kind: 'text' as const,
        checkValue: (v: unknown) => {
          const s = String(v ?? '').trim();
          if (s.length > max) return { ok: false as const, reason: `${f.label}：过长（最多${max}个字）` };
          return { ok: true as const, value: s === '' ? null : s };
        },
      };
    }),
  };
}

const KIND: Partial<Record<CollectField['type'], ExportColumn['kind']>> = { date: 'date', number: 'number', longText: 'longText' };
const CENTRED = new Set<CollectField['type']>(['status', 'singleChoice', 'boolean', 'person']);
/** the names of a 人员名单 as one text, e.g. 张伟、李娜、… (a session of a few hundred people) */
const MAX_PEOPLE_TEXT = 20_000;

/** The collected fields as the export form's columns. */
export function exportColumns(fields: readonly CollectField[]): ExportColumn[] {
  return fields.map((f) => ({ key: f.key, label: f.label, kind: KIND[f.type] ?? 'text', ...(CENTRED.has(f.type) ? { align: 'center' as const } : {}) }));
}

/** A stored value as a cell shows it: lists joined with 、, 是/否. */
export function shownValue(v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v;
  return String(v);
}

/** A row's values in field order as one string: equal rows, equal keys. */
export function rowKey(fields: readonly CollectField[], values: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(fields.map((f) => values[f.key] ?? null));
}

export type StoredValues = Record<string, FieldValue>;
