import { useEffect, useMemo, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { UndoStack } from '../common/undo-stack';
import { CellMarks } from './cell-marks';

/** What the page's toolbar and dialogs may ask of its sheet; filled in by the mounted <Sheet>. */
export interface SheetCommands<R> {
  reload(): void;
  /** scrolls to a row, selects it and puts the keyboard in the sheet; `hint` is where it probably stands */
  focusRow(id: number, hint?: number): void;
  /** the rows the selection covers (read from the server when not loaded) */
  selectedRows(): Promise<R[]>;
  activeRow(): R | null;
  focus(): void;
  undo(redo?: boolean): Promise<void>;
  /** the rows now shown for these ids, after a change made outside the sheet (a form, a dialog) */
  showRows(rows: R[]): void;
}

/**
 * One sheet's state that outlives a render: its undo stack, its marked cells and, once mounted,
 * its commands. A page makes one with useSheet() and hands it to <Sheet>.
 */
export class SheetController<R> {
  readonly undo: UndoStack;
  readonly marks = new CellMarks();
  api: GridApi<R> | null = null;
  commands: SheetCommands<R> | null = null;

  constructor(onChange: () => void) {
    this.undo = new UndoStack(200, onChange);
  }

  reload = () => this.commands?.reload();
  focusRow = (id: number, hint?: number) => this.commands?.focusRow(id, hint);
  selectedRows = async (): Promise<R[]> => (this.commands ? this.commands.selectedRows() : []);
  activeRow = () => this.commands?.activeRow() ?? null;
  focus = () => this.commands?.focus();
  runUndo = (redo = false) => this.commands?.undo(redo) ?? Promise.resolve();
  showRows = (rows: R[]) => this.commands?.showRows(rows);
}

export function useSheet<R>(): SheetController<R> {
  const [, setTick] = useState(0);
  const c = useMemo(() => new SheetController<R>(() => setTick((t) => t + 1)), []);
  useEffect(() => () => void (c.commands = null), [c]);
  return c;
}
