import { useState } from 'react';
import { exportFileName, type ExportOutcome } from '../../../shared/contract/exports';
import { ApiError } from '../../../shared/contract/define';
import { isoDate } from '../../../shared/validation/dates';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { askSavePath, downloadBase64 } from '../common/files';
import { newJobId, useJobProgress } from '../common/use-job';

/**
 * Runs one export: the native save dialog in the desktop app (a download in the browser),
 * then the export under a job id, so the dialog can show its progress and cancel it.
 * Resolves to null when the user cancelled the save dialog.
 */
export function useExportRun() {
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);
  const { notify } = useStatus();

  const run = async <T extends ExportOutcome>(fileName: string, call: (where: { path?: string; jobId: string }) => Promise<T>): Promise<T | null> => {
    const target = await askSavePath(fileName);
    if (target === null) return null;
    const id = newJobId();
    setJobId(id);
    try {
      const r = await call({ ...(target ? { path: target } : {}), jobId: id });
      if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
      return r;
    } finally {
      setJobId(null);
    }
  };

  /**
   * `run`, with what every export dialog does with the outcome: the exported file goes to
   * `onExported`; a cancelled job is told in the status bar; a failure comes back as the
   * message the dialog shows (null when there is none).
   */
  const runForDialog = async <T extends ExportOutcome>(fileName: string, call: (where: { path?: string; jobId: string }) => Promise<T>, onExported: (r: T) => void): Promise<string | null> => {
    try {
      const r = await run(fileName, call);
      if (r) onExported(r);
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CANCELLED') {
        notify(err.message, 'info');
        return null;
      }
      return `导出失败：${errorMessage(err)}`;
    }
  };

  const cancel = () => {
    if (jobId) void api.jobs.cancel({ jobId });
  };

  return { run, runForDialog, running: jobId !== null, progress, cancel };
}

/** "已导出 12 条：D:\\报送\\x.xlsx" or, in the browser, the downloaded file's name. */
export function exportedMessage(r: ExportOutcome, unit = '条'): string {
  return r.out ? `已导出 ${r.rows} ${unit}：${r.out}` : `已导出 ${r.rows} ${unit}（已下载 ${r.fileName}）`;
}

/** A file name Windows accepts, from a title. */
export function fileNameFor(title: string): string {
  return exportFileName(title, isoDate(new Date()));
}
