import type { Database } from 'better-sqlite3';
import type { Clock } from './clock';

/** What every service is built over: the open database, who is working, and the clock. */
export interface BackendContext {
  db: Database;
  dbPath: string;
  /** the workstation's OS user name, written into the audit log */
  actor: string;
  clock: Clock;
}
