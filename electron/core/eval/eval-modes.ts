/**
 * The retrieval modes an evaluation can score: the three search modes, plus `hybrid+rerank` (hybrid search,
 * then the configured reranker re-scores the top candidates).
 */
import type { Engine } from '../engine.ts';
import { TroveError } from '../errors.ts';
import { rerankHits } from '../search/rerank.ts';
import { SEARCH_MODES, type SearchMode, type SearchOptions, type SearchResponse } from '../search/searcher.ts';

export type EvalMode = SearchMode | 'hybrid+rerank';
export const EVAL_MODES: readonly EvalMode[] = [...SEARCH_MODES, 'hybrid+rerank'];

/** Candidates the reranker re-scores; the rest keep their hybrid order behind them. */
const RERANK_DEPTH = 50;

export function parseEvalModes(values: readonly string[]): EvalMode[] {
  const modes = values.flatMap((value) => value.split(',')).map((mode) => mode.trim()).filter(Boolean);
  for (const mode of modes) {
    if (!EVAL_MODES.includes(mode as EvalMode)) throw new TroveError('INVALID_ARGUMENT', `Unknown mode "${mode}" (choose from ${EVAL_MODES.join(', ')})`);
  }
  return [...new Set(modes)] as EvalMode[];
}

/** Search in an evaluation mode. Throws when the mode cannot run (no embedding model, no reranker). */
export async function searchInMode(engine: Engine, query: string, mode: EvalMode, options: SearchOptions): Promise<SearchResponse> {
  if (mode !== 'hybrid+rerank') return engine.search(query, { ...options, mode });
  const { ranker } = engine;
  if (!ranker) throw new Error('No reranker configured (--reranker <file.gguf>)');
  const response = await engine.search(query, { ...options, mode: 'hybrid' });
  const head = await rerankHits(ranker, query, response.results.slice(0, RERANK_DEPTH));
  return { ...response, results: [...head, ...response.results.slice(RERANK_DEPTH)] };
}
