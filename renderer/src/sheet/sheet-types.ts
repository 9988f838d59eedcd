import type { ReactNode } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { RawCell } from '../../../shared/domain/ledger';

export type { RawCell };

/** One entry of a pick list (a choice, a unit, a person…). */
export interface PickOption {
  value: RawCell;
  label: string;
  hint?: string;
  color?: string;
  /** lower-cased text the typed query is matched against */
  key: string;
}

/**
 * How one kind of cell is typed, checked and offered: an entry of a page's per-field-type
 * table (the ledger's is FIELD_EDITORS in ledger/LedgerEditors.tsx). The server checks again;
 * `check` only says early what it will say.
 */
export interface CellKind {
  /** the text the editor starts with for a stored value (F2, double-click) */
  editText(value: unknown, shown: string): string;
  /** typed or pasted text → what is sent to the server */
  parse(text: string): RawCell;
  /** why the typed text will be refused, or null */
  check(text: string): string | null;
  /** a list to pick from while typing (typing filters it) */
  options?: () => Promise<PickOption[]>;
  /** several values separated by 、 (the list completes the last one) */
  multi?: boolean;
  /** long text: Alt+Enter starts a new line, the editor is taller */
  multiline?: boolean;
  placeholder?: string;
  /** shown under the editor when the text is fine */
  hint?: string;
}

/** A column of a sheet: what it shows and copies, the stored value, and how it is typed. */
export interface SheetColumn<R> {
  key: string;
  label: string;
  width?: number;
  maxWidth?: number;
  pinned?: 'left';
  hide?: boolean;
  kind: CellKind;
  /** the stored value: a fill down copies it, the server takes it back as is */
  value(row: R): unknown;
  /** as shown, copied and searched */
  text(row: R): string;
  /** a richer cell (a colour dot, a badge); the text is used when absent */
  render?(row: R): ReactNode;
  editable?: boolean;
  /** long text: wrapped when the sheet shows several lines per row */
  long?: boolean;
  className?: string;
  /** filter, sort and tooltip options passed to AG Grid as they are */
  colDef?: Partial<ColDef<R>>;
}

export interface CellRefusal {
  index: number;
  kind: 'edit' | 'create';
  field: string;
  reason: string;
}

export interface SheetBatchResult<R> {
  updated: R[];
  created: R[];
  createdFrom: number[];
  refused: CellRefusal[];
  previous: { id: number; values: Record<string, unknown> }[];
}

export interface RowEdit {
  id: number;
  values: Record<string, RawCell>;
}

/** How a sheet writes: one call for every change (a typed cell, a paste, a fill, a delete, an undo). */
export interface SheetWriter<R> {
  apply(edits: RowEdit[], creates: { values: Record<string, RawCell> }[]): Promise<SheetBatchResult<R>>;
  /** takes away rows a paste added (its undo) */
  remove(ids: number[]): Promise<void>;
  /** brings them back (the redo); returns their ids as they are now */
  restore(rows: R[]): Promise<number[]>;
  /** rows pasted below the last one become new rows */
  canCreate: boolean;
}

export interface PageQuery {
  startRow: number;
  endRow: number;
  sortModel: { colId: string; sort: 'asc' | 'desc' }[];
  filterModel: Record<string, unknown>;
}

/** Where a sheet's rows come from: all at once (a short list) or page by page from SQLite. */
export type SheetData<R> =
  | { mode: 'client'; rows: R[] }
  | {
      mode: 'paged';
      read(q: PageQuery): Promise<{ rows: R[]; total: number }>;
      /** where a row stands in the view, to scroll to it before its page is read */
      locate?(id: number, q: Omit<PageQuery, 'startRow' | 'endRow'>): Promise<number | null>;
      /** a change (a new search, the recycle bin) makes the sheet read again from the top */
      version: unknown;
    };
