import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { callApiFromPage, launchChromium, openApp, type AppUnderTest } from '../helpers/browser';

const PASSWORD = '督办2026春';

const callFromPage = (page: Page, method: string) => callApiFromPage(page, method);

/** The element at the window's centre belongs to the lock screen: nothing behind it shows. */
const coveredByLockScreen = (page: Page) =>
  page.evaluate(() => !!document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2)?.closest('[data-testid="lock-screen"]'));

/** The program opens on the board (挂图作战); the roster, with 王伟 in it, is one click away. */
async function rosterShows(page: Page) {
  await page.locator('.sidebar').getByRole('button', { name: '花名册', exact: true }).click();
  await page.getByRole('gridcell', { name: '王伟' }).waitFor();
}

async function unlockWith(page: Page, password: string) {
  const screen = page.getByTestId('lock-screen');
  await screen.getByLabel('密码').fill(password);
  await screen.getByRole('button', { name: '解锁' }).click();
}

/** The optional lock through the UI, against the real backend over the loopback bridge. */
describe('the lock in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;
  let recoveryKey = '';

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      seed: (host) => {
        const unit = host.current.units.create({ name: '政治部', parentId: null, kind: 'department' });
        host.current.roster.create({ name: '王伟', unitId: unit.id });
      },
    });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('sets a password, locks, refuses a wrong password with the reason, unlocks with the right one', async () => {
    const { page } = app;
    await rosterShows(page);

    await page.getByRole('button', { name: '设置密码…' }).click();
    const dialog = page.getByRole('dialog', { name: '设置密码' });
    // the dialog opens from the dark top bar and must not inherit its white text
    assert.notEqual(await dialog.locator('.modal-title').evaluate((e) => getComputedStyle(e).color), 'rgb(255, 255, 255)');
    await dialog.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await dialog.getByLabel('再次输入密码').fill(PASSWORD);
    await dialog.getByLabel('空闲锁定分钟').fill('5');
    // rewriting a large file takes seconds: the dialog says so while it works (held up here, so it can be seen)
    await page.route('**/api/lock.setPassword', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await dialog.getByRole('button', { name: '设置密码' }).click();
    await dialog.getByRole('status').filter({ hasText: '整个数据文件重写一遍' }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: '正在处理…' }).isDisabled(), true);
    await page.getByTestId('status').filter({ hasText: '已设置密码' }).waitFor();
    await page.unroute('**/api/lock.setPassword');
    assert.deepEqual(app.host.current.lock.status(), { enabled: true, locked: false, idleMinutes: 5, encrypted: true });

    // the recovery key, shown once: the dialog stays until the user says it is kept
    const sheet = page.getByRole('dialog', { name: '请保存恢复密钥' });
    recoveryKey = (await sheet.getByLabel('恢复密钥', { exact: true }).innerText()).replace(/\s+/g, '-');
    assert.match(recoveryKey, /^(\d{6}-){7}\d{6}$/);
    assert.equal(await sheet.getByRole('button', { name: '完成' }).isDisabled(), true);
    // 打印 prints the key and what it is for, and nothing of the program behind it
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByText('台账督办助手 · 恢复密钥').isVisible(), true);
    assert.equal(await page.locator('.sidebar').evaluate((e) => getComputedStyle(e).visibility), 'hidden', 'but not printed');
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    assert.equal(await sheet.count(), 1, 'Esc does not close it before the key is kept');
    await sheet.getByLabel('我已打印或抄下恢复密钥，并妥善保管').check();
    await sheet.getByRole('button', { name: '完成' }).click();
    await sheet.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '锁定', exact: true }).click();
    const screen = page.getByTestId('lock-screen');
    await screen.waitFor();
    assert.equal(await screen.getByRole('heading').innerText(), '程序已锁定');
    assert.ok(await coveredByLockScreen(page));
    assert.equal(app.host.current.lock.isLocked(), true);
    // the backend itself refuses the page's calls, whatever the UI shows
    const refused = await callFromPage(page, 'roster.list');
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.code, 'LOCKED');
    assert.match(refused.error?.message ?? '', /程序已锁定/);

    await unlockWith(page, 'wrong-password');
    await page.getByTestId('lock-error').filter({ hasText: '密码不正确' }).waitFor();
    assert.equal(app.host.current.lock.isLocked(), true);

    await unlockWith(page, PASSWORD);
    await screen.waitFor({ state: 'detached' });
    await rosterShows(page);
    assert.equal((await callFromPage(page, 'roster.list')).ok, true);
    // the 数据安全 page says in plain words what is encrypted and what is not
    await page.locator('.sidebar').getByRole('button', { name: '数据安全', exact: true }).click();
    const note = await page.getByTestId('encryption-note').innerText();
    assert.match(note, /^已设置密码：数据文件和设置密码之后的每一份备份都已加密/);
    assert.match(note, /设置密码之前的备份和附件文件没有加密/);
  });

  it('a reload does not get past the lock: the backend says it is locked', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '锁定', exact: true }).click();
    await page.getByTestId('lock-screen').waitFor();

    await page.reload();
    await page.getByTestId('lock-screen').waitFor();
    // at start the program behind is not even mounted: no roster in the page at all
    assert.equal(await page.getByText('王伟').count(), 0);
    assert.equal(await page.locator('.topbar').count(), 0);

    await unlockWith(page, PASSWORD);
    await rosterShows(page);
  });

  it('locks by itself after the idle minutes without mouse or keyboard use', async () => {
    const { page } = app;
    await page.clock.install();
    await page.reload();
    // still unlocked in the backend: the program opens (on the board); no click here, the page's clock is fake
    await page.getByTestId('board-page').waitFor();
    await page.mouse.move(200, 200);
    await page.clock.runFor('04:30');
    await page.mouse.move(300, 300); // activity restarts the count
    await page.clock.runFor('04:30');
    assert.equal(app.host.current.lock.isLocked(), false);
    await page.clock.runFor('00:40');
    await page.getByTestId('lock-screen').waitFor();
    assert.equal(app.host.current.lock.isLocked(), true);
  });

  it('an encrypted file opens on the lock screen; 忘记密码 explains the recovery key, which sets a new password', async () => {
    const { page } = app;
    // the program started again on the file: nothing can be read from it before the password
    app.host.open(app.dbPath, false);
    assert.equal(app.host.sealed, true);
    await page.reload();
    const screen = page.getByTestId('lock-screen');
    await screen.getByText('数据文件已加密，请输入密码打开。').waitFor();
    await screen.getByText('数据文件：ledgerdesk.db').waitFor();
    assert.equal(await page.locator('.topbar').count(), 0);

    await screen.getByRole('button', { name: '忘记密码？' }).click();
    await screen.getByText(/密码和恢复密钥都丢失时，加密的数据文件无法打开/).waitFor();
    await screen.getByLabel('恢复密钥').fill('123456-000000');
    await screen.getByLabel('新密码', { exact: true }).fill('新的密码-2027');
    await screen.getByLabel('再次输入新密码').fill('新的密码-2027');
    await screen.getByRole('button', { name: '用恢复密钥打开并设置新密码' }).click();
    await screen.getByTestId('lock-error').filter({ hasText: '48 位数字' }).waitFor();

    await screen.getByLabel('恢复密钥').fill(recoveryKey.replace(/-/g, ' '));
    await screen.getByRole('button', { name: '用恢复密钥打开并设置新密码' }).click();
    await screen.waitFor({ state: 'detached' });
    await rosterShows(page);
    assert.equal(app.host.sealed, false);
    // the new password is the file's now
    app.host.open(app.dbPath, false);
    await page.reload();
    await unlockWith(page, '新的密码-2027');
    await rosterShows(page);
  });
  it('restores a backup made before the password was changed, asking for the password of that time', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '数据安全', exact: true }).click();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByTestId('status').filter({ hasText: '已备份到' }).waitFor();
    // after the backup: a person added, then the password changed
    app.host.current.roster.create({ name: '李娜' });
    const changed = await app.host.dispatch('lock.setPassword', { current: '新的密码-2027', password: '第三个密码-2028', idleMinutes: 5 });
    assert.equal(changed.ok, true, JSON.stringify(changed));

    const manual = page.getByTestId('backup-list').getByRole('row').filter({ hasText: '手动备份' }).first();
    await manual.getByRole('button', { name: '从此备份恢复…' }).click();
    const ask = page.getByRole('dialog', { name: '输入这个备份的密码' });
    await ask.getByText('用现在的密码打不开').waitFor();
    await ask.getByLabel('备份的密码').fill('第三个密码-2028');
    await ask.getByRole('button', { name: '检查备份' }).click();
    await ask.getByRole('alert').filter({ hasText: '密码不对，打不开这个备份' }).waitFor();
    await ask.getByLabel('备份的密码').fill('新的密码-2027');
    await ask.getByRole('button', { name: '检查备份' }).click();
    const confirm = page.getByRole('dialog', { name: '从备份恢复' });
    await confirm.getByText('其中有 1 名人员').waitFor();
    await confirm.getByRole('button', { name: '恢复', exact: true }).click();
    await page.getByTestId('status').filter({ hasText: '已恢复' }).waitFor();
    assert.deepEqual(app.host.current.roster.list().map((p) => p.name), ['王伟'], 'the data of the backup, without 李娜');

    // the restored file keeps today's password, not the backup's
    app.host.open(app.dbPath, false);
    await page.reload();
    await unlockWith(page, '新的密码-2027');
    await page.getByTestId('lock-error').filter({ hasText: '密码不正确' }).waitFor();
    await unlockWith(page, '第三个密码-2028');
    await rosterShows(page);
  });
  it('a damaged encrypted file: the lock screen offers the newest backup with the same password, and the damaged file is kept', async () => {
    const { page } = app;
    // the previous case left the file encrypted with 第三个密码-2028; a backup with it, then a change, then damage
    await page.locator('.sidebar').getByRole('button', { name: '数据安全', exact: true }).click();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByTestId('status').filter({ hasText: '已备份到' }).waitFor();
    app.host.current.roster.create({ name: '赵强（备份之后）' });
    app.host.close();
    const size = fs.statSync(app.dbPath).size;
    const fd = fs.openSync(app.dbPath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    app.host.open(app.dbPath, false);
    await page.reload();

    await unlockWith(page, '第三个密码-2028');
    const screen = page.getByTestId('lock-screen');
    await screen.getByTestId('lock-error').filter({ hasText: '已损坏' }).waitFor();
    await screen.getByRole('button', { name: '从最新备份恢复' }).click();
    await screen.waitFor({ state: 'detached' });
    await page.getByTestId('status').filter({ hasText: '已从备份恢复' }).waitFor();
    assert.deepEqual(app.host.current.roster.list().map((p) => p.name), ['王伟']);
    const kept = fs.readdirSync(path.dirname(app.dbPath)).filter((f) => f.includes('.damaged-'));
    assert.equal(kept.length, 1, `the damaged file kept beside it: ${kept.join(', ')}`);
  });
});
