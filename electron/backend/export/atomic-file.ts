import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { ApiError } from '../../../shared/contract/define';
import { ExportErrorCode, fileError } from './export-errors';

/** The unfinished file sits next to the destination, so the final rename never crosses disks. */
export function tempPathFor(out: string): string {
  const suffix = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(out), `.${path.basename(out)}.${suffix}.tmp`);
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
  const temp = tempPathFor(target);
  try {
    await fsp.writeFile(temp, bytes, { flag: 'wx' });
    await flushToDisk(temp);
    await fsp.rename(temp, target);
    return target;
  } catch (err) {
    await fsp.rm(temp, { force: true }).catch(() => {});
    throw fileError(err, target) ?? err;
  }
}
