import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { applyKey, changeKey } from '../db/cipher';
import { APPLICATION_ID } from '../db/open';
import { ErrorCode, fail } from '../errors';
import { unfinishedPathFor } from '../unfinished-files';

export interface RekeyPlan {
  dbPath: string;
  /** the open connection to the data file, for the copy */
  db: Database;
  /** closes everything that has the data file open (called before the file is replaced) */
  closeLive(): void;
  /** the file's password now (null: plain) and after (null: decrypt) */
  from: string | null;
  to: string | null;
  /** the settings and audit lines that go with the change, written into the new file in one transaction */
  edit(copy: Database): void;
  nativeBinding?: string;
}

/** How far a re-encryption got: the caller reopens the file accordingly. */
export interface RekeyProgress {
  /** the old connection is closed */
  closed: boolean;
  /** the new file has replaced the old one */
  replaced: boolean;
}

function fsyncPath(p: string, flags: string): void {
  let fd: number;
  try {
    fd = fs.openSync(p, flags);
  } catch {
    return; // folders cannot be opened on Windows; its rename is durable without it
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    /* same */
  } finally {
    fs.closeSync(fd);
  }
}

function openCopy(file: string, password: string | null, nativeBinding?: string): Database {
  const db = new BetterSqlite3(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  if (password !== null) applyKey(db, password);
  return db;
}

/**
 * Encrypts, decrypts or re-keys the data file so that a kill at any instant leaves either the
 * old file (old key, old settings) or the new one (new key, new settings) — never a mix:
 *  1. a checkpoint puts every commit into the main file, and VACUUM INTO writes a consistent
 *     copy under an unfinished name (~x.db.未完成-….tmp) with the old key;
 *  2. the copy gets the edit (one transaction) and its new key (rekey works on the copy, which
 *     is not in WAL mode), is checked with a fresh connection under the new key, and flushed;
 *  3. the old connection is closed (the WAL is merged and removed: nothing of the old key is
 *     left to be replayed onto the new file) and the copy is renamed over the file — the one
 *     atomic step.
 * A leftover copy is removed at the next start (unfinished-files.ts). Everything here is
 * synchronous, so no other request can write between the copy and the switch.
 */
export function rekeyDataFile(plan: RekeyPlan, progress: RekeyProgress): void {
  const dbPath = path.resolve(plan.dbPath);
  const [checkpoint] = plan.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint && checkpoint.busy !== 0) fail(ErrorCode.dbLocked, '数据文件正被其他程序使用（例如同时运行的命令行），请关闭后再试。');
  const temp = unfinishedPathFor(dbPath);
  try {
    plan.db.prepare('VACUUM INTO ?').run(temp);
    const copy = openCopy(temp, plan.from, plan.nativeBinding);
    try {
      copy.transaction(() => plan.edit(copy))();
      changeKey(copy, plan.to);
    } finally {
      copy.close();
    }
    const check = openCopy(temp, plan.to, plan.nativeBinding);
    try {
      if (check.pragma('application_id', { simple: true }) !== APPLICATION_ID || check.pragma('quick_check', { simple: true }) !== 'ok') {
        fail(ErrorCode.internal, '加密后的数据文件未通过检查，原文件未改动。');
      }
    } finally {
      check.close();
    }
    fsyncPath(temp, 'r+');
    plan.closeLive();
    progress.closed = true;
    const wal = `${dbPath}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
      // someone else still has the file open and wrote to it: its commits would be lost
      fail(ErrorCode.dbLocked, '数据文件正被其他程序使用（例如同时运行的命令行），请关闭后再试。原文件未改动。');
    }
    fs.rmSync(wal, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    fs.renameSync(temp, dbPath);
    progress.replaced = true;
    fsyncPath(path.dirname(dbPath), 'r');
  } catch (err) {
    if (!progress.replaced) fs.rmSync(temp, { force: true });
    throw err;
  }
}
