import fs from 'node:fs';
import path from 'node:path';
import { ImportFileError } from '../errors';
import { readCsv } from './csv/read-csv';
import { FileBytes } from './file-bytes';
import type { ReadRequest, ReadSink } from './read-request';
import { sniffContainer } from './sniff-format';
import { readXls } from './xls/read-xls';
import { readXlsx } from './xlsx/read-xlsx';

/**
 * Reads a spreadsheet file into grid rows. Runs inside the import worker; call it directly
 * only for files you trust (the worker is what contains a file that hangs or explodes).
 */
export async function readSpreadsheet(req: ReadRequest, sink: ReadSink): Promise<void> {
  let file: FileBytes;
  try {
    if (fs.statSync(req.path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    file = FileBytes.open(req.path);
  } catch (e) {
    throw openError(req.path, e);
  }
  try {
    const ext = path.extname(req.path).toLowerCase();
    const container = sniffContainer(file, ext);
    if (container === 'zip') return await readXlsx(file, req, sink);
    if (container === 'xls') return await readXls(file, req, sink);
    return await readCsv(file, req, sink);
  } finally {
    file.close();
  }
}

function openError(p: string, e: unknown): ImportFileError {
  const code = (e as { code?: string })?.code;
  const name = path.basename(p);
  if (code === 'ENOENT') return new ImportFileError('IMPORT_FILE_NOT_FOUND', `找不到文件“${name}”，它可能已被移动、改名或所在的U盘已拔出。`);
  if (code === 'EACCES' || code === 'EPERM') return new ImportFileError('IMPORT_FILE_UNREADABLE', `没有权限读取文件“${name}”，请检查文件权限。`);
  if (code === 'EBUSY') return new ImportFileError('IMPORT_FILE_UNREADABLE', `文件“${name}”正被其他程序占用，请先在 Excel/WPS 中关闭它再导入。`);
  if (code === 'EISDIR') return new ImportFileError('IMPORT_FILE_UNREADABLE', `“${name}”是一个文件夹，请选择其中的表格文件。`);
  return new ImportFileError('IMPORT_FILE_UNREADABLE', `文件无法读取：${(e as Error)?.message ?? e}`);
}
