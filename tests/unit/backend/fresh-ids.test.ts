import { test } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { openTestBackend } from '../../helpers/temp-db';

/**
 * SQLite hands the highest id to the next row: delete the newest person, unit or purged ledger
 * record and the next one would take its id — and its audit lines, which would then read as
 * the new one's history. Ids are never reused.
 */

test('a person added after the newest was deleted gets a new id, and a history of its own', (t) => {
  const { backend } = openTestBackend(t);
  const unit = backend.units.create({ name: '政治部', parentId: null, kind: 'department' });
  const zhang = backend.roster.create({ name: '张三', unitId: unit.id });
  backend.roster.delete([zhang.id]);
  const li = backend.roster.create({ name: '李四', unitId: unit.id });
  assert.notEqual(li.id, zhang.id);
  const history = backend.audit.forRecord('person', li.id);
  assert.ok(history.length > 0 && history.every((l) => l.action === 'create' && !JSON.stringify(l).includes('张三')), `nothing of 张三 in 李四’s history: ${JSON.stringify(history)}`);
});

test('a unit created after the newest was deleted gets a new id', (t) => {
  const { backend } = openTestBackend(t);
  const a = backend.units.create({ name: '刑侦支队', parentId: null, kind: 'department' });
  backend.units.delete(a.id);
  const b = backend.units.create({ name: '治安支队', parentId: null, kind: 'department' });
  assert.notEqual(b.id, a.id);
  const history = backend.audit.forRecord('unit', b.id);
  assert.ok(history.length > 0 && history.every((l) => l.action === 'create' && !JSON.stringify(l).includes('刑侦支队')), JSON.stringify(history));
});

test('a ledger record added after the newest was purged from the bin gets a new id, without the purge in its history', (t) => {
  const { backend } = openTestBackend(t);
  const c = backend.ledger.categories.create({ templateKey: 'opinions' });
  const r = backend.ledger.records;
  const first = r.create(c.id, { content: '意见甲' });
  r.delete([first.id]);
  backend.ledger.records.emptyBin(c.id);
  const next = r.create(c.id, { content: '意见乙' });
  assert.notEqual(next.id, first.id);
  assert.ok(r.history(next.id).every((l) => l.action === 'create'), JSON.stringify(r.history(next.id)));
});

test('another writer of the file that took the next id: the insert looks again and succeeds', (t) => {
  const { backend, dbPath } = openTestBackend(t);
  const unit = backend.units.create({ name: '政治部', parentId: null, kind: 'department' });
  const a = backend.roster.create({ name: '张三', unitId: unit.id });
  // the command line, say, adds a person to the same file meanwhile
  const other = new BetterSqlite3(dbPath);
  other.prepare("INSERT INTO people (id, name, created_at, updated_at) VALUES (?, '王五', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z')").run(a.id + 1);
  other.close();
  const b = backend.roster.create({ name: '李四', unitId: unit.id });
  assert.ok(b.id > a.id + 1, `a fresh id (${b.id})`);
  assert.deepEqual(backend.roster.list().map((p) => p.name).sort(), ['张三', '李四', '王五'].sort());
});
