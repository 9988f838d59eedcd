/**
 * A child process for the crash tests of re-encryption and of unfinished files: does one
 * operation and is killed with SIGKILL somewhere inside it. Says "BEGIN" just before and
 * "DONE <ms>" after. With a stop point it halts dead there (says "AT <point>") to be killed:
 *   set    DB NEW [STOP]        set the first password (encrypts the file)
 *   change DB OLD NEW [STOP]    change it (re-keys)
 *   clear  DB OLD [STOP]        remove it (decrypts)
 *   export DB OUT               export the roster to OUT (.xlsx)
 *   backup DB OUT               back the data file up to OUT
 *   restore DB FROM             restore the data file from the backup FROM
 * STOP is `before-switch` (the new file complete under its unfinished name) or `after-switch`
 * (renamed over the data file, before the program reopens it); export, backup and restore take
 * `before-rename` (halt before the first unfinished file is renamed to its real name).
 */
import fs from 'node:fs';
import { BackendHost } from '../../electron/backend/host';
import { exportCategory } from '../../electron/backend/export/category-exporters';

const say = (s: string) => fs.writeSync(1, `${s}\n`);
const forever = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);

/** Halts at the rename that replaces the data file: just before it, or just after. */
function stopAtSwitch(db: string, point: string): void {
  const rename = fs.renameSync;
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    const replacesDb = String(to) === db && /未完成/.test(String(from));
    if (replacesDb && point === 'before-switch') {
      say(`AT ${point}`);
      forever();
    }
    rename(from, to);
    if (replacesDb && point === 'after-switch') {
      say(`AT ${point}`);
      forever();
    }
  };
}

/** Halts before the first rename of an unfinished file, whatever it is. */
function stopBeforeAnyRename(): void {
  const rename = fs.renameSync;
  const renameAsync = fs.promises.rename;
  const halt = (from: fs.PathLike) => {
    if (/未完成/.test(String(from))) {
      say('AT before-rename');
      forever();
    }
  };
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    halt(from);
    rename(from, to);
  };
  fs.promises.rename = async (from: fs.PathLike, to: fs.PathLike) => {
    halt(from);
    return renameAsync(from, to);
  };
}

async function main(): Promise<void> {
  const [mode, db, a, b, c] = process.argv.slice(2);
  if (!mode || !db) throw new Error('usage: key-child MODE DB …');
  const password = mode === 'change' || mode === 'clear' ? a : process.env.LEDGERDESK_TEST_PASSWORD;
  const host = new BackendHost(db, { actor: 'crash', ...(password ? { password } : {}) });
  const call = async (method: string, input: unknown) => {
    const env = await host.dispatch(method, input);
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value;
  };
  const stop = mode === 'set' ? b : mode === 'change' ? c : mode === 'clear' ? b : undefined;
  if (stop) stopAtSwitch(db, stop);
  if (['export', 'backup', 'restore'].includes(mode) && b === 'before-rename') stopBeforeAnyRename();
  say('BEGIN');
  const t0 = Date.now();
  if (mode === 'set') await call('lock.setPassword', { password: a, idleMinutes: 10 });
  else if (mode === 'change') await call('lock.setPassword', { current: a, password: b, idleMinutes: 10 });
  else if (mode === 'clear') await call('lock.clear', { current: a });
  else if (mode === 'export') await exportCategory(host.current, 'roster', a!, {});
  else if (mode === 'backup') await call('backup.now', { path: a });
  else if (mode === 'restore') await call('backup.restore', { path: a });
  else throw new Error(`unknown mode ${mode}`);
  say(`DONE ${Date.now() - t0}`);
  host.close();
}

main().catch((err) => {
  process.stderr.write(String((err as Error).stack ?? err));
  process.exit(2);
});
