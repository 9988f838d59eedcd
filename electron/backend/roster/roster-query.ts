import type { Database } from 'better-sqlite3';
import { PERSON_FIELDS, type Person, type PersonField } from '../../../shared/domain/roster';
import type { RosterFilter, RosterView } from '../../../shared/contract/roster';
import { PERSON_COLUMNS, SELECT_PEOPLE } from './person-row';

const MAX_PAGE = 10_000;

/** The SQL a roster field is sorted, filtered and searched by: a unit by its name. */
const expr = (f: PersonField) => (f === 'unitId' ? 'u.name' : `p.${PERSON_COLUMNS[f]}`);

/** Every field's text in one string, for the quick search (as AG Grid's quick filter read the shown cells). */
const SEARCHED = `lower(${PERSON_FIELDS.map((f) => `coalesce(${expr(f)}, '')`).join(" || ' ' || ")})`;

function whereOf(view: RosterView): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const f of view.filters) where.push(filterSql(f, args));
  // every word of the search must appear somewhere in the person's fields
  for (const word of view.search.trim().toLowerCase().split(/[\s\u3000]+/).filter(Boolean)) {
    where.push(`instr(${SEARCHED}, ?) > 0`);
    args.push(word);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

function filterSql(f: RosterFilter, args: unknown[]): string {
  const e = expr(f.field);
  switch (f.op) {
    case 'contains':
      args.push(f.value.trim().toLowerCase());
      return `instr(lower(coalesce(${e}, '')), ?) > 0`;
    case 'equals':
      args.push(f.value.trim());
      return `${e} = ?`;
    case 'in':
      if (f.values.length === 0) return '0';
      args.push(...f.values);
      return `${e} IN (${f.values.map(() => '?').join(', ')})`;
    case 'empty':
      return `coalesce(${e}, '') = ''`;
    case 'notEmpty':
      return `coalesce(${e}, '') <> ''`;
  }
}

/** ORDER BY of a view: its sorts, then the id (the order people were added in) as the tie-break. */
function orderOf(view: RosterView): string {
  const parts = view.sort.map((s) => `${expr(s.field)} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`);
  return [...parts, 'p.id ASC'].join(', ');
}

/**
 * One page of the roster with sort, filter and search done in SQLite (the grid's infinite row
 * model asks block by block), so a roster of 100,000 opens as fast as a ledger.
 */
export function queryPeople(db: Database, q: RosterView & { startRow: number; endRow: number }): { rows: Person[]; total: number } {
  const w = whereOf(q);
  const total = db.prepare(`SELECT count(*) FROM people p LEFT JOIN units u ON u.id = p.unit_id ${w.sql}`).pluck().get(...w.args) as number;
  const limit = Math.max(0, Math.min(MAX_PAGE, q.endRow - q.startRow));
  const rows = db.prepare(`${SELECT_PEOPLE} ${w.sql} ORDER BY ${orderOf(q)} LIMIT ? OFFSET ?`).all(...w.args, limit, q.startRow) as Person[];
  return { rows, total };
}

/** Where a person stands in a view (0-based), or null when the view leaves them out. */
export function personIndex(db: Database, id: number, view: RosterView): number | null {
  const w = whereOf(view);
  const r = db
    .prepare(`SELECT n FROM (SELECT p.id, row_number() OVER (ORDER BY ${orderOf(view)}) - 1 AS n FROM people p LEFT JOIN units u ON u.id = p.unit_id ${w.sql}) WHERE id = ?`)
    .pluck()
    .get(...w.args, id) as number | undefined;
  return r ?? null;
}

/** The ids of a whole view in its order (an export of what the grid shows). */
export function viewIds(db: Database, view: RosterView): number[] {
  const w = whereOf(view);
  return db.prepare(`SELECT p.id FROM people p LEFT JOIN units u ON u.id = p.unit_id ${w.sql} ORDER BY ${orderOf(view)}`).pluck().all(...w.args) as number[];
}
