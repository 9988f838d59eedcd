import { Worker } from 'node:worker_threads';
import { ImportFileError, type ImportErrorCode } from '../errors';
import type { ChosenSheet, GridRow, ReadMeta } from './grid';
import type { ReadRequest } from './read-request';
import { unpackRows } from './row-codec';
import { importWorkerPath, type WorkerEntry } from './worker-path';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface ReadWorkerOptions {
  onProgress?: (p: { rowsRead: number }) => void;
  signal?: AbortSignal;
  /** stop the worker when it shows no progress for this long (a reader that never settles) */
  idleTimeoutMs?: number;
  /** stop it after this long in any case */
  totalTimeoutMs?: number;
  /** heap cap of the worker: a file that needs more dies alone, not with the program */
  maxOldGenerationSizeMb?: number;
  workerEntry?: WorkerEntry;
}

/**
 * Receives the chosen sheet and its rows as the worker reads them, so shaping and validation
 * run while the worker is still parsing. Throwing from either stops the read with that error.
 */
export interface RowConsumer {
  sheet(sheet: ChosenSheet): void;
  rows(batch: GridRow[]): void;
  /** columns worth building from here on (the table's width once its header is known) */
  width?(): number;
}

/** Reads one request into a consumer: the worker below, or (tests only) something in-process. */
export type ReadRunner = (request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions) => Promise<ReadMeta>;

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;

const unreadable = (why: string, code: ImportErrorCode = 'IMPORT_FILE_UNREADABLE') =>
  new ImportFileError(code, `文件无法读取：${why}。请在 Excel/WPS 中打开该文件，“另存为” .xlsx 后再导入；如仍不行，文件可能已损坏。`);

/**
 * Runs one read in a worker thread with a memory cap and a watchdog. Whatever happens inside
 * (out of memory, a hang, a crash, a reader that never settles) ends here as an
 * ImportFileError with a Chinese message; the calling process never goes down with it.
 */
export function runReadWorker(request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions = {}): Promise<ReadMeta> {
  if (opts.signal?.aborted) return Promise.reject(cancelled());
  let worker: Worker;
  try {
    const entry = opts.workerEntry ?? importWorkerPath();
    worker = new Worker(entry.script, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 512, stackSizeMb: 8 },
      // anything a library prints goes to stderr: the CLI's stdout carries exactly one JSON document
      stdout: true,
      stderr: true,
    });
    worker.stdout.pipe(process.stderr, { end: false });
    worker.stderr.pipe(process.stderr, { end: false });
  } catch (e) {
    // a broken installation, not a bad file: say so
    return Promise.reject(new ImportFileError('IMPORT_FILE_UNREADABLE', `无法启动文件读取组件（${(e as Error).message}），请重新安装本程序。`));
  }
  return new Promise<ReadMeta>((resolve, reject) => {
    let meta: ReadMeta | null = null;
    let sheetSeen = false;
    let settled = false;

    const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    let idle = setTimeout(onIdle, idleMs);
    const total = setTimeout(() => finish(unreadable('读取时间过长，已停止（文件可能过大或结构异常）', 'IMPORT_FILE_TOO_LARGE')), opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
    function onIdle() {
      finish(unreadable(`读取中途停止响应（超过 ${Math.round(idleMs / 1000)} 秒没有进展），文件可能已损坏`, 'IMPORT_FILE_DAMAGED'));
    }
    const onAbort = () => finish(cancelled());
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    function finish(result: ReadMeta | Error) {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      clearTimeout(total);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.removeAllListeners('message');
      void worker.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    }

    worker.on('message', (m: FromWorker) => {
      clearTimeout(idle);
      idle = setTimeout(onIdle, idleMs);
      try {
        onMessage(m);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    });
    function onMessage(m: FromWorker) {
      switch (m.type) {
        case 'sheet':
          sheetSeen = true;
          consumer.sheet(m.sheet);
          break;
        case 'rows':
          if (!settled) consumer.rows(unpackRows(m.rows, consumer.width?.()));
          break;
        case 'progress':
          opts.onProgress?.({ rowsRead: m.rowsRead });
          break;
        case 'meta':
          meta = m.meta;
          break;
        case 'alive':
          break;
        case 'done':
          if (!meta || !sheetSeen) finish(unreadable('读取结果不完整'));
          else finish(meta);
          break;
        case 'error':
          finish(new ImportFileError(m.code, m.message));
          break;
      }
    }
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(unreadable('文件内容过大或结构异常，读取时超出了内存限制', 'IMPORT_FILE_TOO_LARGE'));
      } else {
        finish(unreadable(`读取程序出错（${e.message.slice(0, 200)}）`));
      }
    });
    worker.on('exit', (code) => finish(unreadable(`读取程序意外退出（代码 ${code}），文件可能已损坏`, 'IMPORT_FILE_DAMAGED')));
    worker.postMessage({ type: 'read', request } satisfies ToWorker);
  });
}

const cancelled = () => new ImportFileError('IMPORT_CANCELLED', '已取消导入，没有做任何更改。');

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
  // runReadWorker resolves only after the sheet was announced
  return { meta, sheet: got.sheet!, rows: got.rows };
}
