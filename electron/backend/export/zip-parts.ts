import type { FileHandle } from 'node:fs/promises';

/**
 * The zip container of an export, read and written by hand: ExcelJS's small part of the
 * workbook (everything but the data rows) is read back from memory, and the finished file is
 * written entry by entry, some copied as they are, some rebuilt (workbook-file.ts).
 * No ZIP64: a workbook within Excel's limits is far below 4 GB; one beyond is refused.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  /** the compressed bytes */
  data: Buffer;
}

export function readZipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('zip: bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({ name, method, crc, compressedSize, size, time, date, data: zip.subarray(start, start + compressedSize) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** CRC-32 of A followed by B from the CRC-32s of each (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const times = (mat: Uint32Array, vec: number) => {
    let sum = 0;
    for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
    return sum >>> 0;
  };
  const square = (out: Uint32Array, mat: Uint32Array) => {
    for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n]!);
  };
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd);
  square(odd, even);
  let crc = crcA >>> 0;
  let len = lengthB;
  for (;;) {
    square(even, odd);
    if (len % 2 === 1) crc = times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    square(odd, even);
    if (len % 2 === 1) crc = times(odd, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

const LIMIT = 0xffffffff;
const tooLarge = () => new Error('ZIP_TOO_LARGE');

/** Writes a zip entry by entry (sizes known up front, no data descriptors), then its directory. */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;

  constructor(private readonly file: FileHandle) {}

  private async write(b: Buffer): Promise<void> {
    let done = 0;
    while (done < b.length) done += (await this.file.write(b, done, b.length - done)).bytesWritten;
    this.offset += b.length;
  }

  async entry(e: Omit<ZipEntry, 'data'>, data: readonly Buffer[]): Promise<void> {
    if (e.size > LIMIT || e.compressedSize > LIMIT || this.offset > LIMIT) throw tooLarge();
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    local.copy(dir, 8, 6, 30);
    dir.writeUInt32LE(this.offset, 42);
    this.central.push(dir, name);
    this.count++;
    await this.write(Buffer.concat([local, name]));
    for (const d of data) await this.write(d);
  }

  async finish(): Promise<void> {
    const start = this.offset;
    const dir = Buffer.concat(this.central);
    if (start + dir.length > LIMIT || this.count > 0xffff) throw tooLarge();
    await this.write(dir);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
  }
}
