import type { FileBytes } from '../file-bytes';

/**
 * Names of the streams in an OLE2 compound file (the container of .xls, .et, .doc, and of
 * password-protected .xlsx). We only need the names to say what the file is, so this walks
 * the directory chain and nothing else. Returns null when the structure does not hold up.
 */
const ENDOFCHAIN = 0xfffffffe;
const MAX_SECTORS_WALKED = 100_000;

export function listCfbNames(file: FileBytes): string[] | null {
  const h = file.read(0, 512);
  if (h.length < 512) return null;
  const sectorShift = h.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const numFatSectors = h.readUInt32LE(0x2c);
  const firstDirSector = h.readUInt32LE(0x30);
  let difatSector = h.readUInt32LE(0x44);
  const numDifatSectors = h.readUInt32LE(0x48);
  const sectorAt = (n: number) => file.read((n + 1) * sectorSize, sectorSize);

  // FAT sector numbers: 109 in the header, the rest in a DIFAT chain
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFatSectors; i++) fatSectors.push(h.readUInt32LE(0x4c + i * 4));
  for (let d = 0; d < numDifatSectors && difatSector < ENDOFCHAIN && fatSectors.length < numFatSectors; d++) {
    const s = sectorAt(difatSector);
    if (s.length < sectorSize) return null;
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFatSectors; i++) fatSectors.push(s.readUInt32LE(i * 4));
    difatSector = s.readUInt32LE(sectorSize - 4);
  }

  const perFatSector = sectorSize / 4;
  const fatCache = new Map<number, Buffer>();
  const nextSector = (n: number): number | null => {
    const fs = fatSectors[Math.floor(n / perFatSector)];
    if (fs === undefined) return null;
    let buf = fatCache.get(fs);
    if (!buf) {
      buf = sectorAt(fs);
      if (buf.length < sectorSize) return null;
      fatCache.set(fs, buf);
    }
    return buf.readUInt32LE((n % perFatSector) * 4);
  };

  const names: string[] = [];
  let sector: number | null = firstDirSector;
  for (let walked = 0; sector !== null && sector < ENDOFCHAIN; walked++) {
    if (walked > MAX_SECTORS_WALKED) return null;
    const s = sectorAt(sector);
    if (s.length < sectorSize) return null;
    for (let e = 0; e + 128 <= sectorSize; e += 128) {
      const nameLen = s.readUInt16LE(e + 0x40);
      const type = s[e + 0x42];
      if (type === 0 || nameLen < 2 || nameLen > 64) continue;
      names.push(s.toString('utf16le', e, e + nameLen - 2));
    }
    sector = nextSector(sector);
  }
  return names;
}
