import { api, host } from '../api';

/** A File (from a file input or a drop) as base64, for the backend to read. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Hands a chosen file to the backend (the same way in Electron and in a browser tab). */
export async function stageFile(file: File): Promise<{ path: string; name: string }> {
  return api.imports.stageFile({ name: file.name, dataBase64: await fileToBase64(file) });
}

/** Browser mode: save by download; the desktop app uses the native save dialog instead. */
export function downloadBase64(fileName: string, dataBase64: string, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Asks where to save an .xlsx in the desktop app; null in a browser (it downloads instead). */
export async function askSavePath(defaultName: string): Promise<string | null | undefined> {
  if (!host) return undefined;
  return host.pickSavePath(defaultName, 'Excel 工作簿', ['xlsx']);
}
