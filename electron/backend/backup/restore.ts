import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ErrorCode, fail } from '../errors';
import { backupDatabase, stamp } from './backup-files';
import { verifyDatabaseFile } from './verify-file';
import { attachmentsDirFor, mirrorAttachments } from '../attachments/attachment-files';

export interface RestoreResult {
  restored: string;
  backupOfPrevious: string;
}

/**
 * Replaces the data file with a backup. ⚠ Destructive: the order below is what makes it safe.
 * 1. the chosen file is verified (LedgerDesk, schema, integrity) before anything changes;
 * 2. the current file is backed up through the online backup API;
 * 3. the caller closes the current database (`closeCurrent`);
 * 4. the backup is copied beside the target and renamed over it (atomic on one volume),
 *    and the old WAL/SHM files, which belong to the replaced database, are removed;
 * 5. attached files kept beside the backup (its `attachments/` folder) that the data file's
 *    own folder lacks are copied back; none is ever removed.
 */
export async function restoreFromBackup(opts: {
  dbPath: string;
  from: string;
  current: Database;
  backupDir: string;
  closeCurrent: () => void;
  nativeBinding?: string;
}): Promise<RestoreResult> {
  const from = path.resolve(opts.from);
  const dbPath = path.resolve(opts.dbPath);
  if (from === dbPath) fail(ErrorCode.validation, '所选文件就是正在使用的数据文件');
  verifyDatabaseFile(from, opts.nativeBinding);
  const backupOfPrevious = await backupDatabase(opts.current, path.join(opts.backupDir, `before-restore-${stamp(new Date())}.db`));
  opts.closeCurrent();
  const incoming = `${dbPath}.restoring`;
  fs.copyFileSync(from, incoming);
  fs.rmSync(`${dbPath}-wal`, { force: true });
  fs.rmSync(`${dbPath}-shm`, { force: true });
  fs.renameSync(incoming, dbPath);
  mirrorAttachments(attachmentsDirFor(from), attachmentsDirFor(dbPath));
  return { restored: from, backupOfPrevious };
}
