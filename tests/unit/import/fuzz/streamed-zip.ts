import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A zip written from parts that may be too big to hold as text: a large part is first
 * written to a temp file (see `writeLines`), then deflated as a stream; only the compressed
 * bytes (small for repetitive XML) are kept. CRCs and sizes are correct.
 */
export interface StreamedPart {
  name: string;
  /** small parts as bytes, large ones as a file to stream */
  data?: Buffer;
  file?: string;
}

interface Packed {
  name: Buffer;
  body: Buffer;
  crc: number;
  size: number;
}

async function pack(part: StreamedPart): Promise<Packed> {
  const name = Buffer.from(part.name, 'utf8');
  if (part.data) return { name, body: zlib.deflateRawSync(part.data), crc: zlib.crc32(part.data), size: part.data.length };
  let crc = 0;
  let size = 0;
  const out: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level: 6 });
  deflate.on('data', (c: Buffer) => out.push(c));
  await pipeline(
    fs.createReadStream(part.file!),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        deflate.write(chunk, cb);
      },
      final(cb) {
        deflate.end(cb);
      },
    }),
  );
  await new Promise((r) => (deflate.readableEnded ? r(null) : deflate.once('end', r)));
  if (size >= 0xffffffff) throw new Error('zip64 is not written here');
  return { name, body: Buffer.concat(out), crc, size };
}

export async function writeStreamedZip(file: string, parts: StreamedPart[]): Promise<void> {
  const packed: Packed[] = [];
  for (const p of parts) packed.push(await pack(p));
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.body.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    chunks.push(local, p.name, p.body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(p.crc, 16);
    cd.writeUInt32LE(p.body.length, 20);
    cd.writeUInt32LE(p.size, 24);
    cd.writeUInt16LE(p.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, p.name);
    offset += 30 + p.name.length + p.body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...chunks, cdBuf, end]));
}

/** Writes text to a file from a generator of pieces, a few hundred KB at a time. */
export function writeLines(file: string, pieces: Iterable<string>): number {
  const fd = fs.openSync(file, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  let total = 0;
  const flush = () => {
    const b = Buffer.from(pending.join(''), 'utf8');
    fs.writeSync(fd, b);
    total += b.length;
    pending = [];
    pendingLength = 0;
  };
  try {
    for (const p of pieces) {
      pending.push(p);
      pendingLength += p.length;
      if (pendingLength > 256 * 1024) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return total;
}
