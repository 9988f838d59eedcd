import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/define';
import { ErrorCode } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { applyKey, fileKind, isNotADatabase } from './cipher';
import { unfinishedPathFor } from '../unfinished-files';
import { PasswordErrorCode } from '../../../shared/contract/lock';

/** 'LDK1' — marks a SQLite file as ours, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x4c444b31;

export { PasswordErrorCode };
export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Where the copy taken before a migration goes; default: a "backups" folder beside the file. */
  backupDir?: string;
  /**
   * Called inside each migration's transaction, after its changes and before it commits: a
   * long upgrade can report progress, and the crash tests stop a migration exactly there.
   */
  onMigration?: (version: number) => void;
  /** The password of an encrypted data file (ignored for a plain one). */
  password?: string;
}

let fallbackPassword: string | undefined;

/**
 * The command line's password (LEDGERDESK_PASSWORD) for every file a command opens while it
 * runs — so each command, including ones added later, opens an encrypted file without
 * passing it along (electron/cli/main.ts).
 */
export async function withDefaultPassword<T>(password: string | undefined, run: () => Promise<T>): Promise<T> {
  const before = fallbackPassword;
  fallbackPassword = password || undefined;
  try {
    return await run();
  } finally {
    fallbackPassword = before;
  }
}

/** The password given for this open, else the command line's. */
export const passwordFor = (opts: { password?: string | undefined }): string | undefined => opts.password ?? fallbackPassword;

export interface OpenResult {
  db: Database;
  schemaVersion: number;
  /** the copy taken before migrating, if a migration ran on an existing file */
  preMigrationCopy: string | null;
  /** the file is encrypted (opened with `password`) */
  encrypted: boolean;
}

function refuse(code: string, message: string): never {
  throw new ApiError(code, message);
}

/** Reads the first bytes without SQLite, to give a clear message for a file that isn't a database. */
function assertLooksLikeSqlite(file: string): boolean {
  const kind = fileKind(file);
  if (kind === 'foreign' && fs.statSync(file).isDirectory()) refuse(ErrorCode.dbNotLedgerDesk, `“${file}”是一个文件夹，不是数据文件。`);
  if (kind === 'foreign') refuse(ErrorCode.dbNotLedgerDesk, `“${path.basename(file)}”不是台账督办助手的数据文件，无法打开。`);
  return kind === 'encrypted';
}

/**
 * Pragmas chosen on purpose:
 * - WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
 * - synchronous=FULL: better-sqlite3 leaves WAL databases at NORMAL, which can lose the last
 *   commits on power loss. An office's evening of typing is worth the fsync on each commit.
 * - foreign_keys=ON: SQLite's default is off; our links (person → unit) must hold.
 * - busy_timeout: another process (a backup tool, the CLI) may hold a lock briefly.
 */
function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 3000');
  if (db.pragma('synchronous', { simple: true }) !== 2) {
    throw new Error('synchronous=FULL could not be set'); // asserted: see the comment above
  }
}

function hasTables(db: Database): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
  return row.n > 0;
}

function stampName(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** Opens (creating if needed) a LedgerDesk database and brings its schema up to date. */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenResult {
  const encrypted = assertLooksLikeSqlite(file);
  const password = passwordFor(opts);
  if (encrypted && !password) refuse(PasswordErrorCode.required, `数据文件“${path.basename(file)}”已加密，需要输入密码才能打开。`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_CANTOPEN') refuse(ErrorCode.dbIo, `无法打开数据文件“${file}”：文件夹不存在或没有权限。`);
    throw err;
  }
  try {
    if (encrypted) {
      applyKey(db, password!);
      try {
        db.pragma('user_version', { simple: true }); // the first read of page 1 tells a wrong key
      } catch (err) {
        if (isNotADatabase(err)) refuse(PasswordErrorCode.wrong, '密码不正确');
        throw err;
      }
    }
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const existing = hasTables(db);
    if (existing && appId !== APPLICATION_ID) {
      refuse(ErrorCode.dbNotLedgerDesk, `“${path.basename(file)}”是其他程序的数据库，不是台账督办助手的数据文件。`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      refuse(
        ErrorCode.dbTooNew,
        `此数据文件由更新版本的台账督办助手创建（数据版本 ${version}，本程序支持到 ${LATEST_SCHEMA_VERSION}），请升级程序后再打开。`,
      );
    }
    applyPragmas(db);
    // an encrypted page is decrypted and checked on every read from disk (or the OS's cache):
    // a larger page cache keeps the working set decrypted (64 MiB at most, only when encrypted)
    if (encrypted) db.pragma('cache_size = -65536');
    // A quick look at every page before trusting the file (full integrity_check is `check`).
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') {
      // SQLite's own words (English, page numbers) go to the details for a technician, not to the clerk
      throw new ApiError(ErrorCode.dbCorrupt, `数据文件“${path.basename(file)}”已损坏（完整性检查未通过）。可以从自动备份中恢复。`, { integrity: String(quick).slice(0, 2000) });
    }
    let preMigrationCopy: string | null = null;
    if (existing && version < LATEST_SCHEMA_VERSION) {
      // A consistent copy (VACUUM INTO reads one snapshot) before any schema change.
      const dir = opts.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      const stem = path.join(dir, `${path.parse(file).name}-v${version}-before-migration-${stampName(new Date())}`);
      // never overwrite an earlier copy (an interrupted start may have left one this second)
      preMigrationCopy = `${stem}.db`;
      for (let n = 1; fs.existsSync(preMigrationCopy); n++) preMigrationCopy = `${stem}-${n}.db`;
      // written under an unfinished name, renamed when whole; an encrypted file's copy has its key
      const temp = unfinishedPathFor(preMigrationCopy);
      try {
        db.prepare('VACUUM INTO ?').run(temp);
        fs.renameSync(temp, preMigrationCopy);
      } catch (err) {
        fs.rmSync(temp, { force: true });
        throw err;
      }
    }
    migrate(db, version, opts.onMigration);
    return { db, schemaVersion: LATEST_SCHEMA_VERSION, preMigrationCopy, encrypted };
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      refuse(ErrorCode.dbCorrupt, `数据文件“${path.basename(file)}”已损坏，无法读取。可以从自动备份中恢复。`);
    }
    throw err;
  }
}

/** Runs each pending migration in its own transaction, bumping user_version with it. */
export function migrate(db: Database, from: number, onMigration?: (version: number) => void): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.fill?.(db);
      if (m.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
      onMigration?.(m.version);
    })();
  }
}
