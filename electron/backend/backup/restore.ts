import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ErrorCode, fail } from '../errors';
import { backupDatabase, stamp } from './backup-files';
import { verifyDatabaseFile } from './verify-file';
import { attachmentsDirFor, mirrorAttachments } from '../attachments/attachment-files';
import { applyKey, changeKey, fileKind } from '../db/cipher';
import { unfinishedPathFor } from '../unfinished-files';
import { HASH_KEY, RECOVERY_KEY, lockSettings } from '../lock/lock-service';

export interface RestoreResult {
  restored: string;
  backupOfPrevious: string;
}

/**
 * The restored file keeps the protection the data file has now: encrypted with the current
 * password (or plain when none is set), with the current lock settings — whatever the backup
 * had (a backup from before the password was set, or from before it was changed).
 */
function adoptCurrentProtection(incoming: string, backupPassword: string | null, current: { password: string | null; lockRows: Record<string, string | null> }, nativeBinding?: string): void {
  const db = new BetterSqlite3(incoming, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (backupPassword !== null) applyKey(db, backupPassword);
    db.pragma('journal_mode = DELETE'); // a key can only change outside WAL mode
    db.transaction(() => {
      for (const [key, value] of Object.entries(current.lockRows)) lockSettings.put(db, key, value);
    })();
    if (backupPassword !== current.password) changeKey(db, current.password);
  } finally {
    db.close();
  }
}

/**
 * Replaces the data file with a backup. ⚠ Destructive: the order below is what makes it safe.
 * 1. the chosen file is verified (LedgerDesk, schema, integrity; an encrypted one with the
 *    current password, or the one given for it) before anything changes;
 * 2. the current file is backed up (the online backup API, or VACUUM INTO when encrypted);
 * 3. the backup is copied beside the target under an unfinished name, and given the current
 *    protection (adoptCurrentProtection);
 * 4. the caller closes the current database (`closeCurrent`);
 * 5. the copy is renamed over the target (atomic on one volume), and the old WAL/SHM files,
 *    which belong to the replaced database, are removed;
 * 6. attached files kept beside the backup (its `attachments/` folder) that the data file's
 *    own folder lacks are copied back; none is ever removed.
 */
export async function restoreFromBackup(opts: {
  dbPath: string;
  from: string;
  current: Database;
  backupDir: string;
  closeCurrent: () => void;
  nativeBinding?: string;
  /** the data file's password now (null: not encrypted) */
  password?: string | null;
  /** the password of an encrypted backup, when it is not the current one */
  backupPassword?: string;
}): Promise<RestoreResult> {
  const from = path.resolve(opts.from);
  const dbPath = path.resolve(opts.dbPath);
  const password = opts.password ?? null;
  if (from === dbPath) fail(ErrorCode.validation, '所选文件就是正在使用的数据文件');
  const backupPassword = fileKind(from) === 'encrypted' ? (opts.backupPassword ?? password) : null;
  verifyDatabaseFile(from, opts.nativeBinding, backupPassword);
  const lockRows = Object.fromEntries([HASH_KEY, RECOVERY_KEY].map((k) => [k, lockSettings.get(opts.current, k)]));
  const backupOfPrevious = await backupDatabase(opts.current, path.join(opts.backupDir, `before-restore-${stamp(new Date())}.db`));
  const incoming = unfinishedPathFor(dbPath);
  try {
    fs.copyFileSync(from, incoming);
    adoptCurrentProtection(incoming, backupPassword, { password, lockRows }, opts.nativeBinding);
    opts.closeCurrent();
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    fs.renameSync(incoming, dbPath);
  } catch (err) {
    fs.rmSync(incoming, { force: true });
    throw err;
  }
  mirrorAttachments(attachmentsDirFor(from), attachmentsDirFor(dbPath));
  return { restored: from, backupOfPrevious };
}
