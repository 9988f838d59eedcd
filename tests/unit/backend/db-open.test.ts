import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/define';
import { APPLICATION_ID, openDatabase } from '../../../electron/backend/db/open';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { openBackend } from '../../../electron/backend/backend';
import { openTestBackend, tempDir, testBackendOptions } from '../../helpers/temp-db';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Asserts that `fn` throws an ApiError with `code` and returns it. */
function refusedWith(fn: () => unknown, code: string): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected a refusal with ${code}`);
}

describe('opening a new database file', () => {
  it('creates the schema at the latest version, marks the file as ours, and sets the pragmas', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'sub', 'new.db');
    const { db, schemaVersion, preMigrationCopy } = openDatabase(file);
    t.after(() => db.close());
    assert.equal(schemaVersion, LATEST_SCHEMA_VERSION);
    assert.equal(preMigrationCopy, null, 'no copy for a new file');
    assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
    assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous must be FULL');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const name of ['audit_log', 'people', 'settings', 'units']) assert.ok(tables.includes(name), name);
    assert.ok(fs.existsSync(file));
  });

  it('an empty (0-byte) file becomes a new database', (t) => {
    const file = path.join(tempDir(t), 'empty.db');
    fs.writeFileSync(file, '');
    const { db } = openDatabase(file);
    t.after(() => db.close());
    assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
  });

  it('reopening keeps the data and runs no migration again', (t) => {
    const file = path.join(tempDir(t), 'again.db');
    const first = openDatabase(file);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    first.db.close();
    const second = openDatabase(file);
    t.after(() => second.db.close());
    assert.equal(second.preMigrationCopy, null);
    assert.equal(second.db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get(), 'v');
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'backups')), false, 'no backup folder for an up-to-date file');
  });

  it('STRICT tables refuse a value of the wrong type', (t) => {
    const { backend } = openTestBackend(t);
    const db = backend.ctx.db;
    assert.throws(
      () => db.prepare("INSERT INTO units (name, kind, sort_order, created_at, updated_at) VALUES ('甲', 'department', 'first', 'x', 'x')").run(),
      (e: { code?: string }) => e.code === 'SQLITE_CONSTRAINT_DATATYPE',
    );
    assert.throws(
      () => db.prepare("INSERT INTO people (name, unit_id, created_at, updated_at) VALUES ('乙', 'abc', 'x', 'x')").run(),
      (e: { code?: string }) => e.code === 'SQLITE_CONSTRAINT_DATATYPE',
    );
  });

  it('foreign keys are enforced: a person cannot point at a missing unit', (t) => {
    const { backend } = openTestBackend(t);
    assert.throws(
      () => backend.ctx.db.prepare("INSERT INTO people (name, unit_id, created_at, updated_at) VALUES ('乙', 999, 'x', 'x')").run(),
      (e: { code?: string }) => e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY',
    );
  });
});

describe('refusing files that are not ours', () => {
  it('a text file renamed .db is refused with a Chinese message and left as it was', (t) => {
    const file = path.join(tempDir(t), '花名册.db');
    fs.writeFileSync(file, '姓名,性别\n张三,男\n');
    const before = sha(file);
    const err = refusedWith(() => openDatabase(file), 'DB_NOT_LEDGERDESK');
    assert.match(err.message, /“花名册\.db”不是台账督办助手的数据文件/);
    assert.equal(sha(file), before);
  });

  it('a folder is refused', (t) => {
    const dir = tempDir(t);
    const err = refusedWith(() => openDatabase(dir), 'DB_NOT_LEDGERDESK');
    assert.match(err.message, /文件夹/);
  });

  it("another program's SQLite database is refused and not modified", (t) => {
    const file = path.join(tempDir(t), 'other.db');
    const other = new BetterSqlite3(file);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('x');");
    other.pragma('application_id = 12345');
    other.close();
    const before = sha(file);
    const err = refusedWith(() => openDatabase(file), 'DB_NOT_LEDGERDESK');
    assert.match(err.message, /是其他程序的数据库/);
    assert.equal(sha(file), before, 'the file is byte for byte the same');
    const again = new BetterSqlite3(file, { readonly: true });
    t.after(() => again.close());
    assert.equal(again.pragma('journal_mode', { simple: true }), 'delete', 'not switched to WAL');
    assert.equal(again.pragma('user_version', { simple: true }), 0);
  });

  it('a SQLite database with tables but no application id is refused too', (t) => {
    const file = path.join(tempDir(t), 'plain.db');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE t (x)');
    other.close();
    refusedWith(() => openDatabase(file), 'DB_NOT_LEDGERDESK');
  });

  it('a database from a newer LedgerDesk is refused (DB_TOO_NEW) and left untouched', (t) => {
    const file = path.join(tempDir(t), 'newer.db');
    const made = openDatabase(file);
    made.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    made.db.prepare("INSERT INTO settings (key, value) VALUES ('from', 'future')").run();
    made.db.close(); // checkpoints the WAL into the file
    const before = sha(file);
    const err = refusedWith(() => openDatabase(file), 'DB_TOO_NEW');
    assert.match(err.message, new RegExp(`数据版本 ${LATEST_SCHEMA_VERSION + 5}，本程序支持到 ${LATEST_SCHEMA_VERSION}`));
    assert.match(err.message, /请升级程序/);
    assert.equal(sha(file), before);
    const check = new BetterSqlite3(file, { readonly: true });
    t.after(() => check.close());
    assert.equal(check.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 5);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'backups')), false, 'no migration copy was attempted');
  });
});

describe('migrating an existing file', () => {
  /**
   * Only one migration exists, so no real database from an earlier schema can exist yet.
   * What can be built: a file marked as ours at user_version 0 that already holds a table
   * (as if written by a pre-release build). Opening it must take a copy, then migrate.
   */
  function craftVersion0(file: string, extraSql: string): void {
    const raw = new BetterSqlite3(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.exec(extraSql);
    raw.close();
  }

  it('takes a consistent copy before migrating, and keeps existing rows', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'old.db');
    craftVersion0(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('第一条'), ('第二条');");
    const backupDir = path.join(dir, 'pre-migration');
    const { db, schemaVersion, preMigrationCopy } = openDatabase(file, { backupDir });
    t.after(() => db.close());
    assert.equal(schemaVersion, LATEST_SCHEMA_VERSION);
    assert.ok(preMigrationCopy, 'a copy was taken');
    assert.equal(path.dirname(preMigrationCopy), backupDir);
    assert.match(path.basename(preMigrationCopy), /^old-v0-before-migration-\d{8}-\d{6}\.db$/);
    // the copy is the file as it was: version 0, our id, the old table, none of the new ones
    const copy = new BetterSqlite3(preMigrationCopy, { readonly: true });
    t.after(() => copy.close());
    assert.equal(copy.pragma('user_version', { simple: true }), 0);
    assert.equal(copy.pragma('application_id', { simple: true }), APPLICATION_ID);
    assert.deepEqual(copy.prepare('SELECT text FROM notes ORDER BY id').pluck().all(), ['第一条', '第二条']);
    assert.equal(copy.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'people'").pluck().get(), 0);
    // the migrated file has both
    assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
    assert.deepEqual(db.prepare('SELECT text FROM notes ORDER BY id').pluck().all(), ['第一条', '第二条']);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'people'").pluck().get(), 1);
  });

  it('the default copy goes to a "backups" folder beside the file', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'old.db');
    craftVersion0(file, 'CREATE TABLE notes (x TEXT)');
    const { db, preMigrationCopy } = openDatabase(file);
    t.after(() => db.close());
    assert.equal(path.dirname(preMigrationCopy ?? ''), path.join(dir, 'backups'));
    assert.ok(fs.existsSync(preMigrationCopy ?? ''));
  });

  it('a migration that fails is rolled back whole: the file stays at its old version, the copy exists', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'clash.db');
    // a table the first migration also creates, with other columns: its CREATE fails midway
    craftVersion0(file, "CREATE TABLE people (who TEXT); INSERT INTO people VALUES ('保留');");
    const backupDir = path.join(dir, 'copies');
    assert.throws(() => openDatabase(file, { backupDir }));
    const after = new BetterSqlite3(file, { readonly: true });
    t.after(() => after.close());
    assert.equal(after.pragma('user_version', { simple: true }), 0, 'version not bumped');
    assert.equal(after.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('settings', 'units')").pluck().get(), 0, 'no half-made schema');
    assert.deepEqual(after.prepare('SELECT who FROM people').pluck().all(), ['保留']);
    assert.equal(fs.readdirSync(backupDir).length, 1, 'the copy was taken before trying');
  });

  it(
    'a file at schema version 1 (as the first release wrote it) is copied, then migrated with every record intact',
    (t) => {
      const dir = tempDir(t);
      const file = path.join(dir, 'v1.db');
      const v1 = MIGRATIONS.find((m) => m.version === 1)!;
      const raw = new BetterSqlite3(file);
      raw.pragma('journal_mode = WAL');
      raw.exec(v1.sql);
      raw.pragma(`application_id = ${APPLICATION_ID}`);
      raw.pragma('user_version = 1');
      const at = '2026-01-05T02:00:00.000Z';
      raw.prepare("INSERT INTO units (id, name, parent_id, kind, sort_order, created_at, updated_at) VALUES (1, '政治部', NULL, 'department', 0, ?, ?)").run(at, at);
      raw.prepare("INSERT INTO people (name, sex, id_number, birth_date, unit_id, created_at, updated_at) VALUES ('张三', '男', '11010519491231002X', '1949-12-31', 1, ?, ?)").run(at, at);
      raw.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action, field, new_value) VALUES (?, '内勤', 'person', 1, 'create', 'name', '张三')").run(at);
      raw.close();

      const backupDir = path.join(dir, 'copies');
      const opened = openDatabase(file, { backupDir });
      assert.equal(opened.schemaVersion, LATEST_SCHEMA_VERSION);
      assert.ok(opened.preMigrationCopy);
      assert.match(path.basename(opened.preMigrationCopy), /^v1-v1-before-migration-/);
      assert.equal(opened.db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      opened.db.close();

      const copy = new BetterSqlite3(opened.preMigrationCopy, { readonly: true });
      t.after(() => copy.close());
      assert.equal(copy.pragma('user_version', { simple: true }), 1);
      assert.equal(copy.prepare('SELECT name FROM people').pluck().get(), '张三');

      const reopened = openDatabase(file);
      assert.equal(reopened.preMigrationCopy, null, 'migrated once, not again');
      assert.equal(reopened.db.pragma('integrity_check', { simple: true }), 'ok');
      reopened.db.close();

      // the services read the migrated file as before
      const backend = openBackend(file, testBackendOptions());
      t.after(() => backend.close());
      const people = backend.roster.list();
      assert.deepEqual(people.map((p) => [p.name, p.unitName, p.idNumber, p.birthDate]), [['张三', '政治部', '11010519491231002X', '1949-12-31']]);
      assert.equal(backend.audit.forRecord('person', people[0]!.id)[0]?.actor, '内勤');
    },
  );

  it('every migration is numbered in order starting at 1', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
  });
});

describe('the audit log is append-only', () => {
  it('UPDATE and DELETE on audit_log are refused by triggers with a Chinese message', (t) => {
    const { backend } = openTestBackend(t);
    backend.units.create({ name: '政治部', parentId: null, kind: 'department' });
    const db = backend.ctx.db;
    const n = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    assert.ok(n > 0);
    assert.throws(() => db.prepare("UPDATE audit_log SET actor = '别人'").run(), /审计日志不可修改/);
    assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /审计日志不可删除/);
    assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), n);
    assert.equal(db.prepare("SELECT count(*) FROM audit_log WHERE actor = '别人'").pluck().get(), 0);
  });
});
