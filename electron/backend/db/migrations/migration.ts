import type { Database } from 'better-sqlite3';

/** A numbered schema change. Each runs in one transaction that also bumps user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Data the new tables need that SQL alone cannot compute (e.g. a search index cut from the
   * records by the program's own rules); runs after `sql`, in the same transaction.
   */
  fill?: (db: Database) => void;
}
