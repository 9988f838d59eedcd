import fs from 'node:fs';

/** Positional reads on an open file: the zip and OLE2 readers jump to offsets they parse. */
export class FileBytes {
  private constructor(
    readonly path: string,
    private readonly fd: number,
    readonly size: number,
  ) {}

  static open(path: string): FileBytes {
    const fd = fs.openSync(path, 'r');
    try {
      return new FileBytes(path, fd, fs.fstatSync(fd).size);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  /** Up to `length` bytes at `offset`; fewer at the end of the file. */
  read(offset: number, length: number): Buffer {
    if (offset < 0 || offset >= this.size || length <= 0) return Buffer.alloc(0);
    const n = Math.min(length, this.size - offset);
    const buf = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this.fd, buf, done, n - done, offset + done);
      if (got === 0) break;
      done += got;
    }
    return done === n ? buf : buf.subarray(0, done);
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed; nothing to release
    }
  }
}
