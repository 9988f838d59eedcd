import path from 'node:path';
import { BackendHost } from '../backend/host';
import { DEFAULT_DB_FILE, dbPathFromArgs, defaultDataDir } from '../data-location';
import { startBridgeServer, type Bridge } from './bridge-server';

/** The port `npm run dev:browser` prefers, so a bookmark keeps working; any free one otherwise. */
const PREFERRED_PORT = 5174;

/**
 * `npm run dev:browser`: the app in a browser tab, on the same default data file. The port is
 * taken first and the data file opened only after that, so a port in use creates nothing.
 *   --port=N   this port or nothing (said in Chinese when it is taken); default 5174, else any free
 *   --db 路径  another data file
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dbPath = dbPathFromArgs(argv) ?? path.join(defaultDataDir(), DEFAULT_DB_FILE);
  const portArg = argv.find((a) => a.startsWith('--port='))?.slice(7);
  const port = portArg === undefined ? undefined : Number(portArg);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    fail(`端口“${portArg}”不对：请写 1 到 65535 之间的整数，例如 npm run dev:browser -- --port=5180`);
  }
  let host: BackendHost | null = null;
  const listen = (p: number) =>
    startBridgeServer({
      // requests reach the backend only once the data file is open (just below)
      dispatch: (method, input) => host!.dispatch(method, input),
      staticDir: path.join(__dirname, '..', 'renderer'),
      port: p,
    });
  let bridge: Bridge;
  try {
    bridge = await listen(port ?? PREFERRED_PORT);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (port !== undefined) {
      fail(`端口 ${port} 已被占用（也许另一个“npm run dev:browser”正在运行）。请先关闭它，或换一个端口：npm run dev:browser -- --port=其他端口号`);
    }
    bridge = await listen(0);
    process.stderr.write(`端口 ${PREFERRED_PORT} 已被占用，改用空闲端口。
`);
  }
  const opened = new BackendHost(dbPath);
  host = opened;
  const backup = async () => {
    const { problems } = await opened.current.backup.automatic();
    problems.forEach((p) => process.stderr.write(`${p}
`));
  };
  // an encrypted file is opened by its password on the lock screen; its backup is taken then
  if (opened.sealed) {
    const stopWatching = opened.onSwitch(() => {
      if (opened.sealed) return;
      stopWatching();
      void backup();
    });
  } else await backup();
  const stop = () => {
    void bridge.close().then(() => {
      host?.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // the last line: whoever waits for it may stop us at once
  process.stderr.write(`台账督办助手（浏览器模式）\n数据文件：${dbPath}\n请在浏览器中打开（地址含本次启动的访问令牌，每次启动都不同，请勿告诉他人）：\n${bridge.url}\n按 Ctrl+C 退出。\n`);
}

function fail(message: string): never {
  process.stderr.write(`无法启动：${message}\n`);
  process.exit(2);
}

main().catch((err) => {
  process.stderr.write(`无法启动：${(err as Error).message}\n`);
  process.exit(2);
});
