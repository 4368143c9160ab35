/** Keyboard shortcuts of the window (the app menu shows the same accelerators). */
import type { MenuCommand } from '../../electron/shared/api.ts';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Ctrl (⌘ on macOS) + N: new chat; + L: focus the question box; Escape: stop the answer. */
export function shortcutFor(event: KeyLike): MenuCommand | undefined {
  const mod = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  const key = event.key.toLowerCase();
  if (mod && key === 'n') return 'new-chat';
  if (mod && key === 'l') return 'focus-input';
  if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) return 'stop-answer';
  return undefined;
}
