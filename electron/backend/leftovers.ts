import path from 'node:path';
import { backupDirFor } from './backup/recover';
import { attachmentsDirFor } from './attachments/attachment-files';
import { UnfinishedJournal, cleanFolder, useJournal } from './unfinished-files';

/** The folders searched for leftovers by name at every opening of the data file. */
const scannedFolders = (dbPath: string) => [path.dirname(path.resolve(dbPath)), backupDirFor(dbPath), path.join(backupDirFor(dbPath), 'attachments'), attachmentsDirFor(dbPath)];

/** The journal of unfinished files written outside those folders, kept in the data file's backup folder. */
export const journalFor = (dbPath: string) => new UnfinishedJournal(path.join(backupDirFor(dbPath), '.unfinished'), scannedFolders(dbPath));

/**
 * On opening a data file (the program's start, or switching files): removes what writes
 * killed midway left behind — a re-encryption's or a restore's copy beside the file, a backup's
 * in its backup folder, an attachment being copied, and exports and backups written elsewhere
 * (named in the journal) — and makes this file's journal the one new unfinished files go into.
 * Files of a program still running (the command line beside the desktop app) are left alone.
 */
export function cleanLeftovers(dbPath: string): number {
  const journal = journalFor(dbPath);
  const removed = journal.clean() + scannedFolders(dbPath).reduce((n, dir) => n + cleanFolder(dir), 0);
  useJournal(journal);
  return removed;
}
