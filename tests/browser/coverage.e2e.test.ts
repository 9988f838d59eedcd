import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';

/**
 * The two ways work reaches the task list from the ledgers, against the real backend over the
 * loopback bridge: 一键转办 from an opinion's side panel (and a second click not making a
 * second task, and the recycle bin refusing), and 全员覆盖 — a study session whose attendance
 * list names only some of two units' people, the missing listed, and turned into 补课 tasks.
 * The clock is the helper's fixed 2026-11-22.
 */
const OPINION = '窗口服务态度生硬，群众办事排队时间长。';
const TASK_TITLE = '整改：窗口服务态度生硬，群众办事排队时间长';

/** The AG Grid rows of a grid as “col col col” lines, in the order shown. */
async function gridLines(page: Page, testId: string, cols: string[]): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('.ag-row')
    .evaluateAll(
      (rows, cs) =>
        rows
          .map((r) => [Number(r.getAttribute('row-index')), cs.map((c) => r.querySelector(`[col-id="${c}"]`)?.textContent?.trim() ?? '').join(' ')] as const)
          .sort((a, b) => a[0] - b[0])
          .map((x) => x[1]),
      cols,
    );
}
const waitRows = (page: Page, testId: string, n: number) =>
  page.waitForFunction(([id, k]) => document.querySelectorAll(`[data-testid="${id}"] .ag-row`).length === k, [testId, n] as const);

describe('一键转办 and 全员覆盖 in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;
  const ids = { opinions: 0, opinion: 0, binned: 0, parent: 0, study: 0, session: 0, lead: 0, zz: 0, xz: 0 };

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      seed: (h) => {
        const b = h.current;
        ids.lead = b.units.create({ name: '领导小组', parentId: null, kind: 'leading' }).id;
        ids.zz = b.units.create({ name: '政治部', parentId: ids.lead, kind: 'department' }).id;
        ids.xz = b.units.create({ name: '刑侦支队', parentId: ids.lead, kind: 'department' }).id;
        b.roster.create({ name: '王伟', badge: '010001', unitId: ids.zz });
        b.roster.create({ name: '李娜', badge: '010002', unitId: ids.zz });
        b.roster.create({ name: '赵强', badge: '010003', unitId: ids.zz });
        b.roster.create({ name: '刘洋', badge: '020001', unitId: ids.xz });
        b.roster.create({ name: '陈静', badge: '020002', unitId: ids.xz });

        ids.opinions = b.ledger.categories.create({ templateKey: 'opinions' }).id;
        ids.opinion = b.ledger.records.create(ids.opinions, { source: '座谈会', content: OPINION, unit: ids.zz, deadline: '2026-12-15' }).id;
        ids.binned = b.ledger.records.create(ids.opinions, { content: '办证大厅停车难。', unit: ids.xz }).id;
        b.ledger.records.delete([ids.binned]);
        ids.parent = b.supervision.tasks.get(
          b.supervision.tasks.insert({
            parentId: null, title: '征求意见整改', content: null, source: '征求意见', leadLeaderId: null, unitId: ids.lead, responsibleId: null, helperUnitIds: [],
            startDate: null, dueDate: '2026-12-31', progress: 0, status: '未开始', evidence: null, horizon: null, ledgerRecordId: null,
          }),
        ).id;

        ids.study = b.ledger.categories.create({ templateKey: 'study' }).id;
        // the paper list names two of the five: 李娜 and 赵强 (政治部) and 陈静 (刑侦支队) were not there
        ids.session = b.ledger.records.create(ids.study, { date: '2026-11-18', form: '集中学习', topic: '党史专题学习', unit: ids.lead, attendees: '王伟、刘洋' }).id;
      },
    });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('turns an opinion into a task from its side panel, under a chosen parent, with the chosen deadline', async () => {
    const { page } = app;
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await page.locator('.ag-row[row-index="0"] [col-id="content"]').click();
    await page.getByRole('button', { name: '详情' }).click(); // the panel opens when asked for (then stays open)
    const panel = page.getByRole('complementary', { name: '记录详情' });
    // the record is headed by its own words, never by an internal number
    await panel.getByRole('heading', { name: OPINION }).waitFor();
    const tasks = panel.getByRole('region', { name: '督办任务' });
    await tasks.getByText('本记录还没有转为督办任务。').waitFor();

    await tasks.getByRole('button', { name: '转为督办任务' }).click();
    const dialog = page.getByRole('dialog', { name: '转为督办任务' });
    assert.equal(await dialog.getByLabel('完成时限').inputValue(), '2026-12-15', 'the opinion’s own 完成时限 is offered');
    await dialog.getByLabel('完成时限').fill('2026-12-10');
    await dialog.getByLabel('上级任务').selectOption({ label: '征求意见整改（领导小组）' });
    await dialog.getByRole('button', { name: '转为督办任务' }).click();
    await dialog.waitFor({ state: 'detached' });

    // the panel now shows the task instead of offering the conversion again
    const link = tasks.getByRole('button', { name: TASK_TITLE });
    await link.waitFor();
    assert.equal(await tasks.getByRole('button', { name: '转为督办任务' }).count(), 0);
    const line = await tasks.getByTestId('record-tasks').innerText();
    assert.match(line, /白色领办/);
    assert.match(line, /未开始/);
    assert.match(line, /政治部/);
    assert.match(line, /时限 2026-12-10/);
    assert.match(await page.getByTestId('status').innerText(), new RegExp(`已转为督办任务“${TASK_TITLE}”`));

    const made = app.host.current.supervision.tasks.list({ ledgerRecordId: ids.opinion, limit: 10 });
    assert.equal(made.length, 1);
    assert.equal(made[0]!.parentId, ids.parent);
    assert.equal(made[0]!.source, '征求意见');
  });

  it('opens the task on the 督办任务 page, linked to the record', async () => {
    const { page } = app;
    await page.getByRole('region', { name: '督办任务' }).getByRole('button', { name: TASK_TITLE }).click();
    assert.equal(await page.locator('.sidebar .nav-item.active').innerText(), '督办任务');
    await page.waitForFunction((t) => document.querySelector('[data-testid="task-title"]')?.textContent === t, TASK_TITLE);
    await page.getByTestId('linked-record').waitFor(); // the source record is read after the task
    const detail = await page.locator('.task-panel').innerText();
    assert.match(detail, new RegExp(`来自台账\\s+征求意见台账：${OPINION}`));
    assert.doesNotMatch(detail, /第 \d+ 号记录/, 'no internal record number shown');
    assert.match(detail, /完成时限\s+2026-12-10/);
    assert.match(detail, /责任单位\s+政治部/);
    assert.match(detail, /征求意见整改/, 'the parent task in the path');
  });

  it('a second task for the same record only through 再转一项, after a warning', async () => {
    const { page } = app;
    await page.getByRole('group', { name: '教育整顿' }).getByRole('button', { name: '征求意见台账' }).click();
    await page.locator('.ag-row[row-index="0"] [col-id="content"]').click();
    const tasks = page.getByRole('region', { name: '督办任务' });
    await tasks.getByRole('button', { name: TASK_TITLE }).waitFor();
    await tasks.getByRole('button', { name: '再转一项任务…' }).click();
    const dialog = page.getByRole('dialog', { name: '转为督办任务' });
    assert.match(await dialog.innerText(), new RegExp(`本记录已转为督办任务“${TASK_TITLE}”。确定要再新建一项吗？`));
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(app.host.current.supervision.tasks.list({ ledgerRecordId: ids.opinion, limit: 10 }).length, 1, 'cancelling makes nothing');

    await tasks.getByRole('button', { name: '再转一项任务…' }).click();
    await dialog.getByRole('button', { name: '再转一项任务' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tasks.getByText('本记录已转为督办任务（2 项）：').waitFor();
    assert.equal(await tasks.getByRole('button', { name: TASK_TITLE }).count(), 2);
  });

  it('a record in the recycle bin is refused with the backend’s reason', async () => {
    const { page } = app;
    await page.getByTestId('open-bin').click();
    await page.locator('.ag-row[row-index="0"] [col-id="content"]').click();
    await page.getByRole('complementary', { name: '记录详情' }).getByRole('heading', { name: /办证大厅停车难/ }).waitFor();
    await page.getByRole('region', { name: '督办任务' }).getByRole('button', { name: '转为督办任务' }).click();
    const dialog = page.getByRole('dialog', { name: '转为督办任务' });
    await dialog.getByRole('button', { name: '转为督办任务' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), '该台账记录在回收站中，请先恢复');
    await dialog.getByRole('button', { name: '取消' }).click();
    assert.equal(app.host.current.supervision.tasks.list({ ledgerRecordId: ids.binned, limit: 10 }).length, 0);
  });

  it('全员覆盖: the session’s missing people of both units, by name, 警号, unit', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: '全员覆盖' }).click();
    assert.equal(await page.getByLabel('核对的台账').locator('option:checked').innerText(), '学习教育记录');
    assert.equal(await page.getByLabel('学习活动').locator('option:checked').innerText(), '2026-11-18 集中学习：党史专题学习');
    // the session was held by 领导小组: it and the units under it are checked
    const unitsBox = page.getByRole('group', { name: '单位' });
    for (const name of ['领导小组', '政治部', '刑侦支队']) assert.equal(await unitsBox.getByRole('checkbox', { name: new RegExp(name) }).isChecked(), true, name);

    await waitRows(page, 'coverage-grid', 3);
    assert.match(await page.getByTestId('coverage-summary').innerText(), /^应参加 5 人，已参加 2 人，未参加 3 人\s+参加人员名单共 2 人。$/);
    assert.deepEqual(await gridLines(page, 'coverage-grid', ['name', 'badge', 'unit', 'reason']), [
      '李娜 010002 政治部 未参加',
      '赵强 010003 政治部 未参加',
      '陈静 020002 刑侦支队 未参加',
    ]);

    // one unit only: 刑侦支队’s missing drop out of the list
    await unitsBox.getByRole('checkbox', { name: /刑侦支队/ }).uncheck();
    await waitRows(page, 'coverage-grid', 2);
    assert.match(await page.getByTestId('coverage-summary').innerText(), /^应参加 3 人，已参加 1 人，未参加 2 人/);
    await page.getByRole('button', { name: '清空' }).click();
    await page.getByText('请在左侧勾选要核对的单位。').waitFor();
    await unitsBox.getByRole('checkbox', { name: /领导小组/ }).check();
    await waitRows(page, 'coverage-grid', 3);
  });

  it('turns the missing into 补课 tasks, one per unit, and opens one', async () => {
    const { page } = app;
    assert.equal(await page.getByLabel('补课完成时限').inputValue(), '2026-11-29', 'a week from today is offered');
    await page.getByRole('button', { name: '生成补课任务（3 人）' }).click();
    const created = page.getByTestId('coverage-created');
    await created.waitFor();
    assert.match(await created.innerText(), /已生成 2 项补课任务/);
    const zz = created.getByRole('button', { name: '补课：党史专题学习（政治部2人）' });
    await zz.waitFor();
    await created.getByRole('button', { name: '补课：党史专题学习（刑侦支队1人）' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /生成补课任务/ }).count(), 0, 'no second batch from the same click');

    await zz.click();
    assert.equal(await page.locator('.sidebar .nav-item.active').innerText(), '督办任务');
    await page.waitForFunction(() => document.querySelector('[data-testid="task-title"]')?.textContent === '补课：党史专题学习（政治部2人）');
    await page.getByTestId('linked-record').waitFor();
    const detail = await page.locator('.task-panel').innerText();
    assert.match(detail, /补课人员：李娜（未参加）、赵强（未参加）/);
    assert.match(detail, /完成时限\s+2026-11-29/);
    assert.match(detail, /来自台账\s+学习教育记录：党史专题学习/);
  });
});
