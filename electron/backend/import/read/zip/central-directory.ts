import { damaged, tooLarge } from '../../errors';
import type { FileBytes } from '../file-bytes';

/**
 * The zip's central directory, read by hand: it is where a zip states every entry's size, so
 * we can refuse a bomb before inflating a byte, and it tells a truncated file (no directory at
 * the end) from a whole one. Zip64 is supported for sizes and offsets.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the inflated bytes, as the directory states it */
  crc32: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;

/** Largest offset a JS number holds exactly; beyond it a zip64 field is nonsense anyway. */
const readU64 = (b: Buffer, at: number): number => {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('压缩包目录中的数值异常');
  return Number(v);
};

function findEocd(file: FileBytes): { buf: Buffer; at: number; fileOffset: number } | null {
  const span = Math.min(file.size, EOCD_MIN + MAX_COMMENT);
  const start = file.size - span;
  const buf = file.read(start, span);
  for (let i = buf.length - EOCD_MIN; i >= 0; i--) {
    if (buf.readUInt32LE(i) !== SIG_EOCD) continue;
    // the comment length must reach exactly to the end of the file (else it is stray data)
    const commentLen = buf.readUInt16LE(i + 20);
    if (i + EOCD_MIN + commentLen === buf.length) return { buf, at: i, fileOffset: start + i };
  }
  return null;
}

export function readCentralDirectory(file: FileBytes, maxEntries: number): ZipEntry[] {
  const eocd = findEocd(file);
  if (!eocd) throw damaged('文件不完整或已损坏（找不到压缩包目录）');
  const { buf, at } = eocd;
  let count = buf.readUInt16LE(at + 10);
  let cdSize = buf.readUInt32LE(at + 12);
  let cdOffset = buf.readUInt32LE(at + 16);

  if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = file.read(eocd.fileOffset - 20, 20);
    if (loc.length !== 20 || loc.readUInt32LE(0) !== SIG_EOCD64_LOCATOR) throw damaged('压缩包目录不完整');
    const rec64At = readU64(loc, 8);
    const rec = file.read(rec64At, 56);
    if (rec.length !== 56 || rec.readUInt32LE(0) !== SIG_EOCD64) throw damaged('压缩包目录不完整');
    count = readU64(rec, 32);
    cdSize = readU64(rec, 40);
    cdOffset = readU64(rec, 48);
  }
  if (count > maxEntries) throw tooLarge(`压缩包中的条目过多（${count} 个）`);
  if (cdOffset + cdSize > file.size) throw damaged();

  const cd = file.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw damaged('压缩包目录已损坏');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    const extraEnd = nameEnd + extraLen;
    if (extraEnd + commentLen > cd.length) throw damaged('压缩包目录已损坏');
    // names of workbook parts are ASCII; bit 11 says UTF-8 for the rest
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);

    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      ({ uncompressedSize, compressedSize, localHeaderOffset } = applyZip64Extra(cd, nameEnd, extraEnd, {
        uncompressedSize,
        compressedSize,
        localHeaderOffset,
      }));
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset, crc32 });
    p = extraEnd + commentLen;
  }
  return entries;
}

type Sizes = { uncompressedSize: number; compressedSize: number; localHeaderOffset: number };

/** The zip64 extra field holds, in this order, only the values whose 32-bit field is 0xFFFFFFFF. */
function applyZip64Extra(cd: Buffer, from: number, to: number, s: Sizes): Sizes {
  let q = from;
  while (q + 4 <= to) {
    const id = cd.readUInt16LE(q);
    const len = cd.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const end = r + len;
      const next = (): number => {
        if (r + 8 > end) throw damaged('压缩包目录已损坏');
        const v = readU64(cd, r);
        r += 8;
        return v;
      };
      const out = { ...s };
      if (s.uncompressedSize === U32_MAX) out.uncompressedSize = next();
      if (s.compressedSize === U32_MAX) out.compressedSize = next();
      if (s.localHeaderOffset === U32_MAX) out.localHeaderOffset = next();
      return out;
    }
    q += 4 + len;
  }
  throw damaged('压缩包目录已损坏');
}
