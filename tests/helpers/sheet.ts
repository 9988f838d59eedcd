import type { Page } from 'playwright-core';

/** A cell of the sheet on screen, by row index and column key (the row-number column is `__row`). */
export const sheetCell = (page: Page, rowIndex: number, colId: string) => page.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);

/** The sheet's cell editor, once typing has started. */
export const sheetEditor = (page: Page) => page.getByTestId('sheet-editor').locator('textarea');

/**
 * Chinese typed the way a clerk's pinyin input method delivers it to Chrome: a keydown with
 * keyCode 229 ("Process"), the composition growing as pinyin, then the chosen characters
 * committed — through the DevTools protocol, as the input method itself would.
 */
export async function typeWithIme(page: Page, pinyin: string, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 1; i <= pinyin.length; i++) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Process', code: `Key${pinyin[i - 1]!.toUpperCase()}` });
      await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Process', code: `Key${pinyin[i - 1]!.toUpperCase()}` });
    }
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await cdp.send('Input.insertText', { text });
  } finally {
    await cdp.detach();
  }
}

/** What the sheet put on the system clipboard. */
export const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
export const writeClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);

/** The status bar's text, once it starts with `prefix`. */
export async function statusAfter(page: Page, prefix: string | RegExp): Promise<string> {
  const status = page.getByTestId('status');
  await status.filter({ hasText: prefix }).waitFor();
  return status.innerText();
}

/** Waits until `check` holds (the backend has the value, the page shows it), failing with `what` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
