// After `npm install`: fetch the Electron binary, which electron 45 no longer downloads at
// install time (it has no install script; it would download on first use, in the middle of
// `npm start`). ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips it (CI and machines without network);
// a failed download does not fail the install — the rest of the project (tests, CLI,
// `npm run dev:browser`) works without Electron, and `npm start` says how to get it later.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import electronBinary from './electron-binary.cjs';

const skip = ['1', 'true'].includes(String(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '').toLowerCase());
const pkgDir = electronBinary.electronPackageDir();
if (!skip && pkgDir && !electronBinary.findElectronBinary(pkgDir).present) {
  console.error('[postinstall] 正在下载 Electron 程序文件（约 100 MB）…');
  const r = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { encoding: 'utf8' });
  if (r.status !== 0) {
    const why = `${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
    console.error(`[postinstall] 没能下载 Electron（${why.trim()}）：测试、命令行和 npm run dev:browser 照常可用；联网后运行 npx install-electron，再 npm start。`);
  }
}
