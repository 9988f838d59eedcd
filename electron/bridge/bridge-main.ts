import path from 'node:path';
import { BackendHost } from '../backend/host';
import { DEFAULT_DB_FILE, dbPathFromArgs, defaultDataDir } from '../data-location';
import { startBridgeServer } from './bridge-server';

/** `npm run dev:browser`: the app in a browser tab, on the same default data file. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dbPath = dbPathFromArgs(argv) ?? path.join(defaultDataDir(), DEFAULT_DB_FILE);
  const portArg = argv.find((a) => a.startsWith('--port='));
  const host = new BackendHost(dbPath);
  const backup = async () => {
    const { problems } = await host.current.backup.automatic();
    problems.forEach((p) => process.stderr.write(`${p}\n`));
  };
  // an encrypted file is opened by its password on the lock screen; its backup is taken then
  if (host.sealed) {
    const stop = host.onSwitch(() => {
      if (host.sealed) return;
      stop();
      void backup();
    });
  } else await backup();
  const bridge = await startBridgeServer({
    dispatch: host.dispatch,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: portArg ? Number(portArg.slice(7)) : 5174,
  });
  process.stderr.write(`台账督办助手（浏览器模式）\n数据文件：${dbPath}\n请在浏览器中打开（地址含本次启动的访问令牌，每次启动都不同，请勿告诉他人）：\n${bridge.url}\n按 Ctrl+C 退出。\n`);
  const stop = () => {
    void bridge.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`无法启动：${(err as Error).message}\n`);
  process.exit(2);
});
