import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';

/** Backup and restore through the UI, against the real backend over the loopback bridge. */
describe('data safety page in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, { seed: (host) => host.current.units.create({ name: '政治部', parentId: null, kind: 'department' }) });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('backs up now, then restores that backup after a later change', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '数据安全' }).click();
    // a large file takes seconds to copy: the status bar says it is working (held up here, so it can be seen)
    await page.route('**/api/backup.now', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByTestId('status').filter({ hasText: '正在备份整个数据文件' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '立即备份' }).isDisabled(), true);
    await page.getByTestId('status').filter({ hasText: '已备份到' }).waitFor();
    await page.unroute('**/api/backup.now');
    // the status is told after the list is reloaded, so the new backup is already listed
    assert.equal(await page.getByTestId('backup-list').getByRole('row').count(), 2);

    // a change made after the backup
    app.host.current.units.create({ name: '指挥中心', parentId: null, kind: 'department' });
    assert.equal(app.host.current.units.list().length, 2);

    await page.getByRole('button', { name: '从此备份恢复…' }).first().click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await dialog.getByText('备份已检查无误').waitFor();
    await dialog.getByRole('button', { name: '恢复' }).click();
    await page.getByTestId('status').filter({ hasText: '已恢复' }).waitFor();
    assert.deepEqual(app.host.current.units.list().map((u) => u.name), ['政治部']);
    // the state from before the restore was kept as a backup too, and is listed
    const rows = page.getByTestId('backup-list').getByRole('row');
    assert.ok((await rows.count()) >= 3, `header + the manual backup + the before-restore copy (${await rows.count()})`);
    assert.ok(await rows.filter({ hasText: '恢复前自动保留' }).count(), 'the before-restore copy is listed, in plain words');
  });

  it('refuses a second backup folder it cannot write to, with the reason', async () => {
    const { page } = app;
    // a folder inside a path whose parent does not exist: a drive that is not plugged in
    await page.getByLabel('第二备份文件夹').fill(`${app.dir}/no-such-drive/台账备份`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByTestId('status').filter({ hasText: '无法写入文件夹' }).waitFor();
    assert.equal(app.host.current.backup.extraDir(), null);
  });
});
