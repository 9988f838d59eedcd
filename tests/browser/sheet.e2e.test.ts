import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { readClipboard, sheetCell as cell, sheetEditor, typeWithIme, until, writeClipboard } from '../helpers/sheet';

/**
 * The sheet's ranges, as a clerk used to Excel works them, at 1366×768 on a ledger of six
 * records: select by drag, Shift+click, Shift+arrows and Ctrl+A; copy as TSV; paste a block and
 * one value into a range; Delete; Ctrl+D and Ctrl+R — each one undo step, checked in the database,
 * and refused cells kept red until the undo takes them away.
 */
const MEASURES = ['约谈', '整改', '回访', '通报', '督查', '销号'];

describe('the sheet: ranges, clipboard, fill and undo', () => {
  let browser: Browser;
  let app: AppUnderTest;
  let ids: number[] = [];
  const values = (key: string) => ids.map((id) => app.host.current.ledger.records.get(id).values[key] ?? null);

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      viewport: { width: 1366, height: 768 },
      seed: (h) => {
        h.current.units.create({ name: '政治部', parentId: null, kind: 'department' });
        const c = h.current.ledger.categories.create({ templateKey: 'opinions' });
        ids = MEASURES.map((m, i) => h.current.ledger.records.create(c.id, { content: `意见${i + 1}`, measure: m, deadline: `2021-03-0${i + 1}`, status: '办理中' }).id);
      },
    });
    app.page.setDefaultTimeout(15_000);
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await page.getByTestId('ledger-count').filter({ hasText: '共 6 条' }).waitFor();
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  const selected = (page: Page) => page.locator('.ag-cell.sheet-sel').count();

  it('selects by Shift+click, by dragging and by Shift+arrows, and copies the range as Excel pastes it', async () => {
    const { page } = app;
    await cell(page, 0, 'content').click();
    await cell(page, 2, 'unit').click({ modifiers: ['Shift'] });
    assert.equal(await selected(page), 9, '3 rows × 3 columns drawn as selected');
    await page.keyboard.press('Control+C');
    assert.equal(await readClipboard(page), '意见1\t\t\r\n意见2\t\t\r\n意见3\t\t\r\n');

    // drag from 整改措施 of row 2 to 完成时限 of row 4
    const from = await cell(page, 1, 'measure').boundingBox();
    const to = await cell(page, 3, 'deadline').boundingBox();
    await page.mouse.move(from!.x + 10, from!.y + 10);
    await page.mouse.down();
    await page.mouse.move(to!.x + 10, to!.y + 10, { steps: 5 });
    await page.mouse.up();
    assert.equal(await selected(page), 6);
    await page.keyboard.press('Control+C');
    assert.equal(await readClipboard(page), '整改\t2021-03-02\r\n回访\t2021-03-03\r\n通报\t2021-03-04\r\n');

    await cell(page, 4, 'measure').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    assert.equal(await selected(page), 4);
    await page.keyboard.press('Control+C');
    assert.equal(await readClipboard(page), '督查\t2021-03-05\r\n销号\t2021-03-06\r\n');

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const lines = (await readClipboard(page)).split('\r\n').filter(Boolean);
    assert.equal(lines.length, 6, 'every row');
    assert.ok(lines.every((l, i) => l.split('\t').includes(`意见${i + 1}`)), lines.join('|'));
  });

  it('pastes a block from the top-left cell in one undo step; a refused cell stays red until the undo clears it', async () => {
    const { page } = app;
    await cell(page, 0, 'measure').click();
    await writeClipboard(page, '专题会议\t2021-04-01\r\n上门回访\t2021-02-30\r\n');
    await page.keyboard.press('Control+V');
    await until('the block is saved', () => values('measure').slice(0, 2).join() === '专题会议,上门回访');
    assert.deepEqual(values('deadline').slice(0, 2), ['2021-04-01', '2021-03-02'], 'the date that does not exist is not saved');
    const red = cell(page, 1, 'deadline').locator('.cell-refused');
    await red.waitFor();
    assert.equal(await red.innerText(), '2021-02-30');
    assert.match((await red.getAttribute('data-refused-reason')) ?? '', /不存在/);

    await page.keyboard.press('Control+Z');
    await until('the whole paste is undone', () => values('measure').slice(0, 2).join() === '约谈,整改' && values('deadline')[0] === '2021-03-01');
    await red.waitFor({ state: 'detached' });
    assert.equal(await cell(page, 1, 'deadline').innerText(), '2021-03-02', 'the saved value shows again, not the refused one');
  });

  it('pastes one value into every selected cell, Delete empties a range — each one undo step', async () => {
    const { page } = app;
    await cell(page, 0, 'measure').click();
    await cell(page, 3, 'measure').click({ modifiers: ['Shift'] });
    await writeClipboard(page, '限期整改');
    await page.keyboard.press('Control+V');
    await until('four cells filled', () => values('measure').join() === '限期整改,限期整改,限期整改,限期整改,督查,销号');
    await page.keyboard.press('Control+Z');
    await until('the fill is undone', () => values('measure').join() === MEASURES.join());

    await cell(page, 1, 'measure').click();
    await cell(page, 2, 'deadline').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    await until('the range is empty', () => values('measure')[1] === null && values('measure')[2] === null && values('deadline')[1] === null && values('deadline')[2] === null);
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="2"] [col-id="deadline"]')?.textContent === '');
    await page.keyboard.press('Control+Z');
    await until('the delete is undone', () => values('measure').join() === MEASURES.join() && values('deadline')[2] === '2021-03-03');
  });

  it('fills down (Ctrl+D) and right (Ctrl+R) through the range, each one undo step', async () => {
    const { page } = app;
    await cell(page, 1, 'measure').click();
    await cell(page, 4, 'deadline').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+D');
    await until('rows 3–5 take row 2’s values', () => values('measure').join() === '约谈,整改,整改,整改,整改,销号' && values('deadline').slice(1, 5).every((d) => d === '2021-03-02'));
    await page.keyboard.press('Control+Z');
    await until('the fill down is undone', () => values('measure').join() === MEASURES.join() && values('deadline')[4] === '2021-03-05');

    // one cell selected: Ctrl+D takes the cell above, as in Excel
    await cell(page, 5, 'measure').click();
    await page.keyboard.press('Control+D');
    await until('the cell above is copied', () => values('measure')[5] === '督查');
    await page.keyboard.press('Control+Z');
    await until('undone', () => values('measure')[5] === '销号');

    // right: 意见内容 copied into 类别 — refused there (not a choice), kept red until Esc discards it
    await cell(page, 0, 'content').click();
    await cell(page, 0, 'aspect').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+R');
    const red = cell(page, 0, 'aspect').locator('.cell-refused');
    await red.waitFor();
    assert.equal(await red.innerText(), '意见1');
    assert.equal(values('aspect')[0], null);
    await page.keyboard.press('Escape');
    await red.waitFor({ state: 'detached' });
  });

  it('offers a choice column’s options as Chinese is typed, and saves the one picked with Enter', async () => {
    const { page } = app;
    await cell(page, 2, 'status').click();
    await typeWithIme(page, 'yiban', '已办');
    assert.equal(await sheetEditor(page).inputValue(), '已办');
    const list = page.getByRole('listbox', { name: '选择办理状态' });
    assert.deepEqual(await list.getByRole('option').allInnerTexts(), ['已办结'], 'only the options containing what was typed');
    await page.keyboard.press('Enter');
    await until('the picked option is saved', () => values('status')[2] === '已办结');
    await page.keyboard.press('Control+Z');
    await until('and undone', () => values('status')[2] === '办理中');
  });
});
