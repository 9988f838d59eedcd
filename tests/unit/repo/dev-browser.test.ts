/**
 * `npm run dev:browser` (dist/electron/bridge-server.js, built by `npm test` before the tests):
 * a port that is taken is said in Chinese with how to choose another, and nothing is created;
 * on a free port the data file is opened only once the server listens.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/temp-db';

const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'electron', 'bridge-server.js');

function occupy(): Promise<net.Server> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;

describe('npm run dev:browser', () => {
  it('refuses a port in use, saying how to choose another, and creates no data file', async (t) => {
    const taken = await occupy();
    t.after(() => taken.close());
    const db = path.join(tempDir(t), '新建', 'office.db');
    const r = spawnSync(process.execPath, [SERVER, '--db', db, `--port=${portOf(taken)}`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`端口 ${portOf(taken)} 已被占用`));
    assert.match(r.stderr, /--port=/);
    assert.equal(fs.existsSync(path.dirname(db)), false, 'nothing created');
  });

  it('refuses a port that is not a number', (t) => {
    const db = path.join(tempDir(t), 'office.db');
    const r = spawnSync(process.execPath, [SERVER, '--db', db, '--port=abc'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /端口“abc”不对/);
    assert.equal(fs.existsSync(db), false);
  });

  it('on a free port opens the data file and says where to point the browser', async (t) => {
    const probe = await occupy();
    const port = portOf(probe);
    await new Promise((r) => probe.close(r));
    const db = path.join(tempDir(t), 'office.db');
    const child = spawn(process.execPath, [SERVER, '--db', db, `--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('按 Ctrl+C 退出')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    assert.match(err, new RegExp(`请在浏览器中打开（地址含本次启动的访问令牌[^）]*）：\\nhttp://127\\.0\\.0\\.1:${port}/#`));
    assert.ok(fs.existsSync(db), 'the data file is there once the server listens');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
