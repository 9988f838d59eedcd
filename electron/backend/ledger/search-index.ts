import type { Database, Statement } from 'better-sqlite3';
import type { FieldValue, LedgerField } from '../../../shared/domain/ledger';
import { displayValue, type Refs } from './field-values';
import { gramsOf, numberGramsOf } from './search-grams';
import { valueExpr } from './field-indexes';
import { DbRefs } from './refs';
import { categoryFields } from './ledger-rows';

/**
 * Keeps `ledger_search` (bigram tokens per record, rowid = record id) and
 * `ledger_search_numbers` (4-grams of digit runs, migration 006) in step with the records.
 * Callers write them in the same transaction as the record, so the index never answers
 * with a record that says something else. Records in the recycle bin stay indexed
 * (restoring needs no rework); queries exclude them.
 */
export class SearchIndex {
  private readonly del: Statement;
  private readonly ins: Statement;
  private readonly delNumbers: Statement;
  private readonly insNumbers: Statement;

  constructor(private readonly db: Database) {
    this.del = db.prepare('DELETE FROM ledger_search WHERE rowid = ?');
    this.ins = db.prepare('INSERT INTO ledger_search (rowid, grams) VALUES (?, ?)');
    this.delNumbers = db.prepare('DELETE FROM ledger_search_numbers WHERE rowid = ?');
    this.insNumbers = insertNumbers(db);
  }

  /** The texts a record is found by: every value as shown (people and units by name, and a person's 警号). */
  static texts(fields: readonly LedgerField[], values: Record<string, FieldValue>, refs: Refs): string[] {
    const out: string[] = [];
    for (const f of fields) {
      const v = values[f.key];
      if (v === undefined || f.type === 'boolean') continue;
      const shown = displayValue(f.type, v, refs);
      if (shown) out.push(shown);
      if (f.type === 'person' && typeof v === 'number') {
        const badge = refs.person(v)?.badge;
        if (badge) out.push(badge);
      }
      if (f.type === 'people' && Array.isArray(v)) {
        for (const id of v) {
          const badge = typeof id === 'number' ? refs.person(id)?.badge : null;
          if (badge) out.push(badge);
        }
      }
    }
    return out;
  }

  write(recordId: number, fields: readonly LedgerField[], values: Record<string, FieldValue>, refs: Refs, fresh = false): void {
    if (!fresh) {
      this.del.run(recordId);
      this.delNumbers.run(recordId);
    }
    const texts = SearchIndex.texts(fields, values, refs);
    const grams = gramsOf(texts);
    if (grams) this.ins.run(recordId, grams);
    const numbers = numberGramsOf(texts);
    if (numbers) this.insNumbers.run(recordId, numbers);
  }

  /**
   * Rewrites the entries of every record (bin included) that shows `id` in a field of `type`:
   * after a unit or a person is renamed, so the new name finds them and the old one no longer
   * does. Runs in the rename's transaction; `refs` must be made after the rename.
   */
  reindexReferences(type: 'person' | 'unit', id: number, fieldsOf: (categoryId: number) => readonly LedgerField[], refs: Refs): number {
    const holders = this.db.prepare('SELECT category_id AS categoryId, key FROM ledger_fields WHERE type = ?').all(type) as { categoryId: number; key: string }[];
    const done = new Set<number>();
    for (const h of holders) {
      const rows = this.db.prepare(`SELECT id, data FROM ledger_records WHERE category_id = ? AND ${valueExpr(h.key)} = ?`).all(h.categoryId, id) as { id: number; data: string }[];
      if (rows.length === 0) continue;
      const fields = fieldsOf(h.categoryId);
      for (const r of rows) {
        if (done.has(r.id)) continue;
        done.add(r.id);
        this.write(r.id, fields, JSON.parse(r.data) as Record<string, FieldValue>, refs);
      }
    }
    return done.size;
  }

  remove(recordId: number): void {
    this.del.run(recordId);
    this.delNumbers.run(recordId);
  }
}

const insertNumbers = (db: Database) => db.prepare('INSERT INTO ledger_search_numbers (rowid, grams) VALUES (?, ?)');

/**
 * Cuts the number index afresh from every record (bin included), by the same rules as
 * `write`. Migration 006 runs it in its transaction; the caller owns the transaction.
 */
export function rebuildNumberIndex(db: Database): void {
  db.prepare("INSERT INTO ledger_search_numbers (ledger_search_numbers) VALUES ('delete-all')").run();
  const fieldsOf = new Map<number, LedgerField[]>();
  for (const id of db.prepare('SELECT id FROM ledger_categories').pluck().all() as number[]) fieldsOf.set(id, categoryFields(db, id));
  const refs = new DbRefs(db);
  const insert = insertNumbers(db);
  const batch = db.prepare('SELECT id, category_id AS categoryId, data FROM ledger_records WHERE id > ? ORDER BY id LIMIT 5000');
  // in pages, not .iterate(): the connection cannot write while a statement is being read
  for (let last = 0; ; ) {
    const rows = batch.all(last) as { id: number; categoryId: number; data: string }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const numbers = numberGramsOf(SearchIndex.texts(fieldsOf.get(r.categoryId) ?? [], JSON.parse(r.data) as Record<string, FieldValue>, refs));
      if (numbers) insert.run(r.id, numbers);
    }
    last = rows[rows.length - 1]!.id;
  }
}
