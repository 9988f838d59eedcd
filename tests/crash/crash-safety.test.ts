import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openBackend } from '../../electron/backend/backend';
import { migration001 } from '../../electron/backend/db/migrations/001-core';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { APPLICATION_ID, migrate } from '../../electron/backend/db/open';
import { checkCharFor } from '../../shared/validation/id-number';
import { runKilledChild } from '../helpers/kill-child';
import { mulberry32 } from '../../electron/backend/demo/demo-people'; // seeded: a failing run can be repeated

/**
 * Crash safety: a child process doing a large write (an import, a bulk edit, a migration)
 * is killed with SIGKILL at random points. After each kill the database must open, pass
 * integrity_check, and hold exactly the state before or the state after — never a mix.
 */
// Kills at random times, per kind of write. The kills known to land inside a write (at 25/50/75 %
// of an import, inside each migration) are placed exactly, below; CRASH_RUNS=50 runs longer.
const RUNS = Number(process.env.CRASH_RUNS ?? 8);
const CHILD = path.join(__dirname, '..', 'helpers', 'crash-child.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-crash-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Unique valid ID numbers: the birth date walks day by day, the sequence takes the rest. */
function idFor(i: number): string {
  const d = new Date(Date.UTC(1960, 0, 1) + (i % 10000) * 86400000);
  const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `512001${birth}${String(Math.floor(i / 10000)).padStart(3, '0')}`;
  return first17 + checkCharFor(first17);
}

/** Runs crash-child.ts, killed as runKilledChild says. */
const runChild = (args: string[], kill: number | null | 'at-stop') => runKilledChild(CHILD, args, kill);

function copyDb(from: string, to: string): void {
  for (const ext of ['', '-wal', '-shm']) {
    fs.rmSync(to + ext, { force: true });
    if (fs.existsSync(from + ext)) fs.copyFileSync(from + ext, to + ext);
  }
}

function inspect(db: string): { integrity: string; people: number; posts: string[]; batches: number; version: number } {
  // opening through the backend: what the program itself does after a crash
  const b = openBackend(db, { actor: 'check' });
  try {
    const d = b.ctx.db;
    return {
      integrity: (d.pragma('integrity_check', { simple: true }) as string) ?? '',
      people: (d.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n,
      posts: (d.prepare('SELECT DISTINCT coalesce(post, \'\') AS p FROM people ORDER BY p').all() as { p: string }[]).map((r) => r.p),
      batches: (d.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n,
      version: d.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    b.close();
  }
}

describe('crash safety (SIGKILL at random points)', () => {
  const base = path.join(tmp, 'base.db');
  const csv = path.join(tmp, 'roster.csv');
  const IMPORT_ROWS = 20_000;
  const PEOPLE = 5_000;

  before(() => {
    // a roster of 5,000 people, written straight into a fresh database
    const b = openBackend(base, { actor: 'seed' });
    const unit = b.units.create({ name: '政治部', parentId: null, kind: 'department' });
    const insert = b.ctx.db.prepare("INSERT INTO people (name, id_number, badge, unit_id, post, created_at, updated_at) VALUES (?, ?, ?, ?, '科员', 'x', 'x')");
    b.ctx.db.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) insert.run(`人员${i}`, idFor(i), String(200000 + i), unit.id);
    })();
    b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    b.close();
    const lines = ['姓名,身份证号,警号,部门'];
    for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`新人${i},${idFor(100000 + i)},${300000 + i},政治部`);
    fs.writeFileSync(csv, lines.join('\r\n'));
  });

  it(`an import of ${IMPORT_ROWS} rows is all in or all out (${RUNS} kills)`, async () => {
    const work = path.join(tmp, 'import.db');
    copyDb(base, work);
    const full = await runChild(['import', work, csv], null);
    assert.ok(full.doneMs !== null);
    assert.deepEqual(inspect(work).people, PEOPLE + IMPORT_ROWS);
    const random = mulberry32(3);
    const outcomes = { before: 0, after: 0 };
    for (let run = 0; run < RUNS; run++) {
      copyDb(base, work);
      await runChild(['import', work, csv], Math.floor(random() * full.doneMs! * 1.2));
      const s = inspect(work);
      assert.equal(s.integrity, 'ok', `run ${run}`);
      if (s.people === PEOPLE) {
        assert.equal(s.batches, 0, `run ${run}: no batch without its rows`);
        outcomes.before++;
      } else {
        assert.equal(s.people, PEOPLE + IMPORT_ROWS, `run ${run}: a partial import`);
        assert.equal(s.batches, 1, `run ${run}`);
        outcomes.after++;
      }
    }
    assert.ok(outcomes.before > 0, `some kills must land inside the write (${JSON.stringify(outcomes)})`);
  });

  it('a 100,000-row import killed while it is being applied leaves the database exactly as before', async () => {
    const big = path.join(tmp, 'roster-100k.csv');
    const lines = ['姓名,身份证号,警号,部门'];
    for (let i = 0; i < 100_000; i++) lines.push(`大批${i},${idFor(200000 + i)},${500000 + i},政治部`);
    fs.writeFileSync(big, lines.join('\r\n'));
    const work = path.join(tmp, 'import-100k.db');
    copyDb(base, work);
    const full = await runChild(['import', work, big], null);
    assert.equal(inspect(work).people, PEOPLE + 100_000);
    assert.ok(full.doneMs !== null);
    // kills after a quarter, half and three quarters of the people are written: the child
    // stops dead at that row (a timer alone can land after the commit on a loaded machine)
    for (const share of [0.25, 0.5, 0.75]) {
      copyDb(base, work);
      const r = await runChild(['import', work, big, String(100_000 * share)], 'at-stop');
      assert.ok(r.killed && r.doneMs === null, 'the kill landed inside the write');
      const s = inspect(work);
      assert.equal(s.integrity, 'ok');
      assert.deepEqual([s.people, s.batches], [PEOPLE, 0], `killed at ${share * 100}%: exactly as before`);
    }
  });

  it(`a bulk edit of ${PEOPLE} people is all in or all out (${RUNS} kills)`, async () => {
    const work = path.join(tmp, 'bulk.db');
    copyDb(base, work);
    const full = await runChild(['bulk', work, '科长'], null);
    assert.deepEqual(inspect(work).posts, ['科长']);
    const random = mulberry32(7);
    let interrupted = 0;
    for (let run = 0; run < RUNS; run++) {
      copyDb(base, work);
      await runChild(['bulk', work, '科长'], Math.floor(random() * full.doneMs! * 1.2));
      const s = inspect(work);
      assert.equal(s.integrity, 'ok', `run ${run}`);
      assert.equal(s.people, PEOPLE);
      assert.equal(s.posts.length, 1, `run ${run}: a mix of old and new values: ${s.posts.join(',')}`);
      if (s.posts[0] === '科员') interrupted++;
    }
    assert.ok(interrupted > 0, 'some kills must land inside the write');
  });

  it('a migration killed inside its transaction leaves the file wholly at the version before it', async () => {
    const v1 = savedAtVersion1();
    const work = path.join(tmp, 'migrate.db');
    for (const m of MIGRATIONS.filter((x) => x.version >= 2)) {
      copyDb(v1, work);
      const r = await runChild(['migrate', work, String(m.version)], 'at-stop');
      assert.ok(r.killed && r.doneMs === null, `the kill landed inside migration ${m.version}`);
      assert.equal(rawSchemaState(work), m.version - 1, `killed inside migration ${m.version}`);
    }
  });

  it(`a migration killed at random times is all in or all out (${RUNS} kills)`, async () => {
    const v1 = savedAtVersion1();
    const work = path.join(tmp, 'migrate.db');
    const random = mulberry32(11);
    for (let run = 0; run < RUNS; run++) {
      copyDb(v1, work);
      await runChild(['migrate', work], Math.floor(random() * 40));
      rawSchemaState(work); // asserts one whole version, whichever it is
    }
  });

  /** A database saved at schema version 1, with the roster in it. */
  function savedAtVersion1(): string {
    const v1 = path.join(tmp, 'v1.db');
    if (fs.existsSync(v1)) return v1;
    const d = new BetterSqlite3(v1);
    d.exec(migration001.sql);
    d.pragma(`application_id = ${APPLICATION_ID}`);
    d.pragma('user_version = 1');
    const ins = d.prepare("INSERT INTO people (name, id_number, created_at, updated_at) VALUES (?, ?, 'x', 'x')");
    d.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) ins.run(`人员${i}`, idFor(i));
    })();
    d.close();
    return v1;
  }

  /**
   * Looks at the file without migrating it: it must pass integrity_check, keep every person, and
   * hold exactly the tables of the migrations up to its user_version — none of a later one.
   * Returns that version.
   */
  function rawSchemaState(file: string): number {
    const raw = new BetterSqlite3(file);
    try {
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal((raw.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n, PEOPLE, 'no person lost');
      const version = raw.pragma('user_version', { simple: true }) as number;
      const tables = new Set((raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
      for (const m of MIGRATIONS) {
        for (const t of tablesCreatedBy(m.sql)) {
          assert.equal(tables.has(t), m.version <= version, `version ${version}: table ${t} of migration ${m.version}`);
        }
      }
      return version;
    } finally {
      raw.close();
    }
  }
});

/** The tables a migration creates that the latest schema still has (a rebuild's temporary table is renamed away). */
function tablesCreatedBy(sql: string): string[] {
  return [...sql.matchAll(/CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/gi)].map((m) => m[1]!).filter((t) => LATEST_TABLES.has(t));
}

const LATEST_TABLES = (() => {
  const d = new BetterSqlite3(':memory:');
  migrate(d, 0);
  const names = new Set((d.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  d.close();
  return names;
})();
