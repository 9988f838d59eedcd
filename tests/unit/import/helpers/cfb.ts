/**
 * A minimal OLE2 compound file with named, empty streams: enough to look like an .xls
 * ("Workbook") or a password-protected .xlsx ("EncryptionInfo" + "EncryptedPackage") to
 * a reader that checks the magic and walks the directory.
 */
export function writeCfb(streamNames: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(0x1000, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // FAT is sector 0

  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: directory, end of chain

  const dir = Buffer.alloc(sector);
  const entry = (i: number, name: string, type: number) => {
    const at = i * 128;
    const n = Buffer.from(`${name}\u0000`, 'utf16le');
    n.copy(dir, at);
    dir.writeUInt16LE(n.length, at + 0x40);
    dir[at + 0x42] = type;
    dir.writeUInt32LE(0xffffffff, at + 0x44);
    dir.writeUInt32LE(0xffffffff, at + 0x48);
    dir.writeUInt32LE(0xffffffff, at + 0x4c);
  };
  entry(0, 'Root Entry', 5);
  streamNames.slice(0, 3).forEach((n, i) => entry(i + 1, n, 2));
  return Buffer.concat([header, fat, dir]);
}
