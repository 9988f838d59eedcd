import { useState } from 'react';
import type { SheetController } from './sheet-controller';

/** 撤销 / 重做 for a sheet, naming what they would undo or redo. */
export function SheetToolbar<R>(props: { controller: SheetController<R> }) {
  const { undo } = props.controller;
  return (
    <>
      <button onClick={() => void props.controller.runUndo(false)} disabled={!undo.canUndo} title={undo.nextUndoLabel ? `撤销：${undo.nextUndoLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}>
        撤销
      </button>
      <button onClick={() => void props.controller.runUndo(true)} disabled={!undo.canRedo} title={undo.nextRedoLabel ? `重做：${undo.nextRedoLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}>
        重做
      </button>
    </>
  );
}

/** Whether a page shows its detail panel: closed until asked for, then remembered on this computer. */
export function usePanelToggle(page: string): [boolean, (open: boolean) => void] {
  const key = `ledgerdesk.panel.${page}`;
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(key) === 'open';
    } catch {
      return false;
    }
  });
  const set = (v: boolean) => {
    setOpen(v);
    try {
      localStorage.setItem(key, v ? 'open' : 'closed');
    } catch {
      /* storage off: remembered for this session only */
    }
  };
  return [open, set];
}
