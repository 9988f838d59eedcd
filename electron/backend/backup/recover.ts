import fs from 'node:fs';
import path from 'node:path';
import { listBackups, stamp } from './backup-files';
import { verifyDatabaseFile } from './verify-file';
import { fileKind } from '../db/cipher';
import { unfinishedPathFor } from '../unfinished-files';
import { attachmentsDirFor, mirrorAttachments } from '../attachments/attachment-files';

/** The backup folder of a data file, the same one BackupService writes to. */
export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups', path.parse(dbPath).name);
}

/**
 * The newest backup that passes verification, or null. `encryptedOnly`: for an encrypted data
 * file, only backups encrypted with its password (a plain one, made before the password, would
 * put an unprotected file in its place).
 */
export function newestGoodBackup(dbPath: string, nativeBinding?: string, password?: string | null, encryptedOnly = false): string | null {
  for (const b of listBackups(backupDirFor(dbPath))) {
    if (encryptedOnly && fileKind(b.file) !== 'encrypted') continue;
    try {
      verifyDatabaseFile(b.file, nativeBinding, password);
      return b.file;
    } catch {
      // damaged or foreign: try the next older one
    }
  }
  return null;
}

/**
 * For a data file that cannot be opened: the damaged file is kept (renamed, never deleted)
 * and the newest good backup takes its place.
 */
export function recoverFromNewestBackup(dbPath: string, nativeBinding?: string, password?: string | null, encryptedOnly = false): { restored: string; damagedKeptAs: string } | null {
  const good = newestGoodBackup(dbPath, nativeBinding, password, encryptedOnly);
  if (!good) return null;
  const damagedKeptAs = `${dbPath}.damaged-${stamp(new Date())}`;
  fs.renameSync(dbPath, damagedKeptAs);
  for (const ext of ['-wal', '-shm']) if (fs.existsSync(dbPath + ext)) fs.renameSync(dbPath + ext, damagedKeptAs + ext);
  const incoming = unfinishedPathFor(dbPath);
  fs.copyFileSync(good, incoming);
  fs.renameSync(incoming, dbPath);
  mirrorAttachments(attachmentsDirFor(good), attachmentsDirFor(dbPath));
  return { restored: good, damagedKeptAs };
}
