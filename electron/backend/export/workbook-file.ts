import fsp from 'node:fs/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/contract/define';
import { checkDestination, flushToDisk, tempPathFor } from './atomic-file';
import { ExportErrorCode, exportCancelled, fileError } from './export-errors';
import { quoteMarkToPrefix } from './quote-prefix';
import { SheetRowsXml } from './row-xml';
import { DataStyles, shiftStyleIds } from './style-xml';
import { crc32Combine, readZipEntries, ZipWriter, type ZipEntry } from './zip-parts';

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * One export's workbook while it is written. ExcelJS (public API only) writes everything but
 * the data rows — heading, header, totals, merges, page setup, the 汇总 sheet — into memory,
 * where it is small; the data rows are written as XML by us (row-xml.ts), compressed as they
 * come. At the end the two are put together into the file: each data sheet's rows go in
 * between the rows ExcelJS wrote around them, our cell formats join styles.xml, and the
 * sheets take the order asked for.
 */
class WorkbookParts {
  readonly styles = new DataStyles();
  /** by worksheet id */
  readonly rows = new Map<number, SheetRowsXml>();
  /** worksheet ids to list first, in this order */
  readonly first: number[] = [];
}

const parts = new WeakMap<object, WorkbookParts>();

/**
 * Where the data rows of `worksheet` go when written by us, or null when its workbook is not
 * one of writeWorkbookFile's (then rows go through ExcelJS's public API).
 */
export function sheetRowsFor(worksheet: ExcelJS.Worksheet, lastWritten: number): SheetRowsXml | null {
  const p = parts.get(worksheet.workbook);
  if (!p) return null;
  if (p.rows.has(worksheet.id)) throw new Error('RawRows: one writer per sheet');
  const rows = new SheetRowsXml(p.styles, lastWritten);
  p.rows.set(worksheet.id, rows);
  return rows;
}

/** Lists `worksheet` before the others in the finished file (the 汇总 sheet, written last). */
export function putSheetFirst(workbook: WorkbookWriter, worksheet: ExcelJS.Worksheet): void {
  parts.get(workbook)?.first.push(worksheet.id);
}

/** ExcelJS's output, kept in memory. */
class MemorySink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
}

/**
 * Writes a workbook into a temp file beside `out`, then renames it: the file appears at `out`
 * only when complete. On failure or cancel the temp file is deleted and `out` is left as it
 * was (an older file there is not touched).
 */
export async function writeWorkbookFile<T>(
  out: string,
  signal: AbortSignal | undefined,
  build: (workbook: WorkbookWriter, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw exportCancelled();
  const target = checkDestination(out);
  const temp = tempPathFor(target);
  const never = new AbortController().signal;
  let created = false;
  try {
    const sink = new MemorySink();
    const finished = new Promise<void>((resolve, reject) => {
      sink.once('finish', resolve);
      sink.once('error', reject);
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const p = new WorkbookParts();
    parts.set(workbook, p);
    const result = await build(workbook, signal ?? never);
    signal?.throwIfAborted();
    await workbook.commit();
    await finished;
    signal?.throwIfAborted();
    const file = await fsp.open(temp, 'wx');
    created = true;
    try {
      await assemble(Buffer.concat(sink.chunks), p, new ZipWriter(file));
    } finally {
      await file.close();
    }
    await flushToDisk(temp);
    if (signal?.aborted) throw exportCancelled();
    await fsp.rename(temp, target);
    return result;
  } catch (err) {
    if (created) await fsp.rm(temp, { force: true }).catch(() => {});
    if (err instanceof ApiError) throw err;
    if (signal?.aborted) throw exportCancelled();
    if ((err as Error)?.message === 'ZIP_TOO_LARGE') throw new ApiError(ExportErrorCode.invalid, '导出的内容过大（超过 4 GB），请筛选后分批导出');
    throw fileError(err, target) ?? err;
  }
}

const inflate = (e: ZipEntry) => (e.method === 8 ? zlib.inflateRawSync(e.data) : e.data).toString('utf8');

/** A part rebuilt from text, deflated whole. */
function rebuilt(e: ZipEntry, xml: string): [Omit<ZipEntry, 'data'>, Buffer[]] {
  const bytes = Buffer.from(xml, 'utf8');
  const data = zlib.deflateRawSync(bytes);
  return [{ ...e, method: 8, crc: zlib.crc32(bytes), size: bytes.length, compressedSize: data.length }, [data]];
}

async function assemble(excelJsZip: Buffer, p: WorkbookParts, zip: ZipWriter): Promise<void> {
  const shift = p.styles.count;
  for (const e of readZipEntries(excelJsZip)) {
    const name = e.name.replace(/^\//, '');
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (name === 'xl/styles.xml') {
      await zip.entry(...rebuilt({ ...e, name }, p.styles.patch(inflate(e), quoteMarkToPrefix)));
    } else if (name === 'xl/workbook.xml' && p.first.length > 0) {
      await zip.entry(...rebuilt({ ...e, name }, sheetsFirst(inflate(e), p.first)));
    } else if (sheet && p.rows.has(Number(sheet[1]))) {
      await withRows({ ...e, name }, shiftStyleIds(inflate(e), shift), p.rows.get(Number(sheet[1]))!, zip);
    } else if (sheet && shift > 0) {
      await zip.entry(...rebuilt({ ...e, name }, shiftStyleIds(inflate(e), shift)));
    } else {
      await zip.entry({ ...e, name }, [e.data]);
    }
  }
  await zip.finish();
}

/** A sheet with our data rows put in after row `rows.after`, before the rows ExcelJS wrote below them. */
async function withRows(e: ZipEntry, xml: string, rows: SheetRowsXml, zip: ZipWriter): Promise<void> {
  const data = await rows.finish();
  let at = -1;
  for (const m of xml.matchAll(/<row r="(\d+)"/g)) {
    if (Number(m[1]) > rows.last) {
      at = m.index;
      break;
    }
  }
  if (at < 0) at = xml.indexOf('</sheetData>');
  if (at < 0) {
    // no rows at all from ExcelJS: an empty <sheetData/> opens for ours
    const empty = xml.indexOf('<sheetData/>');
    xml = `${xml.slice(0, empty)}<sheetData></sheetData>${xml.slice(empty + '<sheetData/>'.length)}`;
    at = empty + '<sheetData>'.length;
  }
  const head = Buffer.from(xml.slice(0, at), 'utf8');
  const tail = Buffer.from(xml.slice(at), 'utf8');
  const headData = zlib.deflateRawSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const tailData = zlib.deflateRawSync(tail);
  let crc = zlib.crc32(head);
  crc = crc32Combine(crc, data.crc, data.bytes);
  crc = crc32Combine(crc, zlib.crc32(tail), tail.length);
  const pieces = [headData, ...data.pieces, tailData];
  await zip.entry({ ...e, method: 8, crc, size: head.length + data.bytes + tail.length, compressedSize: pieces.reduce((a, b) => a + b.length, 0) }, pieces);
}

/**
 * workbook.xml with the given sheets listed first. A defined name local to a sheet (the print
 * titles) names it by its place in the list, so those places move with the sheets.
 */
function sheetsFirst(xml: string, firstIds: number[]): string {
  const open = xml.indexOf('<sheets>');
  const close = xml.indexOf('</sheets>');
  if (open < 0 || close < 0) return xml;
  const sheets = xml.slice(open + '<sheets>'.length, close).match(/<sheet [^>]*\/>/g) ?? [];
  const idOf = (s: string) => Number(/ sheetId="(\d+)"/.exec(s)?.[1]);
  const ordered = [...firstIds.map((id) => sheets.find((s) => idOf(s) === id)).filter((s): s is string => Boolean(s)), ...sheets.filter((s) => !firstIds.includes(idOf(s)))];
  const place = new Map(sheets.map((s, i) => [i, ordered.indexOf(s)]));
  const body = `${xml.slice(0, open)}<sheets>${ordered.join('')}${xml.slice(close)}`;
  return body.replace(/(<definedName [^>]*localSheetId=")(\d+)"/g, (_m, pre: string, i: string) => `${pre}${place.get(Number(i)) ?? i}"`);
}
