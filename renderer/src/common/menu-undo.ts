/**
 * The desktop menu's 撤销 and 重做 reach the page as commands (their accelerators are not
 * registered, so Ctrl+Z itself goes to whatever has the keyboard). Chosen from the menu they
 * must do what Ctrl+Z would do there: inside a text box, or a sheet cell being edited, undo the
 * typing; only on a sheet at rest take back the sheet's last step.
 */

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', 'date']);

/** The text box the keyboard is typing into, if any (a sheet's catcher counts only while it edits a cell). */
export function typingTarget(): HTMLElement | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement)) return null;
  const editable = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type)) || el.isContentEditable;
  if (!editable) return null;
  // a sheet keeps the focus in its catcher while in use: that is typing only while a cell is being edited
  const sink = el.dataset.sheetSink;
  if (sink !== undefined && sink !== 'editing') return null;
  return el;
}

/** Undoes or redoes typing in the focused text box, as Ctrl+Z / Ctrl+Y there; false when no text box has the keyboard. */
export function undoTyping(command: 'undo' | 'redo'): boolean {
  if (!typingTarget()) return false;
  // the browser's own text undo: the one the keys use (deprecated as an API, kept for editing commands)
  document.execCommand(command);
  return true;
}
