/**
 * Rebuilding a damaged index: the folder list (and the settings the person chose) are recovered from the damaged
 * database if it can still be read, else from folders.json beside it; the damaged file is moved aside, never
 * deleted (trove.db.damaged-<time>), and a fresh index is created with the same folders, ready to re-index.
 */
import { existsSync, renameSync } from 'node:fs';
import { openSqlite } from '../../../../native/sqlite.ts';
import { readFolderList, type SavedFolder } from './folder-list-file.ts';
import { isChosenSetting } from '../../settings-keys.ts';
import type { FolderSettings } from './rows.ts';
import { Store } from './store.ts';


export interface RebuildPlan {
  readonly databaseFile: string;
  readonly folders: readonly SavedFolder[];
  /** Where the folder list came from. */
  readonly source: 'database' | 'folders.json' | 'none';
  readonly meta: ReadonlyMap<string, string>;
}

export function planRebuild(databaseFile: string): RebuildPlan {
  const fromDatabase = readDamaged(databaseFile);
  if (fromDatabase) return { databaseFile, source: 'database', ...fromDatabase };
  const saved = readFolderList(databaseFile);
  return { databaseFile, folders: saved ?? [], source: saved ? 'folders.json' : 'none', meta: new Map() };
}

/**
 * Moves the database (and its WAL and shared-memory files) aside and creates a fresh index holding the planned
 * folders and settings. Returns where the old file went and the new store (the caller re-indexes and disposes).
 */
export function rebuildIndex(plan: RebuildPlan, now: number): { movedTo: string; store: Store } {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const movedTo = `${plan.databaseFile}.damaged-${stamp}`;
  renameSync(plan.databaseFile, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(plan.databaseFile + suffix)) renameSync(plan.databaseFile + suffix, `${movedTo}${suffix}`);
  }
  const store = Store.open(plan.databaseFile);
  store.transaction(() => {
    for (const folder of plan.folders) {
      const row = store.folders.add(folder.path, now);
      store.folders.updateSettings(row.id, folder.settings);
    }
    for (const [key, value] of plan.meta) store.meta.set(key, value);
  });
  store.saveFolderList();
  return { movedTo, store };
}

/** Folders and kept settings from a damaged database, or undefined when even that much cannot be read. */
function readDamaged(databaseFile: string): { folders: SavedFolder[]; meta: Map<string, string> } | undefined {
  if (!existsSync(databaseFile)) return undefined;
  let db: ReturnType<typeof openSqlite> | undefined;
  try {
    db = openSqlite(databaseFile, { readonly: true });
    const rows = db.prepare('SELECT path, settings FROM folders ORDER BY path').all() as { path: string; settings: string }[];
    const folders = rows.map((row) => ({ path: row.path, settings: parseSettings(row.settings) }));
    const meta = new Map<string, string>();
    try {
      // Everything the person chose (models, adapters, audit, API server, calibrated thresholds: settings-keys.ts).
      for (const row of db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]) {
        if (isChosenSetting(row.key)) meta.set(row.key, row.value);
      }
    } catch {
      // The folders are what matters; models can be chosen again.
    }
    return { folders, meta };
  } catch {
    return undefined;
  } finally {
    try {
      db?.close();
    } catch {
      // Closing a damaged handle may fail too; there is nothing left to release.
    }
  }
}

function parseSettings(text: string): FolderSettings {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as FolderSettings) : {};
  } catch {
    return {};
  }
}
