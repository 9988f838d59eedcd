/**
 * The one error the import engine throws to its callers. `code` is stable (the CLI and the
 * screen branch on it); `message` is Chinese and says what the file is and what to do.
 */
export type ImportErrorCode =
  | 'IMPORT_FILE_NOT_FOUND'
  | 'IMPORT_FILE_EMPTY'
  /** old binary Excel 97-2003 (.xls) or WPS (.et) */
  | 'IMPORT_FILE_LEGACY'
  /** password-protected workbook */
  | 'IMPORT_FILE_ENCRYPTED'
  /** a file we recognise but do not read (.docx, .ods, .xlsb, PDF, HTML disguised as .xls…) */
  | 'IMPORT_FILE_UNSUPPORTED'
  /** truncated or corrupt */
  | 'IMPORT_FILE_DAMAGED'
  /** beyond the size limits (zip bomb, too many cells, merges…) */
  | 'IMPORT_FILE_TOO_LARGE'
  /** anything else, including a worker that died or hung */
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_SHEET_NOT_FOUND'
  /** no sheet with data, or no header row found */
  | 'IMPORT_NO_DATA'
  | 'IMPORT_BAD_MAPPING'
  | 'IMPORT_CANCELLED';

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isImportFileError = (e: unknown): e is ImportFileError => e instanceof ImportFileError;

/** Shorthands for the messages several layers share. */
export const damaged = (what = '文件不完整或已损坏'): ImportFileError =>
  new ImportFileError(
    'IMPORT_FILE_DAMAGED',
    `文件无法读取：${what}（可能没有下载或复制完整）。请重新获取原文件，或在 Excel/WPS 中打开后“另存为” .xlsx 再导入。`,
  );

export const tooLarge = (what: string): ImportFileError =>
  new ImportFileError('IMPORT_FILE_TOO_LARGE', `文件无法读取：${what}。请确认文件来源，或在 Excel/WPS 中删除多余内容后另存为 .xlsx 再导入。`);

/** A limit of ours crossed: says which, and how to get under it (`what` ends with that advice). */
export const overLimit = (what: string): ImportFileError => new ImportFileError('IMPORT_FILE_TOO_LARGE', `文件无法导入：${what}。`);
