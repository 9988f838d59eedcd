import type { ReadMeta } from './grid';
import { cancelled, cannotStart, DEFAULT_WORKER_HEAP_MB, ReadThread, type ReadWorkerOptions, type RowConsumer } from './read-thread';
import type { ReadRequest } from './read-request';
import type { ReadRunner } from './run-read-worker';
import { importWorkerPath, type WorkerEntry } from './worker-path';

export interface ReadWorkerPoolOptions {
  /** threads reading side by side (default 2: the machines have two cores) */
  size?: number;
  workerEntry?: WorkerEntry;
  /** heap cap of each thread */
  maxOldGenerationSizeMb?: number;
}

/**
 * Many files read through a few long-lived worker threads (汇总 reads hundreds of returned
 * files): starting a thread loads the reader bundle, which costs more than reading a small
 * file. Each thread keeps the isolation of a single read — its own heap cap, the watchdog per
 * file — and one that crashed, ran out of memory or hung is ended and replaced by a fresh
 * thread for the next file, while the file it was reading is reported as damaged.
 * `run` is a ReadRunner (pass it as `runner` to readTable / inspectFile); `close` ends the
 * threads and must be called when the batch is done.
 */
export class ReadWorkerPool {
  private readonly size: number;
  private readonly idle: ReadThread[] = [];
  private busy = 0;
  private readonly waiting: { go: () => void; drop: () => void }[] = [];
  private closed = false;
  /** threads started so far (a replaced thread counts again) */
  started = 0;

  constructor(private readonly opts: ReadWorkerPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? 2);
  }

  readonly run: ReadRunner = async (request: ReadRequest, consumer: RowConsumer, opts: ReadWorkerOptions): Promise<ReadMeta> => {
    if (opts.signal?.aborted) throw cancelled();
    if (this.closed) throw new Error('ReadWorkerPool: closed');
    // a finishing read hands its place straight to the first one waiting
    if (this.busy >= this.size) await this.turn(opts.signal);
    else this.busy++;
    let thread: ReadThread | undefined;
    try {
      thread = this.thread();
      return await thread.read(request, consumer, opts);
    } finally {
      if (thread?.usable) {
        if (this.closed) void thread.terminate();
        else this.idle.push(thread);
      }
      const next = this.waiting.shift();
      if (next) next.go();
      else this.busy--;
    }
  };

  /** Ends every thread; reads still running end as errors. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.drop();
    await Promise.all(this.idle.splice(0).map((t) => t.terminate()));
  }

  private thread(): ReadThread {
    for (let t = this.idle.pop(); t; t = this.idle.pop()) if (t.usable) return t;
    try {
      const t = new ReadThread(this.opts.workerEntry ?? importWorkerPath(), this.opts.maxOldGenerationSizeMb ?? DEFAULT_WORKER_HEAP_MB);
      this.started++;
      return t;
    } catch (e) {
      throw cannotStart(e);
    }
  }

  /** Waits for a free thread (or the cancel). */
  private turn(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = {
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        drop: () => reject(new Error('ReadWorkerPool: closed')),
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }
}
