import path from 'node:path';
import { tooLarge } from '../../errors';
import type { FileBytes } from '../file-bytes';
import type { GridRow } from '../grid';
import { withDefaults } from '../limits';
import { BATCH_ROWS, PREVIEW_ROWS, type ReadRequest, type ReadSink } from '../read-request';
import { decodeText } from './decode-text';
import { detectDelimiter, parseCsv } from './parse-csv';

/** A CSV is one sheet, named after the file as Excel names it when opening one. */
export async function readCsv(file: FileBytes, req: ReadRequest, sink: ReadSink): Promise<void> {
  const limits = withDefaults(req.limits);
  if (file.size > limits.maxCsvBytes) throw tooLarge(`CSV 文件过大（${Math.round(file.size / 1048576)} MB）`);
  const { text } = decodeText(file.read(0, file.size));
  const name = path.basename(req.path, path.extname(req.path));
  sink.sheet({ format: 'csv', name, merges: [], date1904: false });
  const preview = req.mode === 'inspect';
  let batch: GridRow[] = [];
  let rows = 0;
  for (const r of parseCsv(text, detectDelimiter(text))) {
    rows++;
    if (preview && rows > PREVIEW_ROWS) continue;
    batch.push(r);
    if (batch.length >= BATCH_ROWS) {
      sink.rows(batch);
      batch = [];
      sink.progress(rows);
    }
  }
  if (batch.length) sink.rows(batch);
  sink.progress(rows);
  sink.meta({ format: 'csv', sheets: [{ name, rows, hidden: false }], chosenSheet: name, date1904: false });
}
