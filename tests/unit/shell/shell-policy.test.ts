import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { isAllowedUrl, menuTemplate, shellMode, webPreferencesFor } from '../../../electron/shell-policy';

/** Every item of the menu, submenus included. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

const noop = { pickDataFile() {}, about() {}, send() {} };

describe('the shell: DevTools only in development builds', () => {
  it('an installed (packaged) build has no DevTools menu item, no DevTools in its window, no devtools:// pages', () => {
    const installed = shellMode(true);
    const menu = items(menuTemplate(noop, installed));
    assert.ok(menu.some((i) => i.label === '重新载入'), 'the 视图 menu is there');
    assert.equal(menu.filter((i) => i.role === 'toggleDevTools' || i.label === '开发者工具').length, 0);
    assert.equal(webPreferencesFor('/p/preload.js', installed).devTools, false);
    assert.equal(isAllowedUrl('devtools://devtools/bundled/inspector.html', installed), false);
    assert.equal(isAllowedUrl('app://ledgerdesk/index.html', installed), true);
  });

  it('a development build (npm start) keeps them', () => {
    const dev = shellMode(false);
    assert.equal(items(menuTemplate(noop, dev)).filter((i) => i.role === 'toggleDevTools').length, 1);
    assert.equal(webPreferencesFor('/p/preload.js', dev).devTools, true);
    assert.equal(isAllowedUrl('devtools://devtools/bundled/inspector.html', dev), true);
  });

  it('the window is isolated and sandboxed in either build, and nothing from the network loads', () => {
    for (const mode of [shellMode(true), shellMode(false)]) {
      const p = webPreferencesFor('/p/preload.js', mode);
      assert.deepEqual([p.contextIsolation, p.sandbox, p.nodeIntegration, p.webviewTag], [true, true, false, false]);
      for (const url of ['https://example.com/', 'http://127.0.0.1:5174/', 'file:///etc/passwd', 'app://other/index.html']) assert.equal(isAllowedUrl(url, mode), false, url);
    }
  });
});
