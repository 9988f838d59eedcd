/**
 * Old .xls workbooks (Excel 97–2003) are read, not refused (issue 11): roster_legacy.xls is
 * roster_clean.xlsx saved as .xls (tests/fixtures/import/make-legacy-xls.sh), so every value
 * read from it must equal the value read from the .xlsx — ID numbers as text, dates as
 * dates. A damaged .xls is refused in Chinese, and the reader is bounded like the others.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ImportFileError, inspectFile, readTable, ROSTER_TARGET, type ImportErrorCode } from '../../../electron/backend/import/index';
import { importFixture } from '../../helpers/fixtures';
import { tempDir } from './helpers/temp-dir';

const dir = tempDir('legacy-xls');
const XLS = importFixture('roster_legacy.xls');
const XLSX = importFixture('roster_clean.xlsx');

async function refuses(p: Promise<unknown>, code: ImportErrorCode, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImportFileError, `an ImportFileError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

describe('old .xls workbooks', () => {
  it('roster_legacy.xls reads exactly as the .xlsx it was saved from: IDs as text, dates as dates', async () => {
    const xls = await readTable(XLS, { target: ROSTER_TARGET });
    const xlsx = await readTable(XLSX, { target: ROSTER_TARGET });
    assert.equal(xls.format, 'xls');
    assert.equal(xls.rows.length, 200);
    assert.equal(xls.refused.length, 0, JSON.stringify(xls.refused[0]));
    assert.deepEqual(xls.columns, xlsx.columns);
    assert.deepEqual(xls.mapping, xlsx.mapping);
    assert.deepEqual(
      xls.rows.map((r) => [r.row, r.values]),
      xlsx.rows.map((r) => [r.row, r.values]),
      'every value of every row, as from the .xlsx',
    );
    const first = xls.rows[0]!.values;
    assert.equal(first.idNumber, '512001199304015615');
    assert.equal(first.birthDate, '1993-04-01');
    assert.equal(first.badge, '100000');
  });

  it('is inspected like any workbook: its sheet, header and mapping', async () => {
    const info = await inspectFile(XLS, { target: ROSTER_TARGET });
    assert.equal(info.format, 'xls');
    assert.deepEqual(info.sheets, [{ name: '花名册', rows: 201, hidden: false }]);
    assert.deepEqual(info.headerRows, [1]);
    assert.equal(info.mapping?.['身份证号'], 'idNumber');
  });

  it('a damaged .xls is refused in Chinese, saying what to do', async () => {
    const bytes = fs.readFileSync(XLS);
    // cut short, as an interrupted copy leaves it
    const cut = path.join(dir, 'cut.xls');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refuses(readTable(cut, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /旧版 Excel 97-2003（\.xls）文件.*已损坏或内容不完整。请在 Excel 或 WPS 中打开它.*另存为/);
    // the workbook stream overwritten where its records are
    const garbled = Buffer.from(bytes);
    for (let i = 1024; i < garbled.length - 512; i += 7) garbled[i] = (i * 31) & 0xff;
    const bad = path.join(dir, 'garbled.xls');
    fs.writeFileSync(bad, garbled);
    await assert.rejects(readTable(bad, { target: ROSTER_TARGET }), (e: unknown) => {
      assert.ok(e instanceof ImportFileError, String(e));
      assert.match(e.message, /[\u4e00-\u9fff]{4}/);
      assert.doesNotMatch(e.message, /\b(Error|undefined|Cannot|Unsupported|record)\b/i, 'no library English');
      return true;
    });
  });

  it('is bounded like the other readers: a file over the size limit is refused naming it', async () => {
    await refuses(readTable(XLS, { target: ROSTER_TARGET, limits: { maxXlsBytes: 10_000 } }), 'IMPORT_FILE_TOO_LARGE', /超过了本程序读取旧版 Excel 文件的上限/);
    await refuses(readTable(XLS, { target: ROSTER_TARGET, limits: { maxRows: 100 } }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（花名册）有超过 100 行数据/);
  });
});
