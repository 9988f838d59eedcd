import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../../electron/backend/backend';
import { verifyDatabaseFile } from '../../electron/backend/backup/verify-file';
import { mulberry32 } from '../../electron/backend/demo/demo-people';
import { runChild } from './key-child-run';

/**
 * Exports, backups and restores write under an unfinished name (~名单.xlsx.未完成-….tmp) and
 * rename when complete. A child doing each is killed at random points; the next start of the
 * program must remove what was left, and every file under a real name must be complete.
 */
const RUNS = Number(process.env.CRASH_LEFTOVER_RUNS ?? 4);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-leftovers-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const PEOPLE = 4_000;

const LEFTOVER = /未完成|\.partial$|\.restoring$/;
/** Unfinished files anywhere under `dir`. */
function leftovers(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => LEFTOVER.test(path.basename(n)));
}

/** The program's next start on the data file (what cleans up). */
const nextStart = (db: string) => openBackend(db, { actor: 'next' }).close();

/** A complete .xlsx is a whole zip: it ends with the end-of-central-directory record. */
function wholeZip(file: string): boolean {
  const b = fs.readFileSync(file);
  return b.length > 22 && b.subarray(0, 2).toString('latin1') === 'PK' && b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= b.length - 22 - 0xffff;
}

function fresh(base: string, name: string): { dir: string; db: string } {
  const dir = path.join(tmp, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'ledger.db');
  fs.copyFileSync(base, db);
  return { dir, db };
}

describe('unfinished files of killed exports, backups and restores are removed at the next start', () => {
  const base = path.join(tmp, 'base.db');
  const backupOf = path.join(tmp, 'older.db');

  before(async () => {
    const b = openBackend(base, { actor: 'seed' });
    const unit = b.units.create({ name: '政治部', parentId: null, kind: 'department' });
    const insert = b.ctx.db.prepare("INSERT INTO people (name, badge, unit_id, post, created_at, updated_at) VALUES (?, ?, ?, '科员', 'x', 'x')");
    b.ctx.db.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) insert.run(`人员${i}`, String(100000 + i), unit.id);
    })();
    await b.backup.backupTo(backupOf); // an older state: the same people
    b.ctx.db.prepare("UPDATE people SET post = '科长'").run();
    b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    b.close();
    fs.rmSync(path.join(tmp, 'backups'), { recursive: true, force: true });
  });

  const kinds = [
    { mode: 'export', target: (dir: string) => path.join(dir, '导出', '花名册.xlsx'), complete: (f: string) => wholeZip(f) },
    {
      mode: 'backup',
      target: (dir: string) => path.join(dir, 'U盘', '备份.db'),
      complete: (f: string) => {
        verifyDatabaseFile(f);
        return true;
      },
    },
    { mode: 'restore', target: () => backupOf, complete: () => true },
  ] as const;

  for (const k of kinds) {
    it(`${k.mode}: killed at random points, nothing unfinished survives the next start, and no half file has a real name`, async () => {
      const { dir, db } = fresh(base, `${k.mode}-full`);
      const target = k.target(dir);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const full = await runChild([k.mode, db, target], null);
      assert.ok(full.doneMs !== null);
      const random = mulberry32(k.mode.length * 31);
      let caught = 0;
      // one kill known to land while the file is unfinished (halted before its rename), then random ones
      for (let run = -1; run < RUNS; run++) {
        const w = fresh(base, `${k.mode}-${run}`);
        const out = k.target(w.dir);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        if (run < 0) {
          const r = await runChild([k.mode, w.db, out, 'before-rename'], 'at-stop');
          assert.ok(r.killed, 'halted before the rename');
          assert.ok(leftovers(w.dir).length > 0, 'the unfinished file is there before the next start');
        } else await runChild([k.mode, w.db, out], Math.floor(random() * full.doneMs! * 1.1));
        if (leftovers(w.dir).length > 0) caught++;
        nextStart(w.db);
        assert.deepEqual(leftovers(w.dir), [], `run ${run}: left after the next start`);
        if (k.mode !== 'restore' && fs.existsSync(out)) assert.ok(k.complete(out), `run ${run}: ${path.basename(out)} is incomplete`);
        // the data file itself is whole, before or after
        const b = openBackend(w.db, { actor: 'check' });
        try {
          assert.equal(b.ctx.db.pragma('integrity_check', { simple: true }), 'ok');
          assert.equal((b.ctx.db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n, PEOPLE);
        } finally {
          b.close();
        }
      }
      assert.ok(caught > 0, `kills landed while the file was unfinished (${caught} of ${RUNS + 1})`);
    });
  }
});
