import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';

/**
 * The ledger walk-through against the real backend over the loopback bridge: a category from
 * the 征求意见台账 template, an import of a two-row-header workbook, a filter by status, a cell
 * edit and its undo, delete to the recycle bin and restore, and the global search.
 */
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'opinions_two_row_header.xlsx');
const EXPECT = JSON.parse(fs.readFileSync(`${FIXTURE}.expect.json`, 'utf8')) as { rows: number; done: number };

const cell = (page: Page, rowIndex: number, colId: string) => page.locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`);
const countIs = (page: Page, text: string) => page.waitForFunction((t) => document.querySelector('[data-testid="ledger-count"]')?.textContent === t, text);

describe('ledgers in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;
  let categoryId = 0;
  /** the record the grid shows at a row (its default order is the backend's) */
  const idAt = (i: number) => app.host.current.ledger.rows({ categoryId, startRow: i, endRow: i + 1, sort: [], filters: [], search: '', deleted: false }).rows[0]!.id;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, { seed: (h) => h.current.units.create({ name: '政治部', parentId: null, kind: 'department' }) });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('creates a category from the 征求意见台账 template, listed under 教育整顿', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '＋ 新建台账' }).click();
    const dialog = page.getByRole('dialog', { name: '新建台账' });
    await dialog.getByLabel('模板').selectOption({ label: '征求意见台账' });
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).waitFor();
    assert.equal(await page.getByTestId('ledger-title').innerText(), '征求意见台账');
    const cats = app.host.current.ledger.categories.list(false);
    assert.equal(cats.length, 1);
    categoryId = cats[0]!.id;
    assert.equal(cats[0]!.group, '教育整顿');
  });

  it(`imports the two-row-header workbook: ${EXPECT.rows} rows`, async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '导入' }).click();
    await page.getByLabel('选择要导入的文件').setInputFiles(FIXTURE);
    await page.getByTestId('header-row').waitFor();
    assert.equal(await page.getByTestId('count-new').innerText(), `新增 ${EXPECT.rows}`);
    await page.getByRole('button', { name: /导入所选/ }).click();
    await page.getByTestId('import-result').waitFor();
    assert.match(await page.getByTestId('import-result').innerText(), new RegExp(`新增 ${EXPECT.rows} 条`));
    await page.getByRole('tab', { name: '表格' }).click();
    await countIs(page, `共 ${EXPECT.rows} 条`);
  });

  it(`filters 办理状态 = 已办结 and sees ${EXPECT.done}`, async () => {
    const { page } = app;
    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-filter-button').click();
    await page.getByRole('group', { name: '筛选办理状态' }).getByLabel('已办结').check();
    await countIs(page, `共 ${EXPECT.done} 条`);
    const shown = await page.locator('.ag-row [col-id="status"]').allInnerTexts();
    assert.ok(shown.length > 0 && shown.every((t) => t.trim() === '已办结'), shown.join(','));
    await page.getByRole('group', { name: '筛选办理状态' }).getByRole('button', { name: '清除' }).click();
    await page.keyboard.press('Escape');
    await countIs(page, `共 ${EXPECT.rows} 条`);
  });

  it('edits a cell, refuses a bad date in red with the reason, and undoes the edit', async () => {
    const { page } = app;
    const target = cell(page, 0, 'measure');
    const id = idAt(0);
    const before = app.host.current.ledger.records.get(id).values.measure ?? null;
    await target.dblclick();
    const editor = page.locator('.cell-editor textarea');
    await editor.fill('召开专题会议研究整改');
    await editor.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.startsWith('已保存'));
    assert.equal(app.host.current.ledger.records.get(id).values.measure, '召开专题会议研究整改');
    assert.equal(await target.innerText(), '召开专题会议研究整改');

    // a date that is no date stays in the cell, red, with the backend's reason
    await cell(page, 1, 'deadline').click();
    await page.keyboard.type('2021.2.30', { delay: 40 });
    await page.keyboard.press('Enter');
    await page.locator('.cell-refused').first().waitFor();
    assert.equal(await cell(page, 1, 'deadline').innerText(), '2021.2.30');
    await cell(page, 1, 'deadline').click();
    await page.keyboard.press('Escape');
    await page.locator('.cell-refused').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.startsWith('已撤销'));
    assert.deepEqual(app.host.current.ledger.records.get(id).values.measure ?? null, before);
    const history = app.host.current.ledger.records.history(id);
    assert.ok(history.some((h) => h.field === '整改措施' && h.newValue === '召开专题会议研究整改'), 'the edit is in the history');
  });

  it('deletes a record to the recycle bin and restores it', async () => {
    const { page } = app;
    const id = idAt(2);
    await page.locator(`.ag-row[row-index="2"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await countIs(page, `共 ${EXPECT.rows - 1} 条`);
    assert.notEqual(app.host.current.ledger.records.get(id).deletedAt, null);

    await page.getByTestId('open-bin').click();
    await countIs(page, '回收站中 1 条');
    await cell(page, 0, 'content').click();
    await page.getByRole('button', { name: '恢复所选' }).click();
    await countIs(page, '回收站中 0 条');
    assert.equal(app.host.current.ledger.records.get(id).deletedAt, null);
    await page.getByRole('button', { name: '← 返回台账' }).click();
    await countIs(page, `共 ${EXPECT.rows} 条`);
  });

  it('finds the record with the global search and opens it', async () => {
    const { page } = app;
    const rec = app.host.current.ledger.rows({ categoryId, startRow: 5, endRow: 6, sort: [], filters: [], search: '', deleted: false }).rows[0]!;
    const content = String(rec.values.content);
    const needle = content.slice(2, 8);
    await page.getByRole('button', { name: '花名册', exact: true }).click();
    await page.getByLabel('全局查找').fill(needle);
    const results = page.getByTestId('search-results');
    await results.getByRole('group', { name: '征求意见台账' }).waitFor();
    await results.getByRole('option').filter({ hasText: content.slice(0, 12) }).first().click();
    await page.getByTestId('ledger-title').waitFor();
    await page.waitForFunction((t) => document.querySelector('.record-panel [data-testid="record-fields"]')?.textContent?.includes(t), content.slice(0, 12));
    assert.equal(await page.getByLabel('在本台账中查找').inputValue(), needle);
  });
});
