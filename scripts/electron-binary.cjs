// Whether the Electron binary is on this machine, found WITHOUT `require('electron')`:
// electron's own index.js downloads the binary when it is missing (and fails slowly, in
// English, on a machine without network), so nothing may require it before we know the
// binary is there. This follows index.js's own lookup: `path.txt` names the executable inside
// `dist/`, or inside $ELECTRON_OVERRIDE_DIST_PATH when that is set.
// Used by `npm start` (scripts/start.mjs) and by the Electron end-to-end test.
const fs = require('node:fs');
const path = require('node:path');

/** The folder of the installed `electron` package, or null. */
function electronPackageDir(fromDir = __dirname) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [fromDir] }));
  } catch {
    return null;
  }
}

function findElectronBinary(pkgDir = electronPackageDir(), env = process.env) {
  if (!pkgDir || !fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return { present: false, reason: 'the electron package is not installed in node_modules', reasonZh: 'node_modules 中没有安装 electron 包' };
  }
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(pkgDir, 'path.txt');
  const named = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, named || 'electron');
    return fs.existsSync(executable)
      ? { present: true, executable, version }
      : {
          present: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist`,
          reasonZh: `环境变量 ELECTRON_OVERRIDE_DIST_PATH 指向的 ${executable} 不存在`,
        };
  }
  if (!named) {
    const why = env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1' : 'its download did not run or failed';
    return {
      present: false,
      reason: `electron ${version} has no node_modules/electron/path.txt — the binary was never downloaded (${why})`,
      reasonZh: `electron ${version} 的程序文件还没有下载${env.ELECTRON_SKIP_BINARY_DOWNLOAD ? '（设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1）' : '（下载没有进行或失败了）'}`,
    };
  }
  const executable = path.join(pkgDir, 'dist', named);
  if (!fs.existsSync(executable)) {
    return {
      present: false,
      reason: `node_modules/electron/path.txt names dist/${named}, which does not exist`,
      reasonZh: `node_modules/electron/dist/${named} 不存在（下载不完整）`,
    };
  }
  return { present: true, executable, version };
}

module.exports = { electronPackageDir, findElectronBinary };
