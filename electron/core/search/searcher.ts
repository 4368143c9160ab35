/**
 * Search over the store: BM25, vector KNN, or both fused with RRF. With no embedding model, hybrid search
 * runs BM25 alone and says so in `notices`; vector search without a model is an error the user can act on.
 */
import { TroveError } from '../errors.ts';
import type { ChunkHit, ScoredId, SearchFilter, SearchIndex } from '../ports.ts';
import type { Embedder } from '../types.ts';
import { queryTerms } from './analyze.ts';
import { collapseDuplicates, type WithCopies } from './collapse-duplicates.ts';
import { demoteListings } from './demote-listings.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { SearchMode } from './search-modes.ts';

export { SEARCH_MODES, type SearchMode } from './search-modes.ts';

export interface SearchOptions extends SearchFilter {
  readonly k?: number;
  readonly mode?: SearchMode;
  /**
   * Words carried over from earlier turns of a conversation (a follow-up's context): BM25 searches them with
   * the query's own words (store/sqlite/bm25-search.ts says why at the same weight); vector search embeds them with the query.
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

export interface SearcherOptions {
  readonly embedder?: Embedder;
  /** The fingerprint the embedder's vectors carry; vectors of any other fingerprint are not comparable. */
  readonly embeddingFingerprint?: string;
}

export class Searcher {
  private readonly embedder: Embedder | undefined;
  private readonly embeddingFingerprint: string | undefined;

  constructor(
    private readonly index: SearchIndex,
    options: SearcherOptions = {},
  ) {
    this.embedder = options.embedder;
    this.embeddingFingerprint = options.embeddingFingerprint;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const k = Math.max(1, Math.floor(options.k ?? DEFAULT_K));
    const requested = options.mode ?? 'hybrid';
    const notices: string[] = [];
    const vectorProblem = await this.vectorProblem();
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
    const carried = options.carried ?? '';
    const ranked =
      mode === 'bm25'
        ? await this.index.rankLexical(query, depth, filter, { carried })
        : mode === 'vector'
          ? await this.vector(withCarried(query, carried), depth, filter)
          : await this.hybrid(query, depth, filter, carried);
    const results = await this.distinctTop(await demoteListings(ranked, this.index), k);
    return { results, mode, notices };
  }

  /**
   * The best k distinct passages (collapse-duplicates.ts), with their copies among all candidates. Candidates
   * are read in growing batches: most searches find k distinct passages in the first 2k.
   */
  private async distinctTop(ranked: readonly ScoredId[], k: number): Promise<SearchHit[]> {
    const scores = new Map(ranked.map((item) => [item.id, item.score]));
    const hits: (ChunkHit & { score: number })[] = [];
    let hydrated = 0;
    let read = Math.min(ranked.length, 2 * k);
    for (;;) {
      // Only the candidates not read yet are hydrated; the ones before are kept.
      const more = await this.index.hydrate(ranked.slice(hydrated, read).map((item) => item.id));
      hydrated = read;
      hits.push(...more.map((hit) => ({ ...hit, score: scores.get(hit.chunkId) ?? 0 })));
      const distinct = collapseDuplicates(hits, k);
      if (distinct.length >= k || read >= ranked.length) return distinct;
      read = Math.min(ranked.length, read * 2);
    }
  }

  /** Why vector search cannot run now, or undefined when it can. */
  private async vectorProblem(): Promise<string | undefined> {
    if (!this.embedder || !this.embeddingFingerprint) return 'No embedding model configured (index with --embed-model <file.gguf>)';
    const stored = await this.index.vectorState();
    if (stored.fingerprint !== this.embeddingFingerprint) {
      return 'The index holds no vectors for this embedding model yet (run `trove index` to embed)';
    }
    if (!stored.hasVectors) return 'No vectors are indexed yet (run `trove index`)';
    return undefined;
  }

  /**
   * BM25 and vector lists fused by RRF. BM25 is asked for first, so an index with a second thread ranks it
   * there while this thread embeds the query and searches vectors (store/sqlite/sqlite-search-index.ts).
   */
  private async hybrid(query: string, depth: number, filter: SearchFilter, carried: string): Promise<ScoredId[]> {
    const text = this.index.rankLexical(query, depth, filter, { carried, alongsideVectors: true });
    const [lexical, vector] = await Promise.all([text, this.vector(withCarried(query, carried), depth, filter)]);
    return reciprocalRankFusion([lexical, vector]);
  }

  private async vector(query: string, k: number, filter: SearchFilter): Promise<ScoredId[]> {
    if (!this.embedder || query.trim() === '') return [];
    const vector = await this.embedder.embedQuery(query);
    const typed = filter.types !== undefined && filter.types.length > 0;
    // The vector table knows folders but not file types: over-fetch, then keep those that pass the filter.
    const wanted = typed ? k * 8 : k;
    const nearest = await this.index.nearest(vector, wanted, filter.folderIds);
    if (!typed) return nearest;
    const passing = await this.index.passing(
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
