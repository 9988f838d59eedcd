import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_PARAM, BRIDGE_TOKEN_REFUSED } from '../../shared/bridge-token';
import type { Dispatch } from '../backend/dispatch';
import { contentType } from '../content-types';

/**
 * The loopback bridge: the same typed API as Electron's IPC, over HTTP on 127.0.0.1, for the
 * browser end-to-end tests and `npm run dev:browser`. POST /api/<method> with the JSON input;
 * the answer is the same {ok, value} | {ok, error} envelope the IPC returns.
 *
 * Every API call must carry this start's random token (shared/bridge-token.ts) besides passing
 * the Host/Origin check: other local processes, and pages in other tabs, cannot call it. The
 * static files (the program's own code, as in the installer) are served without it.
 */
export interface BridgeOptions {
  dispatch: Dispatch;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  port?: number;
}

export interface Bridge {
  /** the address to open, with the token after `#` */
  url: string;
  /** this start's token (the page takes it from `url`) */
  token: string;
  close(): Promise<void>;
}


const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('请求过大'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Only pages served by this bridge may call it (a web page elsewhere must not reach the data). */
function sameOrigin(req: http.IncomingMessage, port: number): boolean {
  const hostOk = req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const origin = req.headers.origin;
  const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  return hostOk && originOk;
}

/** Constant-time comparison, so the answer's timing does not reveal how much of a guess was right. */
function tokenMatches(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startBridgeServer(opts: BridgeOptions): Promise<Bridge> {
  const root = path.resolve(opts.staticDir);
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // a malformed request (e.g. a bad %-escape) must never take the process down
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!sameOrigin(req, port)) {
      res.writeHead(403).end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      if (!tokenMatches(req.headers[BRIDGE_TOKEN_HEADER], token)) {
        req.resume(); // the body is not read, let alone run
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: BRIDGE_TOKEN_REFUSED } }));
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求格式错误' } }));
        return;
      }
      const env = await opts.dispatch(decodeURIComponent(url.pathname.slice(5)), input);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(env));
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': contentType(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/#${BRIDGE_TOKEN_PARAM}=${token}`,
        token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
