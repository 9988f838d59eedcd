/**
 * The hostile files of issue 7 that hostile-files.test.ts does not already cover: a million
 * empty styled rows, hyperlinks, invalid UTF-8 in sheet XML, shared strings and CSV. (Covered
 * there: truncated .xlsx, a zip that is not a workbook, zip bombs, 16,384 columns with a
 * 10 MB cell, .xls renamed .xlsx, a password-protected file, formulas with errors, rich text.)
 * Each ends in a correct import or a clear Chinese error, within a time and memory bound.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { ImportFileError, inspectFile, readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import type { WorkerEntry } from '../../../electron/backend/import/read/worker-path';
import { bundledWorker } from './fuzz/bundled-worker';
import { writeLines, writeStreamedZip } from './fuzz/streamed-zip';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { putRows, writeWorkbook } from './helpers/write-workbook';
import { readZip, writeZip } from './helpers/zip-tools';

const dir = tempDir('huge');
const people = makePeople(30);
let workerEntry: WorkerEntry;
before(async () => {
  workerEntry = (await bundledWorker(path.join(dir, 'bundle'))).entry;
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const COLS = 'ABCDEFGHIJ';
const textRow = (r: number, values: string[]) =>
  `<row r="${r}">${values.map((v, c) => `<c r="${COLS[c]}${r}" t="inlineStr" s="1"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`;

/** Parts of a one-sheet workbook with a styles part whose style 1 is a filled, bordered cell. */
const packageParts = () => [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    ),
  },
  { name: '_rels/.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`, 'utf8'),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  },
  {
    name: 'xl/styles.xml',
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>` +
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>' +
        '<borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyNumberFormat="1"/></cellXfs></styleSheet>',
      'utf8',
    ),
  },
];

describe('a million empty styled rows', () => {
  it('reads the people above and below them, in bounded time and memory', { timeout: 5 * 60_000 }, async () => {
    const EMPTY = 1_000_000;
    const top = people.slice(0, 15);
    const bottom = people.slice(15);
    const firstBottom = 2 + top.length + EMPTY;
    const xmlFile = path.join(dir, 'sheet1.xml');
    const t0 = performance.now();
    const xmlBytes = writeLines(
      xmlFile,
      (function* () {
        yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><dimension ref="A1:F${firstBottom + bottom.length}"/><sheetData>`;
        yield textRow(1, ROSTER_HEADER);
        for (const [i, p] of top.entries()) yield textRow(2 + i, asRow(p));
        // what Excel writes when a whole column block was formatted down to the bottom
        for (let r = 2 + top.length; r < firstBottom; r++) yield `<row r="${r}" s="1" customFormat="1"/>`;
        for (const [i, p] of bottom.entries()) yield textRow(firstBottom + i, asRow(p));
        yield '</sheetData></worksheet>';
      })(),
    );
    const file = path.join(dir, 'million-empty-rows.xlsx');
    await writeStreamedZip(file, [...packageParts(), { name: 'xl/worksheets/sheet1.xml', file: xmlFile }]);
    fs.rmSync(xmlFile);
    const made = performance.now() - t0;

    const HEAP_MB = 256;
    const t1 = performance.now();
    const r = await readTable(file, { target: ROSTER_TARGET, workerEntry, maxOldGenerationSizeMb: HEAP_MB, totalTimeoutMs: 120_000 });
    const readMs = performance.now() - t1;
    const t2 = performance.now();
    const info = await inspectFile(file, { target: ROSTER_TARGET, workerEntry, maxOldGenerationSizeMb: HEAP_MB, totalTimeoutMs: 120_000 });
    const inspectMs = performance.now() - t2;
    console.log(
      `million empty styled rows: sheet XML ${(xmlBytes / 1048576).toFixed(1)} MB, file ${(fs.statSync(file).size / 1024).toFixed(0)} KB (made in ${(made / 1000).toFixed(1)} s); ` +
        `readTable ${(readMs / 1000).toFixed(1)} s, inspectFile ${(inspectMs / 1000).toFixed(1)} s, worker heap cap ${HEAP_MB} MB, ` +
        `this process peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );

    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.equal(r.rows.length, people.length, 'every person, none lost to the empty rows');
    assert.deepEqual(
      r.rows.map((x) => x.values.idNumber),
      people.map((p) => p.idNumber),
    );
    assert.equal(r.rows[15]!.row, firstBottom, 'rows below the empty block keep their sheet row numbers');
    assert.equal(r.rows[29]!.values.name, people[29]!.name);
    assert.deepEqual(info.sheets, [{ name: '花名册', rows: people.length + 1, hidden: false }], 'empty rows are not counted as rows');
    assert.ok(readMs < 90_000, `read in ${readMs} ms`);
  });
});

describe('hyperlinks', () => {
  it('cells with links read as the text they show, and the links are neither followed nor kept', async () => {
    const f = await writeWorkbook(dir, 'links.xlsx', (wb) => {
      const ws = wb.addWorksheet('花名册');
      putRows(ws, [ROSTER_HEADER, ...people.slice(0, 5).map(asRow)]);
      ws.getCell('A2').value = { text: people[0]!.name, hyperlink: 'http://203.0.113.7/track?id=1' };
      ws.getCell('F3').value = { text: people[1]!.unit, hyperlink: 'file:///C:/Windows/System32/calc.exe' };
      ws.getCell('A4').value = { text: people[2]!.name, hyperlink: '#花名册!A1' };
      ws.getCell('D5').value = { text: people[3]!.idNumber, hyperlink: `mailto:${people[3]!.idNumber}@example.org` };
      ws.getCell('A6').value = { formula: `HYPERLINK("http://203.0.113.7/","${people[4]!.name}")`, result: people[4]!.name };
      ws.getCell('G1').value = '备注';
      ws.getCell('G2').value = { text: 'http://203.0.113.7/', hyperlink: 'http://203.0.113.7/' };
    });
    const parts = readZip(f).map((p) => p.name);
    assert.ok(parts.some((n) => n.includes('worksheets/_rels/')), 'the workbook really carries hyperlink relationships');
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry });
    assert.equal(r.refused.length, 0, JSON.stringify(r.refused[0]));
    assert.deepEqual(
      r.rows.map((x) => [x.values.name, x.values.idNumber, x.values.unit]),
      people.slice(0, 5).map((p) => [p.name, p.idNumber, p.unit]),
    );
    assert.equal(r.rows[0]!.values.note, 'http://203.0.113.7/', 'a link shown as text is kept as text');
  });
});

describe('invalid UTF-8', () => {
  const BAD = Buffer.from([0xff, 0xe4, 0xb8]); // an impossible byte, then a character cut short

  /** Inserts the bad bytes after the first character of `text` in the part `name`. */
  function damage(file: string, name: string, text: string): void {
    const parts = readZip(file).map((p) => {
      if (p.name !== name) return p;
      const at = p.data.indexOf(Buffer.from(text, 'utf8'));
      assert.ok(at >= 0, `${text} is in ${name}`);
      return { ...p, data: Buffer.concat([p.data.subarray(0, at + 3), BAD, p.data.subarray(at + 3)]) };
    });
    fs.writeFileSync(file, writeZip(parts));
  }

  it('in shared strings: the damaged row is refused with a Chinese reason, the others import', async () => {
    const f = await writeWorkbook(dir, 'bad-utf8-sst.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.slice(0, 10).map(asRow)]));
    damage(f, 'xl/sharedStrings.xml', people[3]!.name);
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry });
    assert.equal(r.rows.length, 9);
    assert.equal(r.refused.length, 1);
    assert.equal(r.refused[0]!.row, 5);
    assert.match(r.refused[0]!.reason, /姓名中有无法识别的字符/);
    assert.ok(!r.rows.some((x) => String(x.values.name).includes('\ufffd')), 'no damaged name is imported');
  });

  it('in sheet XML, inside a cell and between rows', async () => {
    const sheet = [textRow(1, ROSTER_HEADER), ...people.slice(0, 6).map((p, i) => textRow(2 + i, asRow(p)))].join('');
    const f = path.join(dir, 'bad-utf8-sheet.xlsx');
    const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheet}</sheetData></worksheet>`, 'utf8');
    const between = xml.indexOf(Buffer.from('<row r="5"'));
    const withStray = Buffer.concat([xml.subarray(0, between), BAD, xml.subarray(between)]);
    fs.writeFileSync(f, writeZip([...packageParts(), { name: 'xl/worksheets/sheet1.xml', data: withStray }]));
    damage(f, 'xl/worksheets/sheet1.xml', people[1]!.badge);
    // stray bytes between rows are text outside any cell: nothing is lost to them
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry });
    assert.equal(r.rows.length, 5);
    assert.equal(r.refused.length, 1);
    assert.equal(r.refused[0]!.row, 3);
    assert.match(r.refused[0]!.reason, /警号.*中有无法识别的字符/);
  });

  it('in a UTF-8 CSV: still read as UTF-8 (not as garbled GB18030), the damaged row refused', async () => {
    const text = [ROSTER_HEADER.join(','), ...people.slice(0, 10).map((p) => asRow(p).join(','))].join('\r\n');
    const good = Buffer.from(text, 'utf8');
    const at = good.indexOf(Buffer.from(people[6]!.name, 'utf8'));
    const f = path.join(dir, 'bad-utf8.csv');
    fs.writeFileSync(f, Buffer.concat([good.subarray(0, at + 3), BAD, good.subarray(at + 3)]));
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry });
    assert.deepEqual(r.columns, ROSTER_HEADER, 'the header is read as written');
    assert.equal(r.rows.length, 9);
    assert.equal(r.refused.length, 1);
    assert.equal(r.refused[0]!.row, 8);
    assert.match(r.refused[0]!.reason, /姓名中有无法识别的字符/);

    // with a BOM the same
    const bom = path.join(dir, 'bad-utf8-bom.csv');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(f)]));
    const b = await readTable(bom, { target: ROSTER_TARGET, workerEntry });
    assert.equal(b.rows.length, 9);
    assert.match(b.refused[0]!.reason, /无法识别的字符/);
  });

  it('a GB18030 CSV is still read as GB18030', async () => {
    const text = [ROSTER_HEADER.join(','), ...people.slice(0, 10).map((p) => asRow(p).join(','))].join('\r\n');
    const f = path.join(dir, 'gbk.csv');
    fs.writeFileSync(f, iconv.encode(text, 'gb18030'));
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry });
    assert.equal(r.rows.length, 10);
    assert.equal(r.rows[9]!.values.name, people[9]!.name);
  });

  it('a CSV of random high bytes ends in a Chinese message or an empty result, quickly', async () => {
    let seed = 7;
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 128);
    const f = path.join(dir, 'noise.csv');
    fs.writeFileSync(f, bytes);
    const t0 = performance.now();
    const r = await readTable(f, { target: ROSTER_TARGET, workerEntry, idleTimeoutMs: 10_000 }).catch((e: unknown) => e);
    assert.ok(performance.now() - t0 < 20_000);
    if (r instanceof ImportFileError) assert.match(r.message, /[\u4e00-\u9fff]{4}/);
    else {
      assert.ok(!(r instanceof Error), String(r));
      assert.equal((r as Awaited<ReturnType<typeof readTable>>).rows.length, 0);
    }
  });
});
