/**
 * The engine façade: what the CLI, the tests and the desktop app call. It owns no globals: the store, the
 * clock, the embedder and the extraction/chunking functions come in through the constructor.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chunkBlocks, DEFAULT_CHUNKING } from './chunk/chunker.ts';
import { FolderError, TroveError } from './errors.ts';
import { extractReadFile, isSupported, readBoundedFile } from './extract/index.ts';
import { embeddingFingerprint, chunkFingerprint } from './index/fingerprints.ts';
import { Indexer, type FolderIndexSummary, type IndexerPorts, type IndexRunOptions } from './index/indexer.ts';
import { Searcher, type SearchOptions, type SearchResponse } from './search/searcher.ts';
import type { DocumentProblem, FolderRow } from './store/rows.ts';
import type { Store, StoreCounts } from './store/store.ts';
import { systemClock, type ChunkingOptions, type Clock, type Embedder } from './types.ts';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface EngineDeps {
  readonly store: Store;
  readonly clock?: Clock;
  readonly embedder?: Embedder;
  readonly chunking?: ChunkingOptions;
  readonly maxFileBytes?: number;
  readonly extract?: IndexerPorts['extract'];
  readonly isSupported?: IndexerPorts['isSupported'];
  /** Things the user should know about how the engine was set up (e.g. a configured model is missing). */
  readonly notices?: readonly string[];
}

export interface FolderStatus extends FolderRow {
  readonly documents: number;
  readonly chunks: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface EngineStatus {
  readonly database: string;
  readonly folders: FolderStatus[];
  readonly counts: StoreCounts;
  readonly embedding: { readonly model: string; readonly dimensions: number; readonly fingerprint: string } | null;
  readonly chunking: ChunkingOptions & { readonly fingerprint: string };
  readonly problems: DocumentProblem[];
  readonly notices: readonly string[];
}

export class Engine {
  readonly store: Store;
  readonly notices: readonly string[];
  private readonly indexer: Indexer;
  private readonly searcher: Searcher;
  private readonly chunking: ChunkingOptions;
  private readonly clock: Clock;

  constructor(private readonly deps: EngineDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? systemClock;
    this.chunking = deps.chunking ?? DEFAULT_CHUNKING;
    this.notices = deps.notices ?? [];
    this.indexer = new Indexer({
      store: deps.store,
      clock: this.clock,
      extract: deps.extract ?? extractReadFile,
      readFile: readBoundedFile,
      isSupported: deps.isSupported ?? isSupported,
      chunk: chunkBlocks,
      chunking: this.chunking,
      maxFileBytes: deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      embedder: deps.embedder,
    });
    const { embedder } = deps;
    this.searcher = new Searcher(
      deps.store,
      embedder,
      embedder && embeddingFingerprint(embedder.modelId, embedder.dimensions, chunkFingerprint(this.chunking)),
    );
  }

  get embedder(): Embedder | undefined {
    return this.deps.embedder;
  }

  /** Registers folders after checking each exists and is a directory; nothing is registered if one fails. */
  async addFolders(paths: readonly string[]): Promise<FolderRow[]> {
    const absolute = paths.map((path) => resolve(path));
    for (const path of absolute) await assertDirectory(path);
    return absolute.map((path) => this.store.folders.add(path, this.clock.now()));
  }

  /** Registers and indexes `paths`, or re-indexes every registered folder when none are given. */
  async index(paths: readonly string[] = [], options: IndexRunOptions = {}): Promise<FolderIndexSummary[]> {
    const folders = paths.length > 0 ? await this.addFolders(paths) : this.store.folders.list();
    const summaries: FolderIndexSummary[] = [];
    for (const folder of folders) {
      if (options.signal?.aborted) break;
      const missing = await directoryProblem(folder.path);
      if (missing) {
        // A vanished folder (unmounted drive) keeps its index until the user forgets it.
        this.store.folders.setStatus(folder.id, 'missing', missing);
        continue;
      }
      summaries.push(await this.indexer.indexFolder(folder, options));
    }
    return summaries;
  }

  search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searcher.search(query, options);
  }

  /** Folder ids for user-given folder paths, for search filters. Unknown folders are an error. */
  folderIds(paths: readonly string[]): number[] {
    return paths.map((path) => {
      const folder = this.store.folders.byPath(resolve(path));
      if (!folder) throw new TroveError('INVALID_ARGUMENT', `${resolve(path)} is not an indexed folder`);
      return folder.id;
    });
  }

  /** Removes a folder and everything indexed from it. */
  forget(path: string): FolderRow {
    const folder = this.store.folders.byPath(resolve(path));
    if (!folder) throw new TroveError('INVALID_ARGUMENT', `${resolve(path)} is not an indexed folder`);
    this.store.folders.remove(folder.id);
    return folder;
  }

  status(): EngineStatus {
    const counts = this.store.counts();
    const perFolder = this.store.folderCounts();
    const { embedder } = this.deps;
    const chunkPrint = chunkFingerprint(this.chunking);
    const storedModel = this.store.meta.get('embed_model');
    return {
      database: this.store.file,
      folders: this.store.folders.list().map((folder) => ({ ...folder, ...(perFolder.get(folder.id) ?? emptyFolderCounts) })),
      counts,
      embedding: embedder
        ? { model: embedder.modelId, dimensions: embedder.dimensions, fingerprint: embeddingFingerprint(embedder.modelId, embedder.dimensions, chunkPrint) }
        : storedModel && this.store.vectors.fingerprint
          ? { model: storedModel, dimensions: this.store.vectors.dimensions ?? 0, fingerprint: this.store.vectors.fingerprint }
          : null,
      chunking: { ...this.chunking, fingerprint: chunkPrint },
      problems: this.store.documents.problems(),
      notices: this.notices,
    };
  }

  async dispose(): Promise<void> {
    await this.deps.embedder?.dispose();
    this.store.dispose();
  }
}

const emptyFolderCounts = { documents: 0, chunks: 0, failed: 0, skipped: 0 };

async function assertDirectory(path: string): Promise<void> {
  const problem = await directoryProblem(path);
  if (!problem) return;
  const code = problem.includes('not a folder') ? 'NOT_A_DIRECTORY' : problem.includes('permission') ? 'PERMISSION_DENIED' : 'NOT_FOUND';
  throw new FolderError(code, path, problem);
}

async function directoryProblem(path: string): Promise<string | undefined> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? undefined : `${path} is not a folder`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return `Cannot open ${path}: permission denied`;
    return `Folder ${path} does not exist`;
  }
}
