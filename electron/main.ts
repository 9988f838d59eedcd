import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { METHOD_NAMES } from '../shared/contract/client';
import { HOST_CHANNELS } from '../shared/host-bridge';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_INCHES } from '../shared/print-pdf';
import { ApiError } from '../shared/contract/define';
import { BackendHost } from './backend/host';
import { toErrorEnvelope } from './backend/dispatch';
import { DEFAULT_DB_FILE, PRODUCT_NAME, dbPathFromArgs } from './data-location';
import { APP_ORIGIN, hardenSessions, isTrustedSender } from './security';
import { shellMode, webPreferencesFor } from './shell-policy';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { installMenu } from './menu';
import { loadWindowState, trackWindowState } from './window-state';
import { newestGoodBackup, recoverFromNewestBackup } from './backend/backup/recover';
import { refreshLevelsAndNotify } from './level-reminder';
import { writeBytesFile } from './backend/export/atomic-file';

// The shell only wires things together: windows, dialogs, menus, security. Everything the
// user does goes through the contract to the services (electron/backend), as in tests.

app.setName(PRODUCT_NAME);
registerAppScheme();

/** In development node_modules holds better-sqlite3 built for Node (tests); ours is in .native/. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined; // electron-builder rebuilt it for Electron
  const root = path.join(__dirname, '..', '..');
  const file = path.join(root, '.native', `electron-${process.versions.electron}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

let host: BackendHost | null = null;
let win: BrowserWindow | null = null;

function titleFor(dbPath: string): string {
  return `${PRODUCT_NAME} — ${dbPath}`;
}

async function openHost(dbPath: string): Promise<BackendHost | null> {
  for (;;) {
    try {
      return new BackendHost(dbPath, { nativeBinding: nativeBinding() });
    } catch (err) {
      const message = err instanceof ApiError ? err.message : toErrorEnvelope(err).ok ? '' : String((err as Error).message);
      const corrupt = err instanceof ApiError && err.code === 'DB_CORRUPT';
      const backup = corrupt ? newestGoodBackup(dbPath, nativeBinding()) : null;
      const buttons = ['打开其他数据文件…', '新建数据文件…', '退出', ...(backup ? ['从最新备份恢复'] : [])];
      const choice = await dialog.showMessageBox({
        type: 'error',
        title: PRODUCT_NAME,
        message: '无法打开数据文件',
        detail: `${dbPath}\n\n${message}${backup ? `\n\n找到可用的备份：${backup}\n恢复时损坏的文件会改名保留，不会删除。` : ''}`,
        buttons,
        defaultId: backup ? 3 : 0,
        cancelId: 2,
      });
      if (choice.response === 3) {
        recoverFromNewestBackup(dbPath, nativeBinding());
        continue;
      }
      if (choice.response === 2) return null;
      const picked = await chooseFile(choice.response === 0 ? 'open' : 'new');
      if (!picked) return null;
      dbPath = picked;
    }
  }
}

/** The native save dialog: the chosen path, or null if the user cancelled. */
async function askSavePath(options: Electron.SaveDialogOptions): Promise<string | null> {
  const r = await dialog.showSaveDialog(options);
  return r.canceled ? null : (r.filePath ?? null);
}

async function chooseFile(mode: 'open' | 'new'): Promise<string | null> {
  const filters = [{ name: '台账督办助手数据文件', extensions: ['db'] }];
  if (mode === 'open') {
    const r = await dialog.showOpenDialog({ title: '打开数据文件', properties: ['openFile'], filters });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  return askSavePath({ title: '新建数据文件', defaultPath: '新数据文件.db', filters });
}

async function pickDataFile(mode: 'open' | 'new') {
  if (!host) return null;
  const file = await chooseFile(mode);
  if (!file) return null;
  const env = await host.dispatch('app.openDataFile', { path: file, create: mode === 'new' });
  if (!env.ok) {
    await dialog.showMessageBox({ type: 'error', title: PRODUCT_NAME, message: '无法打开数据文件', detail: env.error.message });
    return null;
  }
  win?.webContents.reload();
  return env.value;
}

function registerIpc(h: BackendHost): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`api:${method}`, (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问' } };
      return h.dispatch(method, input);
    });
  }
  ipcMain.handle(HOST_CHANNELS.pickDataFile, (event, mode: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || (mode !== 'open' && mode !== 'new')) return null;
    return pickDataFile(mode);
  });
  ipcMain.handle(HOST_CHANNELS.pickSavePath, async (event, defaultName: unknown, filterName: unknown, extensions: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || typeof defaultName !== 'string' || typeof filterName !== 'string' || !Array.isArray(extensions)) return null;
    return askSavePath({ defaultPath: defaultName, filters: [{ name: filterName, extensions: extensions.map(String) }] });
  });
  ipcMain.handle(HOST_CHANNELS.pickOpenPaths, async (event, options: unknown) => {
    const o = (options ?? {}) as { title?: unknown; multiple?: unknown; filters?: unknown };
    if (!isTrustedSender(event.senderFrame?.url) || typeof o.title !== 'string') return [];
    const filters = Array.isArray(o.filters)
      ? (o.filters as { name?: unknown; extensions?: unknown }[]).map((f) => ({ name: String(f.name), extensions: Array.isArray(f.extensions) ? f.extensions.map(String) : ['*'] }))
      : undefined;
    const r = await dialog.showOpenDialog({ title: o.title, properties: o.multiple === true ? ['openFile', 'multiSelections'] : ['openFile'], ...(filters ? { filters } : {}) });
    return r.canceled ? [] : r.filePaths;
  });
  // the page prints itself (its print CSS) into a file the user chose; written as exports are
  ipcMain.handle(HOST_CHANNELS.printToPdf, async (event, defaultName: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || typeof defaultName !== 'string') return { error: '拒绝访问' };
    const target = await askSavePath({ defaultPath: defaultName, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] });
    if (!target) return null;
    try {
      const pdf = await event.sender.printToPDF({
        pageSize: 'A4',
        printBackground: false,
        margins: PDF_MARGINS_INCHES,
        displayHeaderFooter: true,
        headerTemplate: PDF_HEADER_TEMPLATE,
        footerTemplate: PDF_FOOTER_TEMPLATE,
      });
      return { saved: await writeBytesFile(target, pdf) };
    } catch (err) {
      console.error('printToPDF failed', err);
      return { error: err instanceof ApiError ? err.message : '未能生成 PDF，请改用“打印”并选择打印到 PDF' };
    }
  });
  // the file is resolved from the attachment id by the backend: the page never names a path to open
  // only documents and images (by the stored file, not the shown name) are opened; anything else is
  // shown in its folder, never launched (attachment-service.ts openTarget)
  const attachmentAction = async (event: Electron.IpcMainInvokeEvent, id: unknown, wanted: 'open' | 'reveal') => {
    if (!isTrustedSender(event.senderFrame?.url) || !Number.isInteger(id) || (id as number) <= 0) return '拒绝访问';
    if (h.sealed || h.current.lock.isLocked()) return '程序已锁定，请先解锁';
    try {
      const target = h.current.attachments.openTarget(id as number);
      if (wanted === 'reveal' || target.action === 'reveal') {
        shell.showItemInFolder(target.file);
        return wanted === 'reveal' ? null : target.reason;
      }
      const problem = await shell.openPath(target.file);
      return problem ? `无法打开附件：${problem}` : null;
    } catch (err) {
      return err instanceof ApiError ? err.message : '无法打开附件';
    }
  };
  ipcMain.handle(HOST_CHANNELS.openAttachment, (event, id: unknown) => attachmentAction(event, id, 'open'));
  ipcMain.handle(HOST_CHANNELS.revealAttachment, (event, id: unknown) => attachmentAction(event, id, 'reveal'));
}

async function automaticBackup(h: BackendHost): Promise<void> {
  try {
    const { problems } = await h.current.backup.automatic();
    if (problems.length > 0) void dialog.showMessageBox({ type: 'warning', title: PRODUCT_NAME, message: '自动备份未全部完成', detail: problems.join('\n') });
  } catch (err) {
    void dialog.showMessageBox({ type: 'warning', title: PRODUCT_NAME, message: '自动备份失败', detail: String((err as Error).message) });
  }
}

async function createWindow(h: BackendHost): Promise<void> {
  const state = loadWindowState(app.getPath('userData'));
  win = new BrowserWindow({
    ...(state.known ? state.bounds : { width: state.bounds.width, height: state.bounds.height }),
    minWidth: 960,
    minHeight: 600,
    title: titleFor(h.dbPath),
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: webPreferencesFor(path.join(__dirname, 'preload.js'), shellMode(app.isPackaged)),
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, state.file);
  // The title names the open data file, whatever the page sets.
  win.on('page-title-updated', (e) => e.preventDefault());
  h.onSwitch((dbPath) => win?.setTitle(titleFor(dbPath)));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  await app.whenReady();
  hardenSessions(shellMode(app.isPackaged));
  serveRenderer(path.join(__dirname, '..', 'renderer'));
  const dbPath = dbPathFromArgs(process.argv) ?? path.join(app.getPath('userData'), DEFAULT_DB_FILE);
  host = await openHost(dbPath);
  if (!host) {
    app.quit();
    return;
  }
  // supervision levels rise with the calendar: log each rise at start and every hour, and tell the user
  const focusWindow = () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  };
  const hourly = () => {
    if (!host || host.sealed) return;
    void automaticBackup(host);
    try {
      refreshLevelsAndNotify(host, focusWindow);
    } catch (err) {
      console.error('refreshLevels', err);
    }
  };
  // A consistent copy before anything is written this session, then once a day while open.
  // An encrypted file is opened by its password on the lock screen: the same happens then.
  const opened = (h: BackendHost) => {
    if (h.sealed) return;
    void automaticBackup(h).then(() => {
      try {
        refreshLevelsAndNotify(h, focusWindow);
      } catch (err) {
        console.error('refreshLevels', err);
      }
    });
  };
  if (!host.sealed) {
    await automaticBackup(host);
    refreshLevelsAndNotify(host, focusWindow);
  }
  const h0 = host;
  let wasSealed = host.sealed;
  host.onSwitch(() => {
    if (wasSealed && !h0.sealed) opened(h0); // unlocked at last
    wasSealed = h0.sealed;
  });
  setInterval(hourly, 60 * 60 * 1000);
  registerIpc(host);
  installMenu(() => win, {
    pickDataFile: (mode) => void pickDataFile(mode),
    about: () =>
      void dialog.showMessageBox({ type: 'info', title: PRODUCT_NAME, message: `${PRODUCT_NAME} ${app.getVersion()}`, detail: `数据文件：${host?.dbPath ?? ''}` }),
  }, shellMode(app.isPackaged));
  await createWindow(host);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => host?.close());
}

void start();
