import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../shared/contract/types';
import type { HostMethod } from '../../shared/contract/app';
import { openBackend, type Backend, type BackendOptions } from './backend';
import { createDispatcher, type Dispatch } from './dispatch';
import { ErrorCode, fail } from './errors';
import { restoreFromBackup, type RestoreResult } from './backup/restore';
import { lockGate } from './lock/gate';

/**
 * Owns the one open database and swaps it when the user opens another data file.
 * The Electron main process and the loopback bridge both serve the API through a host.
 */
export class BackendHost {
  private backend: Backend;
  readonly dispatch: Dispatch;
  private readonly listeners = new Set<(dbPath: string) => void>();

  constructor(
    dbPath: string,
    private readonly opts: BackendOptions = {},
  ) {
    this.backend = openBackend(dbPath, opts);
    // while the open file's lock is closed, only lock.status, lock.unlock and app.info pass
    this.dispatch = lockGate(createDispatcher(() => this.handlers()), () => this.backend.lock);
  }

  get current(): Backend {
    return this.backend;
  }

  onSwitch(listener: (dbPath: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens `file`; the old database stays open if the new one is refused. */
  open(file: string, create: boolean): Backend {
    const resolved = path.resolve(file);
    if (!create && !fs.existsSync(resolved)) fail(ErrorCode.notFound, `数据文件“${resolved}”不存在`);
    if (create && fs.existsSync(resolved) && fs.statSync(resolved).size > 0) {
      fail(ErrorCode.conflict, `“${resolved}”已存在，请选择“打开数据文件”或换一个文件名`);
    }
    const next = openBackend(resolved, this.opts);
    const prev = this.backend;
    this.backend = next;
    prev.close();
    this.listeners.forEach((l) => l(resolved));
    return next;
  }

  /** Replaces the open data file with a verified backup, then reopens it. */
  async restore(from: string): Promise<RestoreResult> {
    const current = this.backend;
    const dbPath = current.ctx.dbPath;
    let closed = false;
    try {
      const result = await restoreFromBackup({
        dbPath,
        from,
        current: current.ctx.db,
        backupDir: current.backup.dir(),
        nativeBinding: this.opts.nativeBinding,
        closeCurrent: () => {
          current.close();
          closed = true;
        },
      });
      return result;
    } finally {
      // reopen whatever is now at dbPath: the restored file, or the untouched original
      if (closed) {
        this.backend = openBackend(dbPath, this.opts);
        this.listeners.forEach((l) => l(dbPath));
      }
    }
  }

  handlers(): Handlers {
    const host: Pick<Handlers, HostMethod> = {
      'app.openDataFile': (i) => this.open(i.path, i.create).app.info(),
      'backup.restore': (i) => this.restore(i.path),
    };
    return { ...this.backend.handlers, ...host };
  }

  close(): void {
    this.backend.close();
  }
}
