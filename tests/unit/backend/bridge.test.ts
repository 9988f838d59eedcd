import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { BackendHost } from '../../../electron/backend/host';
import { startBridgeServer } from '../../../electron/bridge/bridge-server';
import { BRIDGE_TOKEN_HEADER } from '../../../shared/bridge-token';
import { tempDir, testBackendOptions } from '../../helpers/temp-db';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: node's http client sends the path and Host exactly as given. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // not a timing assertion: only so that a request the server never answers cannot hang the run
    req.setTimeout(15000, () => req.destroy(new Error(`no answer to ${opts.path}`)));
    req.end(opts.body);
  });
}

async function bridge(t: TestContext) {
  const dir = tempDir(t);
  // the static root sits inside the temp folder, next to files it must never serve
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>台账督办助手</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
  fs.mkdirSync(path.join(dir, 'renderer-evil'));
  fs.writeFileSync(path.join(dir, 'renderer-evil', 'x.txt'), 'sibling folder');
  const host = new BackendHost(path.join(dir, 'ledger.db'), testBackendOptions());
  const b = await startBridgeServer({ dispatch: host.dispatch, staticDir: root, port: 0 });
  t.after(async () => {
    await b.close();
    host.close();
  });
  const port = Number(new URL(b.url).port);
  assert.ok(port > 0);
  assert.equal(new URL(b.url).hostname, '127.0.0.1', 'listens on loopback only');
  // the printed address carries the token after '#', which a browser never sends
  assert.equal(new URL(b.url).hash, `#token=${b.token}`);
  tokens.set(port, b.token);
  return { port, host, url: b.url, token: b.token };
}

const tokens = new Map<number, string>();

/** An API call as the page makes it: with this start's token, unless `headers` say otherwise. */
const post = (port: number, method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(port, { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: tokens.get(port)!, ...headers }, body: JSON.stringify(input) });

describe('loopback bridge', () => {
  it('POST /api/roster.list returns the envelope', async (t) => {
    const { port } = await bridge(t);
    const created = await post(port, 'roster.create', { values: { name: '张三', phone: '13800138000' } });
    assert.equal(created.status, 200);
    assert.equal(JSON.parse(created.body).ok, true);
    const r = await post(port, 'roster.list', {}, { origin: `http://127.0.0.1:${port}` });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /application\/json/);
    const env = JSON.parse(r.body) as { ok: boolean; value: { name: string; phone: string }[] };
    assert.equal(env.ok, true);
    assert.deepEqual(env.value.map((p) => [p.name, p.phone]), [['张三', '13800138000']]);
  });

  it('errors travel as envelopes too (validation, unknown method, bad JSON)', async (t) => {
    const { port } = await bridge(t);
    const v = JSON.parse((await post(port, 'units.create', { name: 1 })).body);
    assert.equal(v.error.code, 'VALIDATION');
    const u = JSON.parse((await post(port, 'nope.nothing', {})).body);
    assert.equal(u.error.code, 'UNKNOWN_METHOD');
    const bad = await post(port, 'roster.list', undefined, {});
    assert.equal(bad.status, 200, 'no body is an empty input');
    const broken = await request(port, { method: 'POST', path: '/api/roster.list', headers: { [BRIDGE_TOKEN_HEADER]: tokens.get(port)! }, body: '{not json' });
    assert.equal(broken.status, 400);
    assert.equal(JSON.parse(broken.body).error.code, 'VALIDATION');
  });

  it('only POST reaches the API', async (t) => {
    const { port } = await bridge(t);
    assert.equal((await request(port, { path: '/api/roster.list' })).status, 405);
  });

  it('an API call without this start\'s token gets 403 in Chinese and does not run', async (t) => {
    const { port, host, token } = await bridge(t);
    const origin = `http://127.0.0.1:${port}`;
    for (const headers of [{ [BRIDGE_TOKEN_HEADER]: '' }, { [BRIDGE_TOKEN_HEADER]: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') }, { [BRIDGE_TOKEN_HEADER]: token + 'x' }]) {
      const r = await post(port, 'units.create', { name: '外来', kind: 'department' }, { origin, ...headers });
      assert.equal(r.status, 403);
      const env = JSON.parse(r.body);
      assert.equal(env.ok, false);
      assert.match(env.error.message, /访问令牌/);
    }
    // no header at all (a local process that only knows the port)
    const bare = await request(port, { method: 'POST', path: '/api/units.create', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '外来', kind: 'department' }) });
    assert.equal(bare.status, 403);
    assert.equal(host.current.units.list().length, 0);
    // the token in the query string or a cookie is not accepted either: only the header
    const query = await request(port, { method: 'POST', path: `/api/units.list?token=${token}`, body: '{}' });
    assert.equal(query.status, 403);
    assert.equal((await post(port, 'units.list', {})).status, 200, 'with the token it answers');
  });

  it('each start has its own random token', async (t) => {
    const a = await bridge(t);
    const b = await bridge(t);
    assert.notEqual(a.token, b.token);
    assert.ok(a.token.length >= 40, 'at least 256 random bits');
    assert.equal((await post(b.port, 'units.list', {}, { [BRIDGE_TOKEN_HEADER]: a.token })).status, 403, "one bridge's token does not open another");
  });

  it('a foreign Origin gets 403 and the call does not run', async (t) => {
    const { port, host } = await bridge(t);
    const r = await post(port, 'units.create', { name: '外来', kind: 'department' }, { origin: 'http://evil.example' });
    assert.equal(r.status, 403);
    const r2 = await post(port, 'roster.list', {}, { origin: `http://127.0.0.1:${port + 1}` });
    assert.equal(r2.status, 403);
    const r3 = await post(port, 'units.create', { name: '沙箱', kind: 'department' }, { origin: 'null' }); // sandboxed iframe, file://
    assert.equal(r3.status, 403);
    assert.equal(host.current.units.list().length, 0);
  });

  it('a foreign Host (DNS rebinding) gets 403, for the API and for static files', async (t) => {
    const { port } = await bridge(t);
    assert.equal((await post(port, 'roster.list', {}, { host: `evil.example:${port}` })).status, 403);
    assert.equal((await request(port, { path: '/', headers: { host: 'evil.example' } })).status, 403);
    assert.equal((await request(port, { path: '/', headers: { host: `localhost:${port}` } })).status, 200, 'localhost is fine');
  });

  it('serves index.html at / with the content-security-policy header', async (t) => {
    const { port } = await bridge(t);
    const r = await request(port, { path: '/' });
    assert.equal(r.status, 200);
    assert.match(r.body, /台账督办助手/);
    assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(String(r.headers['content-security-policy']), /script-src[^;]*unsafe-inline/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const js = await request(port, { path: '/assets/app.js' });
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  });

  it('path traversal out of the static folder gets 404', async (t) => {
    const { port } = await bridge(t);
    for (const p of [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%2frenderer-evil%2fx.txt',
      '/%2fetc%2fpasswd',
      '/assets',
      '/missing.html',
    ]) {
      const r = await request(port, { path: p });
      assert.equal(r.status, 404, p);
      assert.doesNotMatch(r.body, /not for the browser|sibling folder/, p);
    }
  });

  // A page elsewhere (an <img src="http://127.0.0.1:5174/%E0">) passes the Host/Origin check.
  it('a malformed percent-escape is answered (not a crash of the bridge)', async (t) => {
    const { port } = await bridge(t);
    const r = await request(port, { path: '/%E0%A4%A' });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    const api = await request(port, { method: 'POST', path: '/api/roster.%zz', body: '{}' });
    assert.ok(api.status >= 400 || JSON.parse(api.body).ok === false);
    // still serving
    assert.equal((await request(port, { path: '/' })).status, 200);
  });
});
