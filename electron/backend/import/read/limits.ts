/**
 * Hard limits for reading a file. A spreadsheet a person made stays far below them; a zip
 * bomb or a damaged file crosses them early, before it can exhaust memory or disk.
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
  /** bytes of one sheet row's XML we are willing to hold while scanning it */
  maxRowXmlBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntryBytes: 200 * MB,
  maxTotalBytes: 400 * MB,
  maxEntries: 10_000,
  maxCsvBytes: 200 * MB,
  maxMerges: 100_000,
  maxRowXmlBytes: 64 * MB,
};

export const withDefaults = (l?: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...l });
