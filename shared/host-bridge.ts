import type { AppInfo } from './contract/app';

/**
 * Desktop-only actions that need the native shell (file dialogs, menu commands). Exposed by
 * the preload as `window.ledgerdeskHost`; absent in the browser, where the UI offers a
 * typed path instead.
 */
export type MenuCommand = 'undo' | 'redo' | 'find' | 'open-data-file' | 'new-data-file';

export interface HostBridge {
  /** Shows the open/save dialog, switches to the chosen file; null if the user cancelled. */
  pickDataFile(mode: 'open' | 'new'): Promise<AppInfo | null>;
  /** The native save dialog; the chosen path, or null if cancelled. */
  pickSavePath(defaultName: string, filterName: string, extensions: string[]): Promise<string | null>;
  /** The native open dialog; the chosen files' paths, empty if cancelled. */
  pickOpenPaths(options: { title: string; multiple?: boolean; filters?: { name: string; extensions: string[] }[] }): Promise<string[]>;
  /**
   * Opens an attachment with the system viewer. The main process resolves the file from the
   * id through the backend: the page never names a path to open. Resolves to an error message, or null.
   */
  openAttachment(id: number): Promise<string | null>;
  /** Shows an attachment's stored file in the system's file manager (what is offered for files that are not documents or images). */
  revealAttachment(id: number): Promise<string | null>;
  /**
   * Prints the page as it prints (print CSS) to a PDF the user names in the save dialog.
   * null if cancelled, else the saved file or the reason it could not be saved (Chinese).
   */
  printToPdf(defaultName: string): Promise<{ saved: string } | { error: string } | null>;
  /** Menu items the page handles itself (its own undo stack, the search box). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const HOST_CHANNELS = {
  pickDataFile: 'host:pick-data-file',
  pickSavePath: 'host:pick-save-path',
  menuCommand: 'host:menu-command',
  pickOpenPaths: 'host:pick-open-paths',
  openAttachment: 'host:open-attachment',
  revealAttachment: 'host:reveal-attachment',
  printToPdf: 'host:print-to-pdf',
} as const;
