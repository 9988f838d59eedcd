import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/contract/attachments';
import { auditRows } from '../../helpers/temp-db';
import { ledgerBackend } from './helpers';

const refusedWith = (re: RegExp) => (e: unknown) => e instanceof ApiError && re.test(e.message);
const spec = (over: object = {}) => ({ filterModel: {}, sort: [], columns: [], search: '', ...over });

test('views: saved with filter, sort and columns, listed per category, renamed, overwritten, deleted; audited', (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const v = backend.ledger.views;
  const other = backend.ledger.categories.create({ templateKey: 'practical' });
  const open = v.save({
    categoryId,
    name: '未办结',
    spec: spec({ filterModel: { status: { filterType: 'choice', values: ['未办结'] } }, sort: [{ colId: 'deadline', sort: 'asc' }], columns: [{ colId: 'note', hide: true, pinned: null }, { colId: 'content', hide: false, width: 300, pinned: 'left' }] }),
  });
  v.save({ categoryId: other.id, name: '未办结', spec: spec() });
  assert.deepEqual(v.list(categoryId).map((x) => x.name), ['未办结'], 'views belong to their own category');
  assert.deepEqual(v.list(categoryId)[0]!.spec.columns[1], { colId: 'content', hide: false, width: 300, pinned: 'left' });
  assert.deepEqual(v.list(categoryId)[0]!.spec.sort, [{ colId: 'deadline', sort: 'asc' }]);

  assert.throws(() => v.save({ categoryId, name: '未办结', spec: spec() }), refusedWith(/已有名为“未办结”的视图/));
  const again = v.save({ categoryId, id: open.id, name: '未办结', spec: spec({ search: '王伟' }) });
  assert.equal(again.spec.search, '王伟', 'saving over a view replaces its spec');
  assert.equal(v.list(categoryId).length, 1);
  v.save({ categoryId, name: '全部', spec: spec() });
  assert.throws(() => v.rename(open.id, '全部'), refusedWith(/已有名为“全部”/));
  v.rename(open.id, '待办');
  assert.deepEqual(v.list(categoryId).map((x) => x.name).sort(), ['全部', '待办']);
  v.delete(open.id);
  assert.deepEqual(v.list(categoryId).map((x) => x.name), ['全部']);
  assert.throws(() => v.rename(open.id, '又一个'), refusedWith(/不存在/));
  const lines = auditRows(backend).filter((l) => l.entity === 'ledger_view' && l.entity_id === open.id).map((l) => [l.action, l.field]);
  assert.deepEqual(lines, [['create', null], ['update', 'spec'], ['update', 'name'], ['delete', null]]);
});

test('views: the contract refuses a nameless view with a Chinese message', async (t) => {
  const { backend, categoryId } = ledgerBackend(t);
  const { contract } = await import('../../../shared/contract/index');
  const r = contract['ledger.saveView'].input.safeParse({ categoryId, name: '  ', spec: spec() });
  assert.equal(r.success, false);
  assert.match(r.error!.issues[0]!.message, /视图名称不能为空/);
  assert.equal(backend.ledger.views.list(categoryId).length, 0);
});

test('attachments: copied beside the database with size and sha256, listed, removed and restored; audited in the record history', (t) => {
  const { backend, categoryId, dir, dbPath } = ledgerBackend(t);
  const rec = backend.ledger.records.create(categoryId, { content: '意见一' });
  const src = path.join(dir, 'source', '整改报告.pdf');
  fs.mkdirSync(path.dirname(src));
  const bytes = Buffer.from('%PDF-1.4 整改报告 ' + 'x'.repeat(3 * 1024 * 1024));
  fs.writeFileSync(src, bytes);
  const a = backend.attachments.add({ owner: 'record', ownerId: rec.id, path: src });
  assert.equal(a.fileName, '整改报告.pdf');
  assert.equal(a.size, bytes.length);
  assert.equal(a.sha256, createHash('sha256').update(bytes).digest('hex'));
  const stored = backend.attachments.pathOf(a.id);
  assert.equal(path.dirname(stored), path.join(path.dirname(dbPath), 'attachments'));
  assert.ok(fs.readFileSync(stored).equals(bytes), 'the copy holds the same bytes');
  fs.rmSync(src);
  assert.ok(fs.existsSync(stored), 'the copy does not depend on the original');

  const b = backend.attachments.add({ owner: 'record', ownerId: rec.id, path: stored, fileName: '整改报告.pdf' });
  assert.notEqual(backend.attachments.pathOf(b.id), stored, 'the same name twice is stored under two names');
  assert.deepEqual(backend.attachments.list('record', rec.id).map((x) => x.id), [a.id, b.id]);

  backend.attachments.remove(a.id);
  assert.deepEqual(backend.attachments.list('record', rec.id).map((x) => x.id), [b.id]);
  assert.throws(() => backend.attachments.pathOf(a.id), refusedWith(/已被移除/));
  backend.attachments.restore(a.id);
  assert.deepEqual(backend.attachments.list('record', rec.id).map((x) => x.id), [a.id, b.id]);
  const history = backend.ledger.records.history(rec.id).filter((h) => h.field === '附件');
  assert.deepEqual(history.map((h) => h.action).reverse(), ['create', 'create', 'delete', 'restore']);
  assert.match(history.at(-1)!.newValue!, /整改报告\.pdf/);
  assert.equal(backend.attachments.download(a.id).dataBase64, bytes.toString('base64'));
});

test('attachments: missing files, folders, oversized files and unknown records are refused in Chinese; nothing is copied', (t) => {
  const { backend, categoryId, dir, dbPath } = ledgerBackend(t);
  const rec = backend.ledger.records.create(categoryId, { content: '意见一' });
  const folder = path.join(path.dirname(dbPath), 'attachments');
  const add = (p: string, ownerId = rec.id) => backend.attachments.add({ owner: 'record', ownerId, path: p });
  assert.throws(() => add(path.join(dir, '不存在.docx')), refusedWith(/找不到文件/));
  assert.throws(() => add(dir), refusedWith(/是文件夹/));
  const big = path.join(dir, '录像.mp4');
  const fd = fs.openSync(big, 'w');
  fs.ftruncateSync(fd, MAX_ATTACHMENT_BYTES + 1); // sparse: no 200 MB written
  fs.closeSync(fd);
  assert.throws(() => add(big), refusedWith(/超过附件上限 200\.0 MB/));
  const ok = path.join(dir, 'a.txt');
  fs.writeFileSync(ok, 'a');
  assert.throws(() => add(ok, 99999), refusedWith(/记录不存在/));
  assert.throws(() => backend.attachments.add({ owner: 'task', ownerId: 99999, path: ok }), refusedWith(/任务不存在/));
  if (process.getuid?.() !== 0) {
    const locked = path.join(dir, '加密.doc');
    fs.writeFileSync(locked, 'secret');
    fs.chmodSync(locked, 0o000);
    assert.throws(() => add(locked), refusedWith(/无法读取文件/));
  }
  assert.equal(backend.attachments.list('record', rec.id).length, 0);
  assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder) : [], [], 'no copy left behind by a refusal');
});

test('attachments: read-only in the recycle bin and in archived categories; emptying the bin takes an erased record’s attachments off the list', (t) => {
  const { backend, categoryId, dir } = ledgerBackend(t);
  const rec = backend.ledger.records.create(categoryId, { content: '意见一' });
  const src = path.join(dir, 'a.txt');
  fs.writeFileSync(src, 'a');
  const a = backend.attachments.add({ owner: 'record', ownerId: rec.id, path: src });
  backend.ledger.records.delete([rec.id]);
  assert.equal(backend.attachments.list('record', rec.id).length, 1, 'a record in the bin keeps its attachments');
  assert.throws(() => backend.attachments.add({ owner: 'record', ownerId: rec.id, path: src }), refusedWith(/在回收站中/));
  assert.throws(() => backend.attachments.remove(a.id), refusedWith(/在回收站中/));
  backend.ledger.records.emptyBin(categoryId);
  assert.equal(backend.attachments.list('record', rec.id).length, 0);
  assert.throws(() => backend.attachments.restore(a.id), refusedWith(/不存在或已被彻底删除/));
  const other = backend.ledger.categories.create({ name: '另一台账' });
  const kept = backend.ledger.records.create(other.id, { content: '二' });
  backend.ledger.categories.archive(other.id, true);
  assert.throws(() => backend.attachments.add({ owner: 'record', ownerId: kept.id, path: src }), refusedWith(/已归档/));
});
