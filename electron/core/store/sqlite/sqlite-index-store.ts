/**
 * Everything indexing needs (IndexStore, ports.ts) over the SQLite store: documents through
 * SqliteDocumentWriter, folders and the job queue through their repositories, each call done synchronously
 * inside its promise.
 */
import type { FolderCatalog, FolderRow, FolderSettings, IndexStore, Job, JobKind, JobQueue } from '../../ports.ts';
import { SqliteDocumentWriter } from './sqlite-document-writer.ts';
import type { Store } from './store.ts';

export class SqliteIndexStore extends SqliteDocumentWriter implements IndexStore {
  readonly folders: FolderCatalog;
  readonly jobs: JobQueue;

  constructor(store: Store) {
    super(store);
    this.folders = sqliteFolders(store);
    this.jobs = sqliteJobs(store);
  }
}

function sqliteFolders({ folders }: Store): FolderCatalog {
  return {
    add: async (path: string, now: number): Promise<FolderRow> => folders.add(path, now),
    byPath: async (path: string) => folders.byPath(path),
    byId: async (id: number) => folders.byId(id),
    list: async () => folders.list(),
    settings: async (id: number): Promise<FolderSettings> => folders.settings(id),
    setStatus: async (id, status, error) => folders.setStatus(id, status, error),
    markIndexed: async (id, now) => folders.markIndexed(id, now),
  };
}

function sqliteJobs({ jobs }: Store): JobQueue {
  return {
    enqueue: async (folderId: number, path: string, kind: JobKind, now: number) => jobs.enqueue(folderId, path, kind, now),
    enqueueMany: async (list, now) => jobs.enqueueMany(list, now),
    next: async (limit, folderId) => jobs.next(limit, folderId),
    pendingFor: async (paths) => jobs.pendingFor(paths),
    complete: async (job: Job) => jobs.complete(job),
    fail: async (job, error, now) => jobs.fail(job, error, now),
    pendingCount: async (folderId) => jobs.pendingCount(folderId),
  };
}
