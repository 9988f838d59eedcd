/**
 * Entry point of the import worker thread (bundled to dist/electron/import-worker.js).
 * It reads files and posts their rows back; a file that hangs it or exhausts its heap
 * kills only this thread, which the caller turns into a Chinese error.
 */
import { parentPort } from 'node:worker_threads';
import { describeReadError } from './describe-error';
import { readSpreadsheet } from './read-spreadsheet';
import { packRows, transferList } from './row-codec';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');

const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

/** Any error as the message the caller turns back into an ImportFileError. */
function describe(e: unknown): FromWorker {
  const err = describeReadError(e);
  return { type: 'error', code: err.code, message: err.message };
}

/**
 * Reads files one after another (a pool keeps the thread for many files). While a read runs
 * the port does not keep the thread alive: a reader that never settles, with nothing left to
 * do, ends the thread, which the caller reports, instead of waiting for the watchdog.
 */
port.on('message', (m: ToWorker) => {
  if (m.type !== 'read') return;
  port.unref();
  readSpreadsheet(m.request, {
    sheet: (sheet) => post({ type: 'sheet', sheet }),
    rows: (rows) => {
      const packed = packRows(rows);
      post({ type: 'rows', rows: packed }, transferList(packed));
    },
    progress: (rowsRead) => post({ type: 'progress', rowsRead }),
    meta: (meta) => post({ type: 'meta', meta }),
    alive: () => post({ type: 'alive' }),
  })
    .then(
      () => post({ type: 'done' }),
      (e: unknown) => post(describe(e)),
    )
    .finally(() => port.ref());
});
