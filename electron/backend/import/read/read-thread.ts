import { Worker } from 'node:worker_threads';
import { ImportFileError, type ImportErrorCode } from '../errors';
import type { ChosenSheet, GridRow, ReadMeta } from './grid';
import type { ReadRequest } from './read-request';
import { unpackRows } from './row-codec';
import type { WorkerEntry } from './worker-path';
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

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_WORKER_HEAP_MB = 512;
/**
 * The reader's garbage is short-lived (a cell's text lives until its batch is posted): a
 * small young generation collects it as well, and the thread holds tens of MB less.
 */
const YOUNG_MB = 8;

export const unreadable = (why: string, code: ImportErrorCode = 'IMPORT_FILE_UNREADABLE') =>
  new ImportFileError(code, `文件无法读取：${why}。请在 Excel/WPS 中打开该文件，“另存为” .xlsx 后再导入；如仍不行，文件可能已损坏。`);

export const cancelled = () => new ImportFileError('IMPORT_CANCELLED', '已取消导入，没有做任何更改。');

/** What the thread does with the messages of the read in progress. */
interface Job {
  message(m: FromWorker): void;
  failed(e: Error): void;
}

/**
 * One reading worker thread with a memory cap. It reads files one after another; a read that
 * ends badly (a crash, out of memory, a hang, a cancel, a consumer that refused the rows)
 * terminates the thread, since what is left in it can no longer be trusted, and the thread
 * reports itself dead so its owner starts a fresh one for the next file. A file the reader
 * refuses with a reason of its own is a normal end: the thread stays for the next file.
 */
export class ReadThread {
  private readonly worker: Worker;
  private job: Job | null = null;
  private exited = false;

  constructor(entry: WorkerEntry, heapMb = DEFAULT_WORKER_HEAP_MB) {
    this.worker = new Worker(entry.script, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_MB, stackSizeMb: 8 },
      // anything a library prints goes to stderr: the CLI's stdout carries exactly one JSON document
      stdout: true,
      stderr: true,
    });
    this.worker.stdout.pipe(process.stderr, { end: false });
    this.worker.stderr.pipe(process.stderr, { end: false });
    this.worker.on('message', (m: FromWorker) => this.job?.message(m));
    this.worker.on('error', (e: Error & { code?: string }) => {
      const err =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? unreadable('文件内容过大或结构异常，读取时超出了内存限制', 'IMPORT_FILE_TOO_LARGE')
          : unreadable(`读取程序出错（${e.message.slice(0, 200)}）`);
      this.job?.failed(err);
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.job?.failed(unreadable(`读取程序意外退出（代码 ${code}），文件可能已损坏`, 'IMPORT_FILE_DAMAGED'));
    });
  }

  /** false once the thread ended or was stopped: it takes no more files */
  get usable(): boolean {
    return !this.exited;
  }

  /** Stops the thread (whatever it is doing). */
  terminate(): Promise<unknown> {
    this.exited = true;
    this.worker.stdout.unpipe(process.stderr);
    this.worker.stderr.unpipe(process.stderr);
    return this.worker.terminate();
  }

  /**
   * Reads one file into a consumer, with the watchdog. Whatever happens inside ends here as an
   * ImportFileError with a Chinese message; the calling process never goes down with it.
   */
  read(request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions = {}): Promise<ReadMeta> {
    if (this.job) return Promise.reject(new Error('ReadThread.read: a read is already in progress'));
    if (opts.signal?.aborted) return Promise.reject(cancelled());
    if (this.exited) return Promise.reject(unreadable('读取程序已停止'));
    return new Promise<ReadMeta>((resolve, reject) => {
      let meta: ReadMeta | null = null;
      let sheetSeen = false;
      let settled = false;

      const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
      let idle = setTimeout(onIdle, idleMs);
      const total = setTimeout(
        () => finish(unreadable('读取时间过长，已停止（文件可能过大或结构异常）', 'IMPORT_FILE_TOO_LARGE'), true),
        opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
      );
      function onIdle() {
        finish(unreadable(`读取中途停止响应（超过 ${Math.round(idleMs / 1000)} 秒没有进展），文件可能已损坏`, 'IMPORT_FILE_DAMAGED'), true);
      }
      const onAbort = () => finish(cancelled(), true);
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      /** `stop`: the thread is in an unknown state (or still reading): end it */
      const finish = (result: ReadMeta | Error, stop: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        clearTimeout(total);
        opts.signal?.removeEventListener('abort', onAbort);
        this.job = null;
        if (stop) void this.terminate();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };

      const onMessage = (m: FromWorker) => {
        switch (m.type) {
          case 'sheet':
            sheetSeen = true;
            consumer.sheet(m.sheet);
            break;
          case 'rows':
            consumer.rows(unpackRows(m.rows, consumer.width?.()));
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
            if (!meta || !sheetSeen) finish(unreadable('读取结果不完整'), true);
            else finish(meta, false);
            break;
          case 'error':
            finish(new ImportFileError(m.code, m.message), false);
            break;
        }
      };
      this.job = {
        message: (m) => {
          if (settled) return;
          clearTimeout(idle);
          idle = setTimeout(onIdle, idleMs);
          try {
            onMessage(m);
          } catch (e) {
            // the consumer refused the rows: the worker is still reading, stop it
            finish(e instanceof Error ? e : new Error(String(e)), true);
          }
        },
        failed: (e) => finish(e, true),
      };
      this.worker.postMessage({ type: 'read', request } satisfies ToWorker);
    });
  }
}

/** A thread could not be started at all: a broken installation, not a bad file. */
export const cannotStart = (e: unknown) =>
  new ImportFileError('IMPORT_FILE_UNREADABLE', `无法启动文件读取组件（${(e as Error).message}），请重新安装本程序。`);
