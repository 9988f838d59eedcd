import { useEffect, useState, type RefObject } from 'react';
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

/** A page's quick search, done in SQL: what is typed, and what was asked of the server after a pause in typing. */
export function useQuickSearch(initial = '') {
  const [text, setText] = useState(initial);
  const [applied, setApplied] = useState(initial);
  useEffect(() => {
    const t = setTimeout(() => setApplied(text), 250);
    return () => clearTimeout(t);
  }, [text]);
  /** at once, without the pause (a search opened from elsewhere, a chip cleared) */
  const jump = (q: string) => {
    setText(q);
    setApplied(q);
  };
  return { text, setText, applied: applied.trim(), jump, chip: applied.trim() ? { text: applied.trim(), clear: () => jump('') } : undefined };
}

/** The page's search box beside its sheet: Esc goes back to the sheet. */
export function QuickSearchBox<R>(props: { search: ReturnType<typeof useQuickSearch>; controller: SheetController<R>; label: string; placeholder: string; inputRef: RefObject<HTMLInputElement | null> }) {
  return (
    <input
      ref={props.inputRef}
      className="search"
      type="search"
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.search.text}
      onChange={(e) => props.search.setText(e.target.value)}
      onKeyDown={(e) => e.key === 'Escape' && props.controller.focus()}
    />
  );
}

/** 多行: long text on several lines per row, or one. */
export function LinesToggle(props: { lines: 1 | 3; onChange: (lines: 1 | 3) => void; title: string }) {
  return (
    <label className="inline lines-toggle" title={props.title}>
      <input type="checkbox" checked={props.lines > 1} onChange={(e) => props.onChange(e.target.checked ? 3 : 1)} />
      多行
    </label>
  );
}
