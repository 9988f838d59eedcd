import { Menu, type BrowserWindow } from 'electron';
import { HOST_CHANNELS } from '../shared/host-bridge';
import { menuTemplate, type ShellMode } from './shell-policy';

/** Installs the Chinese application menu (its items: shell-policy.ts). */
export function installMenu(getWindow: () => BrowserWindow | null, actions: { pickDataFile(mode: 'open' | 'new'): void; about(): void }, mode: ShellMode): void {
  const send = (command: Parameters<Parameters<typeof menuTemplate>[0]['send']>[0]) => getWindow()?.webContents.send(HOST_CHANNELS.menuCommand, command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ ...actions, send }, mode)));
}
