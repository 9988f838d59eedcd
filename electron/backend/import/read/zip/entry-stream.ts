import fs from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
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
  checkDeclared(entry: ZipEntry, label?: string): void {
    const others = this.used - (this.perEntry.get(entry) ?? 0);
    if (entry.uncompressedSize > this.maxEntryBytes || others + entry.uncompressedSize > this.maxTotalBytes) throw this.bomb(entry, label);
  }

  /** `entryTotal`: bytes inflated so far in this pass over the entry. */
  take(entry: ZipEntry, entryTotal: number, label?: string): void {
    const before = this.perEntry.get(entry) ?? 0;
    if (entryTotal > before) {
      this.used += entryTotal - before;
      this.perEntry.set(entry, entryTotal);
    }
    if (entryTotal > this.maxEntryBytes || this.used > this.maxTotalBytes) throw this.bomb(entry, label);
    if (this.onActivity) {
      const now = Date.now();
      if (now - this.lastBeat >= 200) {
        this.lastBeat = now;
        this.onActivity();
      }
    }
  }

  private bomb(entry: ZipEntry, label?: string): ImportFileError {
    const mb = (n: number) => Math.round(n / 1048576);
    return tooLarge(`文件解压后过大（${partLabel(entry, label)}超出单个部分 ${mb(this.maxEntryBytes)} MB、合计 ${mb(this.maxTotalBytes)} MB 的限制），可能是异常文件`);
  }
}

/**
 * Parts named the way a clerk can follow: "工作簿的共享文字部分", never "xl/sharedStrings.xml".
 * Sheets are named by their callers ("第2个工作表（花名册）"), who know the tab order.
 */
export function partLabel(entry: ZipEntry, label?: string): string {
  if (label) return label;
  const n = entry.name.toLowerCase();
  if (n.includes('worksheets/')) return '其中一个工作表';
  if (n.endsWith('sharedstrings.xml')) return '工作簿的共享文字部分';
  if (n.endsWith('styles.xml')) return '工作簿的样式部分';
  if (n.endsWith('.rels')) return '工作簿的关系目录';
  if (n.endsWith('workbook.xml')) return '工作簿的目录部分';
  return '文件的一个组成部分';
}

/**
 * Counts inflated bytes against the directory's declared size and the budget, checks the
 * CRC-32, and decodes UTF-8 with a StringDecoder so a character split between two chunks
 * stays whole (invalid bytes become U+FFFD, which validation refuses by row). 'latin1' is
 * for scanners that only look for ASCII markup: one char per byte, no decoding cost.
 */
/** 'buffer': the inflated bytes as they are, for a reader that decodes only what it keeps. */
export type TextEncoding = 'utf8' | 'latin1' | 'buffer';

class CappedText extends Transform {
  private seen = 0;
  private crc = 0;
  private readonly decoder: StringDecoder | null;

  constructor(
    private readonly entry: ZipEntry,
    private readonly budget: InflateBudget,
    encoding: TextEncoding,
    private readonly label: string,
  ) {
    super({ readableObjectMode: true });
    this.decoder = encoding === 'buffer' ? null : new StringDecoder(encoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.entry.uncompressedSize) {
      // more data than the directory declared: a forged size (a bomb) or a damaged file
      cb(tooLarge(`文件内容与压缩包目录不一致（${this.label}解压后大于声明的大小），可能是异常文件`));
      return;
    }
    try {
      this.budget.take(this.entry, this.seen, this.label);
    } catch (e) {
      cb(e as Error);
      return;
    }
    this.crc = zlib.crc32(chunk, this.crc);
    if (!this.decoder) this.push(chunk);
    else {
      const s = this.decoder.write(chunk);
      if (s) this.push(s);
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.seen !== this.entry.uncompressedSize) {
      cb(damaged(`文件不完整或已损坏（${this.label}的数据不完整）`));
      return;
    }
    // the checksum proves the bytes are the ones the writer stored: a damaged copy must not import
    if ((this.crc >>> 0) !== (this.entry.crc32 >>> 0)) {
      cb(damaged(`文件已损坏（${this.label}的校验码不符，数据在复制或传输中出了错）`));
      return;
    }
    const s = this.decoder?.end();
    if (s) this.push(s);
    cb();
  }
}

/** Deflate cannot shrink data more than about 1,032 to 1: a directory claiming more is forged. */
const MAX_DEFLATE_RATIO = 1100;

function dataStart(file: FileBytes, entry: ZipEntry): number {
  const h = file.read(entry.localHeaderOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw damaged();
  const start = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + entry.compressedSize > file.size) throw damaged();
  return start;
}

// zlib's English detail ("invalid distance too far back") means nothing to a clerk
const asImportError = (e: unknown, label: string): Error => (e instanceof ImportFileError ? e : damaged(`文件不完整或已损坏（${label}解压失败）`));

/**
 * Opens one entry as a stream of text chunks (strings) of about `chunkSize` characters, with
 * every limit enforced: sizes declared against the budget and against what deflate can do,
 * inflated bytes against the declared size, and the CRC at the end. `label` names the part
 * in messages.
 */
export function openEntryText(file: FileBytes, entry: ZipEntry, budget: InflateBudget, encoding: TextEncoding = 'utf8', chunkSize = 64 * 1024, label?: string): Readable {
  const what = partLabel(entry, label);
  if (entry.flags & 0x1) {
    throw new ImportFileError('IMPORT_FILE_ENCRYPTED', '这个文件设置了密码（已加密），无法读取。请在 Excel/WPS 中打开并取消密码后另存为 .xlsx 再导入。');
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ImportFileError('IMPORT_FILE_UNSUPPORTED', `文件无法读取：使用了不支持的压缩方式（${entry.method}）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`);
  }
  budget.checkDeclared(entry, what);
  if (entry.method === 0 ? entry.compressedSize !== entry.uncompressedSize : entry.uncompressedSize > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
    throw tooLarge(`文件内容与压缩包目录不一致（${what}声明的大小与压缩数据不符），可能是异常文件`);
  }
  const out = new CappedText(entry, budget, encoding, what);
  if (entry.compressedSize === 0) {
    out.end();
    return out;
  }
  const start = dataStart(file, entry);
  const src = fs.createReadStream(file.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const inflate = entry.method === 8 ? zlib.createInflateRaw({ chunkSize }) : null;
  const fail = (e: unknown) => out.destroy(asImportError(e, what));
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

