import { api, host } from '../api';
import { askSavePath, downloadBase64, stageFile } from '../common/files';
import type { ExportOutcome } from '../../../shared/contract/exports';

/** Files chosen in the page (button, folder or drop) handed to the backend, .xlsx only. */
export async function stageAll(files: readonly File[]): Promise<{ path: string; name: string }[]> {
  const out: { path: string; name: string }[] = [];
  for (const f of files) {
    if (!/\.xlsx$/i.test(f.name) || f.name.startsWith('~$')) continue;
    out.push(await stageFile(f));
  }
  return out;
}

/** The desktop app's open dialog (several files at once); null in a browser, which uses a file input. */
export async function pickReturnedFiles(): Promise<{ path: string; name: string }[] | null> {
  if (!host) return null;
  const paths = await host.pickOpenPaths({ title: '选择报回的填报表', multiple: true, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
  return paths.map((p) => ({ path: p, name: p.split(/[\\/]/).pop() ?? p }));
}

/**
 * Saves a file the backend writes: the native save dialog in the desktop app, a download in
 * the browser. Null when the user cancelled the dialog.
 */
export async function saveFile(defaultName: string, write: (path: string | undefined) => Promise<ExportOutcome>): Promise<ExportOutcome | null> {
  const target = await askSavePath(defaultName);
  if (target === null) return null;
  const r = await write(target ?? undefined);
  if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
  return r;
}

export { api };
