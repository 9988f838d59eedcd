import { ApiError } from '../../shared/contract/define';

/** Stable error codes; the message the user reads is always Chinese. */
export const ErrorCode = {
  validation: 'VALIDATION',
  fieldInvalid: 'FIELD_INVALID',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  inUse: 'IN_USE',
  dbNotLedgerDesk: 'DB_NOT_LEDGERDESK',
  dbTooNew: 'DB_TOO_NEW',
  dbReadOnly: 'DB_READONLY',
  dbLocked: 'DB_LOCKED',
  dbFull: 'DB_DISK_FULL',
  dbIo: 'DB_IO',
  dbCorrupt: 'DB_CORRUPT',
  fileIo: 'FILE_IO',
  unknownMethod: 'UNKNOWN_METHOD',
  internal: 'INTERNAL',
} as const;

export const fail = (code: string, message: string, details?: unknown): never => {
  throw new ApiError(code, message, details);
};

/** Turns SQLite's failures into messages that name the problem for the user. */
export function fromSqliteError(err: unknown): ApiError | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_READONLY')) {
    return new ApiError(ErrorCode.dbReadOnly, '数据文件是只读的，无法保存。请检查文件属性或所在文件夹的权限。');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ApiError(ErrorCode.dbLocked, '数据文件正被其他程序占用，暂时无法保存，请关闭其他程序后重试。');
  }
  if (code === 'SQLITE_FULL') return new ApiError(ErrorCode.dbFull, '磁盘已满，无法保存。请清理磁盘空间后重试。');
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return new ApiError(ErrorCode.dbIo, '读写数据文件出错：文件所在的磁盘或U盘可能已被移除。');
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ApiError(ErrorCode.dbCorrupt, '数据文件已损坏，请从备份恢复。');
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return null; // services translate their own constraints
  return null;
}
