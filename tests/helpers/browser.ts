import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BackendHost } from '../../electron/backend/host';
import { fixedClock, type Clock } from '../../electron/backend/clock';
import { startBridgeServer, type Bridge } from '../../electron/bridge/bridge-server';
import type { MenuCommand } from '../../shared/host-bridge';

export const REPO = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, with the flags that keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export interface AppUnderTest {
  dir: string;
  dbPath: string;
  host: BackendHost;
  bridge: Bridge;
  page: Page;
  close(): Promise<void>;
}

/**
 * The built renderer (dist/renderer) served by the real loopback bridge over a fresh
 * database in its own temp folder, opened in a new browser page.
 */
export interface OpenAppOptions {
  clock?: Clock;
  seed?: (host: BackendHost) => void;
  viewport?: { width: number; height: number };
  /**
   * Gives the page a stand-in of the desktop shell's host bridge whose menu the test chooses
   * from with `chooseMenu` (the native dialogs it offers answer "cancelled").
   */
  desktopMenu?: boolean;
}

/** Chooses a menu item of the stand-in desktop menu (openApp with `desktopMenu`). */
export const chooseMenu = (page: Page, command: MenuCommand) => page.evaluate((c) => (window as unknown as { chooseMenu(c: string): void }).chooseMenu(c), command);

export async function openApp(browser: Browser, opts: OpenAppOptions = {}): Promise<AppUnderTest> {
  const staticDir = path.join(REPO, 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'app.js'))) throw new Error('dist/renderer is missing: run `node scripts/build.mjs` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-e2e-'));
  const dbPath = path.join(dir, 'ledgerdesk.db');
  const host = new BackendHost(dbPath, { clock: opts.clock ?? fixedClock('2026-11-22T09:00:00+08:00'), actor: 'e2e' });
  opts.seed?.(host);
  const bridge = await startBridgeServer({ dispatch: host.dispatch, staticDir });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  if (opts.desktopMenu) {
    // a string, not a function: the test runner's transpiler adds helpers a page does not have
    await page.addInitScript(`{
      const listeners = new Set();
      window.chooseMenu = (c) => listeners.forEach((l) => l(c));
      window.ledgerdeskHost = {
        pickDataFile: async () => null,
        pickSavePath: async () => null,
        pickOpenPaths: async () => [],
        openAttachment: async () => null,
        revealAttachment: async () => null,
        printToPdf: async () => null,
        onMenuCommand(l) {
          listeners.add(l);
          return () => listeners.delete(l);
        },
      };
    }`);
  }
  await page.goto(bridge.url);
  return {
    dir,
    dbPath,
    host,
    bridge,
    page,
    async close() {
      await context.close();
      await bridge.close();
      host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An API call made by the page itself (what the untrusted renderer could do), with the loopback
 * bridge's token the page holds for its tab — for tests that check what the backend refuses.
 */
export function callApiFromPage(page: Page, method: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([m, i]) =>
      (await fetch(`api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledgerdesk-token': sessionStorage.getItem('ledgerdesk.bridgeToken') ?? '' },
        body: JSON.stringify(i),
      })).json(),
    [method, input] as const,
  );
}
