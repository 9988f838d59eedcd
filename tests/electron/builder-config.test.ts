import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { LangConfigurator } from 'app-builder-lib/out/targets/nsis/nsisLang';

/**
 * `npm run dist` cannot run here (no Electron binary to download), so electron-builder.yml is
 * checked the way electron-builder itself would: loaded by its own loader and validated against
 * its own schema (node_modules/app-builder-lib/scheme.json) — then the office's requirements:
 * a per-user Chinese NSIS installer that needs no administrator, AppImage + deb, native modules
 * outside the asar, and the icons.
 */
const REPO = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { productName: string; main: string };
const noDebugLog = { isEnabled: false, data: new Map(), add() {}, save: async () => {} };

/** `files` as written, whatever shape the loader normalised it to. */
function filePatterns(config: Configuration): string[] {
  const raw = ([] as unknown[]).concat(config.files ?? []);
  return raw.flatMap((f) => (typeof f === 'string' ? [f] : ([] as string[]).concat((f as { filter?: string | string[] }).filter ?? [])));
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('ascii'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function icoSizes(file: string): number[] {
  const b = fs.readFileSync(file);
  assert.equal(b.readUInt16LE(2), 1, `${file} is not an icon file`);
  return Array.from({ length: b.readUInt16LE(4) }, (_, k) => b[6 + 16 * k] || 256);
}

describe('electron-builder.yml', async () => {
  const config = await getConfig(REPO, path.join(REPO, 'electron-builder.yml'), null);

  it("passes electron-builder's own schema validation", async () => {
    await validateConfiguration(config, noDebugLog as never);
  });

  it('is checked for real: a misspelt option is refused by the same validation', async () => {
    await assert.rejects(validateConfiguration({ ...config, nsis: { ...config.nsis, oneclick: false } as never }, noDebugLog as never), /configuration\.nsis/);
  });

  it('names the product and writes installers to release/, not over the built app in dist/', () => {
    assert.equal(config.appId, 'cn.ledgerdesk.app');
    assert.equal(config.productName, '台账督办助手');
    assert.equal(config.productName, pkg.productName);
    assert.equal(config.directories?.output, 'release');
    assert.equal(config.directories?.buildResources, 'resources');
  });

  it('packs the built app and its package.json, and no sources, tests or benchmarks', () => {
    const files = filePatterns(config);
    assert.ok(files.includes('package.json'));
    assert.ok(files.includes('dist/electron/**/*') && files.includes('dist/renderer/**/*'), JSON.stringify(files));
    assert.ok(pkg.main.startsWith('dist/electron/'), `package.json main ${pkg.main} is not inside dist/electron`);
    const included = files.filter((f) => !f.startsWith('!'));
    for (const dir of ['electron/', 'renderer/src', 'shared/', 'tests/', 'bench/', 'scripts/']) {
      assert.ok(!included.some((f) => f.startsWith(dir) || f === '**/*'), `${dir} would be packed`);
    }
  });

  it('rebuilds better-sqlite3 for Electron and keeps it, and the import worker, outside the asar', () => {
    assert.equal(config.npmRebuild, true);
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    assert.ok(unpack.includes('**/node_modules/better-sqlite3/**'), JSON.stringify(unpack));
    assert.ok(unpack.includes('**/*.node'), JSON.stringify(unpack));
    // A worker thread cannot start from a script inside app.asar.
    assert.ok(unpack.includes('dist/electron/import-worker.js'), JSON.stringify(unpack));
  });

  it('builds a per-user NSIS installer in Chinese that needs no administrator', () => {
    const nsis = config.nsis!;
    assert.equal(nsis.oneClick, false);
    assert.equal(nsis.perMachine, false);
    assert.equal(nsis.allowElevation, false);
    assert.equal(nsis.allowToChangeInstallationDirectory, true);
    assert.deepEqual(nsis.installerLanguages, ['zh_CN']);
    assert.equal(nsis.language, '2052');
    // The languages the installer is really built with, as electron-builder computes them
    // (e.g. `multiLanguageInstaller: false` would silently make it English).
    assert.deepEqual(new LangConfigurator(nsis).langs, ['zh_CN']);
    assert.equal(nsis.createDesktopShortcut, true);
    assert.equal(nsis.shortcutName, '台账督办助手');
    assert.equal(config.win?.requestedExecutionLevel, 'asInvoker');
    const targets = ([] as unknown[]).concat(config.win?.target ?? []).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
    assert.deepEqual(targets, ['nsis']);
  });

  it('builds AppImage and deb for Linux, in the Office menu', () => {
    const targets = ([] as unknown[]).concat(config.linux?.target ?? []).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
    assert.deepEqual(targets, ['AppImage', 'deb']);
    assert.equal(config.linux?.category, 'Office');
    assert.ok(config.linux?.maintainer, 'deb needs a maintainer');
  });

  it('flips the Electron fuses that make the installed program hard to misuse', () => {
    // electronFuses as electron-builder loaded it: it writes exactly these into the binary
    const fuses = config.electronFuses as Record<string, boolean> | null | undefined;
    assert.ok(fuses, 'electronFuses is missing: the binary would keep run-as-Node, NODE_OPTIONS and --inspect');
    const expected: Record<string, boolean> = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    };
    for (const [fuse, value] of Object.entries(expected)) assert.equal(fuses[fuse], value, `fuse ${fuse}`);
    // asar integrity needs the app packed as an asar
    assert.equal(config.asar, true);
  });

  it('points at icons that exist: a 512×512 PNG and an .ico up to 256×256', () => {
    const resources = path.join(REPO, config.directories!.buildResources!);
    assert.deepEqual(pngSize(path.join(REPO, config.linux!.icon!)), { width: 512, height: 512 });
    const sizes = icoSizes(path.join(REPO, config.win!.icon!));
    for (const s of [16, 32, 48, 256]) assert.ok(sizes.includes(s), `icon.ico lacks ${s}×${s}: ${sizes.join(', ')}`);
    for (const icon of [config.nsis!.installerIcon!, config.nsis!.uninstallerIcon!]) assert.ok(fs.existsSync(path.join(resources, icon)), `${icon} missing in ${resources}`);
  });
});

describe('resources/icon.*', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-icon-'));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('are what scripts/make-icon.mjs draws (edit the script, then run it)', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/make-icon.mjs'), out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['icon.png', 'icon.ico']) {
      assert.ok(fs.readFileSync(path.join(out, name)).equals(fs.readFileSync(path.join(REPO, 'resources', name))), `resources/${name} differs from what the script draws`);
    }
  });
});
