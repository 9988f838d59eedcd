import fs from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1360, height: 860 }, maximized: false };

/** Remembers size and position in userData/window-state.json; ignores a position off every screen. */
export function loadWindowState(userData: string): WindowState & { file: string; known: boolean } {
  const file = path.join(userData, 'window-state.json');
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return saved.bounds.x < a.x + a.width && saved.bounds.x + saved.bounds.width > a.x && saved.bounds.y < a.y + a.height && saved.bounds.y + saved.bounds.height > a.y;
    });
    if (visible && saved.bounds.width >= 800 && saved.bounds.height >= 500) return { ...saved, file, known: true };
  } catch {
    // first start, or an unreadable file: use the defaults
  }
  return { ...DEFAULT, file, known: false };
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  const save = () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      fs.writeFileSync(file, JSON.stringify(state));
    } catch {
      // losing the window position is not worth an error dialog
    }
  };
  win.on('close', save);
}
