import type { MenuItemConstructorOptions, WebPreferences } from 'electron';
import type { MenuCommand } from '../shared/host-bridge';

// What the shell allows, as plain data (no Electron at run time), so that tests under Node can
// read the same policy the app applies. main.ts, menu.ts and security.ts only apply it.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ledgerdesk`;

/** Whether this is a development build: `npm start` runs unpackaged; installers are packaged. */
export interface ShellMode {
  /** DevTools (the menu item, the shortcut, devtools:// pages) exist only in development builds */
  devTools: boolean;
}

export const shellMode = (packaged: boolean): ShellMode => ({ devTools: !packaged });

/** Only our own pages and inline data may be loaded (and devtools:// in development); no network at all. */
export function isAllowedUrl(url: string, mode: ShellMode): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('blob:') || (mode.devTools && url.startsWith('devtools://'));
}

/** The window's web preferences: an isolated, sandboxed page without Node, and DevTools off in installed builds. */
export function webPreferencesFor(preload: string, mode: ShellMode): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: false,
    devTools: mode.devTools,
  };
}

/**
 * The Chinese application menu. Undo/redo and find go to the page: the grid keeps its own
 * undo stack, so the accelerators are shown but not registered (the page sees the keys).
 */
export function menuTemplate(
  actions: { pickDataFile(mode: 'open' | 'new'): void; about(): void; send(command: MenuCommand): void },
  mode: ShellMode,
): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => actions.send(command);
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打开数据文件…', accelerator: 'CmdOrCtrl+O', click: () => actions.pickDataFile('open') },
        { label: '新建数据文件…', click: () => actions.pickDataFile('new') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send('undo') },
        { label: '重做', accelerator: 'CmdOrCtrl+Y', registerAccelerator: false, click: send('redo') },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        { label: '查找', accelerator: 'CmdOrCtrl+F', registerAccelerator: false, click: send('find') },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(mode.devTools ? [{ label: '开发者工具', role: 'toggleDevTools' } as const] : []),
      ],
    },
    { label: '帮助(&H)', submenu: [{ label: '关于台账督办助手', click: actions.about }] },
  ];
}
