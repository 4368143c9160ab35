/** System dialogs and the desktop shell. Files are opened or revealed only after the host confirms they are indexed. */
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { Reply } from '../shared/api.ts';
import { RelayError, type ShellHandlers } from './api-relay.ts';

export interface ShellDeps {
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  readonly shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
  readonly window: () => BrowserWindow | undefined;
  readonly callHost: (method: string, params: unknown) => Promise<Reply<unknown>>;
}

export function shellHandlers(deps: ShellDeps): ShellHandlers {
  const choose = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
    const win = deps.window();
    const result = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const indexed = async (path: string): Promise<string> => {
    const reply = await deps.callHost('resolveIndexedFile', { path });
    if (!reply.ok) throw new RelayError(reply.error);
    return (reply.value as { path: string }).path;
  };
  const gguf = [{ name: 'GGUF models', extensions: ['gguf'] }];
  return {
    chooseFolder: () => choose({ title: 'Add a folder to Trove', properties: ['openDirectory'] }),
    chooseModelFile: () => choose({ title: 'Choose a model', properties: ['openFile'], filters: gguf }),
    chooseAdapterFile: () => choose({ title: 'Choose a LoRA adapter', properties: ['openFile'], filters: gguf }),
    async chooseExportFile() {
      const options: Electron.SaveDialogOptions = {
        title: 'Export approved answers as training data',
        defaultPath: 'trove-training.jsonl',
        filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
      };
      const win = deps.window();
      const result = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openFile({ path }) {
      const problem = await deps.shell.openPath(await indexed(path));
      if (problem) throw new Error(problem);
      return null;
    },
    async revealFile({ path }) {
      deps.shell.showItemInFolder(await indexed(path));
      return null;
    },
  };
}
