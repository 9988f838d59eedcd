import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodTree, type PreloadApi } from '../shared/contract/client';
import { HOST_CHANNELS, type HostBridge, type MenuCommand } from '../shared/host-bridge';

// The page gets one function per contract method — never ipcRenderer itself, and never the
// IPC event object (it carries `sender`).
const api: PreloadApi = methodTree((method) => (input: unknown) => ipcRenderer.invoke(`api:${method}`, input));

const host: HostBridge = {
  pickDataFile: (mode) => ipcRenderer.invoke(HOST_CHANNELS.pickDataFile, mode),
  pickSavePath: (defaultName, filterName, extensions) => ipcRenderer.invoke(HOST_CHANNELS.pickSavePath, defaultName, filterName, extensions),
  pickOpenPaths: (options) => ipcRenderer.invoke(HOST_CHANNELS.pickOpenPaths, options),
  openAttachment: (id) => ipcRenderer.invoke(HOST_CHANNELS.openAttachment, id),
  revealAttachment: (id) => ipcRenderer.invoke(HOST_CHANNELS.revealAttachment, id),
  printToPdf: (defaultName) => ipcRenderer.invoke(HOST_CHANNELS.printToPdf, defaultName),
  onMenuCommand(listener) {
    const wrapped = (_e: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(HOST_CHANNELS.menuCommand, wrapped);
    return () => {
      ipcRenderer.removeListener(HOST_CHANNELS.menuCommand, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('ledgerdesk', api);
contextBridge.exposeInMainWorld('ledgerdeskHost', host);
