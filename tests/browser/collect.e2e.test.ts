import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { fixedClock } from '../../electron/backend/clock';
import { dumpWithOpenpyxl, fillWithOpenpyxl } from '../unit/collect/helpers';

/**
 * 填报/汇总 through the screens, the same path as tests/unit/collect/collect-flow.test.ts:
 * 下发 to three units (two typed through the input method), a form downloaded and filled with
 * openpyxl, one filled in a second LedgerDesk, a foreign file refused in the preview, the
 * missing unit shown, a resubmission previewed as changed rows and replacing the first return,
 * the consolidated form downloaded and read back by openpyxl, and the board's line.
 */

/** Chinese typed as a clerk types it: keydown 229, composition updates, then the committed text. */
async function typeWithIme(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Process', code: 'KeyD' });
  for (let i = 1; i <= text.length; i++) await cdp.send('Input.imeSetComposition', { text: text.slice(0, i), selectionStart: i, selectionEnd: i });
  await cdp.send('Input.insertText', { text });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, key: 'Process', code: 'KeyD' });
  await cdp.detach();
}

describe('填报汇总 in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;
  let unit2: Backend;
  let work: string;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      viewport: { width: 1366, height: 768 },
      seed: (h) => {
        const b = h.current;
        b.app.setOfficeName('某市公安局政治部');
        b.units.create({ name: '第一支部', parentId: null, kind: 'department' });
        b.ledger.categories.create({ templateKey: 'opinions' });
      },
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-collect-e2e-'));
    unit2 = openBackend(path.join(work, 'unit2.db'), { clock: fixedClock('2026-11-23T09:00:00+08:00'), actor: '二支部内勤' });
    unit2.app.setOfficeName('第二支部');
  });
  after(async () => {
    unit2?.close();
    await app?.close();
    await browser?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('下发 → 填报 (Excel and a second LedgerDesk) → 接收 with a refusal → resubmission → 汇总表 → board', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '填报汇总' }).click();
    await page.getByTestId('collect-page').waitFor();

    // 下发: one unit of the tree ticked, two typed through the input method
    await page.getByRole('button', { name: '＋ 下发填报表' }).click();
    const dialog = page.getByRole('dialog', { name: '下发填报表' });
    await dialog.getByRole('group', { name: '填报单位' }).getByLabel('第一支部').check();
    await typeWithIme(page, dialog.getByLabel('其他填报单位'), '第二支部、第三支部');
    await typeWithIme(page, dialog.getByLabel('填报说明'), '每条意见一行，写明责任单位');
    await dialog.getByRole('button', { name: '下发（3 个单位）' }).click();
    await page.getByTestId('status').filter({ hasText: '为 3 个单位各生成一份填报表' }).waitFor();
    const detail = page.getByTestId('collection-detail');
    await detail.getByRole('heading', { name: /征求意见台账（2026-11）/ }).waitFor();

    // 第一支部's form downloaded from the screen and filled without LedgerDesk
    const row1 = detail.locator('tr[data-unit="第一支部"]');
    const [download] = await Promise.all([page.waitForEvent('download'), row1.getByRole('button', { name: '下载' }).click()]);
    const form1 = path.join(work, '第一支部-填报表.xlsx');
    await download.saveAs(form1);
    const filled1 = fillWithOpenpyxl(form1, path.join(work, '第一支部.xlsx'), [
      { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 责任单位: '户政科', 完成时限: '2026-12-30', 办理状态: '办理中' },
      { 来源方式: '走访', 意见内容: '夜间巡逻覆盖不足', 类别: '工作作风', 办理状态: '未办结' },
    ]);

    // 第二支部 fills its form in its own LedgerDesk
    const office = app.host.current;
    const collection = office.collect.store.all('out')[0]!;
    const form2 = office.collect.store.units(collection.id).find((u) => u.name === '第二支部')!.formFile!;
    const incoming = await unit2.handlers['collect.openForm']({ path: form2 });
    const rec = unit2.ledger.records.create(incoming.categoryId!, { source: '意见箱', content: '停车难', aspect: '为民服务', status: '已办结' });
    const filled2 = path.join(work, '第二支部.xlsx');
    await unit2.handlers['collect.writeReturn']({ collectionId: incoming.id, recordIds: [rec.id], path: filled2 });
    // and a form of the second LedgerDesk's own collection: another office's
    const group = unit2.units.create({ name: '综合组', parentId: null, kind: 'department' });
    const foreign = (await unit2.collect.create({ categoryId: incoming.categoryId!, period: '2026-11', dueDate: '2026-11-30', instructions: '', unitIds: [group.id], unitNames: [], outDir: work })).files[0]!.file;

    // 接收: three files at once; the preview says what each would do
    await detail.getByRole('button', { name: '接收报送文件…' }).click();
    const receive = page.getByRole('dialog', { name: /接收报送/ });
    await receive.getByLabel('选择报回的文件').setInputFiles([filled1, filled2, foreign]);
    const files = receive.getByRole('table', { name: '报送文件' });
    await files.locator('tbody tr').nth(2).waitFor();
    assert.match(await files.locator('tbody tr').nth(0).innerText(), /第一支部\s+可接收/);
    assert.match(await files.locator('tbody tr').nth(1).innerText(), /第二支部\s+可接收/);
    assert.match(await files.locator('tbody tr').nth(2).innerText(), /拒收.*第二支部”下发的填报表，不是本单位发出的收集/s);
    await receive.getByRole('button', { name: '接收并汇总（2）' }).click();
    await page.getByTestId('status').filter({ hasText: '已接收 2 个单位的报送，共 3 行；未接收 1 个文件' }).waitFor();
    assert.match(await detail.locator('tr[data-unit="第一支部"]').innerText(), /已报送.*\s1\s+2/s);
    assert.match(await detail.locator('tr[data-unit="第三支部"]').innerText(), /未报送/);
    assert.match(await detail.getByTestId('collect-counts').innerText(), /已报 2 \/ 3\s+未报 1/);

    // 第一支部 resubmits: the preview shows the changed row and what it replaces
    const again = fillWithOpenpyxl(form1, path.join(work, '第一支部-更正.xlsx'), [
      { 来源方式: '座谈会', 意见内容: '窗口办事排队时间长', 类别: '为民服务', 责任单位: '户政科', 完成时限: '2026-12-30', 办理状态: '已办结' },
      { 来源方式: '走访', 意见内容: '夜间巡逻覆盖不足', 类别: '工作作风', 办理状态: '未办结' },
      { 来源方式: '信函', 意见内容: '政策宣传不到位', 类别: '政策措施', 办理状态: '未办结' },
    ]);
    await detail.getByRole('button', { name: '接收报送文件…' }).click();
    await receive.getByLabel('选择报回的文件').setInputFiles([again]);
    await receive.getByText('第一支部 第 2 次报送，替换此前的 2 行').waitFor();
    await receive.getByRole('button', { name: '有变化 1' }).click();
    await receive.locator('.collect-cell-changed', { hasText: '已办结' }).waitFor();
    await receive.getByRole('button', { name: '接收并汇总（1）' }).click();
    await page.getByTestId('status').filter({ hasText: '已接收 1 个单位的报送，共 3 行' }).waitFor();
    await detail.getByRole('tab', { name: '汇总数据（4）' }).click();
    // a pinned column renders each row twice: count distinct row indexes
    await page.waitForFunction(() => new Set(Array.from(document.querySelectorAll('[data-testid="consolidated-grid"] .ag-row'), (r) => r.getAttribute('row-index'))).size === 4);
    assert.equal(await page.getByTestId('consolidated-grid').getByText('政策宣传不到位').count(), 1, 'the resubmission replaced, nothing duplicated');

    // 催报 the missing unit: a 催办 task it can be chased through
    await detail.getByRole('tab', { name: '报送情况' }).click();
    await detail.getByRole('button', { name: '催报…' }).click();
    const urge = page.getByRole('dialog', { name: '催报' });
    await urge.getByLabel('第三支部').check();
    await urge.getByRole('button', { name: '生成催办任务（1）' }).click();
    await page.getByTestId('status').filter({ hasText: '已催报：新建 1 项催办任务' }).waitFor();
    await detail.locator('tr[data-unit="第三支部"]').getByRole('button', { name: '催报任务' }).waitFor();

    // the consolidated form, downloaded and read back by openpyxl
    await detail.getByRole('button', { name: '导出汇总表…' }).click();
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog', { name: '导出汇总表' }).getByRole('button', { name: '导出…' }).click()]);
    const out = path.join(work, '汇总.xlsx');
    await sheet.saveAs(out);
    const book = dumpWithOpenpyxl(out);
    assert.deepEqual(book.sheets.map((s) => s.name).slice(0, 2), ['汇总', '征求意见台账']);
    const data = book.sheets[1]!;
    const body = data.rows.slice(data.rows.findIndex((r) => r[0] === '序号') + 1).filter((r) => typeof r[0] === 'number');
    assert.deepEqual(body.map((r) => [r[1], r[3]]), [['第一支部', '窗口办事排队时间长'], ['第一支部', '夜间巡逻覆盖不足'], ['第一支部', '政策宣传不到位'], ['第二支部', '停车难']]);

    // the board shows the collection
    await page.getByRole('button', { name: '挂图作战' }).click();
    const board = page.getByTestId('collect-board');
    await board.waitFor();
    assert.match(await board.innerText(), /征求意见台账（2026-11）\s+已报 2\/3/);
  });
});
