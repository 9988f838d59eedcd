import fs from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { damaged, ImportFileError, tooLarge } from '../../errors';
import type { FileBytes } from '../file-bytes';
import type { ZipEntry } from './central-directory';

const SIG_LOCAL = 0x04034b50;

/**
 * Inflated bytes allowed for one read, over every part of the workbook we open. A part read
 * twice (the chosen sheet is scanned, then parsed) counts once: the limit is on what the
 * file expands to, not on how often we look.
 */
export class InflateBudget {
  private used = 0;
  private readonly perEntry = new Map<ZipEntry, number>();
  private lastBeat = 0;

  /** `onActivity` is called (at most every 200 ms) while bytes really flow: the watchdog's pulse. */
  constructor(
    readonly maxEntryBytes: number,
    readonly maxTotalBytes: number,
    private readonly onActivity?: () => void,
  ) {}

  /** Refuses before inflating when the directory itself declares too much. */
  checkDeclared(entry: ZipEntry): void {
    const others = this.used - (this.perEntry.get(entry) ?? 0);
    if (entry.uncompressedSize > this.maxEntryBytes || others + entry.uncompressedSize > this.maxTotalBytes) throw this.bomb(entry);
  }

  /** `entryTotal`: bytes inflated so far in this pass over the entry. */
  take(entry: ZipEntry, entryTotal: number): void {
    const before = this.perEntry.get(entry) ?? 0;
    if (entryTotal > before) {
      this.used += entryTotal - before;
      this.perEntry.set(entry, entryTotal);
    }
    if (entryTotal > this.maxEntryBytes || this.used > this.maxTotalBytes) throw this.bomb(entry);
    if (this.onActivity) {
      const now = Date.now();
      if (now - this.lastBeat >= 200) {
        this.lastBeat = now;
        this.onActivity();
      }
    }
  }

  private bomb(entry: ZipEntry): ImportFileError {
    const mb = (n: number) => Math.round(n / 1048576);
    return tooLarge(`文件解压后过大（${entry.name} 超出单个部分 ${mb(this.maxEntryBytes)} MB、合计 ${mb(this.maxTotalBytes)} MB 的限制），可能是异常文件`);
  }
}

/**
 * Counts inflated bytes against the directory's declared size and the budget, and decodes
 * UTF-8 with a StringDecoder so a character split between two chunks stays whole.
 * (ExcelJS decodes each chunk on its own and turns such characters into U+FFFD —
 * exceljs issues #2063/#2084 — so we hand it strings, never bytes.) 'latin1' is for
 * scanners that only look for ASCII markup: one char per byte, no decoding cost.
 */
export type TextEncoding = 'utf8' | 'latin1';

class CappedText extends Transform {
  private seen = 0;
  private readonly decoder: StringDecoder;

  constructor(
    private readonly entry: ZipEntry,
    private readonly budget: InflateBudget,
    encoding: TextEncoding,
  ) {
    super({ readableObjectMode: true });
    this.decoder = new StringDecoder(encoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.entry.uncompressedSize) {
      // more data than the directory declared: a forged size (a bomb) or a damaged file
      cb(tooLarge(`文件内容与压缩包目录不一致（${this.entry.name} 解压后大于声明的大小），可能是异常文件`));
      return;
    }
    try {
      this.budget.take(this.entry, this.seen);
    } catch (e) {
      cb(e as Error);
      return;
    }
    const s = this.decoder.write(chunk);
    if (s) this.push(s);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.seen !== this.entry.uncompressedSize) {
      cb(damaged(`文件不完整或已损坏（${this.entry.name} 的数据不完整）`));
      return;
    }
    const s = this.decoder.end();
    if (s) this.push(s);
    cb();
  }
}

function dataStart(file: FileBytes, entry: ZipEntry): number {
  const h = file.read(entry.localHeaderOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw damaged();
  const start = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + entry.compressedSize > file.size) throw damaged();
  return start;
}

// zlib's English detail ("invalid distance too far back") means nothing to a clerk
const asImportError = (e: unknown, entry: ZipEntry): Error => (e instanceof ImportFileError ? e : damaged(`文件不完整或已损坏（${entry.name} 解压失败）`));

/**
 * Opens one entry as a stream of text chunks (strings), with every limit enforced. Chunks
 * are 16 KB: ExcelJS's parser collects a chunk's XML events in one array before handing
 * them on, and 64 KB chunks made its parse some 50% slower (more garbage kept alive).
 */
export function openEntryText(file: FileBytes, entry: ZipEntry, budget: InflateBudget, encoding: TextEncoding = 'utf8'): Readable {
  if (entry.flags & 0x1) {
    throw new ImportFileError('IMPORT_FILE_ENCRYPTED', '这个文件设置了密码（已加密），无法读取。请在 Excel/WPS 中打开并取消密码后另存为 .xlsx 再导入。');
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ImportFileError('IMPORT_FILE_UNSUPPORTED', `文件无法读取：使用了不支持的压缩方式（${entry.method}）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`);
  }
  budget.checkDeclared(entry);
  const out = new CappedText(entry, budget, encoding);
  if (entry.compressedSize === 0) {
    out.end();
    return out;
  }
  const start = dataStart(file, entry);
  const src = fs.createReadStream(file.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const inflate = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: encoding === 'latin1' ? 256 * 1024 : 16 * 1024 }) : null;
  const fail = (e: unknown) => out.destroy(asImportError(e, entry));
  src.on('error', fail);
  if (inflate) {
    inflate.on('error', fail);
    src.pipe(inflate).pipe(out);
  } else {
    src.pipe(out);
  }
  // whoever stops reading early (a preview) releases the file and the inflater too
  out.on('close', () => {
    src.destroy();
    inflate?.destroy();
  });
  return out;
}

/** Reads a small entry (workbook.xml, rels) whole, within the same limits. */
export async function readEntryText(file: FileBytes, entry: ZipEntry, budget: InflateBudget): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of openEntryText(file, entry, budget)) parts.push(chunk as string);
  return parts.join('');
}

export const textStream = (s: string): Readable => Readable.from([s], { objectMode: true });
