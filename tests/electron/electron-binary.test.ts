import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from '../helpers/electron-binary';

/**
 * The Electron end-to-end test decides to run or skip from this helper, so it must follow
 * electron's own lookup (node_modules/electron/index.js) without ever running it.
 */
describe('finding the Electron binary without downloading it', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-pkg-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function fakePackage(name: string, opts: { pathTxt?: string; binary?: string } = {}): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
    // index.js would download here: the helper must never load it.
    fs.writeFileSync(path.join(dir, 'index.js'), "throw new Error('index.js was loaded')");
    if (opts.pathTxt !== undefined) fs.writeFileSync(path.join(dir, 'path.txt'), opts.pathTxt);
    if (opts.binary) fs.writeFileSync(path.join(dir, 'dist', opts.binary), '');
    return dir;
  }

  it('reports no package', () => {
    const r = findElectronBinary(null, {});
    assert.equal(r.present, false);
    if (!r.present) assert.match(r.reason, /not installed/);
  });

  it('reports a package installed without its binary, and says why', () => {
    const r = findElectronBinary(fakePackage('skipped'), { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    assert.equal(r.present, false);
    if (!r.present) {
      assert.match(r.reason, /path\.txt/);
      assert.match(r.reason, /ELECTRON_SKIP_BINARY_DOWNLOAD=1/);
    }
  });

  it('reports a path.txt that names a missing executable', () => {
    const r = findElectronBinary(fakePackage('half', { pathTxt: 'electron' }), {});
    assert.equal(r.present, false);
    if (!r.present) assert.match(r.reason, /dist\/electron.*does not exist/);
  });

  it('finds dist/<path.txt>', () => {
    const dir = fakePackage('whole', { pathTxt: 'electron', binary: 'electron' });
    assert.deepEqual(findElectronBinary(dir, {}), { present: true, executable: path.join(dir, 'dist', 'electron'), version: '45.4.1' });
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH as index.js does', () => {
    const dir = fakePackage('override', { pathTxt: 'electron' });
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    assert.equal(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }).present, false);
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    assert.deepEqual(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }), { present: true, executable: path.join(elsewhere, 'electron'), version: '45.4.1' });
  });
});
