/** The app menu: its accelerators are the window's shortcuts, sent to the window as `menu` events. */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api.ts';

/** `installCli` runs in the main process (File → Install the trove Command…), not in the window. */
export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean, installCli?: () => void): MenuItemConstructorOptions[] {
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({ label, accelerator, click: () => send(command) });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New Chat', 'CmdOrCtrl+N', 'new-chat'),
        { type: 'separator' },
        ...(installCli ? [{ label: 'Install the trove Command…', click: installCli }, { type: 'separator' as const }] : []),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        item('Focus Question', 'CmdOrCtrl+L', 'focus-input'),
        item('Folders', 'CmdOrCtrl+Shift+F', 'show-folders'),
        item('Models', 'CmdOrCtrl+Shift+M', 'show-models'),
        item('Privacy', 'CmdOrCtrl+Shift+P', 'show-privacy'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Answer', submenu: [item('Stop', 'Escape', 'stop-answer')] },
    { role: 'windowMenu' },
  ];
}
