import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { importFixture } from '../helpers/fixtures';
import { makeIdNumber } from '../helpers/temp-db';
import { putRows, writeWorkbook } from '../unit/import/helpers/write-workbook';
import { typeWithIme, writeClipboard } from '../helpers/sheet';

/**
 * A clerk's day, against the real backend over the loopback bridge (clock: Sunday 2026-11-22):
 * the first run of a blank file (本单位), plans walked period by period, printed and exported,
 * attendance taken from the roster with a name it does not know, and the small things that
 * broke a real day (the 通报台账 in the sidebar, internal numbers, 催办, a level raised by hand
 * in the reminders, labels, refused import rows, dates, plain words).
 */

/** Chinese typed the way clerks type it: an input method's composition, then its commit. */
async function imeType(page: Page, target: Locator, text: string): Promise<void> {
  await target.click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Process', code: 'KeyA' });
  await cdp.send('Input.imeSetComposition', { text: 'pin', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Process', code: 'KeyA' });
  await cdp.detach();
}

const sidebar = (page: Page, name: string) => page.locator('.sidebar').getByRole('button', { name, exact: true });

describe('a blank file’s first run', () => {
  let browser: Browser;
  let app: AppUnderTest;
  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, { viewport: { width: 1366, height: 768 } });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('asks for 本单位 (name, level, place in the tree), signs the forms with it, and keeps it editable', async () => {
    const { page } = app;
    await page.getByRole('dialog', { name: '欢迎使用台账督办助手' }).getByRole('button', { name: '从空白开始…' }).click();
    const dialog = page.getByRole('dialog', { name: '本单位' });
    await dialog.getByRole('button', { name: '开始使用' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '请填写本单位名称');
    await imeType(page, dialog.getByLabel('本单位名称'), '资阳市公安局教育整顿办');
    await dialog.getByLabel(/^市级/).check();
    assert.equal(await dialog.getByLabel('在组织架构中的位置').locator('option:checked').innerText(), '新建为最上级单位（以本单位名称）');
    await dialog.getByRole('button', { name: '开始使用' }).click();
    await dialog.waitFor({ state: 'detached' });
    // the top bar shows the name once the program has read its settings again
    await page.locator('.topbar .office').filter({ hasText: /^资阳市公安局教育整顿办$/ }).waitFor();
    const info = app.host.current.app.info();
    assert.deepEqual([info.officeName, info.officeLevel], ['资阳市公安局教育整顿办', '市级']);
    assert.deepEqual(app.host.current.units.list().map((u) => [u.name, u.parentId]), [['资阳市公安局教育整顿办', null]], 'placed at the top of the tree');

    await page.reload();
    await page.getByTestId('board-page').waitFor();
    assert.equal(await page.getByRole('dialog', { name: '欢迎使用台账督办助手' }).count(), 0, 'not asked again');

    await sidebar(page, '本单位设置').click();
    await page.getByLabel('本单位名称').fill('资阳市公安局队伍教育整顿领导小组办公室');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('status').filter({ hasText: '本单位设置已保存' }).waitFor();
    await page.locator('.topbar .office').filter({ hasText: /^资阳市公安局队伍教育整顿领导小组办公室$/ }).waitFor();
    assert.equal(await page.getByLabel('在组织架构中的位置').locator('option:checked').innerText(), '资阳市公安局教育整顿办', 'its unit kept');
  });

  it('the empty board offers the templates a blank file needs, not a ledger it does not have', async () => {
    const { page } = app;
    await sidebar(page, '挂图作战').click();
    const start = page.getByTestId('getting-started');
    await start.getByRole('button', { name: '＋ 征求意见台账' }).waitFor();
    assert.match(await start.innerText(), /还没有督办任务，也还没有台账/);
    assert.doesNotMatch(await start.innerText(), /一键转办/);
    await start.getByRole('button', { name: '＋ 征求意见台账' }).click();
    // the new ledger opens and shows in the sidebar at once
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).waitFor();
    assert.equal(app.host.current.ledger.categories.list().length, 1);
    await sidebar(page, '挂图作战').click();
    await page.getByTestId('getting-started').filter({ hasText: '在“征求意见台账”中选中一条意见，点“转为督办任务”' }).waitFor();
    assert.doesNotMatch(await page.getByTestId('getting-started').innerText(), /也还没有台账/);
  });
});

describe('plans, coverage and the slips of a working day', () => {
  let browser: Browser;
  let app: AppUnderTest;
  const ids = { lead: 0, zz: 0, xz: 0, study: 0, session: 0, oldSession: 0, opinions: 0, opinion: 0, task: 0, wang: 0, li: 0 };

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      viewport: { width: 1366, height: 768 },
      seed: (h) => {
        const b = h.current;
        b.app.setOfficeName('资阳市公安局政治部');
        ids.lead = b.units.create({ name: '领导小组', parentId: null, kind: 'leading' }).id;
        ids.zz = b.units.create({ name: '政治部', parentId: ids.lead, kind: 'department' }).id;
        ids.xz = b.units.create({ name: '刑侦支队', parentId: ids.lead, kind: 'department' }).id;
        ids.wang = b.roster.create({ name: '王伟', badge: '010001', unitId: ids.zz }).id;
        ids.li = b.roster.create({ name: '李娜', badge: '010002', unitId: ids.zz }).id;
        b.roster.create({ name: '赵强', badge: '010003', unitId: ids.zz });
        b.roster.create({ name: '刘洋', badge: '020001', unitId: ids.xz });

        ids.study = b.ledger.categories.create({ templateKey: 'study' }).id;
        ids.session = b.ledger.records.create(ids.study, { date: '2026-11-18', form: '集中学习', topic: '党史专题学习', unit: ids.zz, expected: 3, present: 3, attendees: [ids.wang] }).id;
        // a ledger kept before 参加人员 was a roster field: the names typed by hand
        const old = b.ledger.categories.create({ name: '旧学习记录', templateKey: 'study' });
        b.ledger.categories.applyTypeChange(old.fields.find((f) => f.key === 'attendees')!.id, 'longText', undefined, false);
        ids.oldSession = b.ledger.records.create(old.id, { date: '2026-11-10', topic: '警示教育', unit: ids.zz, present: 2, attendees: '王伟、张三丰' }).id;

        ids.opinions = b.ledger.categories.create({ templateKey: 'opinions' }).id;
        ids.opinion = b.ledger.records.create(ids.opinions, { content: '窗口排队时间长', unit: ids.zz, status: '未办结' }).id;
        b.ledger.records.create(ids.opinions, { content: '会议多', unit: ids.xz, status: '办理中' });
        b.ledger.records.create(ids.opinions, { content: '回访慢', unit: ids.xz, status: '已办结' });
        ids.task = b.supervision.fromLedgerRecord(ids.opinion, null, '2026-11-20').id;
        const s = b.supervision.tasks;
        const input = (title: string, unitId: number, dueDate: string) => ({
          parentId: null, title, content: null, source: '自定' as const, leadLeaderId: null, unitId, responsibleId: null, helperUnitIds: [], startDate: null,
          dueDate, progress: 0, status: '未开始' as const, evidence: null, horizon: null, ledgerRecordId: null,
        });
        s.insert(input('上周的调研', ids.xz, '2026-11-12'));
        s.insert(input('本周的集中学习', ids.zz, '2026-11-19'));
        s.insert(input('下周的督导考核', ids.zz, '2026-11-25'));
      },
    });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('plans: 上一期/下一期 walk the weeks and months; no menu repeats the tabs', async () => {
    const { page } = app;
    await sidebar(page, '工作计划').click();
    const heading = page.getByTestId('plan-heading');
    await heading.filter({ hasText: '2026年第47周工作清单（11月16日至11月22日）' }).waitFor();
    assert.equal(await page.getByLabel('计划类型').count(), 0, 'no 全部任务 menu beside the 月计划/周清单/日安排 tabs');
    const titles = () => page.locator('.plan-title').allInnerTexts();
    assert.deepEqual((await titles()).sort(), ['本周的集中学习', '结转上周的调研', '整改：窗口排队时间长'].sort());

    await page.getByRole('button', { name: '下一期 ›' }).click();
    await heading.filter({ hasText: '2026年第48周工作清单（11月23日至11月29日）' }).waitFor();
    assert.ok((await titles()).includes('下周的督导考核'));
    await page.getByRole('button', { name: '‹ 上一期' }).click();
    await page.getByRole('button', { name: '‹ 上一期' }).click();
    await heading.filter({ hasText: '2026年第46周工作清单（11月9日至11月15日）' }).waitFor();
    assert.deepEqual(await titles(), ['上周的调研']);
    await page.getByRole('tab', { name: '月计划' }).click();
    await heading.filter({ hasText: '2026年11月工作计划（11月1日至11月30日）' }).waitFor();
    await page.getByRole('button', { name: '下一期 ›' }).click();
    await heading.filter({ hasText: '2026年12月工作计划' }).waitFor();
    await page.getByRole('button', { name: '回到本期' }).click();
    await heading.filter({ hasText: '2026年11月工作计划' }).waitFor();
  });

  it('plans: 打印 prints the form alone (heading, 填报单位, every task); 导出Excel writes the same', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '周清单' }).click();
    await page.getByTestId('plan-heading').filter({ hasText: '第47周' }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: '打印' }).click();
    assert.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('.sidebar').isVisible(), false);
      assert.equal(await page.locator('.plans-body').isVisible(), false, 'the screen’s cards are not printed');
      const form = page.getByTestId('plan-print');
      assert.equal(await form.isVisible(), true);
      const text = await form.innerText();
      assert.match(text, /资阳市公安局政治部2026年第47周工作清单/);
      assert.match(text, /（11月16日至11月22日）/);
      assert.match(text, /填报单位：资阳市公安局政治部\s+填报日期：2026年11月22日/);
      assert.deepEqual(await form.locator('thead th').allInnerTexts(), ['序号', '责任单位', '任务名称', '责任人', '完成时限', '进度', '状态', '督办等级', '备注']);
      assert.equal(await form.locator('tbody tr').count(), 3);
      assert.match(text, /共 3 项/);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 1000, 'prints to A4');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const file = path.join(app.dir, 'plan.xlsx');
    await (await download).saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.name, '2026年第47周工作清单');
    assert.equal(sheet.getCell('A1').text, '资阳市公安局政治部2026年第47周工作清单（11月16日至11月22日）');
    const tasks: string[] = [];
    sheet.eachRow((row, n) => void (n > 3 && row.getCell(3).text && tasks.push(`${row.getCell(3).text}${row.getCell(9).text ? `（${row.getCell(9).text}）` : ''}`)));
    assert.deepEqual(tasks.sort(), ['上周的调研（结转）', '整改：窗口排队时间长', '本周的集中学习'].sort());
  });

  it('coverage: 参加人员 picked from the roster; a pasted list naming someone not on it says so, and the count is set beside 实到人数', async () => {
    const { page } = app;
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '学习教育记录' }).click();
    const cell = page.locator('.ag-row[row-index="0"] [col-id="attendees"]');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] [col-id="attendees"]')?.textContent === '王伟');
    // a pasted list with a name no one on the roster has: the cell is refused, naming it, and kept red
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await cell.click();
    await writeClipboard(page, '王伟、李娜、张三丰');
    await page.keyboard.press('Control+V');
    const red = cell.locator('.cell-refused');
    await red.waitFor();
    assert.match((await red.getAttribute('data-refused-reason')) ?? '', /花名册中没有：张三丰/);
    assert.deepEqual(app.host.current.ledger.records.get(ids.session).values.attendees?.toString().split(',').length, 1, 'nothing saved from the refused list');
    await page.keyboard.press('Escape');
    // typed again: the names known, and one chosen from the roster through the input method
    await cell.click();
    await page.keyboard.insertText('王伟、李娜、');
    await typeWithIme(page, 'zhao', '赵');
    await page.getByRole('option', { name: /赵强/ }).click();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] [col-id="attendees"]')?.textContent === '王伟、李娜、赵强');
    const saved = app.host.current.ledger.records.get(ids.session).values.attendees;
    assert.equal(Array.isArray(saved) && saved.length, 3);

    await sidebar(page, '全员覆盖').click();
    await page.getByLabel('学习活动').selectOption({ label: '2026-11-18 集中学习：党史专题学习' });
    await page.getByTestId('coverage-complete').waitFor();
    assert.match(await page.getByTestId('coverage-summary').innerText(), /应参加 3 人，已参加 3 人，未参加 0 人\s+参加人员名单共 3 人，记录的实到人数 3 人，一致/);

    // the ledger kept before: its typed list names 张三丰, who is on no roster
    await page.getByLabel('核对的台账').selectOption({ label: '旧学习记录' });
    const note = page.getByTestId('attendance-note');
    await note.filter({ hasText: '张三丰' }).waitFor();
    assert.match(await note.innerText(), /参加人员名单共 1 人，记录的实到人数 2 人，相差 1 人（实到人数多于名单），请核对/);
    assert.match(await note.innerText(), /名单中“张三丰”不在花名册中，未计为任何人参加/);
  });

  it('slips: the 通报台账 shows in the sidebar at once after saving, once, beside the 通报 page', async () => {
    const { page } = app;
    await sidebar(page, '通报').click();
    await page.getByRole('button', { name: '起草通报' }).click();
    await page.getByRole('button', { name: '保存到通报台账' }).click();
    await page.getByRole('button', { name: '已保存到通报台账' }).waitFor();
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '通报台账' }).waitFor();
    const names = await page.locator('.sidebar .nav-item').allInnerTexts();
    assert.equal(new Set(names).size, names.length, `no name twice in the sidebar: ${names.join('、')}`);
  });

  it('slips: a task names its ledger record by its words; 催办 is a button; closing says 已办结 once', async () => {
    const { page } = app;
    await sidebar(page, '督办任务').click();
    await page.locator('.ag-row').filter({ hasText: '整改：窗口排队时间长' }).first().click();
    await page.getByTestId('task-title').filter({ hasText: '整改：窗口排队时间长' }).waitFor();
    const detail = page.getByTestId('task-detail');
    await detail.getByTestId('linked-record').waitFor();
    assert.match(await detail.innerText(), /来自台账\s+征求意见台账：窗口排队时间长/);
    assert.doesNotMatch(await detail.innerText(), /第 \d+ 号/);

    await detail.getByRole('button', { name: '催办', exact: true }).click();
    const urge = page.getByRole('dialog', { name: /^催办：/ });
    await urge.getByRole('button', { name: '催办' }).click();
    assert.equal(await urge.getByRole('alert').innerText(), '请填写催办要求（将记入留痕）');
    await imeType(page, urge.getByLabel('催办要求'), '请于周一前报送整改进展');
    await urge.getByRole('button', { name: '催办' }).click();
    await urge.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /留痕/ }).click();
    assert.match(await page.getByTestId('trail').locator('li').first().innerText(), /催办[\s\S]*请于周一前报送整改进展/);

    await page.getByRole('tab', { name: '概况' }).click();
    await detail.getByRole('button', { name: '办结' }).click();
    const close = page.getByRole('dialog', { name: /办结：/ });
    await close.getByLabel('良').check();
    await close.getByLabel('佐证材料').fill('已增设窗口');
    await close.getByRole('button', { name: '确认办结' }).click();
    await close.waitFor({ state: 'detached' });
    const status = await page.getByTestId('status').innerText();
    assert.equal(status, '“整改：窗口排队时间长”已办结');
  });

  it('slips: a level raised by hand is in the reminders, marked 人工', async () => {
    const { page } = app;
    await page.locator('.ag-row').filter({ hasText: '下周的督导考核' }).first().click();
    await page.getByTestId('task-title').filter({ hasText: '下周的督导考核' }).waitFor();
    await page.getByRole('button', { name: '调整等级' }).click();
    const dialog = page.getByRole('dialog', { name: '人工调整督办等级' });
    await dialog.getByLabel('调整为').selectOption({ label: '红色查办' });
    await dialog.getByLabel('理由').fill('分管领导要求提级');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: /督办提醒/ }).click();
    const item = page.locator('.bell-panel li').filter({ hasText: '下周的督导考核' });
    await item.waitFor();
    assert.match(await item.innerText(), /红色查办[\s\S]*人工/);
    await page.getByRole('button', { name: /督办提醒/ }).click();
  });

  it('slips: 统计 says 尚未办结 for the open total, never a status word with another meaning', async () => {
    const { page } = app;
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await page.getByRole('tab', { name: '统计', exact: true }).click();
    const stats = page.getByTestId('ledger-stats');
    await stats.waitFor();
    const cards = await stats.locator('.stat-card').allInnerTexts();
    // the open total across every open status; the opinion its task closed earlier is 已办结 now
    assert.ok(cards.some((c) => /^尚未办结\s+1\s+除办结外各状态合计/.test(c)), cards.join(' | '));
    const statusWords = app.host.current.ledger.categories.get(ids.opinions).fields.find((f) => f.type === 'status')!.choices.map((c) => c.value);
    for (const card of cards) assert.ok(!statusWords.includes(card.split('\n')[0]!.trim()), `the card “${card.split('\n')[0]}” is not a status value`);
  });

  it('slips: dates come with a calendar and today’s year as the example', async () => {
    const { page } = app;
    await sidebar(page, '督办任务').click();
    await page.getByRole('button', { name: '新建任务' }).click();
    const form = page.getByRole('dialog', { name: '新建督办任务' });
    try {
      const due = form.getByLabel('完成时限', { exact: true });
      // the example is the office's today (the backend's clock), once it has been asked
      await form.locator('input[aria-label="完成时限"][placeholder="如 2026-11-22"]').waitFor();
      const dateBox = form.locator('.date-input').filter({ has: page.locator('input[aria-label="完成时限"]') });
      await dateBox.getByRole('button', { name: '打开日历' }).click();
      const cal = dateBox.getByRole('dialog', { name: '选择日期' });
      assert.match(await cal.innerText(), /2026年11月/);
      await cal.getByRole('button', { name: '下一月' }).click();
      await cal.getByRole('button', { name: '2026年12月5日' }).click();
      assert.equal(await due.inputValue(), '2026-12-05');
    } finally {
      await form.getByRole('button', { name: '取消' }).click();
    }
  });

  it('slips: refused import rows show who they are (姓名, 公民身份号码, 单位), not only their row number', async () => {
    const { page } = app;
    await sidebar(page, '导入花名册').click();
    await page.getByLabel('选择要导入的文件').setInputFiles(importFixture('roster_bad.xlsx'));
    await page.getByTestId('count-invalid').click();
    const grid = page.locator('.preview-grid');
    await grid.locator('.ag-row').first().waitFor();
    const first = await grid.locator('.ag-row').first().innerText();
    assert.match(first, /[\u4e00-\u9fff]{2,3}/, `a name in the refused row: ${first}`);
    assert.match(first, /\d{17}[\dX]/, 'its ID number');
    assert.match(first, /支队|分局|部|室|中心|组|所/, 'its unit');
  });

  it('first steps: an import takes 督查支队 as the existing 督察支队 and puts its new units under 本单位', async () => {
    const { page } = app;
    const b = app.host.current;
    b.units.create({ name: '督察支队', parentId: ids.lead, kind: 'department' });
    b.app.setOffice({ name: '资阳市公安局政治部', level: '市级', place: { kind: 'existing', unitId: ids.zz } });
    const file = await writeWorkbook(app.dir, '新花名册.xlsx', (wb) =>
      putRows(wb.addWorksheet('花名册'), [
        ['姓名', '公民身份号码', '所在单位'],
        ['孙立', makeIdNumber('1985-03-12', '男', '510100', 21), '督查支队'],
        ['周敏', makeIdNumber('1990-07-01', '女', '510100', 22), '网安支队'],
      ]),
    );
    await sidebar(page, '数据安全').click(); // leave the import page, so it opens afresh
    await sidebar(page, '导入花名册').click();
    await page.getByLabel('选择要导入的文件').setInputFiles(file);
    const panel = page.getByTestId('import-units');
    await panel.getByRole('radiogroup', { name: '“督查支队”怎样处理' }).waitFor();
    assert.equal(await panel.getByRole('radio', { name: '就是已有的“督察支队”' }).isChecked(), true, 'the near twin is offered, and taken unless told otherwise');
    assert.equal(await panel.getByRole('checkbox', { name: '创建“网安支队”' }).isChecked(), true);
    assert.equal((await panel.getByLabel('新建的单位放在').locator('option:checked').innerText()).trim(), '政治部 之下', '本单位 by default');
    await panel.getByLabel('新建的单位放在').selectOption({ label: '领导小组 之下' });
    await page.getByRole('button', { name: /^导入所选/ }).click();
    await page.getByTestId('import-result').waitFor();
    assert.equal(b.roster.list().find((p) => p.name === '孙立')!.unitName, '督察支队');
    assert.equal(b.units.findByName('督查支队'), undefined, 'no twin made');
    assert.equal(b.units.findByName('网安支队')!.parentId, ids.lead, 'under the parent chosen in the wizard');
  });

  it('slips: plain words — no program internals on 数据安全, colours by name in 督办设置', async () => {
    const { page } = app;
    await sidebar(page, '数据安全').click();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByTestId('backup-list').waitFor();
    const safety = await page.locator('.content').innerText();
    assert.doesNotMatch(safety, /SQLite|daily-|weekly-|manual-|\.db\b/);
    assert.match(safety, /手动备份|每日自动备份/);

    await sidebar(page, '督办设置').click();
    const rules = await page.locator('.content').innerText();
    assert.doesNotMatch(rules, /#[0-9a-fA-F]{6}/);
    const yellow = page.getByRole('radiogroup', { name: '已超过完成时限的颜色' });
    await yellow.getByRole('radio', { name: '红', exact: true }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    assert.match(await page.getByRole('alert').innerText(), /四个等级的颜色不能相同/);
    await yellow.getByRole('radio', { name: '橙' }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('status').filter({ hasText: '督办设置已保存' }).waitFor();
    assert.equal(app.host.current.supervision.rules.get().levels.yellow.color, '#f97316');
  });
});
