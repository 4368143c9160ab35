/** Remembers the window's size, position and maximised state between runs (a small JSON file in userData). */
import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowState {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };

export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const size = (n: unknown, min: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(min, Math.round(n)) : undefined);
    const width = size(raw.width, 480) ?? DEFAULT_WINDOW_STATE.width;
    const height = size(raw.height, 360) ?? DEFAULT_WINDOW_STATE.height;
    const x = size(raw.x, -100_000);
    const y = size(raw.y, -100_000);
    return { width, height, ...(x !== undefined && y !== undefined ? { x, y } : {}), maximized: raw.maximized === true };
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Not being able to remember the window's place is not worth bothering the user about.
  }
}
