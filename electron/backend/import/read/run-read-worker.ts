import type { ChosenSheet, GridRow, ReadMeta } from './grid';
import { cancelled, cannotStart, ReadThread, type ReadWorkerOptions, type RowConsumer } from './read-thread';
import type { ReadRequest } from './read-request';
import { importWorkerPath } from './worker-path';

export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, type ReadWorkerOptions, type RowConsumer } from './read-thread';

/** Reads one request into a consumer: the worker below, or (tests only) something in-process. */
export type ReadRunner = (request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions) => Promise<ReadMeta>;

/**
 * Runs one read in a worker thread of its own with a memory cap and a watchdog, then ends the
 * thread. Whatever happens inside (out of memory, a hang, a crash, a reader that never
 * settles) ends here as an ImportFileError with a Chinese message; the calling process never
 * goes down with it. Many files in a row: ReadWorkerPool, which keeps its threads.
 */
export async function runReadWorker(request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions = {}): Promise<ReadMeta> {
  if (opts.signal?.aborted) throw cancelled();
  let thread: ReadThread;
  try {
    thread = new ReadThread(opts.workerEntry ?? importWorkerPath(), opts.maxOldGenerationSizeMb);
  } catch (e) {
    throw cannotStart(e);
  }
  try {
    return await thread.read(request, consumer, opts);
  } finally {
    void thread.terminate();
  }
}

/** Every row in memory: for previews and tests, where the sheet is small. */
export async function collectRows(request: ReadRequest, opts: ReadWorkerOptions = {}, runner: ReadRunner = runReadWorker): Promise<{ meta: ReadMeta; sheet: ChosenSheet; rows: GridRow[] }> {
  const got: { sheet?: ChosenSheet; rows: GridRow[] } = { rows: [] };
  const meta = await runner(
    request,
    {
      sheet: (s) => (got.sheet = s),
      rows: (batch) => {
        for (const r of batch) got.rows.push(r);
      },
    },
    opts,
  );
  // a read resolves only after the sheet was announced
  return { meta, sheet: got.sheet!, rows: got.rows };
}
