import zlib from 'node:zlib';
import type { CellValue } from './cell-value';
import type { CellStyle } from './sheet-styles';
import type { DataStyles } from './style-xml';

/**
 * The data rows of one sheet as worksheet XML, written by us rather than cell by cell through
 * ExcelJS (issue 11: within 1.1× of ExcelJS's bare writer, with all formatting, and no
 * private internals). The XML is compressed as it is written, in pieces of about 256 KB:
 * each piece is a raw deflate stream ended by a sync flush (byte-aligned, not final), so the
 * pieces, laid end to end between the sheet's beginning and end (workbook-file.ts), form one
 * valid deflate stream. Pieces are compressed on the thread pool while the next rows are
 * built; when a few are waiting, the next is compressed right here, which holds the writer
 * back (memory stays bounded however slow the compression).
 */

const PIECE_CHARS = 256 * 1024;
const MAX_PENDING = 4;
const LEVEL = 4;
const FLUSH = { level: LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH };

// what XML 1.0 cannot carry at all (control characters, U+FFFE/U+FFFF) is dropped
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const INVALID_XML_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_ESCAPE = /[&<>]/;

export const xmlSafe = (s: string): string => (INVALID_XML.test(s) ? s.replace(INVALID_XML_ALL, '') : s);

function escapeText(s: string): string {
  s = xmlSafe(s);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const letters: string[] = [];
function columnLetters(n: number): string {
  let s = letters[n];
  if (s === undefined) {
    s = '';
    for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    letters[n] = s;
  }
  return s;
}

/** Excel's serial day number (1900 system), as ExcelJS writes a Date. */
const serial = (d: Date) => 25569 + d.getTime() / 86400000;

/** Compressed pieces, in order, with the CRC-32 and length of the XML they hold. */
export interface CompressedRows {
  pieces: Buffer[];
  crc: number;
  bytes: number;
}

export class SheetRowsXml {
  /** the sheet row the data starts after and ends at (ExcelJS writes the rows around them) */
  readonly after: number;
  last: number;
  private text = '';
  private crc = 0;
  private bytes = 0;
  private readonly pieces: (Buffer | Promise<Buffer>)[] = [];
  private pending = 0;
  private failure: Error | null = null;

  constructor(
    private readonly styles: DataStyles,
    lastWritten: number,
  ) {
    this.after = lastWritten;
    this.last = lastWritten;
  }

  /** One row: cells from column 1, each with its style; `height` in points for wrapped rows. */
  add(rowNumber: number, cells: readonly { value: CellValue; style: CellStyle }[], height?: number): void {
    if (this.failure) throw this.failure;
    if (rowNumber <= this.last) throw new Error('RawRows: rows must be written in order');
    this.last = rowNumber;
    let x = height ? `<row r="${rowNumber}" ht="${height}" customHeight="1">` : `<row r="${rowNumber}">`;
    for (let i = 0; i < cells.length; i++) {
      const { value, style } = cells[i]!;
      const ref = `${columnLetters(i)}${rowNumber}`;
      const s = this.styles.id(style);
      if (value === null || value === undefined) x += `<c r="${ref}" s="${s}"/>`;
      else if (typeof value === 'string') {
        const t = escapeText(value);
        const edge = t.length > 0 && (t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32);
        x += `<c r="${ref}" s="${s}" t="inlineStr"><is><t${edge ? ' xml:space="preserve"' : ''}>${t}</t></is></c>`;
      } else if (typeof value === 'number') {
        x += Number.isFinite(value) ? `<c r="${ref}" s="${s}"><v>${value}</v></c>` : `<c r="${ref}" s="${s}"/>`;
      } else x += `<c r="${ref}" s="${s}"><v>${serial(value)}</v></c>`;
    }
    this.text += `${x}</row>`;
    if (this.text.length >= PIECE_CHARS) this.cut();
  }

  private cut(): void {
    if (!this.text) return;
    const xml = Buffer.from(this.text, 'utf8');
    this.text = '';
    this.crc = zlib.crc32(xml, this.crc);
    this.bytes += xml.length;
    if (this.pending >= MAX_PENDING) {
      this.pieces.push(zlib.deflateRawSync(xml, FLUSH));
      return;
    }
    this.pending++;
    const piece = new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(xml, FLUSH, (err, out) => {
        this.pending--;
        if (err) {
          this.failure = err;
          reject(err);
        } else resolve(out);
      }),
    );
    piece.catch(() => {});
    this.pieces.push(piece);
  }

  /** Everything written, compressed. */
  async finish(): Promise<CompressedRows> {
    this.cut();
    const pieces = await Promise.all(this.pieces);
    return { pieces, crc: this.crc, bytes: this.bytes };
  }
}
