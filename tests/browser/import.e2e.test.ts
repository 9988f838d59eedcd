import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, openApp, type AppUnderTest } from '../helpers/browser';
import { importFixture } from '../helpers/fixtures';

/**
 * The import screen against the real backend: choose a fixture, correct a mapping, see the
 * refused rows with their reasons, apply, see the roster change, undo the batch.
 */
const FIXTURE = importFixture('roster_bad.xlsx');

describe('import screen in the browser', () => {
  let browser: Browser;
  let app: AppUnderTest;

  before(async () => {
    browser = await launchChromium();
    app = await openApp(browser, {
      seed: (host) => {
        // a roster that already knows one unit of the file; the others are offered for creation
        host.current.units.create({ name: '刑侦支队', parentId: null, kind: 'department' });
      },
    });
    app.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('previews a file: header found, refused rows with sheet row and reason', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '导入花名册' }).click();
    await page.getByLabel('选择要导入的文件').setInputFiles(FIXTURE);
    await page.getByTestId('header-row').waitFor();
    assert.equal(await page.getByTestId('header-row').innerText(), '表头在第 1 行');
    assert.equal(await page.getByTestId('count-invalid').innerText().then((t) => Number(t.replace(/\D/g, '')) + 0) + (await page.getByTestId('count-duplicate').innerText().then((t) => Number(t.replace(/\D/g, '')))), 7);
    // 47 data rows: 40 people and 7 refused (roster_bad.xlsx.expect.json)
    assert.equal(await page.getByTestId('count-new').innerText(), '新增 40');
    await page.getByTestId('count-invalid').click();
    const reasons = await page.locator('.ag-row [col-id="detail"]').allInnerTexts();
    assert.ok(reasons.some((r) => /校验位错误/.test(r)), reasons.join('\n'));
    assert.ok(reasons.some((r) => /姓名不能为空/.test(r)), reasons.join('\n'));
    assert.ok(reasons.some((r) => /后几位已丢失/.test(r)), reasons.join('\n'));
  });

  it('takes a corrected mapping and offers the unknown units for creation', async () => {
    const { page } = app;
    // 出生日期 not imported: the birth date then comes from the ID number
    await page.getByLabel('“出生日期”导入为').selectOption({ label: '（不导入）' });
    await page.waitForFunction(() => (document.querySelector('[aria-label="“出生日期”导入为"]') as HTMLSelectElement | null)?.value === '');
    await page.getByTestId('count-new').waitFor();
    assert.ok(await page.getByText('创建“临空分局”').isVisible());
  });

  it('applies the ticked rows in one go, and the roster shows them', async () => {
    const { page } = app;
    const newCount = Number((await page.getByTestId('count-new').innerText()).replace(/\D/g, ''));
    await page.getByRole('button', { name: /导入所选/ }).click();
    await page.getByTestId('import-result').waitFor();
    assert.match(await page.getByTestId('import-result').innerText(), new RegExp(`新增 ${newCount} 人`));
    const people = app.host.current.roster.list();
    assert.equal(people.length, newCount);
    const shao = people.find((p) => p.name === '邵桂阳');
    assert.deepEqual([shao?.badge, shao?.idNumber, shao?.unitName, shao?.birthDate], ['100000', '512001198908308334', '纪检监察组', '1989-08-30']);
    await page.getByRole('button', { name: '花名册', exact: true }).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="roster-count"]')?.textContent === `共 ${n} 人`, newCount);
  });

  it('undoes the batch from the import history', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '导入花名册' }).click();
    await page.getByTestId('import-history').getByRole('button', { name: '撤销本批' }).click();
    await page.getByRole('dialog', { name: '撤销导入' }).getByRole('button', { name: '撤销本批' }).click();
    await page.getByTestId('import-history').getByText('已撤销').waitFor();
    assert.equal(app.host.current.roster.list().length, 0);
    assert.deepEqual(app.host.current.units.list().map((u) => u.name), ['刑侦支队'], 'units created by the import are removed with it');
  });
});
