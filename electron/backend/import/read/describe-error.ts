import { ImportFileError } from '../errors';

/**
 * Whatever a read throws, as the ImportFileError the caller gets: ours pass through; anything
 * else (a bug a damaged file provoked, an allocation that failed) is told as damage or size
 * in Chinese — the original words are English and mean nothing to a clerk.
 */
export function describeReadError(e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /allocation|memory|Invalid string length|Invalid array length|Array buffer/i.test(msg)) {
    return new ImportFileError('IMPORT_FILE_TOO_LARGE', '文件无法读取：内容过大，超出了程序的处理能力。请删除多余内容后另存为 .xlsx 再导入。');
  }
  return new ImportFileError('IMPORT_FILE_DAMAGED', `文件无法读取：文件内容已损坏或不是有效的 Excel 工作簿（${damageKind(msg)}）。请在 Excel/WPS 中打开后“另存为” .xlsx 再导入。`);
}

function damageKind(msg: string): string {
  if (/zip|inflate|deflate|crc|compress|unexpected end of (file|data)|header check/i.test(msg)) return '压缩数据不完整或有误';
  if (/xml|sax|tag|attribute|entity|text data outside|unclosed|closing/i.test(msg)) return '表格内部的XML结构有误';
  return '表格内部的数据格式有误';
}
