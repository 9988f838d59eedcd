/**
 * A child process for the crash-safety tests: does one large write and is killed with
 * SIGKILL somewhere inside it. It says "BEGIN" on stdout just before the write starts and
 * "DONE <ms>" after it committed.
 *   import  DB FILE [N]  preview FILE as a roster import, then apply it (one transaction);
 *                        with N, stop dead after the N-th person is written (says "AT N") and
 *                        wait there to be killed: a kill known to land inside the write
 *   bulk    DB VALUE     set 职务 = VALUE on every person through roster.applyBatch
 *   migrate DB [V]       open an old database, which migrates it; with V, stop dead inside
 *                        migration V (says "AT V") and wait there to be killed
 */
import { openBackend } from '../../electron/backend/backend';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';

const say = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  const [mode, db, arg, pauseAt] = process.argv.slice(2);
  if (!db) throw new Error('usage: crash-child MODE DB [ARG]');
  if (mode === 'migrate') {
    say('BEGIN');
    const t0 = Date.now();
    // with ARG: stop dead inside migration ARG's transaction, after its changes, before COMMIT
    const onMigration = arg ? (version: number) => version === Number(arg) && blockUntilKilled(`AT ${version}`) : undefined;
    openBackend(db, { actor: 'crash', onMigration }).close();
    say(`DONE ${Date.now() - t0}`);
    return;
  }
  const backend = openBackend(db, { actor: 'crash' });
  if (mode === 'import') {
    const preview = await backend.rosterImport.preview({ path: arg!, fileName: 'crash.csv' });
    if (pauseAt) stopInsideWriteAt(backend.ctx.db, Number(pauseAt));
    say('BEGIN');
    const t0 = Date.now();
    backend.rosterImport.apply({ previewId: preview.previewId, skipRows: [], createUnits: preview.unknownUnits });
    say(`DONE ${Date.now() - t0}`);
  } else if (mode === 'bulk') {
    const ids = (backend.ctx.db.prepare('SELECT id FROM people ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    say('BEGIN');
    const t0 = Date.now();
    backend.roster.applyBatch({ edits: ids.map((id) => ({ id, values: { post: arg! } })), creates: [] });
    say(`DONE ${Date.now() - t0}`);
  } else throw new Error(`unknown mode ${mode}`);
  backend.close();
}

/**
 * A TEMP trigger (this connection only, never in the file) that calls back into the child
 * as each person is inserted; at the N-th it reports and blocks, mid-transaction, until killed.
 */
function stopInsideWriteAt(db: Database, n: number): void {
  let count = 0;
  db.function('crash_point', () => {
    if (++count === n) blockUntilKilled(`AT ${n}`);
    return null;
  });
  db.exec('CREATE TEMP TRIGGER crash_point AFTER INSERT ON main.people BEGIN SELECT crash_point(); END');
}

/** Says where it is and blocks the thread for good: the test kills the process here. */
function blockUntilKilled(where: string): void {
  fs.writeSync(1, `${where}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

main().catch((err) => {
  process.stderr.write(String((err as Error).stack ?? err));
  process.exit(2);
});
