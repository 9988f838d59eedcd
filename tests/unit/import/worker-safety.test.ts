/**
 * The worker boundary: whatever happens while a file is read (a hang, a heap blown, a
 * reader that never settles, a user who cancels) ends as a Chinese ImportFileError here,
 * and this process carries on.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import iconv from 'iconv-lite';
import { ImportFileError, importWorkerPath, readTable, ROSTER_TARGET, type ImportErrorCode } from '../../../electron/backend/import/index';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { putRows, writeWorkbook } from './helpers/write-workbook';
import { readZip, writeZip } from './helpers/zip-tools';

const dir = tempDir('worker');
const people = makePeople(3000);
const bigRoster = writeWorkbook(dir, 'roster.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));
const evalWorker = (code: string) => ({ script: `const { parentPort } = require('node:worker_threads');\n${code}`, eval: true });

async function refuses(p: Promise<unknown>, code: ImportErrorCode, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImportFileError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

describe('the import worker', () => {
  it('a reader that hangs is stopped by the watchdog', async () => {
    const workerEntry = evalWorker(`parentPort.on('message', () => { for (;;) {} });`);
    await refuses(readTable(await bigRoster, { target: ROSTER_TARGET, workerEntry, idleTimeoutMs: 500 }), 'IMPORT_FILE_DAMAGED', /停止响应/);
  });

  it('a reader that never settles (the worker runs out of work) ends in an error', async () => {
    const workerEntry = evalWorker(`parentPort.once('message', () => { new Promise(() => {}); });`);
    await refuses(readTable(await bigRoster, { target: ROSTER_TARGET, workerEntry, idleTimeoutMs: 20_000 }), 'IMPORT_FILE_DAMAGED', /意外退出/);
  });

  it('a reader that exhausts its heap dies alone', async () => {
    const workerEntry = evalWorker(`parentPort.on('message', () => { const a = []; for (;;) a.push(new Array(100000).fill(1)); });`);
    await refuses(readTable(await bigRoster, { target: ROSTER_TARGET, workerEntry, maxOldGenerationSizeMb: 32 }), 'IMPORT_FILE_TOO_LARGE', /内存限制/);
    // and this process still reads files
    const r = await readTable(await bigRoster, { target: ROSTER_TARGET });
    assert.equal(r.rows.length, people.length);
  });

  it('reports progress and can be cancelled, changing nothing', async () => {
    const seen: number[] = [];
    const r = await readTable(await bigRoster, { target: ROSTER_TARGET, onProgress: (p) => seen.push(p.rowsRead) });
    assert.equal(r.rows.length, 3000);
    assert.ok(seen.length > 0 && seen[seen.length - 1] === 3001, `progress ends at every row read: ${seen.join(',')}`);

    const ac = new AbortController();
    const p = readTable(await bigRoster, { target: ROSTER_TARGET, signal: ac.signal, onProgress: () => ac.abort() });
    await refuses(p, 'IMPORT_CANCELLED', /已取消导入/);
    const pre = new AbortController();
    pre.abort();
    await refuses(readTable(await bigRoster, { target: ROSTER_TARGET, signal: pre.signal }), 'IMPORT_CANCELLED', /已取消/);
  });

  it('byte-flipped workbooks end in a result or a clear error, never a hang (seeded)', async () => {
    const small = await writeWorkbook(dir, 'small.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.slice(0, 40).map(asRow)]));
    // stored (not deflated) parts, so flipped bytes reach the XML parsers instead of zlib
    const whole = writeZip(readZip(small).map((p) => ({ ...p, store: true })));
    let seed = 20240301;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const outcomes: string[] = [];
    for (let n = 0; n < 16; n++) {
      const bytes = Buffer.from(whole);
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      const f = path.join(dir, `flipped-${n}.xlsx`);
      fs.writeFileSync(f, bytes);
      const outcome = await readTable(f, { target: ROSTER_TARGET, idleTimeoutMs: 10_000 }).then(
        (r) => `rows ${r.rows.length}`,
        (e: unknown) => {
          assert.ok(e instanceof ImportFileError, `case ${n}: ${String(e)}`);
          assert.match(e.message, /[\u4e00-\u9fff]/);
          return e.code;
        },
      );
      outcomes.push(outcome);
    }
    assert.equal(outcomes.length, 16, outcomes.join(" | "));
  });

  it('runs from the esbuild bundle the build makes (dist/electron/import-worker.js)', async () => {
    const out = path.join(dir, 'dist');
    await build({
      entryPoints: { 'import-worker': path.resolve(__dirname, '../../../electron/backend/import/read/import-worker.ts') },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outdir: out,
      logLevel: 'error',
    });
    const workerEntry = { script: path.join(out, 'import-worker.js'), eval: false };
    const r = await readTable(await bigRoster, { target: ROSTER_TARGET, workerEntry });
    assert.equal(r.rows.length, 3000);
    // iconv-lite's GB18030 tables are in the bundle too
    const csv = path.join(dir, 'gbk.csv');
    fs.writeFileSync(csv, iconv.encode(`姓名,公民身份号码\r\n${people[0]!.name},${people[0]!.idNumber}\r\n`, 'gb18030'));
    const c = await readTable(csv, { target: ROSTER_TARGET, workerEntry });
    assert.equal(c.rows[0]?.values.name, people[0]!.name);
    // from source, the worker is the .ts file next to its loader
    assert.match(importWorkerPath().script, /import-worker\.ts/);
  });
});
