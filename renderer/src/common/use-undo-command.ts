import { useCallback } from 'react';
import { errorMessage } from '../api';
import type { StatusKind } from './status';
import type { UndoStack } from './undo-stack';

/** Ctrl+Z / Ctrl+Y for a grid: runs the stack's next step and says what happened in the status bar. */
export function useUndoCommand(undo: UndoStack, notify: (text: string, kind?: StatusKind) => void): (redo?: boolean) => Promise<void> {
  return useCallback(
    async (redo = false) => {
      try {
        const label = redo ? await undo.redo() : await undo.undo();
        notify(label ? `${redo ? '已重做' : '已撤销'}：${label}` : redo ? '没有可重做的操作' : '没有可撤销的操作', label ? 'success' : 'info');
      } catch (err) {
        notify(`${redo ? '重做' : '撤销'}失败：${errorMessage(err)}`, 'error');
      }
    },
    [notify, undo],
  );
}
