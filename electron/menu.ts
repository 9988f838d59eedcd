import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/host-bridge';
import { HOST_CHANNELS } from '../shared/host-bridge';

/**
 * The Chinese application menu. Undo/redo and find go to the page: the grid keeps its own
 * undo stack, so the accelerators are shown but not registered (the page sees the keys).
 */
export function installMenu(getWindow: () => BrowserWindow | null, actions: { pickDataFile(mode: 'open' | 'new'): void; about(): void }): void {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(HOST_CHANNELS.menuCommand, command);
  const template: MenuItemConstructorOptions[] = [
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
        { label: '开发者工具', role: 'toggleDevTools' },
      ],
    },
    { label: '帮助(&H)', submenu: [{ label: '关于台账督办助手', click: actions.about }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
