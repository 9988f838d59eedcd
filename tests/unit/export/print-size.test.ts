import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../electron/backend/backend';
import { exportTable } from '../../../electron/backend/export';
import type { FieldValue, LedgerField } from '../../../shared/domain/ledger';
import { openTestBackend, tempDir } from '../../helpers/temp-db';
import type { InspectedSheet } from '../../helpers/inspect-xlsx';
import { printWithLibreOffice, printedPoints, readPrintedPages, type PrintedPage } from '../../helpers/render-pdf';
import { colLetter, readWithOpenpyxl, opinionTable } from './fixtures';

/**
 * Exports must be legible on paper: A4, fitted to the page width, body text at 9 pt or more.
 * Estimated here from what the file says (page setup, margins, column widths, read back with
 * openpyxl) by this test's own arithmetic, for every demo export and every built-in
 * template; and printed for real by LibreOffice for the 征求意见台账 and a 报送包, measured
 * on the PDF.
 */

const MIN_POINTS = 9;
/** A4 in points, and a column width unit as LibreOffice prints it (Calibri's digit unrounded, ~7.45 px, plus its cell padding: 5.6–5.75 pt measured). */
const A4 = { long: 841.89, short: 595.28 };
const POINTS_PER_UNIT = 5.75;

/** The body size a reader prints `sheet` at once fitted to the page width. */
function estimatedBodyPoints(sheet: InspectedSheet, bodySize: number): number {
  const paperWidth = sheet.pageSetup.orientation === 'portrait' ? A4.short : A4.long;
  const printable = paperWidth - (sheet.margins.left + sheet.margins.right) * 72;
  let units = 0;
  for (let c = 1; c <= sheet.maxCol; c++) units += sheet.widths[colLetter(c)] ?? 8.43;
  const scale = Math.min(1, printable / (units * POINTS_PER_UNIT));
  return bodySize * scale;
}

/** The font size of the sheet's data cells (the row under the header). */
function bodySize(sheet: InspectedSheet): number {
  const sizes = sheet.rows.slice(3).flat().filter((c) => c.v !== null && !c.bold && c.size !== null).map((c) => c.size!);
  return sizes.length ? Math.min(...sizes) : 11;
}

/** A plausible value for every field of a category: long sentences in text fields, so columns must wrap. */
function sampleValue(f: LedgerField, i: number, refs: { person: number; unit: number }): FieldValue | undefined {
  const sentence = '关于进一步加强执法规范化建设、提升窗口服务质量和群众满意度的意见建议';
  switch (f.type) {
    case 'text':
      return `${sentence.slice(0, 12 + (i % 10))}`;
    case 'longText':
      return `${sentence}；${sentence.slice(0, 10 + i)}。`;
    case 'number':
      return 10 + i;
    case 'date':
      return `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
    case 'singleChoice':
    case 'status':
      return f.choices[i % f.choices.length]?.value;
    case 'multiChoice':
      return f.choices.length ? [f.choices[0]!.value] : undefined;
    case 'person':
      return refs.person;
    case 'unit':
      return refs.unit;
    case 'boolean':
      return i % 2 === 0;
  }
}

/** The demo office, plus one category of every built-in template the demo has not made, filled with long text. */
function demoWithEveryTemplate(t: TestContext): Backend {
  const { backend } = openTestBackend(t);
  backend.demo.load();
  const have = new Set(backend.ledger.categories.list(false).map((c) => c.templateKey));
  const refs = { person: backend.roster.list()[0]!.id, unit: backend.units.list().at(-1)!.id };
  for (const tpl of backend.ledger.categories.templates()) {
    if (have.has(tpl.key)) continue;
    const category = backend.ledger.categories.create({ templateKey: tpl.key });
    for (let i = 0; i < 12; i++) {
      const values: Record<string, FieldValue> = {};
      for (const f of category.fields) {
        const v = sampleValue(f, i, refs);
        if (v !== undefined) values[f.key] = v;
      }
      backend.ledger.records.create(category.id, values);
    }
  }
  return backend;
}

/** Pages of one printed sheet: a new sheet starts where a title appears (18 pt: its line stands over 17 pt tall, body lines about 13). */
function sheetsOf(pages: PrintedPage[]): PrintedPage[][] {
  const out: PrintedPage[][] = [];
  for (const page of pages) {
    const titled = page.words.some((w) => w.y1 - w.y0 > 17);
    if (titled || out.length === 0) out.push([page]);
    else out.at(-1)!.push(page);
  }
  return out;
}

/** Data rows on a printed page: the 序号 numbers down the left edge of the table. */
function numberedRows(page: PrintedPage): number {
  const left = Math.min(...page.words.map((w) => w.x0));
  return new Set(page.words.filter((w) => /^\d+$/.test(w.text) && w.x0 < left + 30).map((w) => Math.round(w.y0))).size;
}

function assertLegible(pages: PrintedPage[], what: string): void {
  const sizes = pages.flatMap((p, i) => p.words.flatMap((w) => (printedPoints(w) === null ? [] : [{ page: i + 1, text: w.text, pt: printedPoints(w)! }])));
  assert.ok(sizes.length > 50, `${what}: the PDF has text (${sizes.length} words)`);
  const smallest = sizes.reduce((a, b) => (b.pt < a.pt ? b : a));
  assert.ok(smallest.pt >= MIN_POINTS, `${what}: “${smallest.text}” on page ${smallest.page} prints at ${smallest.pt.toFixed(1)} pt`);
}

describe('exports on paper: body text at 9 pt or more on A4', () => {
  it('every demo export and every built-in template, estimated from page setup and column widths', async (t) => {
    const backend = demoWithEveryTemplate(t);
    const dir = tempDir(t);
    const files: { what: string; file: string }[] = [];
    const write = async (what: string, prepared: { write: (out: string) => Promise<unknown> }) => {
      const file = path.join(dir, `${files.length}.xlsx`);
      await prepared.write(file);
      files.push({ what, file });
    };
    const categories = backend.ledger.categories.list(false);
    assert.ok(categories.length >= 10, `a category per built-in template (${categories.length})`);
    for (const c of categories) await write(c.name, backend.exports.prepareLedger({ categoryId: c.id }));
    await write('花名册', backend.exports.prepareRoster({}));
    await write('通讯录', backend.exports.prepareRoster({ preset: '通讯录' }));
    await write('督办任务清单', backend.exports.prepareTaskList({}));
    const parts = [...categories.map((c) => ({ target: 'ledger' as const, categoryId: c.id })), { target: 'roster' as const }, { target: 'tasks' as const }];
    await write('报送包', backend.exports.prepareBundle({ parts, title: '', dateFormat: 'yyyy-mm-dd' }));

    const report: string[] = [];
    for (const { what, file } of files) {
      const book = readWithOpenpyxl(file);
      for (const sheet of book.sheets) {
        assert.equal(sheet.pageSetup.paperSize, 9, `${what}/${sheet.name}: A4`);
        assert.equal(sheet.pageSetup.fitToWidth, 1, `${what}/${sheet.name}: one page wide`);
        const pt = estimatedBodyPoints(sheet, bodySize(sheet));
        report.push(`${what}/${sheet.name} ${pt.toFixed(1)}`);
        assert.ok(pt >= MIN_POINTS, `${what}/${sheet.name}: body text prints at ${pt.toFixed(1)} pt (${report.join(', ')})`);
      }
    }
  });

  it('LibreOffice prints the demo 征求意见台账 and a 报送包 at 9 pt or more, no sheet ending on a page of one or two rows', async (t) => {
    const { backend } = openTestBackend(t);
    backend.demo.load();
    const dir = tempDir(t);
    const categories = backend.ledger.categories.list(false);
    const opinions = categories.find((c) => c.templateKey === 'opinions')!;
    const ledgerFile = path.join(dir, '征求意见台账.xlsx');
    await backend.exports.prepareLedger({ categoryId: opinions.id }).write(ledgerFile);
    const bundleFile = path.join(dir, '报送包.xlsx');
    const parts = [...categories.map((c) => ({ target: 'ledger' as const, categoryId: c.id })), { target: 'roster' as const }, { target: 'tasks' as const }];
    await backend.exports.prepareBundle({ parts, title: '', dateFormat: 'yyyy-mm-dd' }).write(bundleFile);

    const ledgerPages = readPrintedPages(printWithLibreOffice(ledgerFile, dir));
    assertLegible(ledgerPages, '征求意见台账');
    assert.equal(
      ledgerPages.reduce((n, p) => n + numberedRows(p), 0),
      opinions.records,
      'every opinion is printed once (the header repeats, the rows do not)',
    );

    const bundlePages = readPrintedPages(printWithLibreOffice(bundleFile, dir));
    assertLegible(bundlePages, '报送包');
    const sheets = sheetsOf(bundlePages);
    assert.equal(sheets.length, categories.length + 3, 'the 汇总 sheet and one sheet per part');
    sheets.forEach((pages, i) => {
      if (pages.length < 2) return;
      const last = numberedRows(pages.at(-1)!);
      assert.ok(last > 2, `sheet ${i + 1} ends on a page of ${last} row(s) after ${pages.length - 1} full ones`);
    });
  });

  it('spares a last page of one or two rows when a slightly tighter fit holds them, and only then', async (t) => {
    const dir = tempDir(t);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ source: '座谈会', content: `第${i + 1}条意见`, status: '办理中', unit: '政治部' }));
    const columns = opinionTable().columns.filter((c) => ['source', 'content', 'status', 'unit'].includes(c.key)).map(({ group: _g, ...c }) => c);
    const spill = path.join(dir, 'spill.xlsx');
    await exportTable(spill, opinionTable({ columns, rows: rows(26) }));
    const long = path.join(dir, 'long.xlsx');
    await exportTable(long, opinionTable({ columns, rows: rows(45) }));

    const spillBook = readWithOpenpyxl(spill);
    const longBook = readWithOpenpyxl(long);
    assert.equal(spillBook.sheets[0]!.pageSetup.fitToHeight, 1, 'fitted to one page tall');
    assert.equal(longBook.sheets[0]!.pageSetup.fitToHeight, 0, 'a fuller last page: as many pages as needed');

    const spillPages = readPrintedPages(printWithLibreOffice(spill, dir));
    assert.equal(spillPages.length, 1, 'the 26 rows print on one page');
    assertLegible(spillPages, '26 行');
    const longPages = readPrintedPages(printWithLibreOffice(long, dir));
    assert.equal(longPages.length, 2);
    assert.ok(numberedRows(longPages[1]!) > 2);
    assert.ok(fs.existsSync(long));
  });
});
