import type { Database } from 'better-sqlite3';

/**
 * Ids for new rows of one table that no row ever had, deleted ones included. SQLite gives a
 * table without AUTOINCREMENT its highest id + 1, so the newest row, once deleted, hands its id
 * to the next one — and with it its audit lines (and a task's log), which would then read as
 * the new row's history. The highest id ever used (by rows and by audit lines) is looked up
 * once and counted on from there; a gap left by a rolled-back insert does no harm.
 */
export class FreshIds {
  private next: number | null = null;

  constructor(
    private readonly db: Database,
    private readonly table: 'people' | 'units' | 'ledger_records' | 'tasks',
    private readonly entity: string,
  ) {}

  /** Runs `insert` with a fresh id; if another writer of the file took it meanwhile, it looks again, once. */
  insert<T>(insert: (id: number) => T): T {
    try {
      return insert(this.take());
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
      this.next = null;
      return insert(this.take());
    }
  }

  private take(): number {
    this.next ??= this.db
      .prepare(`SELECT max(coalesce((SELECT max(id) FROM ${this.table}), 0), coalesce((SELECT max(entity_id) FROM audit_log WHERE entity = ?), 0)) + 1`)
      .pluck()
      .get(this.entity) as number;
    return this.next++;
  }
}
