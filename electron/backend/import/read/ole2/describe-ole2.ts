import { ImportFileError } from '../../errors';
import type { FileBytes } from '../file-bytes';
import { listCfbNames } from './cfb-names';

const RESAVE = '请在 Excel 或 WPS 中打开它，“文件 → 另存为”选择 Excel 工作簿（*.xlsx）后再导入。';

/**
 * An OLE2 file: an old .xls workbook we read ('xls'), or one we refuse, with the message
 * that tells the user what they have. An encrypted .xlsx is OLE2 too (EncryptionInfo +
 * EncryptedPackage streams).
 */
export function describeOle2(file: FileBytes, extension: string): 'xls' | ImportFileError {
  const names = listCfbNames(file);
  const has = (n: string) => names?.some((x) => x.toLowerCase() === n.toLowerCase()) ?? false;
  if (has('EncryptedPackage') || has('EncryptionInfo')) {
    return new ImportFileError(
      'IMPORT_FILE_ENCRYPTED',
      '这个 Excel 文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中输入密码打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并另存为 .xlsx 后再导入。',
    );
  }
  if (has('WordDocument')) {
    return new ImportFileError('IMPORT_FILE_UNSUPPORTED', '这是 Word 文档（.doc），不是表格。请选择 Excel 表格文件（.xlsx 或 .csv）。');
  }
  if (has('PowerPoint Document')) {
    return new ImportFileError('IMPORT_FILE_UNSUPPORTED', '这是 PowerPoint 演示文稿（.ppt），不是表格。请选择 Excel 表格文件（.xlsx 或 .csv）。');
  }
  if (extension === '.et' || extension === '.ett') {
    return new ImportFileError('IMPORT_FILE_LEGACY', `这是 WPS 表格专用格式（.et）文件，不能直接导入。${RESAVE}`);
  }
  if (has('Workbook') || has('Book')) return 'xls';
  // the directory could not be read: a damaged .xls, or an encrypted workbook cut short; say both
  return new ImportFileError(
    'IMPORT_FILE_DAMAGED',
    `文件无法读取：这是旧版 Excel 97-2003（.xls）文件或设置了打开密码的 Excel 文件，但文件已损坏或内容不完整。${RESAVE}如有密码，请先取消密码；如仍不行，请向发件单位重新索要原表。`,
  );
}
