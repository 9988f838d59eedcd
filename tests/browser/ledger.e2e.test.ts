import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { importFixture } from '../helpers/fixtures';
import { sheetEditor, typeWithIme, until } from '../helpers/sheet';

/**
 * The ledger walk-through against the real backend over the loopback bridge: a category from
 * the 征求意见台账 template, an import of a two-row-header workbook, a filter by status, a cell
 * edit and its undo, delete to the recycle bin and restore, and the global search.
 */
const FIXTURE = importFixture('opinions_two_row_header.xlsx');
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
    app = await openApp(browser, { viewport: { width: 1366, height: 768 }, seed: (h) => h.current.units.create({ name: '政治部', parentId: null, kind: 'department' }) });
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

    // 导出 Excel… offers the filtered view, and the file holds just those rows and the shown columns
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '列 ▾' }).click();
    await page.getByLabel('显示“备注”').uncheck();
    await page.getByRole('button', { name: '列 ▾' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel…' }).click();
    const dialog = page.getByRole('dialog', { name: /^导出“/ });
    assert.equal(await dialog.getByLabel(`当前视图（表格中的 ${EXPECT.done} 条，按表格中的排序和显示的列）`).isChecked(), true, 'the current view is offered first');
    await dialog.getByRole('button', { name: '导出', exact: true }).click();
    const file = path.join(app.dir, 'view.xlsx');
    await (await download).saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    // the header may be two rows (办理状态 sits under 整改情况): find its column, then read the numbered rows
    let statusCol = -1;
    for (let r = 1; r <= 6 && statusCol < 0; r++) statusCol = (sheet.getRow(r).values as unknown[]).findIndex((v) => v === '办理状态');
    assert.ok(statusCol > 0, 'a 办理状态 column');
    const body: string[] = [];
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') body.push(String(row.getCell(statusCol).value));
    });
    assert.equal(body.length, EXPECT.done, 'only the rows the grid showed');
    assert.ok(body.every((v) => v === '已办结'), body.join(','));
    const headerText = [1, 2, 3, 4, 5].flatMap((r) => (sheet.getRow(r).values as unknown[]).map(String));
    assert.ok(headerText.includes('意见内容') && !headerText.includes('备注'), 'the hidden 备注 column is left out');
    await page.getByRole('button', { name: '列 ▾' }).click();
    await page.getByLabel('显示“备注”').check();
    await page.getByRole('button', { name: '列 ▾' }).click();

    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-filter-button').click();
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
    const editor = sheetEditor(page);
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

  it('takes Chinese typed through an input method into a selected cell, and keeps fast Latin keys', async () => {
    const { page } = app;
    const id = idAt(3);
    await cell(page, 3, 'feedback').click();
    await typeWithIme(page, 'yizhenggai', '已整改');
    assert.equal(await sheetEditor(page).inputValue(), '已整改', 'the composition finished inside the editor');
    await page.keyboard.press('Enter');
    await until('the feedback is saved', () => app.host.current.ledger.records.get(id).values.feedback === '已整改');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="3"] [col-id="feedback"]')?.textContent === '已整改');

    // the next row, typed as fast as keys go: every key kept
    const next = idAt(4);
    await page.keyboard.type('OK 2021', { delay: 0 });
    await page.keyboard.press('Tab');
    await until('the fast typing is saved', () => app.host.current.ledger.records.get(next).values.feedback === 'OK 2021');
  });

  it('deletes a record to the recycle bin and restores it', async () => {
    const { page } = app;
    const id = idAt(2);
    await cell(page, 2, '__row').click();
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

  it('adds a choice field in 字段设置 and sees its column; a type change is previewed before anything changes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '字段设置' }).click();
    const dialog = page.getByRole('dialog', { name: /字段设置/ });
    await dialog.getByRole('button', { name: '＋ 添加字段' }).click();
    const editor = dialog.getByRole('group', { name: '新字段' });
    await editor.getByLabel('字段名称').fill('督办意见');
    await editor.getByLabel('类型').selectOption({ label: '单选' });
    await editor.getByLabel('选项1', { exact: true }).fill('一般');
    await editor.getByRole('button', { name: '＋ 添加选项' }).click();
    await editor.getByLabel('选项2', { exact: true }).fill('重点');
    await editor.getByRole('button', { name: '添加字段' }).click();
    await dialog.getByRole('option', { name: /督办意见/ }).waitFor();
    const field = app.host.current.ledger.categories.fields(categoryId).find((f) => f.label === '督办意见')!;
    assert.deepEqual(field.choices.map((c) => c.value), ['一般', '重点']);
    // the colours offered keep clear of the supervision colours (white, blue, yellow, red)
    for (const c of field.choices) assert.ok(!['#ffffff', '#2563eb', '#eab308', '#dc2626'].includes(c.color.toLowerCase()), c.color);

    // 完成时限 (a date) to 数字: every value would be lost, and the report says so first
    await dialog.getByRole('option', { name: /完成时限/ }).click();
    const deadline = dialog.getByRole('group', { name: '字段“完成时限”' });
    await deadline.getByLabel('类型').selectOption({ label: '数字' });
    await deadline.getByRole('button', { name: '预览类型转换…' }).click();
    const report = dialog.getByTestId('type-report');
    await report.waitFor();
    const withDates = app.host.current.ledger.categories.fieldUsage(app.host.current.ledger.categories.fields(categoryId).find((f) => f.key === 'deadline')!.id).values;
    assert.match(await report.innerText(), new RegExp(`${withDates} 个无法转换`));
    await report.getByRole('button', { name: '取消' }).click();
    assert.equal(app.host.current.ledger.categories.fields(categoryId).find((f) => f.key === 'deadline')!.type, 'date', 'nothing changed before confirming');
    await dialog.getByRole('button', { name: '关闭' }).click();

    // the new column is the last one: scroll the grid to it, as a user would
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await page.locator(`.ag-header-cell[col-id="${field.key}"]`).waitFor();
    assert.equal((await page.locator(`.ag-header-cell[col-id="${field.key}"]`).innerText()).trim(), '督办意见');
  });

  it('saves a view (filter + hidden column) and switches back to it', async () => {
    const { page } = app;
    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-filter-button').click();
    await page.getByRole('group', { name: '筛选办理状态' }).getByLabel('已办结').check();
    await page.keyboard.press('Escape');
    await countIs(page, `共 ${EXPECT.done} 条`);
    await page.getByRole('button', { name: '列 ▾' }).click();
    await page.getByLabel('显示“备注”').uncheck();
    await page.getByRole('button', { name: '列 ▾' }).click();
    await page.locator('.ag-header-cell[col-id="note"]').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /^视图：/ }).click();
    await page.getByRole('button', { name: '保存当前视图…' }).click();
    const save = page.getByRole('dialog', { name: '保存视图' });
    await save.getByLabel('视图名称').fill('已办结清单');
    await save.getByRole('button', { name: '保存' }).click();
    await save.waitFor({ state: 'detached' });
    const [view] = app.host.current.ledger.views.list(categoryId);
    assert.equal(view?.name, '已办结清单');
    assert.equal(view.spec.columns.find((c) => c.colId === 'note')?.hide, true);

    await page.getByRole('button', { name: /^视图：/ }).click();
    await page.getByRole('menuitem', { name: /^默认/ }).click();
    await countIs(page, `共 ${EXPECT.rows} 条`);
    await page.locator('.ag-header-cell[col-id="note"]').waitFor();

    await page.getByRole('button', { name: /^视图：/ }).click();
    await page.getByRole('menuitem', { name: '已办结清单' }).click();
    await countIs(page, `共 ${EXPECT.done} 条`);
    await page.locator('.ag-header-cell[col-id="note"]').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: /^视图：/ }).innerText(), '视图：已办结清单 ▾');
    const shown = await page.locator('.ag-row [col-id="status"]').allInnerTexts();
    assert.ok(shown.length > 0 && shown.every((t) => t.trim() === '已办结'), shown.join(','));

    await page.getByRole('button', { name: /^视图：/ }).click();
    await page.getByRole('menuitem', { name: /^默认/ }).click();
    await countIs(page, `共 ${EXPECT.rows} 条`);
  });

  it('adds an attachment to a record in the side panel and sees it listed', async () => {
    const { page } = app;
    const id = idAt(0);
    await cell(page, 0, 'content').click();
    await page.getByRole('button', { name: '详情' }).click();
    const words = String(app.host.current.ledger.records.get(id).values.content).slice(0, 20);
    await page.waitForFunction((w) => document.querySelector('.record-panel h2')?.textContent?.startsWith(w), words);
    const file = path.join(app.dir, '整改报告.txt');
    fs.writeFileSync(file, '整改报告：已召开专题会议。');
    await page.getByLabel('选择附件文件').setInputFiles(file);
    const list = page.getByTestId('attachment-list');
    await list.getByRole('button', { name: '整改报告.txt', exact: true }).waitFor();
    const [a] = app.host.current.attachments.list('record', id);
    assert.equal(a?.fileName, '整改报告.txt');
    const stored = app.host.current.attachments.pathOf(a.id);
    assert.equal(path.dirname(stored), path.join(path.dirname(app.dbPath), 'attachments'));
    assert.equal(fs.readFileSync(stored, 'utf8'), '整改报告：已召开专题会议。');
    await page.getByTestId('audit-list').getByText('整改报告.txt').first().waitFor();

    await list.getByRole('button', { name: '移除附件“整改报告.txt”' }).click();
    await list.waitFor({ state: 'detached' });
    assert.equal(app.host.current.attachments.list('record', id).length, 0);
    await page.getByRole('region', { name: '附件' }).getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByTestId('attachment-list').getByRole('button', { name: '整改报告.txt', exact: true }).waitFor();
  });

  it('the statistics tab draws charts by status and by unit beside the tables', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '统计' }).click();
    for (const name of ['按办理状态统计图', '按责任单位统计图', '按月统计图']) {
      await page.getByRole('img', { name }).locator('canvas').waitFor();
    }
    const stats = page.getByTestId('ledger-stats');
    assert.equal(await stats.locator('.stat-table tr').filter({ hasText: '已办结' }).locator('td.num').first().innerText(), String(EXPECT.done));
    await page.getByRole('tab', { name: '表格' }).click();
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

  it('scrolls a new record into view and selects it, ready to type into', async () => {
    const { page } = app;
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await page.getByLabel('在本台账中查找').fill('');
    await countIs(page, `共 ${EXPECT.rows} 条`);
    await page.getByRole('button', { name: '新增记录' }).click();
    const dialog = page.getByRole('dialog', { name: /^新增记录/ });
    await dialog.getByLabel('意见内容').fill('新增的一条意见：窗口排队时间长');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    // the new record is the last row, below the fold at 1366×768: it is brought into view and selected
    const last = EXPECT.rows;
    const row = page.locator(`.ag-row[row-index="${last}"]`);
    await row.locator('.ag-cell.sheet-active').waitFor();
    const box = (await row.boundingBox())!;
    const grid = (await page.getByTestId('ledger-sheet').boundingBox())!;
    assert.ok(box.y >= grid.y && box.y + box.height <= grid.y + grid.height + 1, `row at ${box.y}–${box.y + box.height} inside the sheet ${grid.y}–${grid.y + grid.height}`);
    assert.equal(await row.locator('[col-id="content"]').innerText(), '新增的一条意见：窗口排队时间长');
    await page.keyboard.type('电话');
    await page.keyboard.press('Enter');
    const created = app.host.current.ledger.rows({ categoryId, startRow: last, endRow: last + 1, sort: [], filters: [], search: '', deleted: false }).rows[0]!;
    await until('typing went into the new record', () => app.host.current.ledger.records.get(created.id).values.source === '电话');
  });

  it('orders the sidebar: a new category moved up with ↑, and into another group from 重命名', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '＋ 新建台账' }).click();
    const dialog = page.getByRole('dialog', { name: '新建台账' });
    await dialog.getByLabel('台账名称').fill('专项整治台账');
    await dialog.getByLabel('分组').selectOption('教育整顿');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-title"]')?.textContent === '专项整治台账');
    const group = page.getByRole('group', { name: '教育整顿' });
    const names = () => group.locator('.ledger-item-name').allInnerTexts();
    assert.deepEqual(await names(), ['征求意见台账', '专项整治台账']);
    await group.getByRole('button', { name: '上移' }).click();
    await page.waitForFunction(() => document.querySelector('[role="group"][aria-label="教育整顿"] .ledger-item-name')?.textContent === '专项整治台账');
    assert.deepEqual(await names(), ['专项整治台账', '征求意见台账']);
    assert.deepEqual(app.host.current.ledger.categories.list(false).map((c) => c.name), ['专项整治台账', '征求意见台账'], 'the order is stored');

    await page.getByRole('button', { name: '重命名' }).click();
    const rename = page.getByRole('dialog', { name: '重命名台账' });
    await rename.getByLabel('侧栏分组').selectOption('自定义');
    await rename.getByRole('button', { name: '确定' }).click();
    await page.getByRole('group', { name: '自定义' }).getByRole('button', { name: '专项整治台账' }).waitFor();
    assert.deepEqual(await names(), ['征求意见台账']);
  });
});
