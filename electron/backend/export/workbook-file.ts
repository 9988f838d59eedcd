import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/contract/define';
import { enableQuotePrefix } from './quote-prefix';
import { exportCancelled, fileError } from './export-errors';
import { checkDestination, flushToDisk, tempPathFor } from './atomic-file';

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/** archiver (under ExcelJS) keeps reading queued parts after a failure unless told to stop. */
function stopZip(workbook: WorkbookWriter | null): void {
  const zip = (workbook as unknown as { zip?: { abort?: () => void; on?: (e: string, f: () => void) => void } } | null)?.zip;
  try {
    zip?.on?.('error', () => {}); // an error after we gave up must not crash the process
    zip?.abort?.();
  } catch {
    /* already finished */
  }
}

async function closeQuietly(file: fs.WriteStream): Promise<void> {
  if (file.closed) return;
  const closed = once(file, 'close').catch(() => {});
  file.destroy();
  await closed;
}

/**
 * Writes a workbook with ExcelJS's streaming writer into a temp file beside `out`, then
 * renames it: the file appears at `out` only when complete. On failure or cancel the temp
 * file is deleted and `out` is left as it was (an older file there is not touched).
 * `build` gets a signal that also fires when the disk write fails, so it stops early.
 */
export async function writeWorkbookFile<T>(
  out: string,
  signal: AbortSignal | undefined,
  build: (workbook: WorkbookWriter, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw exportCancelled();
  const target = checkDestination(out);

  const temp = tempPathFor(target);
  const failure = new AbortController();
  const combined = signal ? AbortSignal.any([signal, failure.signal]) : failure.signal;
  let file: fs.WriteStream | null = null;
  let workbook: WorkbookWriter | null = null;
  try {
    file = fs.createWriteStream(temp, { flags: 'wx' });
    await once(file, 'open');
    // A write error (disk full, USB stick pulled) must end the export, not leave it waiting.
    let writeError: unknown = null;
    const failed = new Promise<never>((_, reject) => {
      file!.once('error', (err) => {
        writeError = err;
        failure.abort(err);
        reject(err);
      });
    });
    failed.catch(() => {});
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
    enableQuotePrefix(workbook);
    const wb = workbook;
    const result = await Promise.race([
      (async () => {
        const r = await build(wb, combined);
        combined.throwIfAborted();
        await wb.commit();
        return r;
      })(),
      failed,
    ]);
    if (writeError) throw writeError;
    if (!file.closed) await once(file, 'close');
    await flushToDisk(temp);
    if (signal?.aborted) throw exportCancelled();
    await fsp.rename(temp, target);
    return result;
  } catch (err) {
    stopZip(workbook);
    if (file) await closeQuietly(file);
    await fsp.rm(temp, { force: true }).catch(() => {});
    if (err instanceof ApiError) throw err;
    if (signal?.aborted) throw exportCancelled();
    throw fileError(err, target) ?? err;
  }
}
