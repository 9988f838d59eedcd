import type { Database, Statement } from 'better-sqlite3';
import type { FieldValue, LedgerField } from '../../../shared/domain/ledger';
import { displayValue, type Refs } from './field-values';
import { gramsOf } from './search-grams';
import { valueExpr } from './field-indexes';

/**
 * Keeps `ledger_search` (bigram tokens per record, rowid = record id) in step with the
 * records. Callers write it in the same transaction as the record, so the index never
 * answers with a record that says something else. Records in the recycle bin stay indexed
 * (restoring needs no rework); queries exclude them.
 */
export class SearchIndex {
  private readonly del: Statement;
  private readonly ins: Statement;

  constructor(private readonly db: Database) {
    this.del = db.prepare('DELETE FROM ledger_search WHERE rowid = ?');
    this.ins = db.prepare('INSERT INTO ledger_search (rowid, grams) VALUES (?, ?)');
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
    }
    return out;
  }

  write(recordId: number, fields: readonly LedgerField[], values: Record<string, FieldValue>, refs: Refs, fresh = false): void {
    if (!fresh) this.del.run(recordId);
    const grams = gramsOf(SearchIndex.texts(fields, values, refs));
    if (grams) this.ins.run(recordId, grams);
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
  }
}
