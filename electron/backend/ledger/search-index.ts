import type { Database, Statement } from 'better-sqlite3';
import type { FieldValue, LedgerField } from '../../../shared/domain/ledger';
import { displayValue, type Refs } from './field-values';
import { gramsOf } from './search-grams';

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

  remove(recordId: number): void {
    this.del.run(recordId);
  }
}
