/**
 * folders.json, kept beside the index: the registered folders and their settings. It is what `trove rebuild`
 * falls back on when the database itself is too damaged to read its folder list. Written atomically (temp file
 * + rename) whenever folders change, so it is never half-written.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FolderSettings } from './rows.ts';

export const FOLDER_LIST_FILE = 'folders.json';

export interface SavedFolder {
  readonly path: string;
  readonly settings: FolderSettings;
}

export function folderListPath(databaseFile: string): string {
  return join(dirname(databaseFile), FOLDER_LIST_FILE);
}

export function writeFolderList(databaseFile: string, folders: readonly SavedFolder[]): void {
  const target = folderListPath(databaseFile);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ version: 1, folders }, null, 2)}\n`);
  renameSync(temp, target);
}

/** The saved list, or undefined when there is none or it cannot be read. */
export function readFolderList(databaseFile: string): SavedFolder[] | undefined {
  const path = folderListPath(databaseFile);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { folders?: unknown };
    if (!Array.isArray(parsed.folders)) return undefined;
    return parsed.folders.flatMap((entry: unknown) => {
      const { path: folder, settings } = (entry ?? {}) as { path?: unknown; settings?: unknown };
      if (typeof folder !== 'string') return [];
      return [{ path: folder, settings: settings && typeof settings === 'object' ? (settings as FolderSettings) : {} }];
    });
  } catch {
    return undefined;
  }
}
