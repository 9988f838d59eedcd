import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import { exportTable } from '../../../electron/backend/export';
import { writeBytesFile } from '../../../electron/backend/export/atomic-file';
import { tempDir } from '../../helpers/temp-db';
import { opinionTable } from './fixtures';

function* manyRows(n: number) {
  for (let i = 0; i < n; i++) yield { source: `来源${i}`, content: '内容'.repeat(20), idNumber: '11010519491231002X', deadline: '2021-04-30', people: i };
}

async function refused(p: Promise<unknown>, code: string): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected a refusal with ${code}`);
}

describe('exportTable: the file appears only when complete', () => {
  it('a cancel mid-way leaves no file at the destination and no temp file', async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, '台账.xlsx');
    const controller = new AbortController();
    const seenWhileWriting: string[][] = [];
    const err = await refused(
      exportTable(out, opinionTable({ rows: manyRows(20000) }), {
        signal: controller.signal,
        onProgress: (n) => {
          if (n >= 3000 && !controller.signal.aborted) {
            seenWhileWriting.push(fs.readdirSync(dir));
            controller.abort();
          }
        },
      }),
      'CANCELLED',
    );
    assert.match(err.message, /导出已取消/);
    const during = seenWhileWriting[0]!;
    // the rows are prepared in memory; the file is written (as a temp file named as unfinished, then renamed) once they all are
    assert.ok(!during.includes('台账.xlsx'), `nothing at the destination while writing: ${during.join(', ')}`);
    assert.ok(during.every((f) => /^~台账\.xlsx\.未完成-\d+-[0-9a-f]{8}\.tmp$/.test(f)), `at most a temp file beside the destination, named as unfinished: ${during.join(', ')}`);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing left behind');
  });

  it('a cancel from outside (another event) stops a large export', async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, 'big.xlsx');
    const controller = new AbortController();
    let written = 0;
    const running = exportTable(out, opinionTable({ rows: manyRows(200000) }), { signal: controller.signal, onProgress: (n) => (written = n) });
    setTimeout(() => controller.abort(), 300);
    await refused(running, 'CANCELLED');
    assert.ok(written < 200000, `stopped early (at ${written} rows)`);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('an older file at the destination is left as it was when the export is cancelled', async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, 'old.xlsx');
    fs.writeFileSync(out, 'previous export');
    const controller = new AbortController();
    await refused(
      exportTable(out, opinionTable({ rows: manyRows(5000) }), { signal: controller.signal, onProgress: (n) => n >= 1000 && controller.abort() }),
      'CANCELLED',
    );
    assert.equal(fs.readFileSync(out, 'utf8'), 'previous export');
    assert.deepEqual(fs.readdirSync(dir), ['old.xlsx']);
  });

  it('an already-cancelled signal writes nothing at all', async (t) => {
    const dir = tempDir(t);
    await refused(exportTable(path.join(dir, 'x.xlsx'), opinionTable(), { signal: AbortSignal.abort() }), 'CANCELLED');
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('replaces an older file once complete', async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, 'again.xlsx');
    fs.writeFileSync(out, 'previous export');
    assert.deepEqual(await exportTable(out, opinionTable()), { out, rows: 3 });
    assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), 'PK', 'a zip (xlsx) now');
    assert.deepEqual(fs.readdirSync(dir), ['again.xlsx']);
  });

  it('names a missing folder or a folder given as the file, in Chinese', async (t) => {
    const dir = tempDir(t);
    const missing = await refused(exportTable(path.join(dir, 'no-such-folder', 'x.xlsx'), opinionTable()), 'NOT_FOUND');
    assert.match(missing.message, /保存位置.*不存在/);
    fs.mkdirSync(path.join(dir, 'folder.xlsx'));
    const isDir = await refused(exportTable(path.join(dir, 'folder.xlsx'), opinionTable()), 'EXPORT_IO');
    assert.match(isDir.message, /是一个文件夹/);
    assert.deepEqual(fs.readdirSync(dir), ['folder.xlsx']);
  });

  it('refuses a cell longer than Excel allows, naming row and column, and leaves no file', async (t) => {
    const dir = tempDir(t);
    const rows = [{ source: 'a' }, { source: 'b', content: '长'.repeat(32768) }];
    const err = await refused(exportTable(path.join(dir, 'long.xlsx'), opinionTable({ rows })), 'VALIDATION');
    assert.match(err.message, /第 2 行“意见建议内容”超过 Excel 单元格的上限/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});

describe('writeBytesFile: a printed PDF is saved the way exports are', () => {
  it('writes the bytes, replacing an older file only once the new one is complete', async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, '通报-第1期.pdf');
    fs.writeFileSync(out, 'old');
    const saved = await writeBytesFile(out, Buffer.from('%PDF-1.4 new'));
    assert.equal(saved, out);
    assert.equal(fs.readFileSync(out, 'utf8'), '%PDF-1.4 new');
    assert.deepEqual(fs.readdirSync(dir), ['通报-第1期.pdf'], 'no temp file left');
  });

  it('refuses a folder that is not there (a USB drive taken out) in Chinese, writing nothing', async (t) => {
    const dir = tempDir(t);
    const err = await refused(writeBytesFile(path.join(dir, 'no-drive', 'x.pdf'), Buffer.from('%PDF')), 'NOT_FOUND');
    assert.match(err.message, /^保存位置“.*no-drive”不存在$/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('refuses a name that is a folder, leaving the folder as it was', async (t) => {
    const dir = tempDir(t);
    fs.mkdirSync(path.join(dir, '通报.pdf'));
    const err = await refused(writeBytesFile(path.join(dir, '通报.pdf'), Buffer.from('%PDF')), 'EXPORT_IO');
    assert.match(err.message, /是一个文件夹，请另选文件名/);
    assert.deepEqual(fs.readdirSync(dir), ['通报.pdf']);
  });
});
