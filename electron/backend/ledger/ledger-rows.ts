import type { Database } from 'better-sqlite3';
import type { CategoryGroup, Choice, FieldType, FieldValue, LedgerCategory, LedgerField, LedgerRecord } from '../../../shared/domain/ledger';

/** Database rows of the ledger tables and their conversion to domain objects, in one place. */
export interface DbField {
  id: number;
  category_id: number;
  key: string;
  label: string;
  type: FieldType;
  choices_json: string;
  required: 0 | 1;
  default_json: string | null;
  hidden: 0 | 1;
  sort_order: number;
  synonyms_json: string;
}

export interface DbCategory {
  id: number;
  name: string;
  grp: CategoryGroup;
  sort_order: number;
  archived: 0 | 1;
  template_key: string | null;
  sensitive: 0 | 1;
  records: number;
  deleted: number;
}

export interface DbRecord {
  id: number;
  category_id: number;
  data: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const SELECT_CATEGORIES = `
  SELECT c.id, c.name, c.grp, c.sort_order, c.archived, c.template_key, c.sensitive,
         (SELECT count(*) FROM ledger_records r WHERE r.category_id = c.id AND r.deleted_at IS NULL) AS records,
         (SELECT count(*) FROM ledger_records r WHERE r.category_id = c.id AND r.deleted_at IS NOT NULL) AS deleted
  FROM ledger_categories c`;

export const RECORD_COLUMNS = 'id, category_id, data, created_at, updated_at, deleted_at';

/** A category's fields in the office's order. */
export function categoryFields(db: Database, categoryId: number): LedgerField[] {
  return (db.prepare('SELECT * FROM ledger_fields WHERE category_id = ? ORDER BY sort_order, id').all(categoryId) as DbField[]).map(toField);
}

export function toField(r: DbField): LedgerField {
  return {
    id: r.id,
    categoryId: r.category_id,
    key: r.key,
    label: r.label,
    type: r.type,
    choices: JSON.parse(r.choices_json) as Choice[],
    required: r.required === 1,
    defaultValue: r.default_json === null ? null : (JSON.parse(r.default_json) as FieldValue),
    hidden: r.hidden === 1,
    order: r.sort_order,
    synonyms: JSON.parse(r.synonyms_json) as string[],
  };
}

export function toCategory(r: DbCategory, fields: LedgerField[]): LedgerCategory {
  return {
    id: r.id,
    name: r.name,
    group: r.grp,
    order: r.sort_order,
    archived: r.archived === 1,
    templateKey: r.template_key,
    sensitive: r.sensitive === 1,
    records: r.records,
    deleted: r.deleted,
    fields,
  };
}

export function toRecord(r: DbRecord): LedgerRecord {
  return {
    id: r.id,
    categoryId: r.category_id,
    values: JSON.parse(r.data) as Record<string, FieldValue>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}
