/**
 * The export's own container work: the data rows' compressed pieces laid between the parts
 * ExcelJS wrote (one CRC for the whole sheet), and the quotePrefix mark turned into the real
 * attribute, leaving nothing of itself behind.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { exportTable } from '../../../electron/backend/export';
import { crc32Combine, readZipEntries } from '../../../electron/backend/export/zip-parts';
import { tempDir } from '../../helpers/temp-db';
import { opinionTable, OPINION_COLUMNS } from './fixtures';

describe('the export file put together', () => {
  it('combines the CRC-32 of two parts into the CRC-32 of both', () => {
    const a = Buffer.from('<worksheet><sheetData>'.repeat(7));
    for (const n of [0, 1, 5, 1000, 70_000, 3_000_001]) {
      const b = Buffer.alloc(n, 'é<row r="5"/>');
      assert.equal(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length), zlib.crc32(Buffer.concat([a, b])), `length ${n}`);
    }
  });

  it('every part of a large export inflates to bytes matching its CRC, rows in order', async (t) => {
    const out = path.join(tempDir(t), 'large.xlsx');
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ content: `第${i + 1}条意见：窗口排队时间长 & <材料> 不清楚`, source: i % 3 ? '走访' : '=1+1' }));
    await exportTable(out, opinionTable({ rows, totalsRow: true }));
    const entries = readZipEntries(fs.readFileSync(out));
    for (const e of entries) {
      const bytes = e.method === 8 ? zlib.inflateRawSync(e.data) : e.data;
      assert.equal(bytes.length, e.size, e.name);
      assert.equal(zlib.crc32(bytes), e.crc, e.name);
    }
    const sheet = zlib.inflateRawSync(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data).toString('utf8');
    const numbers = [...sheet.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y), 'rows in ascending order');
    assert.equal(new Set(numbers).size, numbers.length, 'no row twice');
    assert.ok(numbers.includes(4 + 30_000 + 1), 'the totals row after the last data row');
    assert.match(sheet, /窗口排队时间长 &amp; &lt;材料&gt; 不清楚/);
  });

  it('a quoted title and quoted cells carry quotePrefix and nothing of the mark that asked for it', async (t) => {
    const out = path.join(tempDir(t), 'quoted.xlsx');
    await exportTable(out, opinionTable({ title: '=HYPERLINK("http://x")', columns: [{ key: 'content', label: '+标签', kind: 'text' }, ...OPINION_COLUMNS] }));
    const styles = await (await JSZip.loadAsync(fs.readFileSync(out))).file('xl/styles.xml')!.async('string');
    assert.doesNotMatch(styles, /readingOrder/);
    assert.ok((styles.match(/quotePrefix="1"/g) ?? []).length >= 2, 'the title\'s and the data cells\' formats');
    const count = Number(/<cellXfs count="(\d+)">/.exec(styles)![1]);
    assert.equal((styles.slice(styles.indexOf('<cellXfs')).match(/<xf /g) ?? []).length, count, 'cellXfs count matches its entries');
  });
});
