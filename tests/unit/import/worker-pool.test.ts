/**
 * Many files through one pool of reading threads (汇总 receives hundreds of returned files):
 * the threads are kept from file to file, and a file that crashes or hangs its thread is
 * reported as damaged while the files after it are still read, by a fresh thread.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ImportFileError, importWorkerPath, readTable, ROSTER_TARGET } from '../../../electron/backend/import/index';
import { ReadWorkerPool } from '../../../electron/backend/import/read/read-worker-pool';
import { asRow, makePeople, ROSTER_HEADER } from './helpers/people';
import { tempDir } from './helpers/temp-dir';
import { putRows, writeWorkbook } from './helpers/write-workbook';

const dir = tempDir('pool');
const people = makePeople(60);

/** The real reading thread, except that a file named crash-… ends the thread and hang-… hangs it. */
function sabotagedWorker() {
  const real = importWorkerPath();
  const start = real.eval ? real.script : `require(${JSON.stringify(real.script)});`;
  const sabotage = `require('node:worker_threads').parentPort.on('message', (m) => {
    const name = require('node:path').basename(m.request.path);
    if (name.startsWith('crash-')) process.exit(7);
    if (name.startsWith('hang-')) for (;;) {}
  });\n`;
  return { script: sabotage + start, eval: true };
}

async function outcome(p: Promise<{ rows: unknown[] }>): Promise<string> {
  return p.then(
    (r) => `rows ${r.rows.length}`,
    (e: unknown) => {
      assert.ok(e instanceof ImportFileError, String(e));
      assert.match(e.message, /[\u4e00-\u9fff]/);
      return `${e.code} ${/意外退出|停止响应/.exec(e.message)?.[0] ?? e.message}`;
    },
  );
}

describe('reading many files through a pool of threads', () => {
  it('reads every file with no more threads than the pool holds', async () => {
    const files = await Promise.all(
      [0, 1, 2, 3, 4].map((n) => writeWorkbook(dir, `roster-${n}.xlsx`, (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.slice(0, 10 + n).map(asRow)]))),
    );
    const pool = new ReadWorkerPool({ size: 2 });
    try {
      const got = await Promise.all(files.map((f) => readTable(f, { target: ROSTER_TARGET, runner: pool.run })));
      assert.deepEqual(got.map((r) => r.rows.length), [10, 11, 12, 13, 14]);
      assert.deepEqual(got[4]!.rows.map((r) => r.values.name), people.slice(0, 14).map((p) => p.name));
      // a file the reader refuses is a normal end: the thread stays for the next file
      const notSheet = path.join(dir, 'notes.xlsx');
      fs.writeFileSync(notSheet, '这不是表格');
      await assert.rejects(readTable(notSheet, { target: ROSTER_TARGET, runner: pool.run }), ImportFileError);
      assert.equal((await readTable(files[0]!, { target: ROSTER_TARGET, runner: pool.run })).rows.length, 10);
      assert.equal(pool.started, 2);
    } finally {
      await pool.close();
    }
  });

  it('a file that crashes or hangs its thread is reported as damaged, and the files after it are read', async () => {
    const good = await writeWorkbook(dir, 'good.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.slice(0, 5).map(asRow)]));
    const crash = path.join(dir, 'crash-unit.xlsx');
    const hang = path.join(dir, 'hang-unit.xlsx');
    fs.copyFileSync(good, crash);
    fs.copyFileSync(good, hang);
    const pool = new ReadWorkerPool({ size: 1, workerEntry: sabotagedWorker() });
    try {
      const seen: string[] = [];
      for (const f of [good, crash, good, hang, good]) seen.push(await outcome(readTable(f, { target: ROSTER_TARGET, runner: pool.run, idleTimeoutMs: 2000 })));
      assert.deepEqual(seen, ['rows 5', 'IMPORT_FILE_DAMAGED 意外退出', 'rows 5', 'IMPORT_FILE_DAMAGED 停止响应', 'rows 5']);
      // the first thread, one after the crash, one after the hang
      assert.equal(pool.started, 3);
    } finally {
      await pool.close();
    }
  });

  it('a cancelled read ends its thread and changes nothing for the next file', async () => {
    const f = await writeWorkbook(dir, 'cancel.xlsx', (wb) => putRows(wb.addWorksheet('花名册'), [ROSTER_HEADER, ...people.map(asRow)]));
    const pool = new ReadWorkerPool({ size: 1 });
    try {
      const ac = new AbortController();
      await assert.rejects(readTable(f, { target: ROSTER_TARGET, runner: pool.run, signal: ac.signal, onProgress: () => ac.abort() }), (e: unknown) => e instanceof ImportFileError && e.code === 'IMPORT_CANCELLED');
      assert.equal((await readTable(f, { target: ROSTER_TARGET, runner: pool.run })).rows.length, people.length);
    } finally {
      await pool.close();
    }
  });
});
