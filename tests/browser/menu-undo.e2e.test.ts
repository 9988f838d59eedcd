import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { chooseMenu, launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { sheetCell as cell, sheetEditor, statusAfter, until } from '../helpers/sheet';

/**
 * The desktop menu's 撤销 does what Ctrl+Z does where the keyboard is: while a cell is being
 * edited or a text box has the focus it undoes the typing there, and leaves the sheet's steps
 * alone; on the sheet at rest it takes back the last sheet step. (The menu reaches the page as
 * a command; the page here has a stand-in of the desktop shell's bridge to choose it from.)
 */
describe('撤销 from the desktop menu', () => {
  let browser: Browser;
  let app: AppUnderTest;
  let ids: number[] = [];
  const measure = (i: number) => app.host.current.ledger.records.get(ids[i]!).values.measure ?? null;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      viewport: { width: 1366, height: 768 },
      desktopMenu: true,
      seed: (h) => {
        h.current.units.create({ name: '政治部', parentId: null, kind: 'department' });
        const c = h.current.ledger.categories.create({ templateKey: 'opinions' });
        ids = ['约谈', '整改', '回访'].map((m, i) => h.current.ledger.records.create(c.id, { content: `意见${i + 1}`, measure: m, status: '办理中' }).id);
      },
    });
    app.page.setDefaultTimeout(15_000);
    await app.page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await app.page.getByTestId('ledger-count').filter({ hasText: '共 3 条' }).waitFor();
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('undoes typing in the cell being edited, not the sheet step before it; at rest it undoes that step', async () => {
    const { page } = app;
    await cell(page, 0, 'measure').click();
    await page.keyboard.type('ABC');
    await page.keyboard.press('Enter');
    await until('the first edit saved', () => measure(0) === 'ABC');

    await cell(page, 1, 'measure').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    await page.keyboard.type('会议');
    assert.equal(await sheetEditor(page).inputValue(), '整改会议');
    await chooseMenu(page, 'undo');
    // as Ctrl+Z there: the last typing step goes (a step per character when each arrives as inserted text)
    const undone = await sheetEditor(page).inputValue();
    assert.ok(undone.length < 4 && undone.startsWith('整改'), `the typing is taken back, the edit goes on: “${undone}”`);
    assert.equal(measure(0), 'ABC', 'the saved edit before it stays');

    await page.keyboard.press('Escape');
    await chooseMenu(page, 'undo');
    await statusAfter(page, '已撤销');
    await until('the sheet step undone', () => measure(0) === '约谈');
    assert.equal(measure(1), '整改');
  });

  it('undoes typing in a text box outside the sheet, leaving the sheet alone', async () => {
    const { page } = app;
    await cell(page, 2, 'measure').click();
    await page.keyboard.type('XYZ');
    await page.keyboard.press('Enter');
    await until('the edit saved', () => measure(2) === 'XYZ');

    const search = page.getByRole('searchbox', { name: '全局查找' });
    await search.click();
    await search.pressSequentially('意见');
    await chooseMenu(page, 'undo');
    const left = await search.inputValue();
    assert.ok(left.length < 2 && '意见'.startsWith(left), `the typing in the search box is taken back: “${left}”`);
    await page.waitForTimeout(300); // a sheet undo (the fault) would have reached the backend by now
    assert.equal(measure(2), 'XYZ', 'the sheet step stays');
  });
});
