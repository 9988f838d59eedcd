import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether the Electron binary is on this machine, found WITHOUT `require('electron')`:
 * electron's own index.js downloads the binary when it is missing (and fails slowly on a
 * machine without network), so it must only be required once we know the binary is there.
 * This follows index.js's own lookup: `path.txt` names the executable inside `dist/`, or
 * inside $ELECTRON_OVERRIDE_DIST_PATH when that is set.
 */
export type ElectronBinary = { present: true; executable: string; version: string } | { present: false; reason: string };

/** The folder of the installed `electron` package, or null. */
export function electronPackageDir(fromDir: string = __dirname): string | null {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [fromDir] }));
  } catch {
    return null;
  }
}

export function findElectronBinary(pkgDir: string | null = electronPackageDir(), env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  if (!pkgDir || !fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return { present: false, reason: 'the electron package is not installed in node_modules' };
  }
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const pathFile = path.join(pkgDir, 'path.txt');
  const named = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, named || 'electron');
    return fs.existsSync(executable)
      ? { present: true, executable, version }
      : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }
  if (!named) {
    const why = env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1' : 'its download did not run or failed';
    return { present: false, reason: `electron ${version} has no node_modules/electron/path.txt — the binary was never downloaded (${why})` };
  }
  const executable = path.join(pkgDir, 'dist', named);
  if (!fs.existsSync(executable)) {
    return { present: false, reason: `node_modules/electron/path.txt names dist/${named}, which does not exist` };
  }
  return { present: true, executable, version };
}
