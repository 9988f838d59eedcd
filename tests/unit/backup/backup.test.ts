import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openBackend } from '../../../electron/backend/backend';
import { BackendHost } from '../../../electron/backend/host';
import { fixedClock } from '../../../electron/backend/clock';
import { verifyDatabaseFile } from '../../../electron/backend/backup/verify-file';
import { isoWeek } from '../../../electron/backend/backup/backup-files';
import { newestGoodBackup, recoverFromNewestBackup } from '../../../electron/backend/backup/recover';
import { openTestBackend, tempDir } from '../../helpers/temp-db';
import { taskInput } from '../supervision/helpers';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/db/migrations';

const addUnit = (b: ReturnType<typeof openBackend>, name: string) => b.units.create({ name, parentId: null, kind: 'department' });

describe('backups', () => {
  it('takes one daily and one weekly copy per day, in a folder beside the data file', async (t) => {
    const { backend, dir } = openTestBackend(t);
    addUnit(backend, '政治部');
    const first = await backend.backup.automatic();
    assert.equal(first.problems.length, 0);
    assert.deepEqual(first.written.map((f) => path.basename(f)), ['daily-2026-03-02.db', `weekly-${isoWeek('2026-03-02')}.db`]);
    assert.ok(first.written.every((f) => f.startsWith(path.join(dir, 'backups', 'ledger'))));
    // the same day again writes nothing new
    assert.deepEqual((await backend.backup.automatic()).written, []);
    // a backup is a complete, sound LedgerDesk database with the data in it
    const v = verifyDatabaseFile(first.written[0]!);
    assert.equal(v.schemaVersion, LATEST_SCHEMA_VERSION);
    assert.ok(!fs.existsSync(first.written[0]! + '-wal'), 'no WAL file beside a backup after verifying it');
  });

  it('keeps the last 7 daily and 4 weekly copies', async (t) => {
    const dir = tempDir(t);
    const dbPath = path.join(dir, 'office.db');
    for (let day = 1; day <= 40; day++) {
      const date = new Date(Date.UTC(2026, 0, day, 2));
      const b = openBackend(dbPath, { clock: fixedClock(date), actor: 'x' });
      await b.backup.automatic();
      b.close();
    }
    const names = fs.readdirSync(path.join(dir, 'backups', 'office')).sort();
    const daily = names.filter((n) => n.startsWith('daily-'));
    const weekly = names.filter((n) => n.startsWith('weekly-'));
    assert.deepEqual(daily, ['daily-2026-02-03.db', 'daily-2026-02-04.db', 'daily-2026-02-05.db', 'daily-2026-02-06.db', 'daily-2026-02-07.db', 'daily-2026-02-08.db', 'daily-2026-02-09.db']);
    // 2026-02-09 is the Monday of ISO week 7
    assert.deepEqual(weekly, ['weekly-2026-W04.db', 'weekly-2026-W05.db', 'weekly-2026-W06.db', 'weekly-2026-W07.db']);
  });

  it('names weeks by ISO 8601 (Monday first; a week belongs to the year of its Thursday)', () => {
    assert.equal(isoWeek('2026-01-01'), '2026-W01');
    assert.equal(isoWeek('2025-12-29'), '2026-W01');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.equal(isoWeek('2026-11-22'), '2026-W47');
  });

  it('also writes to a second folder, and reports (not throws) when that folder is gone', async (t) => {
    const { backend, dir } = openTestBackend(t);
    const usb = path.join(dir, 'usb');
    backend.backup.setExtraDir(usb);
    const r = await backend.backup.automatic();
    assert.ok(fs.existsSync(path.join(usb, 'daily-2026-03-02.db')));
    assert.equal(r.problems.length, 0);
    fs.rmSync(usb, { recursive: true });
    fs.writeFileSync(usb, 'the drive was removed and a file sits here'); // cannot be a folder now
    const again = await backend.backup.automatic({ force: true });
    assert.equal(again.problems.length, 1);
    assert.match(again.problems[0]!, /备份到“.*usb”失败/);
    assert.ok(again.written.some((f) => f.includes(path.join('backups', 'ledger'))), 'the main folder still got its copy');
  });

  it('restores from a backup after backing up the current file, and reopens on it', async (t) => {
    const dir = tempDir(t);
    const dbPath = path.join(dir, 'office.db');
    const host = new BackendHost(dbPath, { clock: fixedClock('2026-03-02'), actor: 'x' });
    t.after(() => host.close());
    addUnit(host.current, '政治部');
    const { out } = await host.current.backup.backupTo(path.join(dir, 'saved.db'));
    addUnit(host.current, '指挥中心');
    const r = await host.restore(out);
    assert.deepEqual(host.current.units.list().map((u) => u.name), ['政治部']);
    assert.equal(r.restored, out);
    // the state before the restore is kept
    const previous = openBackend(r.backupOfPrevious, { actor: 'x' });
    assert.deepEqual(previous.units.list().map((u) => u.name).sort(), ['指挥中心', '政治部']);
    previous.close();
  });

  it('keeps attached files with every backup and brings them back on restore', async (t) => {
    const dir = tempDir(t);
    const dbPath = path.join(dir, 'office', 'office.db');
    fs.mkdirSync(path.dirname(dbPath));
    const host = new BackendHost(dbPath, { clock: fixedClock('2026-03-02'), actor: 'x' });
    t.after(() => host.close());
    const task = host.current.supervision.tasks.create(taskInput({ title: '执法规范化整改' }));
    const evidence = path.join(dir, '整改报告.txt');
    fs.writeFileSync(evidence, '整改已完成，附会议纪要。');
    const a = host.current.attachments.add({ owner: 'task', ownerId: task.id, path: evidence });
    const stored = fs.readdirSync(path.join(dir, 'office', 'attachments'));
    assert.equal(stored.length, 1);

    // the automatic backup folder and a manual backup on a "USB drive" both hold the file
    await host.current.backup.automatic();
    assert.deepEqual(fs.readdirSync(path.join(host.current.backup.dir(), 'attachments')), stored);
    const usb = path.join(dir, 'usb');
    fs.mkdirSync(usb);
    const { out } = await host.current.backup.backupTo(path.join(usb, 'saved.db'));
    assert.deepEqual(fs.readdirSync(path.join(usb, 'attachments')), stored);

    // the office folder loses its attachments (a new workstation, a careless cleanup): restore
    fs.rmSync(path.join(dir, 'office', 'attachments'), { recursive: true });
    await host.restore(out);
    assert.deepEqual(host.current.attachments.list('task', task.id).map((x) => x.fileName), [a.fileName]);
    assert.equal(fs.readFileSync(path.join(dir, 'office', 'attachments', stored[0]!), 'utf8'), '整改已完成，附会议纪要。');
  });

  it('refuses to restore from a file that is not a sound LedgerDesk database, changing nothing', async (t) => {
    const dir = tempDir(t);
    const dbPath = path.join(dir, 'office.db');
    const host = new BackendHost(dbPath, { actor: 'x' });
    t.after(() => host.close());
    addUnit(host.current, '政治部');
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库');
    await assert.rejects(host.restore(text), /不是台账督办助手的数据文件或备份/);
    const truncated = path.join(dir, 'half.db');
    const { out } = await host.current.backup.backupTo(path.join(dir, 'full.db'));
    fs.writeFileSync(truncated, fs.readFileSync(out).subarray(0, 2048));
    await assert.rejects(host.restore(truncated), /损坏|无法打开/);
    assert.deepEqual(host.current.units.list().map((u) => u.name), ['政治部']);
  });

  it('refuses a damaged data file on open and recovers it from the newest good backup', async (t) => {
    const dir = tempDir(t);
    const dbPath = path.join(dir, 'office.db');
    const b = openBackend(dbPath, { clock: fixedClock('2026-03-02'), actor: 'x' });
    for (let i = 0; i < 300; i++) addUnit(b, `单位${i}`);
    await b.backup.automatic();
    b.close();
    // scribble over the middle of the file, as a failing disk would
    const bytes = fs.readFileSync(dbPath);
    bytes.fill(0x5a, 4096 * 2, 4096 * 6);
    fs.writeFileSync(dbPath, bytes);
    assert.throws(() => openBackend(dbPath, { actor: 'x' }), (err: Error & { code?: string }) => err.code === 'DB_CORRUPT' && /已损坏/.test(err.message));
    assert.ok(newestGoodBackup(dbPath));
    const r = recoverFromNewestBackup(dbPath);
    assert.ok(r && fs.existsSync(r.damagedKeptAs), 'the damaged file is kept, renamed');
    const reopened = openBackend(dbPath, { actor: 'x' });
    assert.equal(reopened.units.list().length, 300);
    reopened.close();
  });
});
