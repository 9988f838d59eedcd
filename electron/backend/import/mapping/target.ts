import type { HeaderHints } from '../read/grid';
import { headerKey } from '../shape/header-text';

/**
 * What an import fills: the roster now, each ledger category later. A target lists its
 * fields with the names offices give them, how a cell becomes a value (`kind`), and hooks
 * for the rules only the target knows. Everything here is plain data plus two functions, so
 * a ledger category can build one from its own column definitions at run time.
 */
export type FieldKind =
  /** free text; numbers and dates are written out as text */
  | 'text'
  /** an identifier typed as digits (警号, 电话): never a float, never thousands separators */
  | 'code'
  /** 公民身份号码: text only; a number has lost digits and is refused */
  | 'idNumber'
  /** a calendar day, YYYY-MM-DD */
  | 'date'
  /** a day, or a month when that is all the cell says: YYYY-MM-DD or YYYY-MM */
  | 'month-date'
  /** one of `options` (after `aliases`) */
  | 'enum'
  /** a unit name, matched against the organisation's units */
  | 'unit'
  | 'number';

export type FieldCheck = { ok: true; value: unknown } | { ok: false; reason: string };

export interface ImportField {
  key: string;
  /** the name shown to users and used in reasons, e.g. 公民身份号码 */
  label: string;
  /** other header names meaning this field; normalised when compared (spaces, width, case) */
  synonyms?: readonly string[];
  required?: boolean;
  kind: FieldKind;
  options?: readonly string[];
  /** other spellings of an option: { 男性: '男' } */
  aliases?: Readonly<Record<string, string>>;
  /**
   * After coercion: the target's own normalisation and check; the reason is shown as is.
   * Must be pure — outcomes are remembered per distinct cell value within one import.
   */
  checkValue?: (value: unknown) => FieldCheck;
}

export type RowValues = Record<string, unknown>;

export interface ImportTarget {
  key: string;
  label: string;
  fields: readonly ImportField[];
  /**
   * Keys that identify a record, most reliable first (roster: idNumber, badge). Two rows
   * of one file with the same value are duplicates: the later one is refused.
   */
  identityKeys?: readonly string[];
  /** rules across fields of one row, run once every field passed; names the field to blame */
  checkRow?: (values: RowValues) => { field: string; reason: string } | null;
}

/** The names each field answers to, normalised: what the worker needs to find the data sheet. */
export function headerHintsFor(target: ImportTarget): HeaderHints {
  return {
    fields: target.fields.map((f) => ({
      key: f.key,
      names: [...new Set([f.label, ...(f.synonyms ?? [])].map(headerKey).filter(Boolean))],
    })),
  };
}

export const fieldByKey = (target: ImportTarget, key: string) => target.fields.find((f) => f.key === key);
