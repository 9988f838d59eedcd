import { z } from 'zod';
import { returns } from './define';

export interface BackupFile {
  file: string;
  kind: 'daily' | 'weekly' | 'other';
  size: number;
  modified: string;
}

export interface BackupStatus {
  dir: string;
  extraDir: string | null;
  keepDaily: number;
  keepWeekly: number;
  backups: BackupFile[];
}

const filePath = z.string().trim().min(1, '请选择文件').max(1000);
/** an encrypted backup's password, when it is not the data file's current one (changed since) */
const backupPassword = z.string().max(128).optional();

export const backupContract = {
  'backup.status': returns<BackupStatus>()(z.object({})),
  /** A second folder (e.g. a USB drive) that receives the automatic copies too; null removes it. */
  'backup.setExtraDir': returns<BackupStatus>()(z.object({ dir: filePath.nullable() })),
  /** Backs up now, to `path` or a timestamped file in the backup folder. */
  'backup.now': returns<{ out: string }>()(z.object({ path: filePath.optional() })),
  /** Checks a file before restoring from it. */
  'backup.verify': returns<{ file: string; schemaVersion: number; people: number }>()(z.object({ path: filePath, password: backupPassword })),
  /** Replaces the data file with a backup (the current file is backed up first) and reopens. */
  'backup.restore': returns<{ restored: string; backupOfPrevious: string }>()(z.object({ path: filePath, password: backupPassword })),
};
