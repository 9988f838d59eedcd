/**
 * Files that are not what they claim, broken, or built to hurt. Each must end in a clear
 * Chinese message (or a correct import) — never a crash or a hang of this process.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type ExcelJS from 'exceljs';
import { ImportFileError, inspectFile, readTable, ROSTER_TARGET, type ImportErrorCode, type ParsedImport } from '../../../electron/backend/import/index';
import { writeCfb } from './helpers/cfb';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { patchZip, readZip, writeZip } from './helpers/zip-tools';
import { putRows, writeWorkbook } from './helpers/write-workbook';

const dir = tempDir('hostile');
const people = makePeople(30);
const file = (name: string, data: Buffer | string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};
const roster = (name: string) => writeWorkbook(dir, name, (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));

/** Rejects with an ImportFileError of this code whose Chinese message matches. */
async function refuses(p: Promise<unknown>, code: ImportErrorCode, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImportFileError, `an ImportFileError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.match(e.message, /[\u4e00-\u9fff]/);
    return true;
  });
}

describe('files that are not .xlsx or .csv', () => {
  it('an old .xls whose Workbook stream holds no workbook is refused as a damaged .xls', async () => {
    await refuses(readTable(file('old.xls', writeCfb(['Workbook', 'SummaryInformation'])), { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /Excel 97-2003（\.xls）文件已损坏.*另存为/);
  });

  it('an .xls renamed .xlsx is recognised by its bytes', async () => {
    await refuses(inspectFile(file('renamed.xlsx', writeCfb(['Workbook']))), 'IMPORT_FILE_DAMAGED', /\.xls/);
  });

  it('a WPS .et file', async () => {
    await refuses(readTable(file('wps.et', writeCfb(['Workbook'])), { target: ROSTER_TARGET }), 'IMPORT_FILE_LEGACY', /WPS.*\.et.*另存为/);
  });

  it('a password-protected .xlsx (OLE2 with EncryptionInfo)', async () => {
    await refuses(
      readTable(file('secret.xlsx', writeCfb(['EncryptionInfo', 'EncryptedPackage'])), { target: ROSTER_TARGET }),
      'IMPORT_FILE_ENCRYPTED',
      /密码/,
    );
  });

  it('OLE2 magic with a broken directory: one message for both possibilities', async () => {
    const bytes = Buffer.alloc(2048, 0xee);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes);
    await refuses(readTable(file('broken-ole.xls', bytes), { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /\.xls.*密码.*已损坏/);
  });

  it('a zip that is not a workbook', async () => {
    const zip = writeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    await refuses(readTable(file('archive.xlsx', zip), { target: ROSTER_TARGET }), 'IMPORT_FILE_UNSUPPORTED', /压缩包.*不是 Excel 工作簿/);
  });

  it('a Word .docx', async () => {
    const zip = writeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    await refuses(readTable(file('report.docx', zip), { target: ROSTER_TARGET }), 'IMPORT_FILE_UNSUPPORTED', /Word/);
  });

  it('an HTML table saved as .xls by a web system', async () => {
    await refuses(readTable(file('export.xls', '<html><body><table><tr><td>姓名</td></tr></table></body></html>'), { target: ROSTER_TARGET }), 'IMPORT_FILE_UNSUPPORTED', /网页.*另存为/);
  });

  it('an empty file', async () => {
    await refuses(readTable(file('empty.xlsx', Buffer.alloc(0)), { target: ROSTER_TARGET }), 'IMPORT_FILE_EMPTY', /空的/);
  });

  it('a file that does not exist', async () => {
    await refuses(readTable(path.join(dir, 'nope.xlsx'), { target: ROSTER_TARGET }), 'IMPORT_FILE_NOT_FOUND', /找不到文件/);
  });

  it('binary garbage', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await refuses(readTable(file('garbage.bin', bytes), { target: ROSTER_TARGET }), 'IMPORT_FILE_UNSUPPORTED', /无法识别/);
  });
});

describe('broken and hostile workbooks', () => {
  it('a truncated .xlsx (copy interrupted)', async () => {
    const whole = fs.readFileSync(await roster('whole.xlsx'));
    for (const fraction of [0.3, 0.6, 0.95]) {
      const cut = file(`cut-${fraction}.xlsx`, whole.subarray(0, Math.floor(whole.length * fraction)));
      await refuses(readTable(cut, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /不完整或已损坏/);
    }
  });

  it('an .xlsx whose sheet data is corrupted inside an intact directory', async () => {
    const src = await roster('to-corrupt.xlsx');
    const parts = readZip(src).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, store: true } : p));
    const bytes = writeZip(parts);
    const at = bytes.indexOf(Buffer.from('<sheetData>'));
    bytes.fill(0x3c, at, at + 400); // "<<<<…" where rows were
    await refuses(readTable(file('corrupt.xlsx', bytes), { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /损坏/);
  });

  it('a sheet list naming one sheet part 1,500 times is refused as damaged, not read 1,500 times', async () => {
    const src = await roster('one-part-many-names.xlsx');
    patchZip(src, 'xl/workbook.xml', (xml) => {
      const rId = /<sheet [^>]*r:id="([^"]+)"/.exec(xml)![1]!;
      const names = Array.from({ length: 1500 }, (_, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="${rId}"/>`).join('');
      return xml.replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${names}</sheets>`);
    });
    // refused from the sheet list, before any sheet is read
    await refuses(inspectFile(src, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /^工作簿的工作表目录有误：工作表“表1”和“表2”指向同一份数据/);
  });

  it('a zip bomb that declares its size: refused before inflating', async () => {
    const src = await roster('bomb-declared.xlsx');
    const parts = readZip(src).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 0xfffffff0 } : p));
    await refuses(readTable(file('bomb-declared.xlsx', writeZip(parts)), { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /解压后过大/);
  });

  it('a zip bomb that lies about its size: stopped where the lie shows', async () => {
    const src = await roster('bomb-lying.xlsx');
    // 64 MB of rows compress to a few hundred KB; the directory claims a normal sheet size
    const row = Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c></row>');
    const huge = Buffer.concat([Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'), Buffer.alloc(64 * 1024 * 1024, row)]);
    const parts = readZip(src).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: huge, declaredSize: 20_000 } : p));
    const bomb = file('bomb-lying.xlsx', writeZip(parts));
    assert.ok(fs.statSync(bomb).size < 2 * 1024 * 1024, 'a small file');
    await refuses(readTable(bomb, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /不一致/);
  });

  it('a real expansion past the size limit is stopped at the limit', async () => {
    const src = await roster('bomb-limit.xlsx');
    const row = Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c></row>');
    const big = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(8 * 1024 * 1024, row), Buffer.from('</sheetData></worksheet>')]);
    const parts = readZip(src).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: big } : p));
    const f = file('bomb-limit.xlsx', writeZip(parts));
    await refuses(readTable(f, { target: ROSTER_TARGET, limits: { maxEntryBytes: 4 * 1024 * 1024 } }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（花名册）的数据解压后有 \d+ MB，超过了本程序一次导入的上限（单个工作表 4 MB/);
  });

  it('a merge range covering the whole sheet neither kills the process nor corrupts the import', async () => {
    const f = await roster('whole-sheet-merge.xlsx');
    patchZip(f, 'xl/worksheets/sheet1.xml', (xml) => {
      const merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>';
      return xml.includes('<mergeCells') ? xml.replace(/<mergeCells[^]*?<\/mergeCells>/, merge) : xml.replace('</sheetData>', `</sheetData>${merge}`);
    });
    assert.ok(fs.statSync(f).size < 20_000);
    const r: ParsedImport | ImportFileError = await readTable(f, { target: ROSTER_TARGET }).catch((e: unknown) => {
      assert.ok(e instanceof ImportFileError, String(e));
      return e;
    });
    if (r instanceof ImportFileError) {
      assert.match(r.message, /[\u4e00-\u9fff]/);
    } else {
      assert.equal(r.rows.length, people.length);
      assert.equal(r.rows[0]!.values.idNumber, people[0]!.idNumber);
      assert.equal(r.rows[29]!.values.name, people[29]!.name);
    }
  });

  it('a sheet with thousands of Chinese names: no character is broken where read chunks meet', async () => {
    const many = makePeople(3000);
    const f = await writeWorkbook(dir, 'many-names.xlsx', (wb) => {
      putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...many.map((p, i) => [`${p.name}${'中华人民共和国'.slice(0, 1 + (i % 7))}`, p.sex, p.badge, p.idNumber, p.birth, p.unit])]);
    });
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, 3000);
    assert.ok(
      r.rows.every((x, i) => x.values.name === `${many[i]!.name}${'中华人民共和国'.slice(0, 1 + (i % 7))}`),
      'every name read back exactly (no U+FFFD)',
    );
  });

  it('formulas, errors and rich text read as the values Excel shows', async () => {
    const f = await writeWorkbook(dir, 'formulas.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      putRows(ws, [['姓名', '公民身份号码', '备注', '得分']]);
      ws.getCell('A2').value = { richText: [{ text: people[0]!.name.slice(0, 1), font: { bold: true } }, { text: people[0]!.name.slice(1) }] };
      ws.getCell('B2').value = { formula: `"${people[0]!.idNumber.slice(0, 9)}"&"${people[0]!.idNumber.slice(9)}"`, result: people[0]!.idNumber };
      ws.getCell('C2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('A3').value = people[1]!.name;
      ws.getCell('B3').value = people[1]!.idNumber;
      ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('D2').value = { formula: '0*1', result: 0 }; // a result ExcelJS's reader drops
    });
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.equal(r.refused.length, 2, 'error values are not data');
    assert.deepEqual(r.refused[0]!.raw.slice(0, 2), [people[0]!.name, people[0]!.idNumber], 'rich text and a formula result read as shown');
    assert.match(r.refused[0]!.reason, /备注单元格显示错误值（#DIV\/0!）/);
    assert.equal(r.refused[0]!.raw[3], '0', 'a formula showing 0 reads as 0, not as empty');
    assert.match(r.refused[1]!.reason, /#N\/A/);
  });

  it('a cell longer than Excel allows is refused, naming the limit; a stray cell in column XFD is not', async () => {
    const f = await roster('wide.xlsx');
    patchZip(f, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('</sheetData>', `<row r="40"><c r="XFD40" t="inlineStr"><is><t>${'长'.repeat(40_000)}</t></is></c></row></sheetData>`),
    );
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（花名册）的 XFD40 单元格有 40,000 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制/);

    const ten = await roster('ten-megabytes.xlsx');
    patchZip(ten, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('</sheetData>', `<row r="40"><c r="XFD40" t="inlineStr"><is><t>${'长'.repeat(10 * 1024 * 1024 / 3)}</t></is></c></row></sheetData>`),
    );
    await refuses(readTable(ten, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（花名册）.*一行内容过大（超过 8 MB）/);

    const stray = await roster('stray.xlsx');
    patchZip(stray, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('</sheetData>', '<row r="40"><c r="XFD40" t="inlineStr"><is><t>长</t></is></c></row></sheetData>'));
    const r = await readTable(stray, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, people.length, 'the people are still there');
    assert.equal(r.refused.length, 1, 'the row holding only the stray cell is refused, not imported');
    assert.equal(r.refused[0]!.row, 40);
    assert.ok(r.columns.length <= ROSTER_HEADER.length + 20, 'a stray cell in column XFD does not make every row 16,384 wide');
  });
});
