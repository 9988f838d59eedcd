import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import { ExportErrorCode, fileError } from './export-errors';
import { trackUnfinished, unfinishedPathFor } from '../unfinished-files';

/**
 * The unfinished file sits next to the destination, so the final rename never crosses disks.
 * Its name (`~名单.xlsx.未完成-<pid>-<hex>.tmp`) says it is not a result, and it is noted in the
 * journal of unfinished files, so that the next start removes it if this process is killed
 * before the rename (the marker itself is dropped at that start: it outlives a finished export).
 */
export function tempPathFor(out: string): string {
  const temp = unfinishedPathFor(out);
  trackUnfinished(temp);
  return temp;
}

/** Makes the bytes durable before the rename publishes them (a power cut must not leave an empty file). */
export async function flushToDisk(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The destination's folder exists and the destination is not a folder; the resolved path. */
export function checkDestination(out: string): string {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ApiError(ExportErrorCode.notFound, `保存位置“${dir}”不存在`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw fileError({ code: 'EISDIR' }, target)!;
  return target;
}

/**
 * Writes finished bytes (a printed PDF) the way exports are written: a temp file beside
 * `out`, flushed, then renamed, so `out` is either the old file or the whole new one.
 */
export async function writeBytesFile(out: string, bytes: Uint8Array): Promise<string> {
  const target = checkDestination(out);
  const temp = unfinishedPathFor(target);
  const done = trackUnfinished(temp);
  try {
    await fsp.writeFile(temp, bytes, { flag: 'wx' });
    await flushToDisk(temp);
    await fsp.rename(temp, target);
    return target;
  } catch (err) {
    await fsp.rm(temp, { force: true }).catch(() => {});
    throw fileError(err, target) ?? err;
  } finally {
    done();
  }
}
