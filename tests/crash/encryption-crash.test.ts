import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../../electron/backend/backend';
import { BackendHost } from '../../electron/backend/host';
import { fileKind } from '../../electron/backend/db/cipher';
import { mulberry32 } from '../../electron/backend/demo/demo-people'; // seeded: a failing run can be repeated
import { runChild } from './key-child-run';

/**
 * Setting, changing and removing the password re-encrypt the whole data file (and its WAL).
 * A child doing it is killed with SIGKILL at random points, and at the two instants around the
 * switch. After each kill the file must open with exactly the old password or the new one —
 * with all its data, integrity ok, and settings that belong to that password — and the next
 * start must leave no unfinished copy behind.
 */
const RUNS = Number(process.env.CRASH_KEY_RUNS ?? 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-keycrash-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const PEOPLE = 4_000;
const OLD = '旧密码-2025';
const NEW = '新密码-2026';

function copyDb(from: string, to: string): void {
  for (const name of fs.readdirSync(path.dirname(to))) fs.rmSync(path.join(path.dirname(to), name), { recursive: true, force: true });
  for (const ext of ['', '-wal', '-shm']) if (fs.existsSync(from + ext)) fs.copyFileSync(from + ext, to + ext);
}

/** Opens the file as the program does after a crash, with whichever candidate works; what it holds. */
function inspect(db: string, candidates: (string | null)[]): { password: string | null; people: number; integrity: string; audit: string[]; recovery: boolean; unfinished: string[] } {
  for (const password of candidates) {
    if ((password === null) !== (fileKind(db) === 'plain')) continue;
    let host: BackendHost;
    try {
      host = new BackendHost(db, { actor: 'check', ...(password === null ? {} : { password }) });
    } catch {
      continue;
    }
    try {
      const d = host.current.ctx.db;
      return {
        password,
        people: (d.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n,
        integrity: d.pragma('integrity_check', { simple: true }) as string,
        audit: (d.prepare("SELECT new_value AS v FROM audit_log WHERE field = 'lock.password' ORDER BY id").all() as { v: string }[]).map((r) => r.v),
        recovery: d.prepare("SELECT 1 FROM settings WHERE key = 'lock.recoveryPublicKey'").get() !== undefined,
        unfinished: fs.readdirSync(path.dirname(db)).filter((n) => /未完成|\.partial$|\.restoring$/.test(n)),
      };
    } finally {
      host.close();
    }
  }
  throw new Error(`${path.basename(db)} opens with none of the passwords`);
}

describe('re-encryption crash safety (SIGKILL at random points and around the switch)', () => {
  const plain = path.join(tmp, 'plain', 'base.db');
  const encrypted = path.join(tmp, 'encrypted', 'base.db');

  before(async () => {
    fs.mkdirSync(path.dirname(plain));
    fs.mkdirSync(path.dirname(encrypted));
    const b = openBackend(plain, { actor: 'seed' });
    const unit = b.units.create({ name: '政治部', parentId: null, kind: 'department' });
    const insert = b.ctx.db.prepare("INSERT INTO people (name, badge, unit_id, post, created_at, updated_at) VALUES (?, ?, ?, '科员', 'x', 'x')");
    b.ctx.db.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) insert.run(`人员${i}`, String(100000 + i), unit.id);
    })();
    b.close();
    copyDb(plain, encrypted);
    const r = await runChild(['set', encrypted, OLD], null);
    assert.ok(r.doneMs !== null);
    assert.equal(fileKind(encrypted), 'encrypted');
  });

  const cases = [
    { name: 'setting the first password (encrypting)', base: () => plain, args: (db: string, stop?: string) => ['set', db, NEW, ...(stop ? [stop] : [])], before: null, after: NEW },
    { name: 'changing it (re-keying)', base: () => encrypted, args: (db: string, stop?: string) => ['change', db, OLD, NEW, ...(stop ? [stop] : [])], before: OLD, after: NEW },
    { name: 'removing it (decrypting)', base: () => encrypted, args: (db: string, stop?: string) => ['clear', db, OLD, ...(stop ? [stop] : [])], before: OLD, after: null },
  ] as const;

  for (const c of cases) {
    it(`${c.name} is all or nothing`, async () => {
      const work = path.join(tmp, `work-${c.args('x')[0]}`, 'ledger.db');
      fs.mkdirSync(path.dirname(work), { recursive: true });
      copyDb(c.base(), work);
      const full = await runChild(c.args(work), null);
      assert.ok(full.doneMs !== null);
      const done = inspect(work, [c.after]);
      assert.equal(done.password, c.after);
      const outcomes = { before: 0, after: 0 };
      const check = (label: string) => {
        const s = inspect(work, [c.before, c.after]);
        assert.equal(s.integrity, 'ok', label);
        assert.equal(s.people, PEOPLE, `${label}: every person is there`);
        assert.deepEqual(s.unfinished, [], `${label}: the next start left no unfinished copy`);
        if (s.password === c.after) {
          outcomes.after++;
          // the settings and the audit line went with the new key, never without it
          assert.equal(s.audit.length, done.audit.length, `${label}: ${s.audit.join(',')}`);
          assert.equal(s.recovery, c.after !== null, label);
        } else {
          outcomes.before++;
          assert.equal(s.audit.length, done.audit.length - 1, `${label}: no audit line of a change that did not happen`);
          assert.equal(s.recovery, c.before !== null, label);
        }
        return s.password;
      };
      for (const [stop, expected] of [['before-switch', c.before], ['after-switch', c.after]] as const) {
        copyDb(c.base(), work);
        const r = await runChild(c.args(work, stop), 'at-stop');
        assert.ok(r.killed && r.doneMs === null, `killed ${stop}`);
        assert.equal(check(stop), expected, `killed ${stop}: the ${expected === c.before ? 'old' : 'new'} password opens it`);
      }
      const random = mulberry32(c.args('x')[0]!.length * 97);
      for (let run = 0; run < RUNS; run++) {
        copyDb(c.base(), work);
        await runChild(c.args(work), Math.floor(random() * full.doneMs! * 1.2));
        check(`run ${run}`);
      }
      assert.ok(outcomes.before > 0 && outcomes.after > 0, `kills landed on both sides: ${JSON.stringify(outcomes)}`);
    });
  }
});
