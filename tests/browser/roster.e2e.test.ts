import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { breakCheckDigit, makeId } from '../helpers/ids';
import path from 'node:path';
import { inspectXlsx, openpyxlPython, rowValues } from '../helpers/inspect-xlsx';
import { sheetEditor, typeWithIme, until } from '../helpers/sheet';

/**
 * The foundation's walk-through, in Debian's Chromium at 1366×768 against the real backend over
 * the loopback bridge: a unit, three people (one refused), cell edits typed in Chinese through an
 * input method and in fast Latin keys, an undo, a pasted 3×4 block, a month-only birth date, a
 * search — then the database itself is checked.
 */
const ZHANG = makeId('1985-03-12', '男');
const LI = makeId('1990-07-01', '女', '512002');
const ZHAO = makeId('1992-11-30', '女', '430100');
const BAD = breakCheckDigit(makeId('1979-01-05', '男', '620500'));

const cell = (page: Page, rowIndex: number, colId: string) => page.locator(`.ag-row[row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
const rowCount = (page: Page, n: number) => page.waitForFunction((k) => document.querySelectorAll('.ag-row[row-index]').length === k, n);

async function addPerson(page: Page, values: { name: string; id: string; badge: string }) {
  await page.getByRole('button', { name: '新增人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await dialog.getByLabel('姓名').fill(values.name);
  await dialog.getByLabel('警号/工号').fill(values.badge);
  await dialog.getByLabel('公民身份号码').fill(values.id);
  await dialog.getByLabel('所在单位').selectOption({ label: '政治部' });
  return dialog;
}

describe('roster in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, { viewport: { width: 1366, height: 768 } });
    app.page.setDefaultTimeout(10_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('starts empty and offers the sample office, which can be declined', async () => {
    const { page } = app;
    await page.getByRole('dialog', { name: '欢迎使用台账督办助手' }).waitFor();
    await page.getByRole('button', { name: '从空白开始' }).click();
    await page.getByRole('dialog', { name: '本单位' }).getByRole('button', { name: '稍后设置' }).click();
    await assert.doesNotReject(page.getByRole('dialog').waitFor({ state: 'detached' }));
    assert.match(await page.getByTestId('db-path').innerText(), /ledgerdesk\.db$/);
    assert.match(await page.title(), /台账督办助手 — .*ledgerdesk\.db/);
  });

  it('creates a unit in the organisation tree', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '组织架构' }).click();
    await page.getByRole('button', { name: '新增顶层单位' }).click();
    await page.getByLabel('单位名称').fill('政治部');
    await page.getByLabel('单位类型').selectOption({ label: '支部/部门' });
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByRole('treeitem', { name: /政治部/ }).waitFor();
    assert.deepEqual(app.host.current.units.list().map((u) => [u.name, u.kind]), [['政治部', 'department']]);
  });

  it('refuses an empty or taken unit name inside the dialog, keeps what was typed, and takes Enter', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '新增顶层单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增顶层单位' });
    await dialog.getByRole('button', { name: '确定' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '单位名称不能为空');
    await dialog.getByLabel('单位名称').fill('政治部');
    await dialog.getByLabel('单位名称').press('Enter');
    await dialog.getByRole('alert').filter({ hasText: '政治部' }).waitFor();
    assert.match(await dialog.getByRole('alert').innerText(), /已有|重复|已存在/, 'the backend refusal is shown in the dialog');
    assert.equal(await dialog.getByLabel('单位名称').inputValue(), '政治部', 'what was typed stays');
    await dialog.getByLabel('单位名称').fill('指挥中心');
    await dialog.getByLabel('单位名称').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('treeitem', { name: /指挥中心/ }).waitFor();
    assert.deepEqual(app.host.current.units.list().map((u) => u.name).sort(), ['指挥中心', '政治部'].sort());
  });

  it('adds two people and refuses a third whose ID number is wrong, saying why', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '花名册', exact: true }).click();
    let dialog = await addPerson(page, { name: '张 伟', id: ZHANG, badge: '200001' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    dialog = await addPerson(page, { name: '李娜', id: LI, badge: '200002' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    dialog = await addPerson(page, { name: '王强', id: BAD, badge: '200009' });
    // the reason shows while typing, before saving
    const reason = dialog.locator('.field-error');
    await reason.waitFor();
    assert.match(await reason.innerText(), /校验位错误/);
    await dialog.getByRole('button', { name: '保存' }).click();
    assert.match(await dialog.locator('.form-error').innerText(), /有填写不正确的项目/);
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.locator('.ag-row').nth(1).waitFor();
    assert.equal(await page.getByTestId('roster-count').innerText(), '共 2 人');
    const people = app.host.current.roster.list();
    assert.deepEqual(people.map((p) => [p.name, p.idNumber, p.birthDate, p.sex, p.unitName]), [
      ['张伟', ZHANG, '1985-03-12', '男', '政治部'],
      ['李娜', LI, '1990-07-01', '女', '政治部'],
    ]);
  });

  it('takes Chinese typed through an input method straight into a selected cell', async () => {
    const { page } = app;
    await cell(page, 0, 'post').click();
    await typeWithIme(page, 'kezhang', '科长');
    // the composition finished inside the cell's editor, nothing lost
    assert.equal(await sheetEditor(page).inputValue(), '科长');
    await page.keyboard.press('Enter');
    await until('the post is saved', () => app.host.current.roster.list()[0]!.post === '科长');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] [col-id="post"]')?.textContent === '科长');
  });

  it('keeps every key of fast Latin typing, moving down with Enter', async () => {
    const { page } = app;
    await cell(page, 0, 'rank').click();
    await page.keyboard.type('A1\nB2\n', { delay: 0 });
    await until('both ranks are saved', () => app.host.current.roster.list().map((p) => p.rank).join() === 'A1,B2');
    assert.equal(await cell(page, 1, 'rank').innerText(), 'B2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Delete');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await until('both ranks are cleared', () => app.host.current.roster.list().every((p) => p.rank === null));
  });

  it('refuses a bad ID in red with its reason, Esc discards it, and Ctrl+Z / Ctrl+Y undo and redo an edit', async () => {
    const { page } = app;
    // a wrong ID typed in the cell: explained while typing, shown in red, not saved
    await cell(page, 1, 'idNumber').dblclick();
    const editor = sheetEditor(page);
    await editor.waitFor();
    await editor.fill('');
    await page.keyboard.type(BAD);
    assert.match(await page.getByTestId('sheet-editor').getByRole('alert').innerText(), /校验位错误/);
    await page.keyboard.press('Enter');
    const red = cell(page, 1, 'idNumber').locator('.cell-refused');
    await red.waitFor();
    assert.equal(await red.innerText(), BAD);
    assert.match((await red.getAttribute('data-refused-reason')) ?? '', /校验位错误/);
    assert.equal(app.host.current.roster.list()[1]!.idNumber, LI);
    await cell(page, 1, 'idNumber').click();
    await page.keyboard.press('Escape');
    await red.waitFor({ state: 'detached' });
    assert.equal(await cell(page, 1, 'idNumber').innerText(), LI);

    await cell(page, 0, 'note').click();
    await page.keyboard.type('借调');
    await page.keyboard.press('Enter');
    await until('the note is saved', () => app.host.current.roster.list()[0]!.note === '借调');
    await page.keyboard.press('Control+Z');
    await page.getByTestId('status').filter({ hasText: '已撤销' }).waitFor();
    assert.equal(app.host.current.roster.list()[0]!.note, null);
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] [col-id="note"]')?.textContent === '');
    await page.keyboard.press('Control+Y');
    await page.getByTestId('status').filter({ hasText: '已重做' }).waitFor();
    assert.equal(app.host.current.roster.list()[0]!.note, '借调');
  });

  it('pastes a 3×4 block copied from Excel: edits, a new person, and a refused cell', async () => {
    const { page } = app;
    const block = [
      ['李娜', '女', '200012', LI],
      ['赵敏', '女', '200003', ZHAO],
      ['钱军', '男', '200004', BAD],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((t) => navigator.clipboard.writeText(t), block + '\r\n');
    await cell(page, 1, 'name').click();
    await page.keyboard.press('Control+V');
    await page.getByTestId('status').filter({ hasText: '已粘贴 3 行 × 4 列' }).waitFor();
    // the count follows once the sheet has read the roster again after the write
    await page.getByTestId('roster-count').filter({ hasText: '共 4 人' }).waitFor();
    const refusedId = cell(page, 3, 'idNumber').locator('.cell-refused');
    await refusedId.waitFor();
    assert.match((await refusedId.getAttribute('data-refused-reason')) ?? '', /校验位错误/);

    const people = app.host.current.roster.list();
    assert.deepEqual(people.map((p) => [p.name, p.sex, p.badge, p.idNumber]), [
      ['张伟', '男', '200001', ZHANG],
      ['李娜', '女', '200012', LI],
      ['赵敏', '女', '200003', ZHAO],
      ['钱军', '男', '200004', null],
    ]);
    assert.equal(people[2]!.birthDate, '1992-11-30', 'birth date filled from the pasted ID');
  });

  it('finds people with the quick search box', async () => {
    const { page } = app;
    await page.getByLabel('快速查找').fill('200003');
    await rowCount(page, 1);
    assert.equal(await cell(page, 0, 'name').innerText(), '赵敏');
    await page.getByLabel('快速查找').fill('');
    await rowCount(page, 4);
  });

  it('exports the grid as it is filtered to an official-form workbook (read back by openpyxl)', async () => {
    const python = openpyxlPython();
    const { page } = app;
    await page.getByLabel('快速查找').fill('女');
    await rowCount(page, 2); // 李娜 and 赵敏
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel…' }).click();
    await page.getByRole('dialog', { name: '导出花名册' }).getByRole('button', { name: '导出', exact: true }).click();
    const file = path.join(app.dir, 'export.xlsx');
    await (await download).saveAs(file);
    await page.getByLabel('快速查找').fill('');
    await rowCount(page, 4); // the whole roster back before the next test clicks into it
    const sheet = inspectXlsx(python, file).sheets[0]!;
    const header = rowValues(sheet, 3);
    assert.deepEqual(header.slice(0, 5), ['序号', '姓名', '性别', '警号/工号', '公民身份号码']);
    const body = [4, 5].map((n) => rowValues(sheet, n));
    assert.deepEqual(body.map((r) => r[1]), ['李娜', '赵敏']);
    assert.deepEqual(body.map((r) => r[4]), [LI, ZHAO], 'ID numbers as text, every digit kept');
    assert.equal(sheet.maxRow, 5, 'only the rows the grid showed');
  });

  it('shows a month-only birth date as it is stored, in the sheet and the detail panel', async () => {
    const { page } = app;
    await cell(page, 1, 'birthDate').click();
    // 李娜's ID says 1990-07-01: its month agrees; typed the way Excel users write it
    await page.keyboard.type('1990.07');
    await page.keyboard.press('Enter');
    await until('the month is saved', () => app.host.current.roster.list()[1]!.birthDate === '1990-07');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="1"] [col-id="birthDate"]')?.textContent === '1990-07');
    await cell(page, 1, 'birthDate').click();
    await page.getByRole('button', { name: '详情' }).click();
    const panel = page.getByRole('complementary', { name: '人员详情' });
    await panel.getByText('1990-07', { exact: true }).waitFor();
  });

  it('leaves every change in the audit log, shown per person', async () => {
    const { page } = app;
    await cell(page, 1, 'badge').click();
    const history = page.getByTestId('audit-list');
    await history.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="audit-list"]')?.textContent?.includes('200012'));
    const text = await history.innerText();
    assert.match(text, /警号\/工号：200002 → 200012/);
    const rows = app.host.current.audit.forRecord('person', app.host.current.roster.list()[0]!.id);
    const postChanges = rows.filter((r) => r.field === 'post').map((r) => [r.oldValue, r.newValue]);
    assert.deepEqual(postChanges, [[null, '科长']]);
    const notes = rows.filter((r) => r.field === 'note').map((r) => [r.oldValue, r.newValue]);
    assert.deepEqual(notes, [
      [null, '借调'],
      ['借调', null],
      [null, '借调'],
    ].reverse());
    assert.ok(rows.every((r) => r.actor === 'e2e' && /\+00:00$/.test(r.at)));
  });

  it('opens a roster hit of the global search with the person selected, not the whole roster to search again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '组织架构' }).click();
    await page.getByLabel('全局查找').fill('赵敏');
    await page.getByTestId('search-results').getByRole('option').filter({ hasText: '赵敏' }).first().click();
    await page.getByTestId('roster-count').waitFor();
    const zhao = app.host.current.roster.list().find((p) => p.name === '赵敏')!;
    await page.getByRole('complementary', { name: '人员详情' }).getByRole('heading', { name: '赵敏' }).waitFor();
    assert.equal(await page.getByLabel('快速查找').inputValue(), '赵敏');
    const activeRow = await page.locator('.ag-row:has(.ag-cell.sheet-active)').getAttribute('row-index');
    assert.equal(await cell(page, Number(activeRow), 'idNumber').innerText(), zhao.idNumber);
    // and the keyboard is in the sheet: End goes to the row's last cell (备注), typing fills it
    await page.keyboard.press('End');
    await typeWithIme(page, 'yiheshi', '已核实');
    await page.keyboard.press('Enter');
    await until('the note is saved on 赵敏', () => app.host.current.roster.get(zhao.id).note === '已核实');
  });
});
