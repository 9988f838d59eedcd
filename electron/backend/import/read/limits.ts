/**
 * Hard limits for reading a file. A spreadsheet a person made stays far below them; a zip
 * bomb, a damaged file or a crafted one crosses them early, before it can exhaust memory
 * or time, and is refused with the limit named. Together they keep a whole import (the
 * reading worker and the thread that validates and stores) under 1 GB on any input.
 * (A 100,000-row × 12-column roster's sheet XML is about 60 MB inflated.)
 */
export interface ReadLimits {
  /** inflated size of any one part we read (sheet XML, shared strings, styles) */
  maxEntryBytes: number;
  /** inflated size of all parts we read, together */
  maxTotalBytes: number;
  /** entries in the zip's central directory */
  maxEntries: number;
  maxCsvBytes: number;
  maxMerges: number;
  /** characters of one sheet row's XML we are willing to hold while scanning it */
  maxRowXmlBytes: number;
  /** tabs of one workbook */
  maxSheets: number;
  /**
   * rows holding a value in the sheet imported (the largest lists offices keep: ~120,000).
   * 300,000 rows of a roster took the whole import to about 800 MB: 200,000 keeps it, with
   * the worker's heap cap, under 1 GB on any input.
   */
  maxRows: number;
  /**
   * cells of the sheet imported, counting the empty ones to the left of each value: a row's
   * width is its last cell. Stops 40,000 rows with one stray value in column XFD.
   */
  maxGridCells: number;
  /** entries and characters of xl/sharedStrings.xml, held in memory whole */
  maxSharedStrings: number;
  maxSharedStringChars: number;
  /** an .xls is read whole (its format has no streaming): its size on disk */
  maxXlsBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntryBytes: 256 * MB,
  maxTotalBytes: 512 * MB,
  maxEntries: 10_000,
  maxCsvBytes: 200 * MB,
  maxMerges: 100_000,
  maxRowXmlBytes: 8 * MB,
  maxSheets: 1_000,
  maxRows: 200_000,
  maxGridCells: 8_000_000,
  maxSharedStrings: 4_000_000,
  maxSharedStringChars: 64_000_000,
  maxXlsBytes: 48 * MB,
};

export const withDefaults = (l?: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...l });

/** 200000 → "20 万", 8000000 → "800 万", 500 → "500 ": limits as clerks say them, a unit to follow ("20 万行", "500 行"). */
export function wan(n: number): string {
  return n >= 10_000 && n % 10_000 === 0 ? `${(n / 10_000).toLocaleString('en-US')} 万` : `${n.toLocaleString('en-US')} `;
}
