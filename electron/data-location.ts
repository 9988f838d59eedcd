import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = '台账督办助手';
export const DEFAULT_DB_FILE = 'ledgerdesk.db';

/**
 * Where the data file lives by default: Electron's userData folder for this product —
 * %APPDATA%\台账督办助手 on Windows, ~/.config/台账督办助手 on Linux,
 * ~/Library/Application Support/台账督办助手 on macOS. Computed here too so the CLI-side
 * bridge (dev:browser) opens the same file as the desktop app.
 */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

/** `--db PATH` (or `--db=PATH`) on the command line, else the LEDGERDESK_DB variable. */
export function dbPathFromArgs(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (a.startsWith('--db=')) return path.resolve(a.slice(5));
  }
  return process.env.LEDGERDESK_DB ? path.resolve(process.env.LEDGERDESK_DB) : null;
}
