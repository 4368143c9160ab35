/**
 * Search over the store: BM25, vector KNN, or both fused with RRF. With no embedding model, hybrid search
 * runs BM25 alone and says so in `notices`; vector search without a model is an error the user can act on.
 */
import { TroveError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { ChunkHit, ScoredId } from '../store/rows.ts';
import type { SearchFilter } from '../store/search-queries.ts';
import type { Embedder } from '../types.ts';
import { anyTermMatch, queryTerms } from './analyze.ts';
import { DEFAULT_POSTINGS_BUDGET, planBm25 } from './bm25-plan.ts';
import { reciprocalRankFusion } from './fusion.ts';

export type SearchMode = 'bm25' | 'vector' | 'hybrid';
export const SEARCH_MODES: readonly SearchMode[] = ['bm25', 'vector', 'hybrid'];

export interface SearchOptions extends SearchFilter {
  readonly k?: number;
  readonly mode?: SearchMode;
}

export interface SearchHit extends ChunkHit {
  readonly score: number;
}

export interface SearchResponse {
  readonly results: SearchHit[];
  /** The mode that actually ran (hybrid falls back to bm25 without an embedding model). */
  readonly mode: SearchMode;
  readonly notices: string[];
}

export const DEFAULT_K = 10;
/** How many candidates each ranker contributes to fusion: deep enough that a good hit in one list survives. */
const FUSION_DEPTH = 50;

export class Searcher {
  constructor(
    private readonly store: Store,
    private readonly embedder?: Embedder,
    /** The fingerprint the embedder's vectors carry; vectors of any other fingerprint are not comparable. */
    private readonly embeddingFingerprint?: string,
    /** Matches BM25 scores per query before common terms only re-score (see bm25-plan.ts). */
    private readonly postingsBudget: number = DEFAULT_POSTINGS_BUDGET,
  ) {}

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
    const depth = mode === 'hybrid' ? Math.max(FUSION_DEPTH, k) : k;
    const ranked =
      mode === 'bm25'
        ? this.bm25(query, depth, options)
        : mode === 'vector'
          ? await this.vector(query, depth, options)
          : reciprocalRankFusion([this.bm25(query, depth, options), await this.vector(query, depth, options)]);
    const top = ranked.slice(0, k);
    const scores = new Map(top.map((item) => [item.id, item.score]));
    const results = this.store.search.hydrate(top.map((item) => item.id)).map((hit) => ({
      ...hit,
      score: scores.get(hit.chunkId) ?? 0,
    }));
    return { results, mode, notices };
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

  private bm25(query: string, k: number, filter: SearchFilter): ScoredId[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    // One term: nothing to set aside, so no need to count its matches.
    if (terms.length === 1) return this.store.search.bm25(anyTermMatch(terms), k, filter);
    const cap = this.postingsBudget + 1;
    const plan = planBm25(
      terms.map((term) => ({ term, postings: this.store.search.matchCountUpTo(anyTermMatch([term]), cap) })),
      this.postingsBudget,
    );
    return plan.common.length === 0
      ? this.store.search.bm25(anyTermMatch(plan.rare), k, filter)
      : this.store.search.bm25WithCommonTerms(anyTermMatch(plan.rare), anyTermMatch(plan.common), k, filter);
  }

  private async vector(query: string, k: number, filter: SearchFilter): Promise<ScoredId[]> {
    if (!this.embedder || query.trim() === '') return [];
    const vector = await this.embedder.embedQuery(query);
    const typed = filter.types !== undefined && filter.types.length > 0;
    // The vector table knows folders but not file types: over-fetch, then keep those that pass the filter.
    const nearest = this.store.vectors.nearest(vector, typed ? k * 8 : k, filter.folderIds);
    if (!typed) return nearest;
    const passing = this.store.search.passing(
      nearest.map((item) => item.id),
      filter,
    );
    return nearest.filter((item) => passing.has(item.id)).slice(0, k);
  }
}
