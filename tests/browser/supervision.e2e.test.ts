import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { settableClock } from '../helpers/settable-clock';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_INCHES } from '../../shared/print-pdf';

/**
 * The supervision walk-through against the real backend over the loopback bridge: a task
 * decomposed for two units, the clock moved past one unit's deadline, the board's count for
 * that unit moving from 白 to 黄 (painted in the settings' yellow), the overdue list, the
 * bell, and a bulletin drafted naming the late unit and saved into the 通报 ledger.
 */
const cellText = (page: Page, unitId: number, col: string) => page.getByTestId(`board-cell-${unitId}-${col}`).innerText();

describe('supervision in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;
  const clock = settableClock('2026-11-20T09:00:00+08:00'); // a Friday
  const units = { lead: 0, xz: 0, zz: 0 };

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      clock,
      seed: (h) => {
        units.lead = h.current.units.create({ name: '领导小组', parentId: null, kind: 'leading' }).id;
        units.xz = h.current.units.create({ name: '刑侦支队', parentId: units.lead, kind: 'department' }).id;
        units.zz = h.current.units.create({ name: '政治部', parentId: units.lead, kind: 'department' }).id;
      },
    });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('opens on the board (挂图作战), empty at first', async () => {
    const { page } = app;
    await page.getByTestId('board-page').waitFor();
    assert.match(await page.getByTestId('board-today').innerText(), /今天 2026-11-20/);
    assert.match(await page.getByTestId('board-matrix').innerText(), /还没有督办任务/);
    assert.equal(await page.locator('.sidebar .nav-item.active').innerText(), '挂图作战');
  });

  it('creates a task and decomposes it for two units in one dialog; the parent shows the roll-up', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '督办任务' }).click();
    await page.getByRole('button', { name: '新建任务' }).click();
    const form = page.getByRole('dialog', { name: '新建督办任务' });
    await form.getByRole('button', { name: '保存' }).click();
    assert.equal(await form.getByRole('alert').innerText(), '请填写任务名称', 'an empty title is refused in Chinese');
    await form.getByLabel('任务名称').fill('窗口作风专项整顿');
    await form.getByLabel('责任单位').selectOption(String(units.lead));
    await form.getByLabel('完成时限').fill('2026-11-30');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('task-title').innerText(), '窗口作风专项整顿');

    await page.getByRole('button', { name: '逐项分解' }).click();
    const dec = page.getByRole('dialog', { name: /逐项分解/ });
    await dec.getByLabel('第1行责任单位').selectOption(String(units.xz));
    await dec.getByLabel('第1行完成时限').fill('2026-11-24');
    await dec.getByLabel('第2行责任单位').selectOption(String(units.zz));
    await dec.getByRole('button', { name: '分解为 2 项子任务' }).click();
    await dec.waitFor({ state: 'detached' });
    const children = await page.getByTestId('children').locator('tr').allInnerTexts();
    assert.equal(children.length, 2);
    assert.match(children[0]!, /窗口作风专项整顿（刑侦支队）\s+刑侦支队\s+2026-11-24/);
    assert.match(children[1]!, /窗口作风专项整顿（政治部）\s+政治部\s+2026-11-30/);
    assert.match(await page.getByTestId('rollup').innerText(), /0 \/ 2 项/);
  });

  it('moves the clock past 刑侦支队’s deadline: its board count moves from 白 to 黄, painted yellow', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '挂图作战' }).click();
    await page.getByTestId('board-matrix').waitFor();
    assert.equal(await cellText(page, units.xz, 'white'), '1');
    assert.equal(await cellText(page, units.xz, 'yellow'), '0');
    assert.equal(await page.getByTestId('board-overdue').locator('.stat-num').innerText(), '0');

    clock.set('2026-11-26T09:00:00+08:00'); // two days past 11-24
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByTestId('board-today').filter({ hasText: '2026-11-26' }).waitFor();
    assert.equal(await cellText(page, units.xz, 'white'), '0');
    assert.equal(await cellText(page, units.xz, 'yellow'), '1');
    const yellow = app.host.current.supervision.rules.get().levels.yellow.color;
    const bg = await page.getByTestId(`board-cell-${units.xz}-yellow`).evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(yellow.slice(i, i + 2), 16));
    assert.equal(bg, `rgb(${r}, ${g}, ${b})`, 'the count is painted in the settings’ yellow');
    assert.equal(await cellText(page, units.zz, 'white'), '1', '政治部 is still on time');
    assert.equal(await page.getByTestId('board-overdue').locator('.stat-num').innerText(), '1');
  });

  it('opens the overdue list behind the number', async () => {
    const { page } = app;
    await page.getByTestId('board-overdue').click();
    const dialog = page.getByRole('dialog', { name: /已逾期/ });
    await dialog.getByTestId('drill-grid').locator('.ag-row').first().waitFor();
    const rows = await dialog.getByTestId('drill-grid').locator('.ag-row').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /窗口作风专项整顿（刑侦支队）/);
    assert.match(rows[0]!, /2天/);
    assert.match(rows[0]!, /黄色督办/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('the bell lists the rise', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /督办提醒/ }).click();
    const panel = page.getByRole('dialog', { name: '督办提醒' });
    await panel.getByText('窗口作风专项整顿（刑侦支队）').waitFor();
    assert.match(await panel.innerText(), /刑侦支队\s+白色领办\s*→\s*黄色督办/);
    await page.getByRole('button', { name: /督办提醒/ }).click();
  });

  it('drafts a bulletin naming the late unit and saves it into the 通报 ledger', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '通报', exact: true }).click();
    await page.getByRole('button', { name: '起草通报' }).click();
    assert.equal(await page.getByLabel('被通报单位').inputValue(), '刑侦支队');
    const text = await page.getByLabel('通报正文').inputValue();
    assert.match(text, /一、刑侦支队（1项）/);
    assert.match(text, /窗口作风专项整顿（刑侦支队），完成时限2026-11-24，逾期2天，黄色督办/);
    assert.doesNotMatch(text, /政治部/);
    await page.getByLabel('通报正文').fill(`${text}\n（办公室主任审阅）`);
    await page.getByRole('button', { name: '保存到通报台账' }).click();
    await page.getByRole('button', { name: '已保存到通报台账' }).waitFor();
    const cat = app.host.current.ledger.categories.list().find((c) => c.templateKey === 'bulletins')!;
    const rows = app.host.current.ledger.shownRows(cat.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!['涉及单位'], '刑侦支队');
    assert.match(String(rows[0]!['内容']), /（办公室主任审阅）/, 'the edited text is what is saved');

    // 打印: the print dialog is the system's; what it would print is the page under print CSS
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: '打印' }).click();
    assert.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.sidebar').isVisible(), false, 'the sidebar is not printed');
    assert.equal(await page.getByLabel('通报正文').isVisible(), false, 'the editor is not printed');
    const printed = await page.locator('.bulletin-print').innerText();
    assert.match(printed, /督办工作通报（2026年第1期）/);
    assert.match(printed, /一、刑侦支队（1项）[\s\S]*（办公室主任审阅）/);

    // 导出PDF… (desktop): the same page through Chromium's own PDF printer with the settings the
    // main process gives printToPDF, read back by a second reader (poppler's pdftotext)
    const inches = (n: number) => `${n}in`;
    const pdf = await page.pdf({
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: PDF_HEADER_TEMPLATE,
      footerTemplate: PDF_FOOTER_TEMPLATE,
      margin: { top: inches(PDF_MARGINS_INCHES.top), bottom: inches(PDF_MARGINS_INCHES.bottom), left: inches(PDF_MARGINS_INCHES.left), right: inches(PDF_MARGINS_INCHES.right) },
    });
    const pdfFile = path.join(app.dir, '通报.pdf');
    fs.writeFileSync(pdfFile, pdf);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    assert.match(pdfText, /督办工作通报（2026年第1期）/);
    assert.match(pdfText, /一、刑侦支队（1项）/);
    assert.match(pdfText, /第\s*1\s*页\s*共\s*1\s*页/, 'page numbers in the footer');
    assert.doesNotMatch(pdfText, /挂图作战|保存到通报台账/, 'nothing of the screen around the bulletin');
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens a task from a board cell; a manual level needs a reason and goes into the trail', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '挂图作战' }).click();
    await page.getByTestId(`board-cell-${units.xz}-yellow`).click();
    const drill = page.getByRole('dialog', { name: '刑侦支队 · 黄色督办' });
    await drill.locator('.ag-row').first().dblclick();
    await drill.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('task-title').innerText(), '窗口作风专项整顿（刑侦支队）');

    await page.getByRole('button', { name: '调整等级' }).click();
    const dialog = page.getByRole('dialog', { name: '人工调整督办等级' });
    await dialog.getByLabel('调整为').selectOption({ label: '红色查办' });
    await dialog.getByRole('button', { name: '确定' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '请填写调整理由（将记入留痕）');
    await dialog.getByLabel('理由').fill('经分管领导批准提级查办');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    // the detail reloads after the dialog closes
    await page.getByTestId('task-detail').locator('.detail-head .level-badge').filter({ hasText: '人工' }).waitFor();
    assert.match(await page.getByTestId('task-detail').locator('.detail-head').innerText(), /红色查办\s*人工/);
    await page.getByRole('tab', { name: /留痕/ }).click();
    assert.match(await page.getByTestId('trail').locator('li').first().innerText(), /人工调整等级[\s\S]*经分管领导批准提级查办/);
  });

  it('closes 政治部’s sub-task with a rating and evidence; the parent counts it done', async () => {
    const { page } = app;
    await page.getByLabel('快速查找').fill('政治部');
    await page.getByTestId('task-grid').locator('.ag-row').filter({ hasText: '窗口作风专项整顿（政治部）' }).click();
    await page.getByTestId('task-title').filter({ hasText: '（政治部）' }).waitFor();
    await page.getByRole('button', { name: '办结' }).click();
    const dialog = page.getByRole('dialog', { name: /办结：/ });
    await dialog.getByRole('button', { name: '确认办结' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '请选择质量评定');
    await dialog.getByLabel('良').check();
    await dialog.getByLabel('佐证材料').fill('整顿方案已印发，窗口满意度回访完成');
    await dialog.getByRole('button', { name: '确认办结' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.detail-head .status-tag').filter({ hasText: '已办结' }).waitFor();
    await page.locator('.crumbs').getByRole('button', { name: '窗口作风专项整顿' }).click();
    assert.match(await page.getByTestId('rollup').innerText(), /1 \/ 2 项/);
  });

  it('rules: colours chosen by name (a clash refused in Chinese); a renamed level is what the board shows', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '督办设置' }).click();
    const yellow = page.getByRole('radiogroup', { name: '已超过完成时限的颜色' });
    await yellow.getByRole('radio', { name: '红', exact: true }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    assert.match(await page.getByRole('alert').innerText(), /四个等级的颜色不能相同/);
    await yellow.getByRole('radio', { name: '橙' }).click();
    await page.getByLabel('已超过完成时限的等级名称').fill('橙色');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('status').filter({ hasText: '督办设置已保存' }).waitFor();
    await page.locator('.sidebar').getByRole('button', { name: '挂图作战' }).click();
    await page.getByTestId('board-matrix').locator('thead').getByText('橙色督办').waitFor();
    assert.doesNotMatch(await page.getByTestId('board-matrix').locator('thead').innerText(), /黄色/);
  });

  it('plans: a weekly recurrence generates this week’s sessions; today’s list carries over the late task', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '工作计划' }).click();
    await page.getByRole('button', { name: '新建周期任务' }).click();
    const dialog = page.getByRole('dialog', { name: '新建周期任务' });
    await dialog.getByLabel('周期任务名称').fill('集中学习');
    await dialog.getByRole('button', { name: '保存' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '每周任务请至少选择一天');
    await dialog.getByLabel('周二').check();
    await dialog.getByLabel('周四').check();
    assert.equal(await dialog.getByLabel('开始日期').inputValue(), '2026-11-26', 'starts today by default');
    await dialog.getByLabel('开始日期').fill('2026.11.23');
    await dialog.getByLabel('责任单位').selectOption(String(units.zz));
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '生成周期任务' }).click();
    await page.getByTestId('status').filter({ hasText: /已生成 \d+ 项周期任务/ }).waitFor();

    await page.getByRole('tab', { name: '周清单' }).click();
    await page.getByTestId('plan-range').filter({ hasText: '2026-11-23 至 2026-11-29' }).waitFor();
    const zz = page.locator('.plan-group').filter({ has: page.getByRole('heading', { name: /政治部/ }) });
    assert.deepEqual(await zz.locator('.plan-title').allInnerTexts(), ['集中学习（11月24日）', '集中学习（11月26日）']);

    await page.getByRole('tab', { name: '日安排' }).click();
    await page.getByTestId('plan-range').filter({ hasText: /^2026-11-26，/ }).waitFor();
    const xz = page.locator('.plan-group').filter({ has: page.getByRole('heading', { name: /刑侦支队/ }) });
    assert.deepEqual(await xz.locator('.plan-title').allInnerTexts(), ['结转窗口作风专项整顿（刑侦支队）'], 'unfinished from before today is carried over');
  });

  it('exports the task list as filtered to Excel (read back with ExcelJS)', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '督办任务' }).click();
    await page.getByLabel('按单位筛选').selectOption(String(units.xz));
    await page.getByTestId('task-count').filter({ hasText: '共 1 项' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const file = path.join(app.dir, 'tasks.xlsx');
    await (await download).saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const texts: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((c) => void texts.push(String(c.text))));
    assert.ok(texts.includes('窗口作风专项整顿（刑侦支队）'), texts.join('|'));
    assert.ok(!texts.some((t) => t.includes('（政治部）')), 'only the unit the list was filtered to');
  });
  it('deletes a task from its panel and brings it back with Ctrl+Z, as it was', async () => {
    const { page } = app;
    const made = app.host.current.supervision.tasks.create({
      parentId: null, title: '临时专项检查', content: '检查窗口服务', source: '自定', leadLeaderId: null, unitId: units.zz, responsibleId: null,
      helperUnitIds: [units.xz], startDate: null, dueDate: '2026-12-31', progress: 30, status: '推进中', evidence: null, horizon: null, ledgerRecordId: null,
    });
    await page.locator('.sidebar').getByRole('button', { name: '督办任务' }).click();
    await page.getByLabel('按单位筛选').selectOption(String(units.zz));
    const grid = page.getByTestId('task-grid');
    await grid.getByText('临时专项检查').click();
    await page.getByTestId('task-title').filter({ hasText: '临时专项检查' }).waitFor();
    await page.getByRole('complementary', { name: '任务详情' }).getByRole('button', { name: '删除', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '删除督办任务' });
    await confirm.getByText('删除后可按 Ctrl+Z 撤销').waitFor();
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByTestId('status').filter({ hasText: '已删除“临时专项检查”（可按 Ctrl+Z 撤销）' }).waitFor();
    await grid.getByText('临时专项检查').waitFor({ state: 'detached' });
    assert.equal(app.host.current.supervision.tasks.list({ limit: 1000 }).some((x) => x.id === made.id), false);

    await page.keyboard.press('Control+Z');
    await page.getByTestId('status').filter({ hasText: '已撤销' }).waitFor();
    await grid.getByText('临时专项检查').waitFor();
    const back = app.host.current.supervision.detail(made.id).task;
    assert.deepEqual([back.title, back.progress, back.status, back.helperUnitIds], ['临时专项检查', 30, '推进中', [units.xz]]);
  });
});
