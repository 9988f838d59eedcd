/**
 * The reader is bounded by construction (issue 11): cell references are checked, cells, rows
 * and characters are capped, the zip's CRC and sizes are believed only when they add up.
 * Each file here once crashed the whole program or ran it out of memory; now each ends in a
 * Chinese refusal that names the sheet (never a part file) and, for a limit, the limit.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ImportFileError, readTable, inspectFile, ROSTER_TARGET, type ImportErrorCode } from '../../../electron/backend/import/index';
import { writeStreamedZip, writeLines } from './fuzz/streamed-zip';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { writeMinimalXlsx } from './helpers/minimal-xlsx';
import { tempDir } from './helpers/temp-dir';
import { putRows, writeWorkbook } from './helpers/write-workbook';
import { crc32, readZip, writeZip } from './helpers/zip-tools';

const dir = tempDir('bounds');
const people = makePeople(20);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const COLS = 'ABCDEF';
const row = (r: number, values: string[]) => `<row r="${r}">${values.map((v, c) => `<c r="${COLS[c]}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`;
const header = row(1, ROSTER_HEADER);
const body = people.map((p, i) => row(2 + i, asRow(p))).join('');

/** Rejects with an ImportFileError of this code whose message matches, with no part names or English in it. */
async function refuses(p: Promise<unknown>, code: ImportErrorCode, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImportFileError, `an ImportFileError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\.xml|xl\/|worksheets|sharedStrings/, 'no zip part names');
    return true;
  });
}

describe('cell references are checked, never filled up to', () => {
  it('a column of eight letters is damage, said in Chinese with the sheet named', async () => {
    const f = writeMinimalXlsx(dir, 'zzz.xlsx', header + body.replace('r="A5"', 'r="ZZZZZZZZ5"'));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /第1个工作表（名单）已损坏，第5行有无效的单元格地址“ZZZZZZZZ5”/);
  });

  it('r="inlineStr" (a type where the reference belongs) is damage', async () => {
    const f = writeMinimalXlsx(dir, 'type-as-ref.xlsx', header + body.replace('<c r="B3" t="inlineStr">', '<c r="inlineStr" t="inlineStr">'));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /第3行有无效的单元格地址“inlineStr”/);
  });

  it('a column past XFD, row 0, a reference on another row, rows out of order', async () => {
    const cases: [string, RegExp][] = [
      [body.replace('r="C4"', 'r="XFE4"'), /无效的单元格地址“XFE4”/],
      [body.replace('r="C4"', 'r="C0"'), /无效的单元格地址“C0”/],
      [body.replace('r="C4"', 'r="C9"'), /单元格地址“C9”与所在的第4行不符/],
      [body.replace('<row r="6">', '<row r="3">'), /行的顺序错乱/],
      [body.replace('<row r="6">', '<row r="1048577">'), /行号“1048577”无效/],
    ];
    for (const [i, [xml, why]] of cases.entries()) {
      await refuses(readTable(writeMinimalXlsx(dir, `ref-${i}.xlsx`, header + xml), { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', why);
    }
  });

  it('40,000 rows each with one value in column XFD: refused, naming the cell limit', async () => {
    // the file of issue 11 that grew the program to 4.6 GB and killed it
    const xml = path.join(dir, 'sparse.xml');
    writeLines(
      xml,
      (function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}`;
        for (let r = 2; r < 40_002; r++) yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>人员${r}</t></is></c><c r="XFD${r}"><v>1</v></c></row>`;
        yield '</sheetData></worksheet>';
      })(),
    );
    const parts = readZip(writeMinimalXlsx(dir, 'sparse-base.xlsx', header)).filter((p) => !p.name.includes('worksheets/'));
    const f = path.join(dir, 'sparse-xfd.xlsx');
    await writeStreamedZip(f, [...parts, { name: 'xl/worksheets/data.xml', file: xml }]);
    assert.ok(fs.statSync(f).size < 3 * 1024 * 1024, 'a small file');
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（名单）的单元格超过了本程序一次导入的上限（800 万个.*第\d+行的内容一直延伸到第 16,384 列/);
  });

  it('a single stray value in column XFD is read, and builds no row 16,384 wide', async () => {
    const f = writeMinimalXlsx(dir, 'one-stray.xlsx', header + body + '<row r="30"><c r="XFD30"><v>1</v></c></row>');
    const r = await readTable(f, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, people.length);
    assert.ok(r.columns.length <= ROSTER_HEADER.length + 20);
  });
});

describe('sizes and characters are capped, naming the limit', () => {
  it('more rows than the limit: refused as soon as the limit is passed, naming it', async () => {
    const f = writeMinimalXlsx(dir, 'rows.xlsx', header + body);
    await refuses(readTable(f, { target: ROSTER_TARGET, limits: { maxRows: 10 } }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（名单）有超过 10 行数据，超出了本程序一次导入的上限（10 行）/);
    // inspecting is answered (the sheet list says how big it is); only reading is refused
    const info = await inspectFile(f, { target: ROSTER_TARGET, limits: { maxRows: 100 } });
    assert.equal(info.sheets[0]!.rows, people.length + 1);
  });

  it('a shared string longer than Excel allows', async () => {
    const f = await writeWorkbook(dir, 'long-sst.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));
    const parts = readZip(f).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: Buffer.from(p.data.toString('utf8').replace('</sst>', `<si><t>${'字'.repeat(33_000)}</t></si></sst>`)) } : p));
    fs.writeFileSync(f, writeZip(parts));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /共享文字部分中第\d+项有 33,000 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制/);
  });

  it('a cell pointing at a shared string that does not exist', async () => {
    const f = await writeWorkbook(dir, 'bad-sst-index.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));
    const parts = readZip(f).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: Buffer.from(p.data.toString('utf8').replace(/(<c r="A3"[^>]*t="s"[^>]*><v>)\d+/, '$1999999')) } : p));
    fs.writeFileSync(f, writeZip(parts));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /第1个工作表（花名册）已损坏，A3 单元格引用了不存在的共享文字（第999999项）/);
  });
});

describe('the zip is believed only when it adds up', () => {
  const base = () => writeWorkbook(dir, `zip-${Math.random()}.xlsx`, (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));

  it('a part whose bytes do not match its CRC: refused, not imported', async () => {
    const f = await base();
    const bytes = fs.readFileSync(f);
    // the sheet's CRC in the central directory and in its local header, both off by one
    const parts = readZip(f);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const crc = crc32(sheet.data);
    const good = Buffer.alloc(4);
    good.writeUInt32LE(crc);
    const bad = Buffer.alloc(4);
    bad.writeUInt32LE((crc ^ 1) >>> 0);
    let at = bytes.indexOf(good);
    let n = 0;
    while (at !== -1) {
      bad.copy(bytes, at);
      n++;
      at = bytes.indexOf(good, at + 4);
    }
    assert.ok(n >= 1, 'the CRC was found in the file');
    fs.writeFileSync(f, bytes);
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_DAMAGED', /第1个工作表（花名册）的校验码不符/);
  });

  it('a size no deflate stream can reach is refused before inflating', async () => {
    const f = await base();
    const parts = readZip(f).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 150 * 1024 * 1024 } : p));
    fs.writeFileSync(f, writeZip(parts));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_TOO_LARGE', /第1个工作表（花名册）声明的大小与压缩数据不符/);
  });
});

describe('what the file is, told in the clerk’s words', () => {
  it('a text file named .xlsx is told as such, not as a sheet without a header', async () => {
    const f = path.join(dir, 'really-csv.xlsx');
    fs.writeFileSync(f, [ROSTER_HEADER.join(','), ...people.map((p) => asRow(p).join(','))].join('\n'));
    await refuses(readTable(f, { target: ROSTER_TARGET }), 'IMPORT_FILE_UNSUPPORTED', /扩展名是 \.xlsx，但内容是纯文本.*请把扩展名改为 \.csv/);
  });
});
