import { ImportFileError } from '../errors';
import type { FileBytes } from './file-bytes';
import { describeOle2 } from './ole2/describe-ole2';

/**
 * What the bytes say the file is, whatever its name says: offices rename files, web systems
 * export HTML tables named .xls, and a .csv may really be a workbook.
 */
export type Container = 'zip' | 'xls' | 'text';

const RESAVE = '请在 Excel 或 WPS 中打开它，“文件 → 另存为”选择 Excel 工作簿（*.xlsx）后再导入。';
const unsupported = (m: string) => new ImportFileError('IMPORT_FILE_UNSUPPORTED', m);
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

export function sniffContainer(file: FileBytes, extension: string): Container {
  if (file.size === 0) {
    throw new ImportFileError('IMPORT_FILE_EMPTY', '文件是空的（0 字节），没有任何内容。请确认选对了文件，或重新获取原文件。');
  }
  const head = file.read(0, 4096);
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    const ole2 = describeOle2(file, extension);
    if (ole2 === 'xls') return 'xls';
    throw ole2;
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw unsupported('这是 PDF 文件，不是表格，无法导入。请向对方索要 Excel 原表（.xlsx）。');
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf') throw unsupported('这是 RTF 文档，不是表格。请选择 Excel 表格文件（.xlsx 或 .csv）。');

  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16) {
    const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().slice(0, 2048).toLowerCase();
    if (text.startsWith('<')) {
      if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
        throw unsupported(`这是 Excel 2003 XML 表格文件，不能直接导入。${RESAVE}`);
      }
      if (/<(html|table|!doctype html|meta|head|body)\b/.test(text)) {
        throw unsupported(`这个文件实际上是网页（HTML）格式，只是扩展名为 ${extension || '表格'}，常见于从网上系统导出的“Excel”。${RESAVE}`);
      }
    }
    if (text.startsWith('mime-version:')) throw unsupported(`这是网页存档（.mht）格式的表格，不能直接导入。${RESAVE}`);
    // NUL bytes do not occur in text files in any encoding we read (UTF-16 has its BOM)
    if (head.includes(0)) {
      throw unsupported('无法识别的文件格式：它既不是 Excel 工作簿（.xlsx），也不是 CSV 文本。请选择 .xlsx 或 .csv 文件。');
    }
  }
  // an .xlsx is always a zip: text under that name is a renamed CSV or a text file, not a damaged workbook
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    throw unsupported(
      `这个文件的扩展名是 ${extension}，但内容是纯文本，不是 Excel 工作簿（可能是改了扩展名的 CSV 或文本文件）。如果它是 CSV 文件，请把扩展名改为 .csv 后再导入；否则${RESAVE}`,
    );
  }
  return 'text';
}
