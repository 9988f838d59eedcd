// `npm start`: the desktop program. Looks for the Electron binary FIRST — before ~100 s of
// compiling — and, where it is missing, says in Chinese what is missing, how to get it, and
// that the browser build works now. Then builds, makes sure better-sqlite3 has a build for
// Electron's ABI (scripts/native.mjs) and starts Electron on the repository.
//   npm start [-- --db 路径]      arguments after -- go to the program
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import electronBinary from './electron-binary.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const found = electronBinary.findElectronBinary();

if (!found.present) {
  console.error(
    [
      '无法启动桌面程序：本机没有 Electron 程序文件。',
      `  原因：${found.reasonZh}。`,
      `  获取方法：在能访问 Electron 下载地址的电脑上，于本文件夹运行 npx install-electron（约 100 MB，放进`,
      '            node_modules/electron/dist；不设 ELECTRON_SKIP_BINARY_DOWNLOAD 时 npm install 也会下载它）；',
      '            或者把同版本的 Electron 解压到任一文件夹，再用环境变量 ELECTRON_OVERRIDE_DIST_PATH 指向该文件夹。',
      '  现在就能用：npm run dev:browser —— 在浏览器中使用同一个程序（同一套后台、同一个默认数据文件）。',
    ].join('\n'),
  );
  process.exit(1);
}

const step = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step([path.join(root, 'scripts', 'build.mjs')]);
step([path.join(root, 'scripts', 'native.mjs'), 'electron']);

const child = spawn(found.executable, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
