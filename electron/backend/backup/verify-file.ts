import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/define';
import { APPLICATION_ID } from '../db/open';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { ErrorCode } from '../errors';

export interface VerifiedFile {
  file: string;
  schemaVersion: number;
  people: number;
}

/**
 * Checks that a file is a sound LedgerDesk database before it may replace anything:
 * a SQLite file, our application id, a schema this program understands, integrity ok.
 * Opens it read-only; the file is not changed.
 */
export function verifyDatabaseFile(file: string, nativeBinding?: string): VerifiedFile {
  const name = path.basename(file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ApiError(ErrorCode.notFound, `备份文件“${file}”不存在`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\0') throw new ApiError(ErrorCode.dbNotLedgerDesk, `“${name}”不是台账督办助手的数据文件或备份`);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    throw new ApiError(ErrorCode.dbCorrupt, `“${name}”无法打开，文件可能已损坏`);
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new ApiError(ErrorCode.dbNotLedgerDesk, `“${name}”不是台账督办助手的数据文件或备份`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ApiError(ErrorCode.dbTooNew, `“${name}”来自更新版本的台账督办助手（数据版本 ${version}），请先升级程序`);
    }
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') throw new ApiError(ErrorCode.dbCorrupt, `“${name}”已损坏（${integrity.slice(0, 200)}），不能用于恢复`);
    const people = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    return { file, schemaVersion: version, people };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(ErrorCode.dbCorrupt, `“${name}”已损坏，不能用于恢复`);
  } finally {
    db.close();
  }
}
