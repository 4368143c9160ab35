/**
 * Search over the store: BM25, vector KNN, or both fused with RRF. With no embedding model, hybrid search
 * runs BM25 alone and says so in `notices`; vector search without a model is an error the user can act on.
 */
import { TroveError } from '../errors.ts';
import type { Store } from '../store/sqlite/store.ts';
import type { ChunkHit, ScoredId } from '../store/sqlite/rows.ts';
import type { SearchFilter } from '../store/sqlite/search-queries.ts';
import type { Embedder } from '../types.ts';
import { postingsBudgetFor } from '../store/sqlite/bm25-plan.ts';
import { queryTerms } from './analyze.ts';
import { rankBm25 } from '../store/sqlite/bm25-search.ts';
import { collapseDuplicates, type WithCopies } from './collapse-duplicates.ts';
import { demoteListings } from './demote-listings.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { SearchThread } from '../store/sqlite/search-thread.ts';

/** What the searcher needs of the worker thread (a port: tests pass their own). */
export type SearchHelper = Pick<SearchThread, 'available' | 'rank' | 'scanCodes'>;
import { nearestOnTwoThreads } from '../store/sqlite/two-thread-nearest.ts';

import type { SearchMode } from './search-modes.ts';

export { SEARCH_MODES, type SearchMode } from './search-modes.ts';

export interface SearchOptions extends SearchFilter {
  readonly k?: number;
  readonly mode?: SearchMode;
  /**
   * Words carried over from earlier turns of a conversation (a follow-up's context): BM25 searches them with
   * the query's own words (bm25-search.ts says why at the same weight); vector search embeds them with the query.
   */
  readonly carried?: string;
}

export type SearchHit = WithCopies<ChunkHit & { readonly score: number }>;

export interface SearchResponse {
  readonly results: SearchHit[];
  /** The mode that actually ran (hybrid falls back to bm25 without an embedding model). */
  readonly mode: SearchMode;
  readonly notices: string[];
}

export const DEFAULT_K = 10;
/** Stop words are not indexed (analyze.ts): a query of nothing else finds nothing by BM25, and says why. */
export const STOPWORDS_ONLY_NOTICE =
  'The query holds only common words ("the", "is", …), which full-text search skips: add a word that names what you are looking for.';
const HAS_WORDS = /[\p{L}\p{N}]/u;
/** How many candidates each ranker contributes to fusion: deep enough that a good hit in one list survives. */
const FUSION_DEPTH = 50;

/**
 * From this many chunks on, searches use the worker thread: hybrid search scores BM25 there while it searches
 * vectors, and both threads scan the vector first pass. Below it, messaging costs more than it saves.
 */
export const PARALLEL_MIN_CHUNKS = 20_000;

export interface SearcherOptions {
  readonly embedder?: Embedder;
  /** The fingerprint the embedder's vectors carry; vectors of any other fingerprint are not comparable. */
  readonly embeddingFingerprint?: string;
  /** BM25 matches scored per query before common terms only re-score; by default it grows with the index (bm25-plan.ts). */
  readonly postingsBudget?: number;
  /** The second thread of searches on big indexes (BM25 and part of the vector first pass); owned (and disposed) by the caller. */
  readonly searchThread?: SearchHelper;
  /** Index size from which the search thread is used (PARALLEL_MIN_CHUNKS). */
  readonly parallelFromChunks?: number;
}

export class Searcher {
  private readonly embedder: Embedder | undefined;
  private readonly embeddingFingerprint: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: SearcherOptions = {},
  ) {
    this.embedder = options.embedder;
    this.embeddingFingerprint = options.embeddingFingerprint;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const k = Math.max(1, Math.floor(options.k ?? DEFAULT_K));
    const requested = options.mode ?? 'hybrid';
    const notices: string[] = [];
    const vectorProblem = this.vectorProblem();
    if (requested === 'vector' && vectorProblem) throw new TroveError('INVALID_ARGUMENT', vectorProblem);
    const vectorsUsable = vectorProblem === undefined;
    let mode = requested;
    if (requested === 'hybrid' && !vectorsUsable) {
      mode = 'bm25';
      notices.push(`${vectorProblem}: searching with BM25 only.`);
    }
    if (mode !== 'vector' && HAS_WORDS.test(query) && queryTerms(query).length === 0) notices.push(STOPWORDS_ONLY_NOTICE);
    // BM25 ranks as deep as fusion does (it costs the same) so that demoted listings can make way for ordinary chunks.
    const depth = mode === 'vector' ? k : Math.max(FUSION_DEPTH, k);
    const filter: SearchFilter = { folderIds: options.folderIds, types: options.types };
    const chunks = this.store.search.chunkCount();
    const budget = this.options.postingsBudget ?? postingsBudgetFor(chunks);
    // BM25 alone runs here: asking for the thread would start a worker that the search does not use.
    const thread = mode === 'bm25' ? undefined : this.threadFor(chunks);
    const carried = options.carried ?? '';
    const ranked =
      mode === 'bm25'
        ? this.bm25(query, depth, filter, budget, carried)
        : mode === 'vector'
          ? await this.vector(withCarried(query, carried), depth, filter, thread)
          : await this.hybrid(query, depth, filter, budget, thread, carried);
    const results = this.distinctTop(demoteListings(ranked, this.store.search), k);
    return { results, mode, notices };
  }

  /**
   * The best k distinct passages (collapse-duplicates.ts), with their copies among all candidates. Candidates
   * are read in growing batches: most searches find k distinct passages in the first 2k.
   */
  private distinctTop(ranked: readonly ScoredId[], k: number): SearchHit[] {
    const scores = new Map(ranked.map((item) => [item.id, item.score]));
    const hits: (ChunkHit & { score: number })[] = [];
    let hydrated = 0;
    let read = Math.min(ranked.length, 2 * k);
    for (;;) {
      // Only the candidates not read yet are hydrated; the ones before are kept.
      const more = this.store.search.hydrate(ranked.slice(hydrated, read).map((item) => item.id));
      hydrated = read;
      hits.push(...more.map((hit) => ({ ...hit, score: scores.get(hit.chunkId) ?? 0 })));
      const distinct = collapseDuplicates(hits, k);
      if (distinct.length >= k || read >= ranked.length) return distinct;
      read = Math.min(ranked.length, read * 2);
    }
  }

  /** Why vector search cannot run now, or undefined when it can. */
  private vectorProblem(): string | undefined {
    if (!this.embedder || !this.embeddingFingerprint) return 'No embedding model configured (index with --embed-model <file.gguf>)';
    if (this.store.vectors.fingerprint !== this.embeddingFingerprint) {
      return 'The index holds no vectors for this embedding model yet (run `trove index` to embed)';
    }
    if (!this.store.vectors.hasVectors()) return 'No vectors are indexed yet (run `trove index`)';
    return undefined;
  }

  /** The worker thread when the index is big enough to be worth it and the worker is ready. */
  private threadFor(chunks: number): SearchHelper | undefined {
    const thread = this.options.searchThread;
    return thread && chunks >= (this.options.parallelFromChunks ?? PARALLEL_MIN_CHUNKS) && thread.available() ? thread : undefined;
  }

  /**
   * BM25 and vector lists fused by RRF. With the worker thread, BM25 is ranked there first (its own
   * connection; same ranking function), then it helps with the vector first pass; if the worker fails, BM25
   * runs here afterwards.
   */
  private async hybrid(query: string, depth: number, filter: SearchFilter, budget: number, thread: SearchHelper | undefined, carried: string): Promise<ScoredId[]> {
    // Handled now: it may fail while vectors run.
    const parallel = thread?.rank(query, depth, filter, budget, carried).catch(() => undefined);
    const vector = await this.vector(withCarried(query, carried), depth, filter, thread);
    const text = (await parallel) ?? this.bm25(query, depth, filter, budget, carried);
    return reciprocalRankFusion([text, vector]);
  }

  private bm25(query: string, k: number, filter: SearchFilter, budget: number, carried: string): ScoredId[] {
    return rankBm25(this.store.search, query, k, filter, budget, carried);
  }

  private async vector(query: string, k: number, filter: SearchFilter, thread: SearchHelper | undefined): Promise<ScoredId[]> {
    if (!this.embedder || query.trim() === '') return [];
    const vector = await this.embedder.embedQuery(query);
    const typed = filter.types !== undefined && filter.types.length > 0;
    // The vector table knows folders but not file types: over-fetch, then keep those that pass the filter.
    const wanted = typed ? k * 8 : k;
    const vectors = this.store.vectors;
    const nearest = thread ? await nearestOnTwoThreads(vectors, thread, vector, wanted, filter.folderIds) : vectors.nearest(vector, wanted, filter.folderIds);
    if (!typed) return nearest;
    const passing = this.store.search.passing(
      nearest.map((item) => item.id),
      filter,
    );
    return nearest.filter((item) => passing.has(item.id)).slice(0, k);
  }
}

/** The text a vector search embeds: the query and, for a follow-up, the words carried from earlier turns. */
function withCarried(query: string, carried: string): string {
  return carried.trim() === '' ? query : `${query} ${carried}`;
}
