import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { fileKind } from '../db/cipher';
import { trackUnfinished, unfinishedPathFor } from '../unfinished-files';
import { copySealed } from '../lock/recovery-file';

/**
 * Consistent copies through SQLite's online backup API (never a plain copy of a live WAL
 * database, which can catch it mid-checkpoint); of an encrypted file, through VACUUM INTO,
 * which writes one snapshot with the same key (the backup API cannot write an encrypted copy).
 * Written under an unfinished name (~daily-….db.未完成-….tmp), then renamed, so a backup file
 * that exists is always complete; a leftover is removed at the next start. An encrypted copy
 * gets the recovery file beside it (lock/recovery-file.ts).
 */
export async function backupDatabase(db: Database, dest: string): Promise<string> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const partial = unfinishedPathFor(dest);
  const done = trackUnfinished(partial);
  const encrypted = fileKind(db.name) === 'encrypted';
  try {
    if (encrypted) {
      db.prepare('VACUUM INTO ?').run(partial); // the copy is not in WAL mode
    } else {
      await db.backup(partial);
      // A backup should be one self-contained file: switch the copy out of WAL mode, so that
      // merely opening it (to verify or restore) creates no -wal/-shm files beside it.
      db.prepare('ATTACH DATABASE ? AS finished_backup').run(partial);
      try {
        db.pragma('finished_backup.journal_mode = DELETE');
      } finally {
        db.prepare('DETACH DATABASE finished_backup').run();
      }
    }
    fs.renameSync(partial, dest);
    if (encrypted) copySealed(path.dirname(db.name), path.dirname(dest));
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    done();
  }
  return dest;
}

export function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** ISO week (Monday first), e.g. 2026-W47, for the weekly copies. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3); // Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export interface BackupEntry {
  file: string;
  kind: 'daily' | 'weekly' | 'other';
  size: number;
  modified: string;
}

export function listBackups(dir: string): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.db'))
    .map((n) => {
      const st = fs.statSync(path.join(dir, n));
      const kind: BackupEntry['kind'] = n.startsWith('daily-') ? 'daily' : n.startsWith('weekly-') ? 'weekly' : 'other';
      return { file: path.join(dir, n), kind, size: st.size, modified: st.mtime.toISOString() };
    })
    .sort((a, b) => (a.modified < b.modified ? 1 : -1));
}

/** Keeps the newest `keep` files whose names start with `prefix`. Names sort by date. */
export function prune(dir: string, prefix: string, keep: number): void {
  const names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.db')).sort().reverse();
  for (const n of names.slice(keep)) fs.rmSync(path.join(dir, n), { force: true });
}
