import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';

/**
 * Attachments as the desktop app shows them (its native bridge stood in by a recorder): a
 * document opens; a program — even one whose shown name says 整改报告.pdf, as a data folder from
 * elsewhere may have it — is flagged and only offered 在文件夹中显示.
 */
describe('attachments in the desktop app: documents open, programs never', () => {
  let browser: Browser;
  let app: AppUnderTest;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      seed: (h) => {
        const b = h.current;
        b.units.create({ name: '政治部', parentId: null, kind: 'department' });
        const cat = b.ledger.categories.create({ templateKey: 'opinions' });
        const rec = b.ledger.records.create(cat.id, { content: '意见一' });
        const dir = path.join(path.dirname(b.ctx.dbPath), 'sources');
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, '会议记录.pdf'), '%PDF-1.7 会议记录');
        fs.writeFileSync(path.join(dir, 'tool.exe'), 'MZ\x90\x00 a program');
        b.attachments.add({ owner: 'record', ownerId: rec.id, path: path.join(dir, '会议记录.pdf') });
        const exe = b.attachments.add({ owner: 'record', ownerId: rec.id, path: path.join(dir, 'tool.exe') });
        b.ctx.db.prepare("UPDATE attachments SET file_name = '整改报告.pdf' WHERE id = ?").run(exe.id);
      },
    });
    const { page } = app;
    page.setDefaultTimeout(15_000);
    // the preload's host bridge, recording what the page asks of the system
    // (a script string: a function would be serialised with the test runner's helpers in it)
    await page.addInitScript(`
      const calls = [];
      window.hostCalls = calls;
      window.ledgerdeskHost = {
        openAttachment: async (id) => (calls.push('open ' + id), null),
        revealAttachment: async (id) => (calls.push('reveal ' + id), null),
        pickDataFile: async () => null,
        pickSavePath: async () => null,
        pickOpenPaths: async () => [],
        printToPdf: async () => null,
        onMenuCommand: () => () => undefined,
      };
    `);
    await page.reload();
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('shows the mismatch, offers 在文件夹中显示 for the program, and opens only the document', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '征求意见台账' }).click();
    await page.locator('.ag-row[row-index="0"] [col-id="content"]').click();
    await page.getByRole('button', { name: '详情' }).click(); // the record's panel opens when asked for
    const list = page.getByTestId('attachment-list');
    await list.waitFor();
    const [pdf, exe] = app.host.current.attachments.list('record', 1);

    const program = list.locator('li').filter({ hasText: '整改报告.pdf' });
    await program.getByText('名称与实际文件类型不符：实际是 EXE 文件').waitFor();
    assert.equal(await program.getByRole('button', { name: '整改报告.pdf', exact: true }).count(), 0, 'the program is not offered to open');
    await program.getByRole('button', { name: '在文件夹中显示' }).click();

    const doc = list.locator('li').filter({ hasText: '会议记录.pdf' });
    assert.equal(await doc.getByText(/名称与实际文件类型不符/).count(), 0);
    await doc.getByRole('button', { name: '会议记录.pdf', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { hostCalls: string[] }).hostCalls.length === 2);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls), [`reveal ${exe!.id}`, `open ${pdf!.id}`]);
  });
});
