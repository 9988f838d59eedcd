import type { Database } from 'better-sqlite3';
import type { LedgerField } from '../../../shared/domain/ledger';
import type { LedgerCursor, LedgerFilter, LedgerSort } from '../../../shared/contract/ledger';
import { ErrorCode, fail } from '../errors';
import { checkValue, type Refs } from './field-values';
import { hasFieldIndex, indexName, valueExpr } from './field-indexes';
import { RECORD_COLUMNS, toRecord, type DbRecord } from './ledger-rows';
import { searchSource } from './search-grams';

export interface RowsQuery {
  categoryId: number;
  startRow: number;
  endRow: number;
  sort: LedgerSort[];
  filters: LedgerFilter[];
  search: string;
  deleted: boolean;
  after?: LedgerCursor;
}

const SYSTEM: Record<string, string> = { _id: 'id', _createdAt: 'created_at', _updatedAt: 'updated_at', _deletedAt: 'deleted_at' };
// a block of the grid is 100 rows; a copy or paste of a large range reads 10,000 at a time
const MAX_PAGE = 10_000;

/**
 * A page of records with sort, filter and search done in SQL. The category id is inlined as
 * an integer literal (never a parameter) so the planner can use the per-field partial
 * indexes, which are declared `WHERE category_id = <id> AND deleted_at IS NULL`.
 */
export function queryRows(db: Database, fields: readonly LedgerField[], q: RowsQuery, refs: Refs) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const where = [`category_id = ${Math.trunc(q.categoryId)}`, q.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const args: unknown[] = [];
  const fieldOf = (key: string) => byKey.get(key) ?? fail(ErrorCode.validation, `本台账没有字段“${key}”`);

  /** A filter value as stored: a unit or person typed by name becomes its id. */
  const stored = (f: LedgerField, v: unknown): unknown => {
    if (typeof v === 'number' && (f.type === 'person' || f.type === 'people' || f.type === 'unit')) return v;
    // a list field is filtered by one of its items
    const r = checkValue(f.type === 'multiChoice' ? { ...f, type: 'singleChoice' } : f.type === 'people' ? { ...f, type: 'person' } : f, v, refs);
    if (!r.ok || r.value === null) return undefined;
    return typeof r.value === 'boolean' ? (r.value ? 1 : 0) : r.value;
  };

  for (const flt of q.filters) {
    const f = fieldOf(flt.field);
    const expr = valueExpr(f.key);
    const multi = f.type === 'multiChoice' || f.type === 'people';
    switch (flt.op) {
      case 'equals':
      case 'in': {
        const list = (flt.op === 'equals' ? [flt.value] : flt.values).map((v) => stored(f, v)).filter((v) => v !== undefined);
        if (list.length === 0) {
          where.push('0'); // nothing the field can hold matches
          break;
        }
        const marks = list.map(() => '?').join(', ');
        where.push(multi ? `EXISTS (SELECT 1 FROM json_each(data, '$.${f.key}') WHERE value IN (${marks}))` : `${expr} IN (${marks})`);
        args.push(...list);
        break;
      }
      case 'contains': {
        const needle = flt.value.trim().toLowerCase();
        if (!needle) break;
        if (f.type === 'unit') where.push(`${expr} IN (SELECT id FROM units WHERE instr(lower(name), ?) > 0)`);
        else if (f.type === 'people') where.push(`EXISTS (SELECT 1 FROM json_each(data, '$.${f.key}') j JOIN people p ON p.id = j.value WHERE instr(lower(p.name), ?) > 0 OR instr(lower(coalesce(p.badge, '')), ?) > 0)`);
        else if (f.type === 'person') where.push(`${expr} IN (SELECT id FROM people WHERE instr(lower(name), ?) > 0 OR instr(lower(coalesce(badge, '')), ?) > 0)`);
        else where.push(`instr(lower(CAST(${expr} AS TEXT)), ?) > 0`);
        args.push(needle);
        if (f.type === 'person' || f.type === 'people') args.push(needle);
        break;
      }
      case 'between': {
        const from = flt.from === null || flt.from === '' ? undefined : stored(f, flt.from);
        const to = flt.to === null || flt.to === '' ? undefined : stored(f, flt.to);
        if (from !== undefined) {
          where.push(`${expr} >= ?`);
          args.push(from);
        }
        if (to !== undefined) {
          where.push(`${expr} <= ?`);
          args.push(to);
        }
        break;
      }
      case 'empty':
        where.push(multi ? `coalesce(json_array_length(data, '$.${f.key}'), 0) = 0` : `${expr} IS NULL`);
        break;
      case 'notEmpty':
        where.push(multi ? `json_array_length(data, '$.${f.key}') > 0` : `${expr} IS NOT NULL`);
        break;
    }
  }

  const source = q.search.trim() ? searchSource(q.search) : null;
  if (source) {
    where.push(`id IN (${source.sql})`);
    args.push(source.match);
  }

  // ORDER BY: the given sorts, then id in the first sort's direction (matches the (value, id) indexes)
  const sorts = q.sort.length ? q.sort : [{ field: q.deleted ? '_deletedAt' : '_id', dir: q.deleted ? 'desc' : 'asc' } as LedgerSort];
  const exprs = sorts.map((s) => ({ expr: SYSTEM[s.field] ?? valueExpr(fieldOf(s.field).key), dir: s.dir === 'desc' ? 'DESC' : 'ASC' }));
  const tieDir = exprs[0]!.dir;
  const order = [...exprs.filter((e) => e.expr !== 'id').map((e) => `${e.expr} ${e.dir}`), `id ${exprs.find((e) => e.expr === 'id')?.dir ?? tieDir}`].join(', ');

  const whereSql = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM ledger_records WHERE ${whereSql}`).pluck().get(...args) as number;

  const limit = Math.max(0, Math.min(MAX_PAGE, q.endRow - q.startRow));
  // keyset: reading on from the previous block's last row costs the same at row 190,000 as at row 0
  const keyset = q.after && exprs.length === 1 ? keysetCondition(exprs[0]!.expr, exprs[0]!.dir === 'DESC', q.after) : null;
  const pageWhere = keyset ? `${whereSql} AND ${keyset.sql}` : whereSql;
  const pageArgs = keyset ? [...args, ...keyset.args] : args;
  // With nothing narrowing the rows, walking the sort field's index beats any other plan, but
  // the planner (seeing the category index) would sort all rows of the category: tell it.
  const first = byKey.get(sorts[0]!.field);
  const hint = first && hasFieldIndex(first.type) && !q.deleted && q.filters.length === 0 && !source ? ` INDEXED BY ${indexName(first)}` : '';
  const rows = (db.prepare(`SELECT ${RECORD_COLUMNS} FROM ledger_records${hint} WHERE ${pageWhere} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...pageArgs, limit, keyset ? 0 : q.startRow) as DbRecord[]).map(toRecord);

  const last = rows[rows.length - 1];
  const sortKey = sorts[0]!.field;
  const cursor: LedgerCursor | null = last
    ? { id: last.id, value: SYSTEM[sortKey] ? (sortKey === '_id' ? last.id : ((sortKey === '_createdAt' ? last.createdAt : sortKey === '_updatedAt' ? last.updatedAt : last.deletedAt) ?? null)) : cursorValue(last.values[sortKey]) }
    : null;
  return { rows, total, cursor };
}

function cursorValue(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
}

/** Rows after (value, id) in ORDER BY expr, id — SQLite sorts NULL first ascending. */
function keysetCondition(expr: string, desc: boolean, after: LedgerCursor): { sql: string; args: unknown[] } {
  if (expr === 'id') return { sql: desc ? 'id < ?' : 'id > ?', args: [after.id] };
  const cmp = desc ? '<' : '>';
  if (after.value === null) {
    return desc ? { sql: `(${expr} IS NULL AND id < ?)`, args: [after.id] } : { sql: `((${expr} IS NULL AND id > ?) OR ${expr} IS NOT NULL)`, args: [after.id] };
  }
  const nulls = desc ? ` OR ${expr} IS NULL` : '';
  return { sql: `(${expr} ${cmp} ? OR (${expr} = ? AND id ${cmp} ?)${nulls})`, args: [after.value, after.value, after.id] };
}
