import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/define';
import { APPLICATION_ID, PasswordErrorCode } from '../db/open';
import { applyKey, fileKind } from '../db/cipher';
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
export function verifyDatabaseFile(file: string, nativeBinding?: string, password?: string | null): VerifiedFile {
  const name = path.basename(file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ApiError(ErrorCode.notFound, `备份文件“${file}”不存在`);
  const kind = fileKind(file);
  if (kind !== 'plain' && kind !== 'encrypted') throw new ApiError(ErrorCode.dbNotLedgerDesk, `“${name}”不是台账督办助手的数据文件或备份`);
  if (kind === 'encrypted' && !password) throw new ApiError(PasswordErrorCode.required, `“${name}”是加密的备份，需要它的密码才能检查和恢复`);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    throw new ApiError(ErrorCode.dbCorrupt, `“${name}”无法打开，文件可能已损坏`);
  }
  if (kind === 'encrypted') {
    try {
      applyKey(db, password!);
      db.pragma('user_version', { simple: true });
    } catch {
      db.close();
      throw new ApiError(PasswordErrorCode.wrong, `“${name}”是加密的备份，用现在的密码打不开（可能是更改密码之前的备份，需要当时的密码）`);
    }
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
    if (integrity !== 'ok') throw new ApiError(ErrorCode.dbCorrupt, `“${name}”已损坏（完整性检查未通过），不能用于恢复`, { integrity: integrity.slice(0, 2000) });
    const people = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    return { file, schemaVersion: version, people };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(ErrorCode.dbCorrupt, `“${name}”已损坏，不能用于恢复`);
  } finally {
    db.close();
  }
}
