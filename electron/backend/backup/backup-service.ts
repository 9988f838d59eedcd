import fs from 'node:fs';
import path from 'node:path';
import { fileProblem } from '../file-errors';
import type { HandlersOf } from '../../../shared/contract/types';
import type { BackupStatus } from '../../../shared/contract/backup';
import type { HostMethod } from '../../../shared/contract/app';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { backupDatabase, isoWeek, listBackups, prune, stamp } from './backup-files';
import { verifyDatabaseFile } from './verify-file';
import { cleanFolder } from '../unfinished-files';
import { backupDirFor } from './recover';
import { attachmentsDirFor, mirrorAttachments } from '../attachments/attachment-files';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
const EXTRA_DIR_KEY = 'backupExtraDir';

/**
 * Automatic and manual backups of the open data file. Automatic: one copy per day the
 * program is used (taken at start, before anything is written, and again when the day
 * changes while it runs), the last 7 daily and 4 weekly kept, in a folder beside the file
 * and optionally in a second folder such as a USB drive. Attached files go along into an
 * `attachments/` folder beside each backup.
 */
export class BackupService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    /** the data file's password while it is encrypted: an encrypted backup is checked with it */
    private readonly password: () => string | null = () => null,
  ) {}

  /** backups/<data file name>/ beside the data file */
  dir(): string {
    return backupDirFor(this.ctx.dbPath);
  }

  extraDir(): string | null {
    const row = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(EXTRA_DIR_KEY) as { value: string } | undefined;
    return row?.value || null;
  }

  setExtraDir(dir: string | null): BackupStatus {
    if (dir !== null) {
      try {
        // one level only: a missing parent means a drive or folder that is not there
        // (and Node's recursive mkdir can spin forever on special file systems)
        if (!fs.existsSync(dir)) fs.mkdirSync(dir);
        if (!fs.statSync(dir).isDirectory()) throw new Error('not a folder');
        fs.accessSync(dir, fs.constants.W_OK);
      } catch {
        fail(ErrorCode.validation, `无法写入文件夹“${dir}”：请确认U盘已插好、路径正确且未写保护`);
      }
    }
    this.ctx.db.transaction(() => {
      const before = this.extraDir();
      if (dir === null) this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(EXTRA_DIR_KEY);
      else this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(EXTRA_DIR_KEY, dir);
      this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field: EXTRA_DIR_KEY, oldValue: before, newValue: dir }]);
    })();
    return this.status();
  }

  status(): BackupStatus {
    return { dir: this.dir(), extraDir: this.extraDir(), keepDaily: KEEP_DAILY, keepWeekly: KEEP_WEEKLY, backups: listBackups(this.dir()) };
  }

  /** Today's daily copy (and this week's weekly one) if not yet taken; returns the files written. */
  async automatic(opts: { force?: boolean } = {}): Promise<{ written: string[]; problems: string[] }> {
    const today = this.ctx.clock.today();
    const written: string[] = [];
    const problems: string[] = [];
    const targets = [this.dir(), this.extraDir()].filter((d): d is string => d !== null);
    for (const dir of targets) {
      try {
        cleanFolder(dir); // a copy killed midway, e.g. on the USB drive, last time
        const daily = path.join(dir, `daily-${today}.db`);
        if (opts.force || !fs.existsSync(daily)) {
          written.push(await backupDatabase(this.ctx.db, daily));
          prune(dir, 'daily-', KEEP_DAILY);
          // attached files live beside the database, not in it: they go along with each copy
          // (only then: a start on a day already backed up need not look at them again)
          mirrorAttachments(attachmentsDirFor(this.ctx.dbPath), path.join(dir, 'attachments'));
        }
        const weekly = path.join(dir, `weekly-${isoWeek(today)}.db`);
        if (!fs.existsSync(weekly)) {
          fs.copyFileSync(daily, weekly); // the daily file is a finished, closed backup
          written.push(weekly);
          prune(dir, 'weekly-', KEEP_WEEKLY);
        }
      } catch (err) {
        problems.push(`备份到“${dir}”失败：${fileProblem(err) ?? (err as Error).message}`);
      }
    }
    return { written, problems };
  }

  /** A backup to a file the user chose (or a timestamped one in the backup folder). */
  async backupTo(dest: string | null): Promise<{ out: string }> {
    const out = dest ?? path.join(this.dir(), `manual-${stamp(this.ctx.clock.now())}.db`);
    if (path.resolve(out) === path.resolve(this.ctx.dbPath)) fail(ErrorCode.validation, '不能把备份写到正在使用的数据文件上');
    await backupDatabase(this.ctx.db, out);
    try {
      mirrorAttachments(attachmentsDirFor(this.ctx.dbPath), path.join(path.dirname(path.resolve(out)), 'attachments'));
    } catch (err) {
      fail(ErrorCode.dbIo, `数据已备份到“${out}”，但附件文件未能全部复制到其旁边的 attachments 文件夹：${fileProblem(err) ?? (err as Error).message}`);
    }
    return { out };
  }

  handlers(): Omit<HandlersOf<'backup'>, HostMethod> {
    return {
      'backup.status': () => this.status(),
      'backup.setExtraDir': (i) => this.setExtraDir(i.dir),
      'backup.now': (i) => this.backupTo(i.path ?? null),
      'backup.verify': (i) => verifyDatabaseFile(i.path, undefined, i.password ?? this.password()),
    };
  }
}
