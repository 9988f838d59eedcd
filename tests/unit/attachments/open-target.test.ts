import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { OPENABLE_EXTENSIONS } from '../../../shared/contract/attachments';
import { ledgerBackend } from '../ledger/helpers';

/** What a data folder from elsewhere may hold: a file under one name, shown under another. */
describe('attachments: only documents and images are opened', () => {
  it('opens documents and images by the stored file; a program is only shown in its folder, never opened', (t) => {
    const { backend, dir, rec } = setup(t);
    const add = (name: string, bytes: string | Buffer) => {
      const src = path.join(dir, name);
      fs.writeFileSync(src, bytes);
      return backend.attachments.add({ owner: 'record', ownerId: rec, path: src });
    };
    const pdf = add('整改报告.PDF', '%PDF-1.7 整改');
    assert.deepEqual([pdf.openable, pdf.nameMismatch, pdf.storedType], [true, false, '.pdf']);
    assert.equal(backend.attachments.openTarget(pdf.id).action, 'open');
    const photo = add('现场照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    assert.equal(backend.attachments.openTarget(photo.id).action, 'open');

    for (const name of ['setup.exe', '说明.lnk', '脚本.bat', '宏.xlsm', 'page.html', '压缩包.zip', '无扩展名']) {
      const a = add(name, 'MZ\x90\x00');
      assert.equal(a.openable, false, name);
      const target = backend.attachments.openTarget(a.id);
      assert.equal(target.action, 'reveal', name);
      assert.match(target.reason!, /不直接打开，已在文件夹中显示/);
    }
    assert.ok(!(OPENABLE_EXTENSIONS as readonly string[]).includes('.exe'));
  });

  it('a shown name that lies about the stored file is flagged, and the stored file decides', (t) => {
    const { backend, dir, rec } = setup(t);
    const src = path.join(dir, 'tool.exe');
    fs.writeFileSync(src, 'MZ\x90\x00 a program');
    const a = backend.attachments.add({ owner: 'record', ownerId: rec, path: src });
    // as a hand-edited data file from another office would have it
    backend.ctx.db.prepare("UPDATE attachments SET file_name = '整改报告.pdf' WHERE id = ?").run(a.id);
    const listed = backend.attachments.list('record', rec)[0]!;
    assert.deepEqual([listed.fileName, listed.storedType, listed.nameMismatch, listed.openable], ['整改报告.pdf', '.exe', true, false]);
    assert.equal(backend.attachments.openTarget(a.id).action, 'reveal');

    // and a program stored under a document's extension is not handed to the system either
    const disguised = path.join(dir, '通知.pdf');
    fs.writeFileSync(disguised, 'MZ\x90\x00 a program');
    const b = backend.attachments.add({ owner: 'record', ownerId: rec, path: disguised });
    assert.equal(b.openable, true, 'by its extension it is a document');
    const target = backend.attachments.openTarget(b.id);
    assert.equal(target.action, 'reveal');
    assert.match(target.reason!, /内容是一个程序/);
  });
});

function setup(t: Parameters<typeof ledgerBackend>[0]) {
  const { backend, categoryId, dir: base } = ledgerBackend(t);
  const dir = path.join(base, 'sources');
  fs.mkdirSync(dir);
  return { backend, dir, rec: backend.ledger.records.create(categoryId, { content: '意见一' }).id };
}
