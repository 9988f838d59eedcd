import { ImportFileError } from '../../../../electron/backend/import/index';
import { describeReadError } from '../../../../electron/backend/import/read/describe-error';
import type { ReadMeta } from '../../../../electron/backend/import/read/grid';
import { readSpreadsheet } from '../../../../electron/backend/import/read/read-spreadsheet';
import { packRows, unpackRows } from '../../../../electron/backend/import/read/row-codec';
import type { ReadRunner } from '../../../../electron/backend/import/read/run-read-worker';

/**
 * The import worker's work done in this thread, for the fuzz: the same reader, the same
 * packing of rows across the boundary, the same errors told in Chinese, without starting a
 * thread per case. A warm reader takes a fixture in milliseconds, where a fresh worker takes
 * tens; what only the worker adds (its memory cap, its watchdog) has tests of its own
 * (worker-safety.test.ts), and every tenth fuzz case still goes through it.
 */
export const inlineRunner: ReadRunner = async (request, consumer) => {
  let meta: ReadMeta | null = null;
  let sheetSeen = false;
  // what the receiving side throws comes out as it is (as it does from the worker's caller)
  let fromConsumer: { error: unknown } | null = null;
  const deliver = (f: () => void) => {
    try {
      f();
    } catch (error) {
      fromConsumer = { error };
      throw error;
    }
  };
  try {
    await readSpreadsheet(request, {
      sheet: (s) =>
        deliver(() => {
          sheetSeen = true;
          consumer.sheet(s);
        }),
      rows: (batch) => deliver(() => consumer.rows(unpackRows(structuredClone(packRows(batch)), consumer.width?.()))),
      meta: (m) => (meta = m),
      progress: () => undefined,
    });
  } catch (e) {
    if (fromConsumer) throw (fromConsumer as { error: unknown }).error;
    throw describeReadError(e);
  }
  if (!meta || !sheetSeen) throw new ImportFileError('IMPORT_FILE_UNREADABLE', '文件无法读取：读取结果不完整。');
  return meta;
};
