import type { Database } from 'better-sqlite3';
import type { FieldType, LedgerField } from '../../../shared/domain/ledger';

/**
 * One partial expression index per sortable field (see migration 003 for the measurements).
 * SQL is built from integers and field keys only; keys are checked against KEY_PATTERN when
 * a field is created, so nothing typed by a user reaches DDL.
 */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Long text and multiple choice are not sorted by often enough to pay for an index. */
const UNINDEXED: readonly FieldType[] = ['longText', 'multiChoice', 'people'];

export function valueExpr(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid field key ${key}`);
  return `json_extract(data, '$.${key}')`;
}

export const indexName = (f: Pick<LedgerField, 'categoryId' | 'id'>) => `lr_c${Math.trunc(f.categoryId)}_f${Math.trunc(f.id)}`;

export const hasFieldIndex = (type: FieldType): boolean => !UNINDEXED.includes(type);

export function createFieldIndex(db: Database, f: Pick<LedgerField, 'categoryId' | 'id' | 'key' | 'type'>): void {
  if (UNINDEXED.includes(f.type)) return;
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${indexName(f)} ON ledger_records(${valueExpr(f.key)}, id) WHERE category_id = ${Math.trunc(f.categoryId)} AND deleted_at IS NULL`,
  );
}

export function dropFieldIndex(db: Database, f: Pick<LedgerField, 'categoryId' | 'id'>): void {
  db.exec(`DROP INDEX IF EXISTS ${indexName(f)}`);
}
