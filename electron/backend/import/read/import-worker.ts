/**
 * Entry point of the import worker thread (bundled to dist/electron/import-worker.js).
 * It reads one file and posts the rows back; a file that hangs it or exhausts its heap
 * kills only this thread, which the caller turns into a Chinese error.
 */
import { parentPort } from 'node:worker_threads';
import { ImportFileError } from '../errors';
import { readSpreadsheet } from './read-spreadsheet';
import { packRows, transferList } from './row-codec';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');

const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

/** Errors a damaged file provokes inside ExcelJS or the XML parser, told as damage. */
function describe(e: unknown): FromWorker {
  if (e instanceof ImportFileError) return { type: 'error', code: e.code, message: e.message };
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /allocation|memory|Invalid string length|Invalid array length/i.test(msg)) {
    return { type: 'error', code: 'IMPORT_FILE_TOO_LARGE', message: '文件无法读取：内容过大，超出了程序的处理能力。请删除多余内容后另存为 .xlsx 再导入。' };
  }
  // the library's own words are English and mean nothing to a clerk: name the kind of damage
  return {
    type: 'error',
    code: 'IMPORT_FILE_DAMAGED',
    message: `文件无法读取：文件内容已损坏或不是有效的 Excel 工作簿（${damageKind(msg)}）。请在 Excel/WPS 中打开后“另存为” .xlsx 再导入。`,
  };
}

function damageKind(msg: string): string {
  if (/zip|inflate|deflate|crc|compress|unexpected end of (file|data)|header check/i.test(msg)) return '压缩数据不完整或有误';
  if (/xml|sax|tag|attribute|entity|text data outside|unclosed|closing/i.test(msg)) return '表格内部的XML结构有误';
  return '表格内部的数据格式有误';
}

port.once('message', (m: ToWorker) => {
  if (m.type !== 'read') return;
  readSpreadsheet(m.request, {
    sheet: (sheet) => post({ type: 'sheet', sheet }),
    rows: (rows) => {
      const packed = packRows(rows);
      post({ type: 'rows', rows: packed }, transferList(packed));
    },
    progress: (rowsRead) => post({ type: 'progress', rowsRead }),
    meta: (meta) => post({ type: 'meta', meta }),
    alive: () => post({ type: 'alive' }),
  }).then(
    () => post({ type: 'done' }),
    (e: unknown) => post(describe(e)),
  );
});
