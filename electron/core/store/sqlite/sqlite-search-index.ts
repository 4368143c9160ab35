/**
 * The search ports (ports.ts) over the SQLite index: BM25 through FTS5 with the common-terms plan
 * (bm25-search.ts), vectors through the sharded 1-bit codes and exact rescoring (vector-table.ts), and, on big
 * indexes, the search worker thread (search-thread.ts) that ranks BM25 and shares the vector first pass.
 * SQLite answers synchronously: every method does its work before its promise settles, as the searcher did
 * when it called the store directly.
 */
import type { ChunkHit, LexicalRankOptions, PassageSource, ScoredId, SearchFilter, SearchIndex, TermFrequencies, VectorState } from '../../ports.ts';
import type { PassageRole } from '../../types.ts';
import { anyTermMatch } from '../../search/analyze.ts';
import { rankBm25 } from './bm25-search.ts';
import { postingsBudgetFor } from '../../search/bm25-plan.ts';
import type { SearchThread } from './search-thread.ts';
import type { Store } from './store.ts';
import { nearestOnTwoThreads } from './two-thread-nearest.ts';

/** What the index needs of the worker thread (tests pass their own). */
export type SearchHelper = Pick<SearchThread, 'available' | 'rank' | 'scanCodes'>;

/**
 * From this many chunks on, searches with vectors use the worker thread: hybrid search scores BM25 there while
 * it searches vectors, and both threads scan the vector first pass. Below it, messaging costs more than it saves.
 */
export const PARALLEL_MIN_CHUNKS = 20_000;

export interface SqliteSearchOptions {
  /** BM25 matches scored per query before common terms only re-score; by default it grows with the index (bm25-plan.ts). */
  readonly postingsBudget?: number;
  /** The second thread of searches on big indexes; owned (and disposed) by the caller. */
  readonly searchThread?: SearchHelper;
  /** Index size from which the search thread is used (PARALLEL_MIN_CHUNKS). */
  readonly parallelFromChunks?: number;
}

export class SqliteSearchIndex implements SearchIndex {
  constructor(
    private readonly store: Pick<Store, 'search' | 'vectors' | 'passages' | 'termStats'>,
    private readonly options: SqliteSearchOptions = {},
  ) {}

  async rankLexical(query: string, k: number, filter: SearchFilter, options: LexicalRankOptions = {}): Promise<ScoredId[]> {
    const chunks = this.store.search.chunkCount();
    const budget = this.options.postingsBudget ?? postingsBudgetFor(chunks);
    const carried = options.carried ?? '';
    // BM25 alone runs here: asking for the thread would start a worker that the search does not use.
    const thread = options.alongsideVectors ? this.threadFor(chunks) : undefined;
    // On the worker, BM25 runs while this thread searches vectors; if the worker fails, it runs here afterwards.
    const parallel = thread ? await thread.rank(query, k, filter, budget, carried).catch(() => undefined) : undefined;
    return parallel ?? rankBm25(this.store.search, query, k, filter, budget, carried);
  }

  async termFrequencies(terms: readonly string[]): Promise<TermFrequencies> {
    return this.store.termStats.frequencies(terms);
  }

  async holdsPhrase(terms: readonly string[]): Promise<boolean> {
    // anyTermMatch quotes its one item, which makes the terms an FTS5 phrase.
    return this.store.search.matchCountUpTo(anyTermMatch([terms.join(' ')]), 1) > 0;
  }

  async vectorState(): Promise<VectorState> {
    return { fingerprint: this.store.vectors.fingerprint, hasVectors: this.store.vectors.hasVectors() };
  }

  async nearest(query: Float32Array, k: number, folderIds?: readonly number[]): Promise<ScoredId[]> {
    const thread = this.threadFor(this.store.search.chunkCount());
    const vectors = this.store.vectors;
    return thread ? nearestOnTwoThreads(vectors, thread, query, k, folderIds) : vectors.nearest(query, k, folderIds);
  }

  async similarities(query: Float32Array, ids: readonly number[]): Promise<ScoredId[]> {
    return this.store.vectors.rescore(query, ids, ids.length);
  }

  async hydrate(ids: readonly number[]): Promise<ChunkHit[]> {
    return this.store.search.hydrate(ids);
  }

  async passing(ids: readonly number[], filter: SearchFilter): Promise<Set<number>> {
    return this.store.search.passing(ids, filter);
  }

  async rolesOf(ids: readonly number[]): Promise<Map<number, PassageRole>> {
    return this.store.search.rolesOf(ids);
  }

  async passage(chunkId: number): Promise<PassageSource | undefined> {
    return this.store.passages.byChunkId(chunkId);
  }

  /** The worker thread when the index is big enough to be worth it and the worker is ready. */
  private threadFor(chunks: number): SearchHelper | undefined {
    const thread = this.options.searchThread;
    return thread && chunks >= (this.options.parallelFromChunks ?? PARALLEL_MIN_CHUNKS) && thread.available() ? thread : undefined;
  }
}
